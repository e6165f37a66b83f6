package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/organization"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Contracts puts every demo organization on a contract since its first
// day. Most are on one plan all along; some moved up a few months ago (an
// ended contract in their history); those on Basis from before its price
// change keep version 1; some have custom terms; one has a move to the
// next plan scheduled for its next billing date.
func (s *Seeder) Contracts(ctx context.Context) error {
	if s.PlanService == nil {
		return nil
	}
	ctx = authz.System(ctx)
	var names []string
	for _, p := range demoPlans {
		names = append(names, p.name)
	}
	plans, err := s.Client.Plan.Query().Where(entplan.NameIn(names...), entplan.RetireTimeIsNil()).Order(entplan.ByRank()).All(ctx)
	if err != nil || len(plans) == 0 {
		return err
	}
	versions, err := s.Client.PlanVersion.Query().Order(planversion.ByVersion()).All(ctx)
	if err != nil {
		return err
	}
	byPlan := map[uuid.UUID][]*ent.PlanVersion{}
	for _, v := range versions {
		byPlan[v.PlanID] = append(byPlan[v.PlanID], v)
	}
	// The version in force on day d: the last one written before it.
	versionOn := func(p *ent.Plan, d time.Time) *ent.PlanVersion {
		vs := byPlan[p.ID]
		in := vs[0]
		for _, v := range vs[1:] {
			if v.CreateTime.Before(d) {
				in = v
			}
		}
		return in
	}
	orgs, err := s.Client.Organization.Query().Order(organization.ByCreateTime(), organization.ByID()).All(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(17, 4))
	now := s.Clock.Now()
	var scheduleFor uuid.UUID
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		for i, o := range orgs {
			loc := time.UTC
			if s.Settings != nil {
				if loc, err = s.Settings.Location(ctx, o.BillingEntityID); err != nil {
					return err
				}
			} else {
				loc, _ = time.LoadLocation(settings.DefaultTimeZone)
			}
			day := calendar.BillingDay(o.CreateTime, loc)
			start := calendar.On(o.CreateTime, loc)
			// Free 20 %, Basis 40 %, Premium 30 %, the highest 10 %.
			tier := 0
			switch r := rng.IntN(10); {
			case r >= 9:
				tier = 3
			case r >= 6:
				tier = 2
			case r >= 2:
				tier = 1
			}
			tier = min(tier, len(plans)-1)
			// Every fifth organization older than half a year moved up
			// from the plan below four billing dates ago.
			if moved := calendar.Next(day, calendar.On(now, loc).AddDays(-122), 1)[0]; i%5 == 2 && tier > 0 && start.Before(moved.AddDays(-31)) {
				p := plans[tier-1]
				v := versionOn(p, o.CreateTime)
				end := moved.String()
				if err := tx.Contract.Create().SetOrganizationID(o.ID).SetPlanID(p.ID).SetPlanVersionID(v.ID).
					SetStatus(entcontract.StatusENDED).SetStartDate(start.String()).SetEndDate(end).
					SetReason("made with the organization").SetCreatedByEmail("owner@demo.leitstand.test").
					SetCreateTime(o.CreateTime).SetUpdateTime(moved.Start(loc)).Exec(ctx); err != nil {
					return err
				}
				start = moved
			}
			p := plans[tier]
			v := versionOn(p, start.Start(loc))
			made := start.Start(loc)
			if made.After(now) || made.Before(o.CreateTime) {
				made = o.CreateTime
			}
			c := tx.Contract.Create().SetOrganizationID(o.ID).SetPlanID(p.ID).SetPlanVersionID(v.ID).
				SetStatus(entcontract.StatusACTIVE).SetStartDate(start.String()).
				SetCreatedByEmail("owner@demo.leitstand.test").SetCreateTime(made).SetUpdateTime(made)
			if start == calendar.On(o.CreateTime, loc) {
				c.SetReason("made with the organization")
			} else {
				c.SetReason("Mehr Nutzer und Speicher benötigt")
			}
			switch {
			case i%9 == 4:
				c.SetCustomHourlyRateCents(7500).SetCustomTermsReason("Rahmenvertrag: reduzierter Stundensatz")
			case i%9 == 7:
				c.SetCustomIncludedStorageGB(int64(v.IncludedStorageGB * 2)).SetCustomTermsReason("Doppelter Speicher als Neukundenangebot")
			}
			r, err := c.Save(ctx)
			if err != nil {
				return err
			}
			if tier+1 < len(plans) && scheduleFor == uuid.Nil && i >= 3 {
				scheduleFor = o.ID
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "contract", TargetID: ids.Format(ids.Contract, r.ID)})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo contracts: %w", err)
	}
	if scheduleFor == uuid.Nil || s.ContractService == nil {
		return nil
	}
	active, _, err := s.ContractService.Get(ctx, scheduleFor)
	if err != nil {
		return err
	}
	for k, p := range plans {
		if p.ID == active.PlanID && k+1 < len(plans) {
			_, err = s.ContractService.Schedule(ctx, scheduleFor, plans[k+1].ID, nil, "Kunde wechselt zum nächsten Abrechnungstag")
			return err
		}
	}
	return nil
}
