package contract

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entdiscount "github.com/leitstand/leitstand/server/ent/discount"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Discounts belong to an organization's agreement beside its contract:
//   - A discount takes a percentage (in basis points, 1 to 10000) off the
//     net of the invoice lines it applies to: all of the organization's,
//     or those of one of its workspaces. The invoice of each billing date
//     from its start date to its end date (the last day it applies,
//     included; none until further notice) carries it as a line of its
//     own, "Rabatt <name> (10 %)" (rule 7 of the billing computation).
//   - It is granted from today or a later day, with a reason; a closed
//     organization gets none. Granting it in the past would not reach the
//     invoices issued already, and would only pretend it did.
//   - It is ended, with a reason, by setting its last day: today or later,
//     never before its start. A discount that applied to an issued invoice
//     stays on that invoice; ending it cannot reach back.
//   - Discounts are never deleted: the ended ones are the organization's
//     discount history.

// Discount is a percentage reduction of an organization's invoices.
type Discount struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	// Workspace is the workspace whose lines it reduces, uuid.Nil for the
	// whole organization; WorkspaceName its name.
	Workspace     uuid.UUID
	WorkspaceName string
	Name          string
	Kind          DiscountKind
	// BasisPoints is the percentage: 1000 is 10 %.
	BasisPoints int
	// Start is the first day it applies, End the last (included); nil
	// End: until further notice.
	Start calendar.Date
	End   *calendar.Date
	// Active: in force today in the organization's billing calendar.
	Active         bool
	Reason         string
	CreatedByEmail string
	CreateTime     time.Time
	UpdateTime     time.Time
	EndReason      string
	EndedByEmail   string
}

// DiscountKind is what a discount is for.
type DiscountKind string

// The kinds of discount.
const (
	// Commercial: a commercial agreement, such as a startup or a loyalty
	// discount; the kind when none is named.
	Commercial DiscountKind = "COMMERCIAL"
	// Scholarship: for a school, a non-profit, a student project.
	Scholarship DiscountKind = "SCHOLARSHIP"
	// Staff: for the platform's own staff.
	Staff DiscountKind = "STAFF"
	// TrialDiscount: while a customer tries the platform.
	TrialDiscount DiscountKind = "TRIAL"
)

// DiscountKinds lists the kinds of discount.
func DiscountKinds() []DiscountKind {
	return []DiscountKind{Commercial, Scholarship, Staff, TrialDiscount}
}

// Grant is a discount to grant.
type Grant struct {
	// Workspace names the workspace whose lines it reduces; nil for the
	// whole organization.
	Workspace   *uuid.UUID
	Name        string
	Kind        DiscountKind // Commercial when empty
	BasisPoints int
	// Start is the first day it applies; nil for today.
	Start *calendar.Date
	// End is the last day it applies; nil until further notice.
	End    *calendar.Date
	Reason string
}

// The bounds of a discount.
const (
	MaxDiscountName = 80
	MaxBasisPoints  = 10000
)

// discountTarget is what the audit trail calls a discount.
const discountTarget = "discount"

// inForce reports whether a discount starting on start and ending on end
// (nil: open) applies on day.
func inForce(start calendar.Date, end *calendar.Date, day calendar.Date) bool {
	return !start.After(day) && (end == nil || !end.Before(day))
}

// discountState is what the audit trail keeps of a discount.
func discountState(d Discount) map[string]any {
	out := map[string]any{"name": d.Name, "kind": string(d.Kind), "basis_points": d.BasisPoints, "start_date": d.Start.String()}
	if d.Workspace != uuid.Nil {
		out["workspace_id"] = ids.Format(ids.Workspace, d.Workspace)
	}
	if d.End != nil {
		out["end_date"] = d.End.String()
	}
	return out
}

// discountOf makes a discount of a row, in force or not on today.
func discountOf(r *ent.Discount, workspaces map[uuid.UUID]string, today calendar.Date) Discount {
	d := Discount{
		ID: r.ID, OrganizationID: r.OrganizationID, Name: r.Name, Kind: DiscountKind(r.Kind), BasisPoints: r.BasisPoints,
		Start: dateOf(r.StartDate), Reason: r.Reason, CreatedByEmail: r.CreatedByEmail,
		CreateTime: r.CreateTime, UpdateTime: r.UpdateTime, EndReason: r.EndReason, EndedByEmail: r.EndedByEmail,
	}
	if r.WorkspaceID != nil {
		d.Workspace = *r.WorkspaceID
		d.WorkspaceName = workspaces[d.Workspace]
	}
	if r.EndDate != nil {
		end := dateOf(*r.EndDate)
		d.End = &end
	}
	d.Active = inForce(d.Start, d.End, today)
	return d
}

// loadDiscounts makes discounts of rows, with their workspaces' names read
// in one query.
func loadDiscounts(ctx context.Context, c *ent.Client, rows []*ent.Discount, today calendar.Date) ([]Discount, error) {
	var wsIDs []uuid.UUID
	for _, r := range rows {
		if r.WorkspaceID != nil {
			wsIDs = append(wsIDs, *r.WorkspaceID)
		}
	}
	names := map[uuid.UUID]string{}
	if len(wsIDs) > 0 {
		wss, err := c.Workspace.Query().Where(workspace.IDIn(wsIDs...)).Select(workspace.FieldID, workspace.FieldName).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("discounts' workspaces: %w", err)
		}
		for _, w := range wss {
			names[w.ID] = w.Name
		}
	}
	out := make([]Discount, len(rows))
	for i, r := range rows {
		out[i] = discountOf(r, names, today)
	}
	return out, nil
}

// checkGrant refuses a grant whose values are out of bounds, each at its
// field, and returns it tidied: name and reason trimmed, the start today
// when none is given.
func checkGrant(g Grant, today calendar.Date) (Grant, error) {
	if g.Start == nil {
		g.Start = &today
	}
	if g.Kind == "" {
		g.Kind = Commercial
	}
	g.Name, g.Reason = strings.TrimSpace(g.Name), strings.TrimSpace(g.Reason)
	var vs []apierr.FieldViolation
	if !slices.Contains(DiscountKinds(), g.Kind) {
		vs = append(vs, apierr.FieldViolation{Field: "kind", Rule: "kind.defined",
			Message: "choose COMMERCIAL, SCHOLARSHIP, STAFF or TRIAL"})
	}
	switch n := utf8.RuneCountInString(g.Name); {
	case n == 0:
		vs = append(vs, apierr.FieldViolation{Field: "name", Rule: "name.required",
			Message: "name the discount: the invoice line reads \"Rabatt <name>\""})
	case n > MaxDiscountName:
		vs = append(vs, apierr.FieldViolation{Field: "name", Rule: "string.max_len",
			Message: fmt.Sprintf("value length must be at most %d characters", MaxDiscountName)})
	}
	if g.BasisPoints < 1 || g.BasisPoints > MaxBasisPoints {
		vs = append(vs, apierr.FieldViolation{Field: "basis_points", Rule: "int32.gte_lte",
			Message: fmt.Sprintf("value must be greater than or equal to 1 and less than or equal to %d", MaxBasisPoints)})
	}
	if g.Start.Before(today) {
		vs = append(vs, apierr.FieldViolation{Field: "start_date", Rule: "start_date.before_today",
			Message: fmt.Sprintf("a discount starts today (%s) or later: the invoices issued before are not changed", today)})
	}
	if g.End != nil && g.End.Before(*g.Start) {
		vs = append(vs, apierr.FieldViolation{Field: "end_date", Rule: "end_date.before_start",
			Message: fmt.Sprintf("the last day (%s) is before the first (%s)", g.End, g.Start)})
	}
	if g.Reason == "" {
		vs = append(vs, apierr.FieldViolation{Field: "reason", Rule: "reason.required", Message: "say why the discount is granted"})
	}
	if len(vs) > 0 {
		return g, apierr.InvalidFields(vs...)
	}
	return g, nil
}

// GrantDiscount grants an organization, or one of its workspaces, a
// discount from g.Start (today when nil; never before today) until g.End.
func (s *Service) GrantDiscount(ctx context.Context, org uuid.UUID, g Grant) (*Discount, error) {
	g, err := s.CheckGrant(ctx, org, g)
	if err != nil {
		return nil, err
	}
	var out Discount
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		out, err = s.GrantIn(ctx, tx, log, org, g)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CheckGrant checks a discount to grant to org against its bounds, each
// at its field, and returns it tidied for GrantIn: name and reason trimmed,
// the start today when none is given, the kind Commercial when none is.
func (s *Service) CheckGrant(ctx context.Context, org uuid.UUID, g Grant) (Grant, error) {
	cal, err := s.calendarOf(ctx, org)
	if err != nil {
		return g, err
	}
	return checkGrant(g, cal.today)
}

// Granting is GrantIn as a change's function, for a change that measures
// what it does (account.Measure): the discount it grants is written to
// out.
func (s *Service) Granting(ctx context.Context, org uuid.UUID, g Grant, out *Discount) audit.Func {
	return func(tx *ent.Tx, log *audit.Log) (err error) {
		*out, err = s.GrantIn(ctx, tx, log, org, g)
		return err
	}
}

// GrantIn grants the discount g, checked by CheckGrant, in the change tx:
// GrantDiscount's change, or another one that measures what it does (an
// account's row action with its preview).
func (s *Service) GrantIn(ctx context.Context, tx *ent.Tx, log *audit.Log, org uuid.UUID, g Grant) (Discount, error) {
	cal, err := s.calendarOf(ctx, org)
	if err != nil {
		return Discount{}, err
	}
	o, err := tx.Organization.Query().Where(organization.ID(org)).Select(organization.FieldName, organization.FieldStatus).Only(ctx)
	if ent.IsNotFound(err) {
		return Discount{}, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	if err != nil {
		return Discount{}, fmt.Errorf("read organization: %w", err)
	}
	if o.Status == organization.StatusCLOSED {
		return Discount{}, apierr.FailedPrecondition("%s is closed: it gets no new discounts", o.Name)
	}
	names := map[uuid.UUID]string{}
	if g.Workspace != nil {
		w, err := tx.Workspace.Query().Where(workspace.ID(*g.Workspace)).Only(ctx)
		if ent.IsNotFound(err) || (err == nil && w.OrganizationID != org) {
			return Discount{}, apierr.Invalid("workspace_id", "workspace_id.organization", "the workspace %s is not one of %s's",
				ids.Format(ids.Workspace, *g.Workspace), o.Name)
		}
		if err != nil {
			return Discount{}, fmt.Errorf("read workspace: %w", err)
		}
		names[w.ID] = w.Name
	}
	now := s.clock.Now()
	create := tx.Discount.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org).SetNillableWorkspaceID(g.Workspace).
		SetName(g.Name).SetKind(entdiscount.Kind(g.Kind)).SetBasisPoints(g.BasisPoints).SetStartDate(g.Start.String()).SetReason(g.Reason).
		SetCreatedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now)
	if g.End != nil {
		create.SetEndDate(g.End.String())
	}
	r, err := create.Save(ctx)
	if err != nil {
		return Discount{}, err
	}
	out := discountOf(r, names, cal.today)
	log.Record(audit.Event{TargetType: discountTarget, TargetID: ids.Format(ids.Discount, r.ID), Reason: g.Reason,
		After: discountState(out)})
	return out, nil
}

// EndDiscount sets the last day a discount applies: end, or today when
// nil. The day is today or later and not before the discount's start, so
// no invoice issued with the discount loses it; it is not after an end the
// discount has (that would extend it). Ending it on the day it ends
// already changes nothing.
func (s *Service) EndDiscount(ctx context.Context, id uuid.UUID, end *calendar.Date, reason string) (*Discount, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the discount ends")
	}
	r, err := s.client.Discount.Query().Where(entdiscount.ID(id)).Select(entdiscount.FieldOrganizationID).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("discount", ids.Format(ids.Discount, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read discount: %w", err)
	}
	cal, err := s.calendarOf(ctx, r.OrganizationID)
	if err != nil {
		return nil, err
	}
	if end == nil {
		end = &cal.today
	}
	var out Discount
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.Discount.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("discount", ids.Format(ids.Discount, id))
		}
		if err != nil {
			return fmt.Errorf("read discount: %w", err)
		}
		rows, err := loadDiscounts(ctx, tx.Client(), []*ent.Discount{r}, cal.today)
		if err != nil {
			return err
		}
		before := rows[0]
		switch {
		case before.End != nil && before.End.Before(cal.today):
			return apierr.FailedPrecondition("the discount %s ended on %s already", before.Name, before.End)
		case end.Before(cal.today):
			return apierr.Invalid("end_date", "end_date.before_today",
				"a discount ends today (%s) or later: the invoices issued with it keep it", cal.today)
		case end.Before(before.Start):
			return apierr.Invalid("end_date", "end_date.before_start",
				"the discount starts on %s: it ends on that day at the earliest", before.Start)
		case before.End != nil && end.After(*before.End):
			return apierr.Invalid("end_date", "end_date.after_end",
				"the discount ends on %s already: a later end would extend it; grant a new one instead", before.End)
		case before.End != nil && *end == *before.End:
			out = before
			return audit.Unchanged
		}
		now := s.clock.Now()
		if r, err = tx.Discount.UpdateOneID(id).SetEndDate(end.String()).SetEndReason(reason).
			SetEndedByEmail(authz.ActorOf(ctx).Email).SetUpdateTime(now).Save(ctx); err != nil {
			return err
		}
		out = discountOf(r, map[uuid.UUID]string{before.Workspace: before.WorkspaceName}, cal.today)
		log.Record(audit.Event{TargetType: discountTarget, TargetID: ids.Format(ids.Discount, id), Reason: reason,
			Before: discountState(before), After: discountState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListDiscounts returns all of an organization's discounts: those in force
// today first, then the others, each group the newest first.
func (s *Service) ListDiscounts(ctx context.Context, org uuid.UUID) ([]Discount, error) {
	cal, err := s.calendarOf(ctx, org)
	if err != nil {
		return nil, err
	}
	rows, err := s.client.Discount.Query().Where(entdiscount.OrganizationID(org)).
		Order(ent.Desc(entdiscount.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list discounts: %w", err)
	}
	out, err := loadDiscounts(ctx, s.client, rows, cal.today)
	if err != nil {
		return nil, err
	}
	// Stable: within each group, the order of the query (newest first).
	slices.SortStableFunc(out, func(a, b Discount) int {
		if a.Active == b.Active {
			return 0
		}
		if a.Active {
			return -1
		}
		return 1
	})
	return out, nil
}

// Discounts reads every discount of the organizations orgs through c, in
// one query, as the billing computation takes them: charges.Compute picks
// those in force on the billing date. The billing run calls it for a batch
// of organizations at a time; an organization without discounts has no
// entry.
func Discounts(ctx context.Context, c *ent.Client, orgs []uuid.UUID) (map[uuid.UUID][]charges.Reduction, error) {
	out := make(map[uuid.UUID][]charges.Reduction)
	if len(orgs) == 0 {
		return out, nil
	}
	rows, err := c.Discount.Query().Where(entdiscount.OrganizationIDIn(orgs...)).
		Order(ent.Asc(entdiscount.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read discounts: %w", err)
	}
	for _, r := range rows {
		d := charges.Reduction{ID: r.ID, Name: r.Name, BasisPoints: r.BasisPoints, Start: dateOf(r.StartDate)}
		if r.WorkspaceID != nil {
			d.Workspace = *r.WorkspaceID
		}
		if r.EndDate != nil {
			end := dateOf(*r.EndDate)
			d.End = &end
		}
		out[r.OrganizationID] = append(out[r.OrganizationID], d)
	}
	return out, nil
}

// DiscountNames returns the discounts with these ids by name and
// percentage, for the audit trail ("Startup-Rabatt (10 %)").
func (s *Service) DiscountNames(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Discount.Query().Where(entdiscount.IDIn(idList...)).
		Select(entdiscount.FieldID, entdiscount.FieldName, entdiscount.FieldBasisPoints).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name discounts: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = fmt.Sprintf("%s (%s)", r.Name, cents.Percent(r.BasisPoints))
	}
	return out, nil
}
