package demo

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/organization"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	enttrial "github.com/leitstand/leitstand/server/ent/trial"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Trials gives two active organizations on a lower tier a reverse trial
// of the top tier that began ten days ago, and a third one that tried it
// three months ago and reverted: the rollup's TRIAL class, and a trial in
// an account's history.
func (s *Seeder) Trials(ctx context.Context) error {
	ctx = authz.System(ctx)
	top, err := s.Client.Plan.Query().Where(entplan.RetireTimeIsNil()).Order(ent.Desc(entplan.FieldRank)).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	plans, err := s.Client.Plan.Query().All(ctx)
	if err != nil {
		return err
	}
	rank := map[uuid.UUID]int{}
	for _, p := range plans {
		rank[p.ID] = p.Rank
	}
	orgs, err := s.Client.Organization.Query().Where(organization.StatusEQ(organization.StatusACTIVE), organization.Managed(false)).
		Order(organization.ByCreateTime(), organization.ByID()).All(ctx)
	if err != nil {
		return err
	}
	contracts, err := s.Client.Contract.Query().Where(entcontract.StatusEQ(entcontract.StatusACTIVE)).All(ctx)
	if err != nil {
		return err
	}
	on := map[uuid.UUID]uuid.UUID{}
	for _, c := range contracts {
		on[c.OrganizationID] = c.PlanID
	}
	var picked []*ent.Organization
	for _, o := range orgs {
		if p, ok := on[o.ID]; ok && rank[p] > 0 && rank[p] < top.Rank && o.CreateTime.Before(s.Clock.Now().AddDate(0, -4, 0)) {
			picked = append(picked, o)
		}
		if len(picked) == 3 {
			break
		}
	}
	now := s.Clock.Now()
	return s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		for i, o := range picked {
			loc, err := s.location(ctx, o.BillingEntityID)
			if err != nil {
				return err
			}
			start, status, reason := calendar.On(now, loc).AddDays(-10), enttrial.StatusACTIVE, "Möchte Enterprise-Funktionen vor dem Upgrade testen"
			if i == 2 {
				start, status, reason = calendar.On(now, loc).AddDays(-95), enttrial.StatusREVERTED, "Testphase zur Vertragsverlängerung"
			}
			revert := calendar.PeriodFrom(start.Day(), start).End
			made := start.Start(loc).Add(10 * time.Hour)
			c := tx.Trial.Create().SetOrganizationID(o.ID).SetPlanID(top.ID).SetStartDate(start.String()).
				SetRevertDate(revert.String()).SetStatus(status).SetReason(reason).
				SetCreatedByEmail("operator@demo.leitstand.test").SetCreateTime(made).SetUpdateTime(made)
			if status == enttrial.StatusREVERTED {
				c.SetEndTime(revert.Start(loc).Add(20 * time.Minute))
			}
			r, err := c.Save(ctx)
			if err != nil {
				return err
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "trial", TargetID: ids.Format(ids.Trial, r.ID)})
		}
		if len(picked) == 0 {
			return audit.Unchanged
		}
		return nil
	})
}

// location is the billing calendar's time zone of a billing entity.
func (s *Seeder) location(ctx context.Context, be uuid.UUID) (*time.Location, error) {
	if s.Settings == nil {
		return time.LoadLocation(settings.DefaultTimeZone)
	}
	return s.Settings.Location(ctx, be)
}
