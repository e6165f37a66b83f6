package contract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/organization"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Zones gives the time zone of a billing entity's calendar.
type Zones func(ctx context.Context, billingEntity uuid.UUID) (*time.Location, error)

// Service reads and changes contracts.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	zones  Zones
}

// NewService returns the contracts domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, zones Zones) *Service {
	return &Service{client: client, audit: aw, clock: clk, zones: zones}
}

// targetType is what the audit trail calls a contract.
const targetType = "contract"

func dateOf(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		// The column holds only dates this package wrote.
		panic(fmt.Sprintf("contract date %q: %v", s, err))
	}
	return d
}

func customOf(r *ent.Contract) Custom {
	narrow := func(v *int64) *int {
		if v == nil {
			return nil
		}
		n := int(*v)
		return &n
	}
	return Custom{
		MonthlyFeeCents: r.CustomMonthlyFeeCents, IncludedUsers: narrow(r.CustomIncludedUsers),
		IncludedStorageGB: narrow(r.CustomIncludedStorageGB), IncludedSupportMinutes: narrow(r.CustomIncludedSupportMinutes),
		HourlyRateCents: r.CustomHourlyRateCents, StorageOverageCentsPerGB: r.CustomStorageOverageCentsPerGB,
		MaxUsers: narrow(r.CustomMaxUsers), MaxStorageGB: narrow(r.CustomMaxStorageGB),
		MaxTrafficGB: narrow(r.CustomMaxTrafficGB),
	}
}

// setCustom writes custom terms into a contract's columns.
func setCustom(m *ent.ContractMutation, c Custom) {
	widen := func(v *int) *int64 {
		if v == nil {
			return nil
		}
		n := int64(*v)
		return &n
	}
	set := func(v *int64, setter func(int64), clear func()) {
		if v == nil {
			clear()
		} else {
			setter(*v)
		}
	}
	set(c.MonthlyFeeCents, m.SetCustomMonthlyFeeCents, m.ClearCustomMonthlyFeeCents)
	set(widen(c.IncludedUsers), m.SetCustomIncludedUsers, m.ClearCustomIncludedUsers)
	set(widen(c.IncludedStorageGB), m.SetCustomIncludedStorageGB, m.ClearCustomIncludedStorageGB)
	set(widen(c.IncludedSupportMinutes), m.SetCustomIncludedSupportMinutes, m.ClearCustomIncludedSupportMinutes)
	set(c.HourlyRateCents, m.SetCustomHourlyRateCents, m.ClearCustomHourlyRateCents)
	set(c.StorageOverageCentsPerGB, m.SetCustomStorageOverageCentsPerGB, m.ClearCustomStorageOverageCentsPerGB)
	set(widen(c.MaxUsers), m.SetCustomMaxUsers, m.ClearCustomMaxUsers)
	set(widen(c.MaxStorageGB), m.SetCustomMaxStorageGB, m.ClearCustomMaxStorageGB)
	set(widen(c.MaxTrafficGB), m.SetCustomMaxTrafficGB, m.ClearCustomMaxTrafficGB)
}

// load makes contracts of rows with their plans' names and versions' terms,
// read in two queries.
func load(ctx context.Context, c *ent.Client, rows []*ent.Contract) ([]Contract, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	planIDs := make([]uuid.UUID, 0, len(rows))
	versionIDs := make([]uuid.UUID, 0, len(rows))
	for _, r := range rows {
		planIDs = append(planIDs, r.PlanID)
		versionIDs = append(versionIDs, r.PlanVersionID)
	}
	plans, err := c.Plan.Query().Where(entplan.IDIn(planIDs...)).Select(entplan.FieldID, entplan.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("contracts' plans: %w", err)
	}
	names := make(map[uuid.UUID]string, len(plans))
	for _, p := range plans {
		names[p.ID] = p.Name
	}
	vs, err := c.PlanVersion.Query().Where(planversion.IDIn(versionIDs...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("contracts' plan versions: %w", err)
	}
	versions := make(map[uuid.UUID]plan.Version, len(vs))
	for _, v := range vs {
		versions[v.ID] = plan.VersionOf(v)
	}
	out := make([]Contract, len(rows))
	for i, r := range rows {
		v, ok := versions[r.PlanVersionID]
		if !ok {
			return nil, fmt.Errorf("contract %s refers to no plan version %s", r.ID, r.PlanVersionID)
		}
		custom := customOf(r)
		out[i] = Contract{
			ID: r.ID, OrganizationID: r.OrganizationID, PlanID: r.PlanID, PlanName: names[r.PlanID],
			PlanVersion: v.Number, PlanVersionID: v.ID, Status: string(r.Status), Start: dateOf(r.StartDate),
			PlanTerms: v.Terms, Custom: custom, Terms: custom.Apply(v.Terms), Currency: v.Currency,
			CustomReason: r.CustomTermsReason, Reason: r.Reason, CreatedByEmail: r.CreatedByEmail,
			CreateTime: r.CreateTime, UpdateTime: r.UpdateTime, CancelTime: r.CancelTime, CancelReason: r.CancelReason,
		}
		if r.EndDate != nil {
			end := dateOf(*r.EndDate)
			out[i].End = &end
		}
	}
	return out, nil
}

func loadOne(ctx context.Context, c *ent.Client, r *ent.Contract) (Contract, error) {
	cs, err := load(ctx, c, []*ent.Contract{r})
	if err != nil {
		return Contract{}, err
	}
	return cs[0], nil
}

// inStatus reads an organization's contract in status, nil when it has
// none.
func inStatus(ctx context.Context, c *ent.Client, org uuid.UUID, status entcontract.Status) (*ent.Contract, error) {
	r, err := c.Contract.Query().Where(entcontract.OrganizationID(org), entcontract.StatusEQ(status)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s contract: %w", strings.ToLower(string(status)), err)
	}
	return r, nil
}

// orgCalendar is an organization's place in the billing calendar.
type orgCalendar struct {
	day   int
	loc   *time.Location
	today calendar.Date
}

// calendarOf reads the organization (NotFound when the caller does not see
// it) and its billing day.
func (s *Service) calendarOf(ctx context.Context, org uuid.UUID) (orgCalendar, error) {
	o, err := s.client.Organization.Query().Where(organization.ID(org)).
		Select(organization.FieldID, organization.FieldBillingEntityID, organization.FieldCreateTime).Only(ctx)
	if ent.IsNotFound(err) {
		return orgCalendar{}, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	if err != nil {
		return orgCalendar{}, fmt.Errorf("read organization: %w", err)
	}
	loc, err := s.zones(ctx, o.BillingEntityID)
	if err != nil {
		return orgCalendar{}, err
	}
	return orgCalendar{day: calendar.BillingDay(o.CreateTime, loc), loc: loc, today: calendar.On(s.clock.Now(), loc)}, nil
}

// offered is the plan a new contract is made on: the one named, or the
// lowest-ranked plan that offers contracts.
func offered(ctx context.Context, c *ent.Client, id uuid.UUID, field string) (*plan.Plan, error) {
	if id == uuid.Nil {
		r, err := c.Plan.Query().Where(entplan.RetireTimeIsNil()).Order(entplan.ByRank()).First(ctx)
		if ent.IsNotFound(err) {
			return nil, apierr.FailedPrecondition("no plan offers contracts yet, and every organization is on one: add a plan first")
		}
		if err != nil {
			return nil, fmt.Errorf("find the first plan: %w", err)
		}
		id = r.ID
	}
	p, err := plan.Read(ctx, c, id)
	if err != nil {
		if e, ok := apierr.As(err); ok && e.Kind == apierr.KindNotFound {
			return nil, apierr.Invalid(field, field+".exists", "no plan %s", ids.Format(ids.Plan, id))
		}
		return nil, err
	}
	if p.Retired() {
		return nil, apierr.FailedPrecondition("the plan %s is retired and offers no new contracts", p.Name)
	}
	return p, nil
}

// Begin makes the first contract of an organization being created in tx,
// on the plan named (uuid.Nil: the lowest-ranked plan that offers
// contracts), starting on start, the organization's first day. The
// organization's creation calls it, so the organization and its contract
// commit together or not at all.
func (s *Service) Begin(ctx context.Context, tx *ent.Tx, log *audit.Log, org uuid.UUID, start calendar.Date, planID uuid.UUID) error {
	p, err := offered(ctx, tx.Client(), planID, "plan_id")
	if err != nil {
		return err
	}
	now := s.clock.Now()
	r, err := tx.Contract.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org).SetPlanID(p.ID).
		SetPlanVersionID(p.VersionID).SetStatus(entcontract.StatusACTIVE).SetStartDate(start.String()).
		SetReason("made with the organization").SetCreatedByEmail(authz.ActorOf(ctx).Email).
		SetCreateTime(now).SetUpdateTime(now).Save(ctx)
	if err != nil {
		return err
	}
	c, err := loadOne(ctx, tx.Client(), r)
	if err != nil {
		return err
	}
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Contract, r.ID), After: state(c)})
	return nil
}

// Get returns an organization's active contract and its scheduled
// transition (nil when none is scheduled).
func (s *Service) Get(ctx context.Context, org uuid.UUID) (*Contract, *Contract, error) {
	rows, err := s.client.Contract.Query().Where(entcontract.OrganizationID(org),
		entcontract.StatusIn(entcontract.StatusACTIVE, entcontract.StatusSCHEDULED)).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read contracts: %w", err)
	}
	cs, err := load(ctx, s.client, rows)
	if err != nil {
		return nil, nil, err
	}
	var active, scheduled *Contract
	for i := range cs {
		if cs[i].Status == StatusActive {
			active = &cs[i]
		} else {
			scheduled = &cs[i]
		}
	}
	if active == nil {
		if _, err := s.calendarOf(ctx, org); err != nil {
			return nil, nil, err
		}
		return nil, nil, apierr.NotFound("contract of organization", ids.Format(ids.Organization, org))
	}
	return active, scheduled, nil
}

// SetCustom replaces the custom terms of an organization's active
// contract. Setting the terms it has changes nothing.
func (s *Service) SetCustom(ctx context.Context, org uuid.UUID, custom Custom, reason string) (*Contract, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the contract has custom terms")
	}
	var out Contract
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := inStatus(ctx, tx.Client(), org, entcontract.StatusACTIVE)
		if err != nil {
			return err
		}
		if r == nil {
			return s.noActive(ctx, org)
		}
		before, err := loadOne(ctx, tx.Client(), r)
		if err != nil {
			return err
		}
		if before.Custom.Equal(custom) {
			out = before
			return audit.Unchanged
		}
		if err := checkCustom(custom.Apply(before.PlanTerms), "custom_terms"); err != nil {
			return err
		}
		up := tx.Contract.UpdateOneID(r.ID).SetCustomTermsReason(reason).SetUpdateTime(s.clock.Now())
		setCustom(up.Mutation(), custom)
		if r, err = up.Save(ctx); err != nil {
			return err
		}
		if out, err = loadOne(ctx, tx.Client(), r); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Contract, r.ID), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// noActive explains why an organization has no active contract to
// change: the caller does not see it, or it has none.
func (s *Service) noActive(ctx context.Context, org uuid.UUID) error {
	if _, err := s.calendarOf(ctx, org); err != nil {
		return err
	}
	return apierr.FailedPrecondition("the organization %s has no active contract", ids.Format(ids.Organization, org))
}

// Schedule schedules the move of an organization to the current version
// of a plan on start, one of its billing dates after today (nil: the next
// one).
func (s *Service) Schedule(ctx context.Context, org, planID uuid.UUID, start *calendar.Date, reason string) (*Contract, error) {
	day, reason, err := s.CheckSchedule(ctx, org, start, reason)
	if err != nil {
		return nil, err
	}
	var out Contract
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		out, err = s.ScheduleIn(ctx, tx, log, org, planID, day, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CheckSchedule checks the day and reason of a move of org to another plan
// and returns them for ScheduleIn: the day one of its billing dates after
// today (the next one when nil), the reason trimmed.
func (s *Service) CheckSchedule(ctx context.Context, org uuid.UUID, start *calendar.Date, reason string) (calendar.Date, string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return calendar.Date{}, "", apierr.Invalid("reason", "reason.required", "say why the organization moves to another plan")
	}
	cal, err := s.calendarOf(ctx, org)
	if err != nil {
		return calendar.Date{}, "", err
	}
	next := calendar.Next(cal.day, cal.today.AddDays(1), 2)
	switch {
	case start == nil:
		return next[0], reason, nil
	case start.Before(next[0]):
		return calendar.Date{}, "", apierr.Invalid("start_date", "start_date.after_today",
			"a transition takes effect on a billing date after today; the next is %s", next[0])
	case *start != calendar.BillingDate(cal.day, start.Year(), start.Month()):
		return calendar.Date{}, "", apierr.Invalid("start_date", "start_date.billing_date",
			"%s is not one of the organization's billing dates (day %d of the month, or the month's last day): %s, %s …",
			start, cal.day, next[0], next[1])
	}
	return *start, reason, nil
}

// Scheduling is ScheduleIn as a change's function, for a change that
// measures what it does (account.Measure): the contract it schedules is
// written to out.
func (s *Service) Scheduling(ctx context.Context, org, planID uuid.UUID, start calendar.Date, reason string, out *Contract) audit.Func {
	return func(tx *ent.Tx, log *audit.Log) (err error) {
		*out, err = s.ScheduleIn(ctx, tx, log, org, planID, start, reason)
		return err
	}
}

// ScheduleIn schedules, in the change tx, the move checked by
// CheckSchedule: Schedule's change, or one that measures what it does (a
// tier change's preview).
func (s *Service) ScheduleIn(ctx context.Context, tx *ent.Tx, log *audit.Log, org, planID uuid.UUID, start calendar.Date, reason string) (Contract, error) {
	p, err := offered(ctx, tx.Client(), planID, "plan_id")
	if err != nil {
		return Contract{}, err
	}
	active, err := inStatus(ctx, tx.Client(), org, entcontract.StatusACTIVE)
	if err != nil {
		return Contract{}, err
	}
	if active == nil {
		return Contract{}, s.noActive(ctx, org)
	}
	if active.PlanVersionID == p.VersionID {
		return Contract{}, apierr.FailedPrecondition("the organization is on version %d of %s already", p.Version, p.Name)
	}
	if sched, err := inStatus(ctx, tx.Client(), org, entcontract.StatusSCHEDULED); err != nil {
		return Contract{}, err
	} else if sched != nil {
		c, err := loadOne(ctx, tx.Client(), sched)
		if err != nil {
			return Contract{}, err
		}
		return Contract{}, apierr.FailedPrecondition("a move to %s on %s is scheduled already; cancel it first", c.PlanName, c.Start)
	}
	now := s.clock.Now()
	r, err := tx.Contract.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org).SetPlanID(p.ID).
		SetPlanVersionID(p.VersionID).SetStatus(entcontract.StatusSCHEDULED).SetStartDate(start.String()).
		SetReason(reason).SetCreatedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
	if err != nil {
		return Contract{}, err
	}
	out, err := loadOne(ctx, tx.Client(), r)
	if err != nil {
		return Contract{}, err
	}
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Contract, r.ID), Reason: reason, After: state(out)})
	return out, nil
}

// Cancel cancels the organization's scheduled transition before its day.
func (s *Service) Cancel(ctx context.Context, org uuid.UUID, reason string) (*Contract, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the move is cancelled")
	}
	cal, err := s.calendarOf(ctx, org)
	if err != nil {
		return nil, err
	}
	var out Contract
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := inStatus(ctx, tx.Client(), org, entcontract.StatusSCHEDULED)
		if err != nil {
			return err
		}
		if r == nil {
			return apierr.FailedPrecondition("no move to another plan is scheduled for the organization")
		}
		before, err := loadOne(ctx, tx.Client(), r)
		if err != nil {
			return err
		}
		if !cal.today.Before(before.Start) {
			return apierr.FailedPrecondition("the move to %s took effect on %s and is not cancelled any more; schedule a move back instead",
				before.PlanName, before.Start)
		}
		now := s.clock.Now()
		if r, err = tx.Contract.UpdateOneID(r.ID).SetStatus(entcontract.StatusCANCELLED).SetCancelTime(now).
			SetCancelReason(reason).SetUpdateTime(now).Save(ctx); err != nil {
			return err
		}
		if out, err = loadOne(ctx, tx.Client(), r); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Contract, r.ID), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Active reads an organization's active contract through c (the billing
// run reads it in the change that bills); nil when it has none.
func Active(ctx context.Context, c *ent.Client, org uuid.UUID) (*Contract, error) {
	return readIn(ctx, c, org, entcontract.StatusACTIVE)
}

// Scheduled reads an organization's scheduled contract through c; nil when
// none is scheduled.
func Scheduled(ctx context.Context, c *ent.Client, org uuid.UUID) (*Contract, error) {
	return readIn(ctx, c, org, entcontract.StatusSCHEDULED)
}

func readIn(ctx context.Context, c *ent.Client, org uuid.UUID, status entcontract.Status) (*Contract, error) {
	r, err := inStatus(ctx, c, org, status)
	if err != nil || r == nil {
		return nil, err
	}
	ct, err := loadOne(ctx, c, r)
	return &ct, err
}

// InForceOn reads the contract an organization was billed on for date:
// the one that started on or before it and had not ended by then (the
// active one, or one in the history). Nil when none was.
func InForceOn(ctx context.Context, c *ent.Client, org uuid.UUID, date calendar.Date) (*Contract, error) {
	d := date.String()
	r, err := c.Contract.Query().Where(entcontract.OrganizationID(org),
		entcontract.StatusIn(entcontract.StatusACTIVE, entcontract.StatusENDED), entcontract.StartDateLTE(d),
		entcontract.Or(entcontract.EndDateIsNil(), entcontract.EndDateGT(d))).
		Order(ent.Desc(entcontract.FieldStartDate)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the contract in force: %w", err)
	}
	ct, err := loadOne(ctx, c, r)
	return &ct, err
}

// UserCap is how many members the contract of organization org in force
// today allows, read in the change tx; 0 for no cap (or no contract).
// The organizations' AddMember refuses a member beyond it.
func (s *Service) UserCap(ctx context.Context, tx *ent.Tx, org uuid.UUID) (int, error) {
	cal, err := s.calendarOf(ctx, org)
	if err != nil {
		return 0, err
	}
	ct, err := InForceOn(ctx, tx.Client(), org, cal.today)
	if err != nil || ct == nil {
		return 0, err
	}
	return ct.Terms.MaxUsers, nil
}
