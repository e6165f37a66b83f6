// Package alert keeps the problems customers report: an alert of an
// organization, optionally about one of its service instances, with a
// priority, a preset label and a text, which staff acknowledge, resolve, or
// turn into a support order.
//
// The rules:
//   - The status goes OPEN → ACKNOWLEDGED → RESOLVED, or OPEN → RESOLVED;
//     a resolved alert is final. Acknowledging twice changes nothing.
//   - An alert becomes at most one order; making it acknowledges the
//     alert, and the alert then shows the order's number and status.
//   - Labels are one list, the platform's, that staff extend; a retired
//     label is no longer offered, and the alerts reported with it keep it.
//   - Alerts belong to their organization (tenancy scope organization).
package alert

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
	entalert "github.com/leitstand/leitstand/server/ent/alert"
	"github.com/leitstand/leitstand/server/ent/alertlabel"
	entorder "github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// Status is where an alert stands.
type Status string

// The states.
const (
	Open         Status = "OPEN"
	Acknowledged Status = "ACKNOWLEDGED"
	Resolved     Status = "RESOLVED"
)

// Statuses lists the states in the order the API numbers them.
func Statuses() []Status { return []Status{Open, Acknowledged, Resolved} }

// Limits.
const (
	// ReportsPerHour is how many alerts a customer's user reports in an
	// hour at most.
	ReportsPerHour   = 20
	MaxTextLen       = 4000
	MaxResolutionLen = 2000
	MaxLabelLen      = 100
)

// Label is a preset kind of problem.
type Label struct {
	ID         uuid.UUID
	Name       string
	RetireTime *time.Time
}

// Alert is a reported problem with the names it refers to.
type Alert struct {
	ID, OrganizationID, LabelID  uuid.UUID
	OrganizationName, LabelName  string
	ServiceInstanceID            *uuid.UUID
	ServiceName                  string
	Priority                     order.Priority
	Text                         string
	ReporterID                   *uuid.UUID
	ReporterEmail                string
	Status                       Status
	AcknowledgeTime, ResolveTime *time.Time
	AcknowledgedBy, ResolvedBy   string
	Resolution                   string
	OrderID                      *uuid.UUID
	OrderNumber                  int64
	OrderStatus                  order.Status
	CreateTime                   time.Time
}

// Report is what a reporter says.
type Report struct {
	OrganizationID    uuid.UUID
	ServiceInstanceID *uuid.UUID
	LabelID           uuid.UUID
	Priority          order.Priority
	Text              string
}

// Service reads and changes alerts.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	orders *order.Service
}

// NewService returns the alerts domain; orders opens the orders made from
// alerts.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, orders *order.Service) *Service {
	return &Service{client: client, audit: aw, clock: clk, orders: orders}
}

const targetType = "alert"

func withNames(q *ent.AlertQuery) *ent.AlertQuery {
	return q.WithOrganization(func(q *ent.OrganizationQuery) { q.Select(organization.FieldName) }).
		WithServiceInstance(func(q *ent.ServiceInstanceQuery) { q.Select(serviceinstance.FieldName) }).
		WithLabel().
		WithOrder(func(q *ent.OrderQuery) { q.Select(entorder.FieldNumber, entorder.FieldStatus) })
}

func alertOf(r *ent.Alert) Alert {
	a := Alert{ID: r.ID, OrganizationID: r.OrganizationID, LabelID: r.LabelID, ServiceInstanceID: r.ServiceInstanceID,
		Priority: order.Priority(r.Priority), Text: r.Text, ReporterID: r.ReporterID, ReporterEmail: r.ReporterEmail,
		Status: Status(r.Status), AcknowledgeTime: r.AcknowledgeTime, AcknowledgedBy: r.AcknowledgedByEmail,
		ResolveTime: r.ResolveTime, ResolvedBy: r.ResolvedByEmail, Resolution: r.Resolution, OrderID: r.OrderID,
		CreateTime: r.CreateTime}
	if e := r.Edges.Organization; e != nil {
		a.OrganizationName = e.Name
	}
	if e := r.Edges.ServiceInstance; e != nil {
		a.ServiceName = e.Name
	}
	if e := r.Edges.Label; e != nil {
		a.LabelName = e.Name
	}
	if e := r.Edges.Order; e != nil {
		a.OrderNumber, a.OrderStatus = e.Number, order.Status(e.Status)
	}
	return a
}

func state(a Alert) map[string]any {
	out := map[string]any{"status": string(a.Status), "priority": string(a.Priority), "label": a.LabelName}
	if a.OrderID != nil {
		out["order_id"] = ids.Format(ids.Order, *a.OrderID)
	}
	if a.Resolution != "" {
		out["resolution"] = a.Resolution
	}
	return out
}

func load(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.Alert, error) {
	r, err := withNames(c.Alert.Query().Where(entalert.ID(id))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("alert", ids.Format(ids.Alert, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get alert: %w", err)
	}
	return r, nil
}

// Get returns one alert.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Alert, error) {
	r, err := load(ctx, s.client, id)
	if err != nil {
		return nil, err
	}
	a := alertOf(r)
	return &a, nil
}

// Report records an alert: by a customer's user through the portal, or
// by staff on their behalf. The reporter is the caller.
func (s *Service) Report(ctx context.Context, r Report) (*Alert, error) {
	var bad []apierr.FieldViolation
	if !slices.Contains(order.Priorities(), r.Priority) {
		bad = append(bad, apierr.FieldViolation{Field: "priority", Rule: "priority.defined", Message: "choose LOW, NORMAL, HIGH or CRITICAL"})
	}
	r.Text = strings.TrimSpace(r.Text)
	switch {
	case r.Text == "":
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.required", Message: "say what is wrong"})
	case utf8.RuneCountInString(r.Text) > MaxTextLen:
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.max_len", Message: "at most 4000 characters"})
	}
	if len(bad) > 0 {
		return nil, apierr.InvalidFields(bad...)
	}
	var out Alert
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if ok, err := tx.Organization.Query().Where(organization.ID(r.OrganizationID)).Exist(ctx); err != nil || !ok {
			if err == nil {
				err = apierr.NotFound("organization", ids.Format(ids.Organization, r.OrganizationID))
			}
			return err
		}
		label, err := tx.AlertLabel.Get(ctx, r.LabelID)
		switch {
		case ent.IsNotFound(err) || (err == nil && label.RetireTime != nil):
			return apierr.Invalid("label_id", "label_id.offered", "choose one of the labels offered")
		case err != nil:
			return err
		}
		// The alert is in its instance's workspace, so it is confined as
		// the instance is.
		var workspace *uuid.UUID
		if r.ServiceInstanceID != nil {
			si, err := tx.ServiceInstance.Query().Where(serviceinstance.ID(*r.ServiceInstanceID)).Only(ctx)
			if ent.IsNotFound(err) || (err == nil && si.OrganizationID != r.OrganizationID) {
				return apierr.Invalid("service_instance_id", "service_instance_id.of_organization",
					"no service %s in this organization", ids.Format(ids.Service, *r.ServiceInstanceID))
			}
			if err != nil {
				return err
			}
			workspace = &si.WorkspaceID
		}
		a := authz.ActorOf(ctx)
		now := s.clock.Now()
		// A customer's user reports through the portal, open to every
		// customer: counted in the change, which holds the audit chain's
		// lock, so parallel reports cannot slip past the limit.
		if authz.IsCustomer(ctx) && a.ID != nil {
			n, err := tx.Alert.Query().Where(entalert.ReporterID(*a.ID), entalert.CreateTimeGT(now.Add(-time.Hour))).Count(ctx)
			if err != nil {
				return err
			}
			if n >= ReportsPerHour {
				return apierr.ResourceExhausted("at most %d alerts an hour; we are on the ones you reported", ReportsPerHour)
			}
		}
		id := uuid.Must(uuid.NewV7())
		if err := tx.Alert.Create().SetID(id).SetOrganizationID(r.OrganizationID).SetNillableServiceInstanceID(r.ServiceInstanceID).SetNillableWorkspaceID(workspace).
			SetLabelID(r.LabelID).SetPriority(entalert.Priority(r.Priority)).SetText(r.Text).
			SetNillableReporterID(a.ID).SetReporterEmail(a.Email).SetCreateTime(now).Exec(ctx); err != nil {
			return err
		}
		row, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		out = alertOf(row)
		st := state(out)
		st["organization_id"] = ids.Format(ids.Organization, r.OrganizationID)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Alert, id), After: st})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// change applies fn to an alert that is not resolved, in an audited
// change; fn returns false when the alert is already as asked.
func (s *Service) change(ctx context.Context, id uuid.UUID, fn func(tx *ent.Tx, a Alert, upd *ent.AlertUpdateOne, now time.Time) (bool, error)) (*Alert, error) {
	var out Alert
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := alertOf(r)
		if before.Status == Resolved {
			return apierr.FailedPrecondition("the alert was resolved on %s and is kept as it was", before.ResolveTime.UTC().Format(time.DateOnly))
		}
		upd := tx.Alert.UpdateOneID(id)
		changed, err := fn(tx, before, upd, s.clock.Now())
		if err != nil {
			return err
		}
		if !changed {
			out = before
			return audit.Unchanged
		}
		if err := upd.Exec(ctx); err != nil {
			return err
		}
		if r, err = load(ctx, tx.Client(), id); err != nil {
			return err
		}
		out = alertOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Alert, id), Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Acknowledge says staff have seen the alert.
func (s *Service) Acknowledge(ctx context.Context, id uuid.UUID) (*Alert, error) {
	return s.change(ctx, id, func(_ *ent.Tx, a Alert, upd *ent.AlertUpdateOne, now time.Time) (bool, error) {
		if a.Status != Open {
			return false, nil
		}
		upd.SetStatus(entalert.StatusACKNOWLEDGED).SetAcknowledgeTime(now).SetAcknowledgedByEmail(authz.ActorOf(ctx).Email)
		return true, nil
	})
}

// Resolve closes the alert with what was done.
func (s *Service) Resolve(ctx context.Context, id uuid.UUID, resolution string) (*Alert, error) {
	resolution = strings.TrimSpace(resolution)
	switch {
	case resolution == "":
		return nil, apierr.Invalid("resolution", "resolution.required", "say what was done")
	case utf8.RuneCountInString(resolution) > MaxResolutionLen:
		return nil, apierr.Invalid("resolution", "resolution.max_len", "at most 2000 characters")
	}
	return s.change(ctx, id, func(_ *ent.Tx, a Alert, upd *ent.AlertUpdateOne, now time.Time) (bool, error) {
		by := authz.ActorOf(ctx).Email
		upd.SetStatus(entalert.StatusRESOLVED).SetResolveTime(now).SetResolvedByEmail(by).SetResolution(resolution)
		if a.AcknowledgeTime == nil {
			upd.SetAcknowledgeTime(now).SetAcknowledgedByEmail(by)
		}
		return true, nil
	})
}

// CreateOrder opens a SUPPORT order from the alert: its organization and
// service, titled by its label, described by its text, at its priority,
// and links the two. The caller needs ORDERS_WRITE as well.
func (s *Service) CreateOrder(ctx context.Context, id uuid.UUID, assignee *uuid.UUID) (*Alert, *order.Order, error) {
	if p := authz.FromContext(ctx); p == nil || !p.Has(authz.OrdersWrite) {
		return nil, nil, apierr.PermissionDenied("opening an order needs the permission ORDERS_WRITE")
	}
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case a.OrderID != nil:
		return nil, nil, apierr.FailedPrecondition("the alert became order #%d already", a.OrderNumber)
	case a.Status == Resolved:
		return nil, nil, apierr.FailedPrecondition("the alert is resolved")
	}
	title := a.LabelName
	if a.ServiceName != "" {
		title += ": " + a.ServiceName
	}
	if utf8.RuneCountInString(title) > order.MaxTitleLen {
		title = string([]rune(title)[:order.MaxTitleLen])
	}
	description := fmt.Sprintf("Reported by %s on %s:\n\n%s", a.ReporterEmail, a.CreateTime.UTC().Format("2006-01-02 15:04 UTC"), a.Text)
	// The order and the link are two changes: an order opened whose link
	// then fails (the alert was resolved meanwhile) stays, and says where
	// it came from in its description.
	o, err := s.orders.Create(ctx, a.OrganizationID, order.Values{Title: title, Description: description, Kind: order.Support,
		Priority: a.Priority, ServiceInstanceID: a.ServiceInstanceID, AssigneeID: assignee})
	if err != nil {
		return nil, nil, apierr.Under(err, "order", "assignee_id")
	}
	linked, err := s.change(ctx, id, func(_ *ent.Tx, cur Alert, upd *ent.AlertUpdateOne, now time.Time) (bool, error) {
		if cur.OrderID != nil {
			return false, apierr.FailedPrecondition("the alert became order #%d meanwhile", cur.OrderNumber)
		}
		upd.SetOrderID(o.ID)
		if cur.Status == Open {
			upd.SetStatus(entalert.StatusACKNOWLEDGED).SetAcknowledgeTime(now).SetAcknowledgedByEmail(authz.ActorOf(ctx).Email)
		}
		return true, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return linked, o, nil
}

// Filter selects a page of alerts.
type Filter struct {
	PageSize                          int32
	PageToken                         string
	OrganizationID, ServiceInstanceID *uuid.UUID
	LabelID                           *uuid.UUID
	Statuses                          []Status
	Priorities                        []order.Priority
}

// Page is one page of alerts.
type Page struct {
	Items         []Alert
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Time  time.Time `json:"t"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of the alerts the caller sees, newest first.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	var where []predicate.Alert
	if f.OrganizationID != nil {
		where = append(where, entalert.OrganizationID(*f.OrganizationID))
	}
	if f.ServiceInstanceID != nil {
		where = append(where, entalert.ServiceInstanceID(*f.ServiceInstanceID))
	}
	if f.LabelID != nil {
		where = append(where, entalert.LabelID(*f.LabelID))
	}
	if len(f.Statuses) > 0 {
		st := make([]entalert.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = entalert.Status(v)
		}
		where = append(where, entalert.StatusIn(st...))
	}
	if len(f.Priorities) > 0 {
		pr := make([]entalert.Priority, len(f.Priorities))
		for i, v := range f.Priorities {
			pr[i] = entalert.Priority(v)
		}
		where = append(where, entalert.PriorityIn(pr...))
	}
	fp := paging.Fingerprint("alerts", f.OrganizationID, f.ServiceInstanceID, f.LabelID, f.Statuses, f.Priorities)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Alert.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: entalert.FieldCreateTime, Value: c.Time}, paging.Key{Column: entalert.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := withNames(q.Order(entalert.ByCreateTime(sql.OrderDesc()), entalert.ByID(sql.OrderDesc()))).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Alert.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count alerts: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Alert) any {
		return cursor{Time: last.CreateTime, ID: last.ID, Total: total}
	})
	page.Items = make([]Alert, len(rows))
	for i, r := range rows {
		page.Items[i] = alertOf(r)
	}
	return page, nil
}

// Labels lists the labels in their order, retired ones last.
func (s *Service) Labels(ctx context.Context) ([]Label, error) {
	rows, err := s.client.AlertLabel.Query().Order(alertlabel.ByPosition(), alertlabel.ByName()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("alert labels: %w", err)
	}
	var offered, retired []Label
	for _, r := range rows {
		l := Label{ID: r.ID, Name: r.Name, RetireTime: r.RetireTime}
		if r.RetireTime == nil {
			offered = append(offered, l)
		} else {
			retired = append(retired, l)
		}
	}
	return append(offered, retired...), nil
}

// CreateLabel adds a label at the end of the list.
func (s *Service) CreateLabel(ctx context.Context, name string) (*Label, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return nil, apierr.Invalid("name", "name.required", "name the label")
	case utf8.RuneCountInString(name) > MaxLabelLen:
		return nil, apierr.Invalid("name", "name.max_len", "at most 100 characters")
	}
	var out Label
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		rows, err := tx.AlertLabel.Query().All(ctx)
		if err != nil {
			return err
		}
		last := -1
		for _, r := range rows {
			if textfold.Fold(r.Name) == textfold.Fold(name) {
				return apierr.Invalid("name", "name.unique", "a label %q exists", r.Name)
			}
			last = max(last, r.Position)
		}
		r, err := tx.AlertLabel.Create().SetID(uuid.Must(uuid.NewV7())).SetName(name).SetPosition(last + 1).
			SetCreateTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		out = Label{ID: r.ID, Name: r.Name}
		log.Record(audit.Event{TargetType: "alert_label", TargetID: ids.Format(ids.AlertLabel, r.ID), After: map[string]any{"name": name}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RetireLabel takes a label off the list; alerts keep it.
func (s *Service) RetireLabel(ctx context.Context, id uuid.UUID) (*Label, error) {
	var out Label
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.AlertLabel.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("alert label", ids.Format(ids.AlertLabel, id))
		}
		if err != nil {
			return err
		}
		if r.RetireTime != nil {
			out = Label{ID: r.ID, Name: r.Name, RetireTime: r.RetireTime}
			return audit.Unchanged
		}
		u, err := tx.AlertLabel.UpdateOne(r).SetRetireTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		out = Label{ID: u.ID, Name: u.Name, RetireTime: u.RetireTime}
		log.Record(audit.Event{TargetType: "alert_label", TargetID: ids.Format(ids.AlertLabel, id),
			Before: map[string]any{"name": r.Name}, After: map[string]any{"name": r.Name, "retired": true}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DefaultLabels are the labels a new platform offers.
var DefaultLabels = []string{"Service unavailable", "Login issues", "Performance", "Billing question", "Other"}

// EnsureLabels adds the default labels when there are none: the list
// customers choose from is never empty. Replicas starting together add
// them once: the count is taken in the change, under the audit chain's
// lock.
func (s *Service) EnsureLabels(ctx context.Context) error {
	if n, err := s.client.AlertLabel.Query().Count(ctx); err != nil || n > 0 {
		return err
	}
	return s.audit.Change(audit.WithAction(ctx, audit.ActionAlertLabelsSeeded), func(tx *ent.Tx, log *audit.Log) error {
		if n, err := tx.AlertLabel.Query().Count(ctx); err != nil || n > 0 {
			if err == nil {
				err = audit.Unchanged
			}
			return err
		}
		for i, name := range DefaultLabels {
			r, err := tx.AlertLabel.Create().SetID(uuid.Must(uuid.NewV7())).SetName(name).SetPosition(i).
				SetCreateTime(s.clock.Now()).Save(ctx)
			if err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: "alert_label", TargetID: ids.Format(ids.AlertLabel, r.ID), After: map[string]any{"name": name}})
		}
		return nil
	})
}
