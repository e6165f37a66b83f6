// Package trial grants reverse trials: an organization tries the top tier
// for a month and falls back to its own plan by itself.
//
// The rules:
//   - A trial is of the top tier (the plan ranked highest that offers
//     contracts), from today to the same day a month later (the revert
//     day, excluded) in the organization's billing calendar.
//   - It never overrides a paid tier as high: an organization whose
//     contract is on the top tier (or one ranked as high) is refused.
//   - Its contract stays as it is: every invoice during the trial is on
//     its own plan. What the trial changes is the tier the account has —
//     its users cap (UserCap) and, in the rollup, its tier and its revenue
//     class (TRIAL).
//   - One runs at a time. Staff may cancel it before its revert day; the
//     trial-reverts job reverts it on that day, once (the update is
//     conditional on the trial still running, so two runs revert it once).
//   - Every grant, cancel and revert is audited (target type trial).
package trial

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/planversion"
	enttrial "github.com/leitstand/leitstand/server/ent/trial"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// The states of a trial.
const (
	Active    = "ACTIVE"
	Reverted  = "REVERTED"
	Cancelled = "CANCELLED"
)

// Trial is a reverse trial.
type Trial struct {
	ID, Organization, Plan uuid.UUID
	PlanName               string
	// Start is its first day, Revert the day it ends (excluded).
	Start, Revert    calendar.Date
	Status           string
	Reason           string
	CreatedByEmail   string
	CreateTime       time.Time
	EndTime          *time.Time
	CancelReason     string
	CancelledByEmail string
}

// On reports whether the trial gave its tier on day: from its start to
// its revert day, and, if cancelled, until it was.
func (t Trial) On(day calendar.Date, loc *time.Location) bool {
	if day.Before(t.Start) || !day.Before(t.Revert) {
		return false
	}
	return t.Status != Cancelled || t.EndTime != nil && calendar.On(*t.EndTime, loc).After(day)
}

// Service grants, cancels and reverts trials.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	zones  organization.Zones
}

// NewService returns the trials.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, zones organization.Zones) *Service {
	return &Service{client: client, audit: aw, clock: clk, zones: zones}
}

// targetType is what the audit trail calls a trial.
const targetType = "trial"

// Grant starts a reverse trial of the top tier for org, today.
func (s *Service) Grant(ctx context.Context, org uuid.UUID, reason string) (*Trial, error) {
	reason, err := reasonOf(reason, "say why the organization tries the top tier")
	if err != nil {
		return nil, err
	}
	var out Trial
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		out, err = s.GrantIn(ctx, tx, log, org, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GrantIn starts the trial in the change tx: Grant's change, or one that
// measures what it does.
func (s *Service) GrantIn(ctx context.Context, tx *ent.Tx, log *audit.Log, org uuid.UUID, reason string) (Trial, error) {
	reason, err := reasonOf(reason, "say why the organization tries the top tier")
	if err != nil {
		return Trial{}, err
	}
	o, err := tx.Organization.Query().Where(entorg.ID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return Trial{}, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	if err != nil {
		return Trial{}, err
	}
	if o.Status != entorg.StatusACTIVE {
		return Trial{}, apierr.FailedPrecondition("%s is %s: only an active organization gets a trial", o.Name,
			strings.ReplaceAll(strings.ToLower(o.Status.String()), "_", " "))
	}
	running, err := tx.Trial.Query().Where(enttrial.OrganizationID(org), enttrial.StatusEQ(enttrial.StatusACTIVE)).Only(ctx)
	if err == nil {
		return Trial{}, apierr.FailedPrecondition("%s tries the top tier already, until %s", o.Name, running.RevertDate)
	}
	if !ent.IsNotFound(err) {
		return Trial{}, err
	}
	top, err := tx.Plan.Query().Where(entplan.RetireTimeIsNil()).Order(ent.Desc(entplan.FieldRank)).First(ctx)
	if ent.IsNotFound(err) {
		return Trial{}, apierr.FailedPrecondition("no plan offers contracts, so there is no top tier to try")
	}
	if err != nil {
		return Trial{}, err
	}
	loc, err := s.zones(ctx, o.BillingEntityID)
	if err != nil {
		return Trial{}, err
	}
	today := calendar.On(s.clock.Now(), loc)
	ct, err := contract.InForceOn(ctx, tx.Client(), org, today)
	if err != nil {
		return Trial{}, err
	}
	if ct != nil {
		own, err := tx.Plan.Get(ctx, ct.PlanID)
		if err != nil {
			return Trial{}, err
		}
		if own.Rank >= top.Rank {
			return Trial{}, apierr.FailedPrecondition("%s pays for %s, as high as the top tier %s: a trial would give it nothing",
				o.Name, own.Name, top.Name)
		}
	}
	revert := calendar.PeriodFrom(today.Day(), today).End
	now := s.clock.Now()
	r, err := tx.Trial.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org).SetPlanID(top.ID).
		SetStartDate(today.String()).SetRevertDate(revert.String()).SetReason(reason).
		SetCreatedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
	if err != nil {
		return Trial{}, err
	}
	t := trialOf(r, top.Name)
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Trial, r.ID), Reason: reason, After: state(t)})
	return t, nil
}

// Granting is GrantIn as a change's function, for a change that measures
// what it does (account.Measure): the trial it
// grants is written to out.
func (s *Service) Granting(ctx context.Context, org uuid.UUID, reason string, out *Trial) audit.Func {
	return func(tx *ent.Tx, log *audit.Log) (err error) {
		*out, err = s.GrantIn(ctx, tx, log, org, reason)
		return err
	}
}

// Cancel ends org's running trial before its revert day.
func (s *Service) Cancel(ctx context.Context, org uuid.UUID, reason string) (*Trial, error) {
	reason, err := reasonOf(reason, "say why the trial ends early")
	if err != nil {
		return nil, err
	}
	var out Trial
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		// An organization the caller does not see is not found, whether
		// or not it has a trial.
		if ok, err := tx.Organization.Query().Where(entorg.ID(org)).Exist(ctx); err != nil {
			return err
		} else if !ok {
			return apierr.NotFound("organization", ids.Format(ids.Organization, org))
		}
		r, err := tx.Trial.Query().Where(enttrial.OrganizationID(org), enttrial.StatusEQ(enttrial.StatusACTIVE)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.FailedPrecondition("the organization %s has no trial running", ids.Format(ids.Organization, org))
		}
		if err != nil {
			return err
		}
		before, err := s.named(ctx, tx.Client(), r)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		r, err = r.Update().SetStatus(enttrial.StatusCANCELLED).SetEndTime(now).SetCancelReason(reason).
			SetCancelledByEmail(authz.ActorOf(ctx).Email).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = trialOf(r, before.PlanName)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Trial, r.ID), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RevertDue reverts every running trial whose revert day has come in its
// organization's calendar, each once, and returns how many it reverted.
func (s *Service) RevertDue(ctx context.Context) (int, error) {
	ctx = tenancy.Unscoped(ctx)
	// The latest day any calendar shows: the revert days up to it are
	// read, then each is held against its own calendar.
	latest := calendar.On(s.clock.Now(), time.FixedZone("UTC+14", 14*3600))
	rows, err := s.client.Trial.Query().Where(enttrial.StatusEQ(enttrial.StatusACTIVE), enttrial.RevertDateLTE(latest.String())).All(ctx)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	orgIDs := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		orgIDs[i] = r.OrganizationID
	}
	orgs, err := s.client.Organization.Query().Where(entorg.IDIn(orgIDs...)).
		Select(entorg.FieldID, entorg.FieldBillingEntityID).All(ctx)
	if err != nil {
		return 0, err
	}
	entityOf := make(map[uuid.UUID]uuid.UUID, len(orgs))
	for _, o := range orgs {
		entityOf[o.ID] = o.BillingEntityID
	}
	n := 0
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		n = 0
		now := s.clock.Now()
		for _, r := range rows {
			loc, err := s.zones(ctx, entityOf[r.OrganizationID])
			if err != nil {
				return err
			}
			if r.RevertDate > calendar.On(now, loc).String() {
				continue
			}
			// Only a trial still running: a second run, or a cancel
			// meanwhile, changes nothing.
			done, err := tx.Trial.Update().Where(enttrial.ID(r.ID), enttrial.StatusEQ(enttrial.StatusACTIVE)).
				SetStatus(enttrial.StatusREVERTED).SetEndTime(now).SetUpdateTime(now).Save(ctx)
			if err != nil {
				return err
			}
			if done == 0 {
				continue
			}
			n++
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Trial, r.ID),
				Before: map[string]any{"status": Active}, After: map[string]any{"status": Reverted, "revert_date": r.RevertDate}})
		}
		if n == 0 {
			return audit.Unchanged
		}
		return nil
	})
	return n, err
}

// OfOrganizations are the trials of orgs (nil: all the caller sees) that
// gave their tier on any day from from to to, by organization: the
// latest one of each.
func OfOrganizations(ctx context.Context, c *ent.Client, from, to calendar.Date, orgs ...uuid.UUID) (map[uuid.UUID]Trial, error) {
	q := c.Trial.Query().Where(enttrial.StartDateLTE(to.String()), enttrial.RevertDateGT(from.String()))
	if len(orgs) > 0 {
		q.Where(enttrial.OrganizationIDIn(orgs...))
	}
	rows, err := q.Order(enttrial.ByStartDate()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the trials: %w", err)
	}
	out := make(map[uuid.UUID]Trial, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	plans, err := c.Plan.Query().Select(entplan.FieldID, entplan.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[uuid.UUID]string, len(plans))
	for _, p := range plans {
		names[p.ID] = p.Name
	}
	for _, r := range rows {
		out[r.OrganizationID] = trialOf(r, names[r.PlanID])
	}
	return out, nil
}

// Running is org's running trial, nil when none.
func (s *Service) Running(ctx context.Context, org uuid.UUID) (*Trial, error) {
	r, err := s.client.Trial.Query().Where(enttrial.OrganizationID(org), enttrial.StatusEQ(enttrial.StatusACTIVE)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t, err := s.named(ctx, s.client, r)
	return &t, err
}

// UserCap is the users cap of org in the change tx: its trial tier's
// while a trial runs, else what contracts says (contract.UserCap).
func (s *Service) UserCap(contracts organization.UserCap) organization.UserCap {
	return func(ctx context.Context, tx *ent.Tx, org uuid.UUID) (int, error) {
		r, err := tx.Trial.Query().Where(enttrial.OrganizationID(org), enttrial.StatusEQ(enttrial.StatusACTIVE)).Only(ctx)
		if ent.IsNotFound(err) {
			return contracts(ctx, tx, org)
		}
		if err != nil {
			return 0, err
		}
		v, err := tx.PlanVersion.Query().Where(planversion.PlanID(r.PlanID)).Order(ent.Desc(planversion.FieldVersion)).First(ctx)
		if err != nil {
			return 0, err
		}
		return v.MaxUsers, nil
	}
}

func (s *Service) named(ctx context.Context, c *ent.Client, r *ent.Trial) (Trial, error) {
	p, err := c.Plan.Get(ctx, r.PlanID)
	if err != nil {
		return Trial{}, err
	}
	return trialOf(r, p.Name), nil
}

func trialOf(r *ent.Trial, plan string) Trial {
	start, _ := calendar.Parse(r.StartDate)
	revert, _ := calendar.Parse(r.RevertDate)
	return Trial{ID: r.ID, Organization: r.OrganizationID, Plan: r.PlanID, PlanName: plan, Start: start, Revert: revert,
		Status: r.Status.String(), Reason: r.Reason, CreatedByEmail: r.CreatedByEmail, CreateTime: r.CreateTime,
		EndTime: r.EndTime, CancelReason: r.CancelReason, CancelledByEmail: r.CancelledByEmail}
}

func state(t Trial) map[string]any {
	return map[string]any{"organization_id": ids.Format(ids.Organization, t.Organization), "plan": t.PlanName,
		"start_date": t.Start.String(), "revert_date": t.Revert.String(), "status": t.Status}
}

func reasonOf(reason, why string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", apierr.Invalid("reason", "reason.required", "%s", why)
	}
	return reason, nil
}

// Names names trials for the audit trail: "Enterprise until 2027-01-14".
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Trial.Query().Where(enttrial.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		t, err := s.named(ctx, s.client, r)
		if err != nil {
			return nil, err
		}
		out[r.ID] = t.PlanName + " until " + t.Revert.String()
	}
	return out, nil
}
