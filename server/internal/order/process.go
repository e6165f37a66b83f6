package order

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/orderprocess"
	"github.com/leitstand/leitstand/server/ent/processstep"
	"github.com/leitstand/leitstand/server/ent/processtemplate"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// Processes: checklists on orders. A template is the platform's named list
// of steps; an order's process is a copy made when it is added, so editing
// or deleting a template changes no process. Steps are ticked with who and
// when; an order's progress is its processes' steps done over all.

// Limits of templates.
const (
	MaxTemplateNameLen = 100
	MaxTemplateSteps   = 50
	MaxStepTitleLen    = 200
)

// TemplateValues are a template's editable fields.
type TemplateValues struct {
	Name, Description string
	Steps             []string
}

// Template is a process template.
type Template struct {
	ID uuid.UUID
	TemplateValues
	CreateTime, UpdateTime time.Time
}

// Step is one step of a process.
type Step struct {
	ID       uuid.UUID
	Title    string
	DoneTime *time.Time
	DoneByID *uuid.UUID
	DoneBy   string
}

// Process is a checklist on an order.
type Process struct {
	ID, OrderID uuid.UUID
	// TemplateID is nil once the template is deleted.
	TemplateID *uuid.UUID
	Name       string
	Steps      []Step
	CreateTime time.Time
}

var templateMask = fieldmask.Mask[TemplateValues]{Fields: []fieldmask.Field[TemplateValues]{
	{Path: "name",
		Check: func(v TemplateValues) (string, string) {
			if strings.TrimSpace(v.Name) == "" {
				return "name.required", "give the template a name"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Name) <= MaxTemplateNameLen, "name.max_len", "at most 100 characters")
		},
		Copy: func(d *TemplateValues, s TemplateValues) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "description",
		Check: func(v TemplateValues) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= 2000, "description.max_len", "at most 2000 characters")
		},
		Copy: func(d *TemplateValues, s TemplateValues) { d.Description = strings.TrimSpace(s.Description) }},
	{Path: "steps",
		Check: func(v TemplateValues) (string, string) {
			if len(v.Steps) == 0 || len(v.Steps) > MaxTemplateSteps {
				return "steps.count", "from 1 to 50 steps"
			}
			for _, st := range v.Steps {
				if strings.TrimSpace(st) == "" || utf8.RuneCountInString(st) > MaxStepTitleLen {
					return "steps.title", "each step a title of 1 to 200 characters"
				}
			}
			return "", ""
		},
		Copy: func(d *TemplateValues, s TemplateValues) {
			d.Steps = make([]string, len(s.Steps))
			for i, st := range s.Steps {
				d.Steps[i] = strings.TrimSpace(st)
			}
		}},
}}

// TemplatePaths are the update-mask paths UpdateProcessTemplate accepts.
var TemplatePaths = templateMask.Paths()

const templateTarget = "process_template"

func templateOf(r *ent.ProcessTemplate) Template {
	return Template{ID: r.ID, TemplateValues: TemplateValues{Name: r.Name, Description: r.Description, Steps: slices.Clone(r.Steps)},
		CreateTime: r.CreateTime, UpdateTime: r.UpdateTime}
}

func templateState(t Template) map[string]any {
	return map[string]any{"name": t.Name, "description": t.Description, "steps": t.Steps}
}

// nameTaken refuses a template name another template has, ignoring case.
func nameTaken(ctx context.Context, c *ent.Client, name string, except uuid.UUID, field string) error {
	rows, err := c.ProcessTemplate.Query().Where(processtemplate.IDNEQ(except)).Select(processtemplate.FieldName).Strings(ctx)
	if err != nil {
		return err
	}
	for _, n := range rows {
		if textfold.Fold(n) == textfold.Fold(name) {
			return apierr.Invalid(field, "name.unique", "a template named %q exists", n)
		}
	}
	return nil
}

// Templates lists the templates by name.
func (s *Service) Templates(ctx context.Context) ([]Template, error) {
	rows, err := s.client.ProcessTemplate.Query().Order(processtemplate.ByName()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("process templates: %w", err)
	}
	out := make([]Template, len(rows))
	for i, r := range rows {
		out[i] = templateOf(r)
	}
	return out, nil
}

// Template returns one template.
func (s *Service) Template(ctx context.Context, id uuid.UUID) (*Template, error) {
	r, err := s.client.ProcessTemplate.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("process template", ids.Format(ids.ProcessTemplate, id))
	}
	if err != nil {
		return nil, err
	}
	t := templateOf(r)
	return &t, nil
}

// CreateTemplate adds a template.
func (s *Service) CreateTemplate(ctx context.Context, v TemplateValues) (*Template, error) {
	var in TemplateValues
	templateMask.Apply(&in, v, TemplatePaths)
	if err := templateMask.Check(in, TemplatePaths, "process_template"); err != nil {
		return nil, err
	}
	var out Template
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := nameTaken(ctx, tx.Client(), in.Name, uuid.Nil, "process_template.name"); err != nil {
			return err
		}
		now := s.clock.Now()
		r, err := tx.ProcessTemplate.Create().SetID(uuid.Must(uuid.NewV7())).SetName(in.Name).SetDescription(in.Description).
			SetSteps(in.Steps).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = templateOf(r)
		log.Record(audit.Event{TargetType: templateTarget, TargetID: ids.Format(ids.ProcessTemplate, r.ID), After: templateState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateTemplate changes the fields named in paths.
func (s *Service) UpdateTemplate(ctx context.Context, id uuid.UUID, v TemplateValues, paths []string) (*Template, error) {
	leaves, err := templateMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in TemplateValues
	templateMask.Apply(&in, v, leaves)
	if err := templateMask.Check(in, leaves, "process_template"); err != nil {
		return nil, err
	}
	var out Template
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.ProcessTemplate.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("process template", ids.Format(ids.ProcessTemplate, id))
		}
		if err != nil {
			return err
		}
		before := templateOf(r)
		next := before.TemplateValues
		templateMask.Apply(&next, in, leaves)
		if next.Name == before.Name && next.Description == before.Description && slices.Equal(next.Steps, before.Steps) {
			out = before
			return audit.Unchanged
		}
		if err := nameTaken(ctx, tx.Client(), next.Name, id, "process_template.name"); err != nil {
			return err
		}
		u, err := tx.ProcessTemplate.UpdateOneID(id).SetName(next.Name).SetDescription(next.Description).SetSteps(next.Steps).
			SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		out = templateOf(u)
		log.Record(audit.Event{TargetType: templateTarget, TargetID: ids.Format(ids.ProcessTemplate, id),
			Before: templateState(before), After: templateState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteTemplate removes a template; processes made from it keep their
// steps and lose only the reference.
func (s *Service) DeleteTemplate(ctx context.Context, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.ProcessTemplate.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("process template", ids.Format(ids.ProcessTemplate, id))
		}
		if err != nil {
			return err
		}
		// The processes made from it are the customers' records; the
		// reference goes, the copy stays.
		if err := tx.OrderProcess.Update().Where(orderprocess.TemplateID(id)).ClearTemplateID().Exec(ctx); err != nil {
			return err
		}
		if err := tx.ProcessTemplate.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: templateTarget, TargetID: ids.Format(ids.ProcessTemplate, id), Before: templateState(templateOf(r))})
		return nil
	})
}

func processOf(r *ent.OrderProcess) Process {
	p := Process{ID: r.ID, OrderID: r.OrderID, TemplateID: r.TemplateID, Name: r.Name, CreateTime: r.CreateTime}
	steps := slices.Clone(r.Edges.Steps)
	slices.SortFunc(steps, func(a, b *ent.ProcessStep) int { return a.Position - b.Position })
	for _, st := range steps {
		p.Steps = append(p.Steps, Step{ID: st.ID, Title: st.Title, DoneTime: st.DoneTime, DoneByID: st.DoneByID, DoneBy: st.DoneByEmail})
	}
	return p
}

func processState(p Process) map[string]any {
	done := 0
	for _, st := range p.Steps {
		if st.DoneTime != nil {
			done++
		}
	}
	return map[string]any{"process": p.Name, "steps_done": done, "steps_total": len(p.Steps)}
}

func loadProcess(ctx context.Context, c *ent.Client, orderID, id uuid.UUID) (*ent.OrderProcess, error) {
	r, err := c.OrderProcess.Query().Where(orderprocess.ID(id), orderprocess.OrderID(orderID)).WithSteps().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("process", ids.Format(ids.OrderProcess, id))
	}
	return r, err
}

// Processes lists an order's processes with their steps.
func (s *Service) Processes(ctx context.Context, orderID uuid.UUID) ([]Process, error) {
	if _, err := load(ctx, s.client, orderID); err != nil {
		return nil, err
	}
	rows, err := s.client.OrderProcess.Query().Where(orderprocess.OrderID(orderID)).WithSteps().
		Order(orderprocess.ByCreateTime(), orderprocess.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("order processes: %w", err)
	}
	out := make([]Process, len(rows))
	for i, r := range rows {
		out[i] = processOf(r)
	}
	return out, nil
}

// AddProcess copies a template onto an order.
func (s *Service) AddProcess(ctx context.Context, orderID, templateID uuid.UUID) (*Process, error) {
	var out Process
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := load(ctx, tx.Client(), orderID)
		if err != nil {
			return err
		}
		if Closed(Status(o.Status)) {
			return apierr.FailedPrecondition("order #%d is %s; reopen it to add a process", o.Number, strings.ToLower(string(o.Status)))
		}
		tpl, err := tx.ProcessTemplate.Get(ctx, templateID)
		if ent.IsNotFound(err) {
			return apierr.Invalid("template_id", "template_id.exists", "no process template %s", ids.Format(ids.ProcessTemplate, templateID))
		}
		if err != nil {
			return err
		}
		id := uuid.Must(uuid.NewV7())
		if err := tx.OrderProcess.Create().SetID(id).SetOrganizationID(o.OrganizationID).SetOrderID(orderID).
			SetTemplateID(templateID).SetName(tpl.Name).SetCreateTime(s.clock.Now()).Exec(ctx); err != nil {
			return err
		}
		steps := make([]*ent.ProcessStepCreate, len(tpl.Steps))
		for i, title := range tpl.Steps {
			steps[i] = tx.ProcessStep.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(o.OrganizationID).
				SetProcessID(id).SetPosition(i).SetTitle(title)
		}
		if err := tx.ProcessStep.CreateBulk(steps...).Exec(ctx); err != nil {
			return err
		}
		r, err := loadProcess(ctx, tx.Client(), orderID, id)
		if err != nil {
			return err
		}
		out = processOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, orderID), After: processState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RemoveProcess takes a process off an order, with its steps.
func (s *Service) RemoveProcess(ctx context.Context, orderID, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := load(ctx, tx.Client(), orderID)
		if err != nil {
			return err
		}
		if Closed(Status(o.Status)) {
			return apierr.FailedPrecondition("order #%d is %s; reopen it to change its processes", o.Number, strings.ToLower(string(o.Status)))
		}
		r, err := loadProcess(ctx, tx.Client(), orderID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ProcessStep.Delete().Where(processstep.ProcessID(id)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.OrderProcess.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, orderID), Before: processState(processOf(r))})
		return nil
	})
}

// SetStep ticks a step as done, with who and when, or opens it again.
func (s *Service) SetStep(ctx context.Context, orderID, stepID uuid.UUID, done bool) (*Process, error) {
	var out Process
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := load(ctx, tx.Client(), orderID)
		if err != nil {
			return err
		}
		st, err := tx.ProcessStep.Query().Where(processstep.ID(stepID),
			processstep.HasProcessWith(orderprocess.OrderID(orderID))).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("process step", ids.Format(ids.ProcessStep, stepID))
		}
		if err != nil {
			return err
		}
		if (st.DoneTime != nil) == done {
			r, err := loadProcess(ctx, tx.Client(), orderID, st.ProcessID)
			if err != nil {
				return err
			}
			out = processOf(r)
			return audit.Unchanged
		}
		if Closed(Status(o.Status)) {
			return apierr.FailedPrecondition("order #%d is %s; reopen it to change its steps", o.Number, strings.ToLower(string(o.Status)))
		}
		upd := tx.ProcessStep.UpdateOneID(stepID)
		if done {
			by, email := actor(ctx)
			upd.SetDoneTime(s.clock.Now()).SetNillableDoneByID(by).SetDoneByEmail(email)
		} else {
			upd.ClearDoneTime().ClearDoneByID().SetDoneByEmail("")
		}
		if err := upd.Exec(ctx); err != nil {
			return err
		}
		r, err := loadProcess(ctx, tx.Client(), orderID, st.ProcessID)
		if err != nil {
			return err
		}
		out = processOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, orderID),
			After: map[string]any{"process": out.Name, "step": st.Title, "done": done}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// progress reads the steps done and in all of the orders' processes.
func (s *Service) progress(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID][2]int, error) {
	var rows []struct {
		OrderID uuid.UUID `json:"order_id"`
		Total   int       `json:"total"`
		Done    int       `json:"done"`
	}
	err := s.client.ProcessStep.Query().Where(processstep.HasProcessWith(orderprocess.OrderIDIn(idList...))).
		Modify(func(sel *sql.Selector) {
			p := sql.Table(orderprocess.Table).As(orderprocess.Table)
			sel.Join(p).On(sel.C(processstep.FieldProcessID), p.C(orderprocess.FieldID)).
				Select(sql.As(p.C(orderprocess.FieldOrderID), "order_id"), sql.As(sql.Count("*"), "total"),
					sql.As(fmt.Sprintf("SUM(CASE WHEN %s IS NULL THEN 0 ELSE 1 END)", sel.C(processstep.FieldDoneTime)), "done")).
				GroupBy(p.C(orderprocess.FieldOrderID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("order progress: %w", err)
	}
	out := make(map[uuid.UUID][2]int, len(rows))
	for _, r := range rows {
		out[r.OrderID] = [2]int{r.Done, r.Total}
	}
	return out, nil
}

// withProgress fills in the orders' progress.
func (s *Service) withProgress(ctx context.Context, os ...*Order) error {
	idList := make([]uuid.UUID, len(os))
	for i, o := range os {
		idList[i] = o.ID
	}
	p, err := s.progress(ctx, idList)
	if err != nil {
		return err
	}
	for _, o := range os {
		o.StepsDone, o.StepsTotal = p[o.ID][0], p[o.ID][1]
	}
	return nil
}
