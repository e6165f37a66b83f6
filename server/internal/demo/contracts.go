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
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Contracts puts every demo organization on a contract since its first
// day. Most are on one plan all along; some moved up a few months ago (an
// ended contract in their history), a few moved down at their last billing
// date, within the last 30 days; those on Basis from before its price
// change keep version 1; some have custom terms; one has a move to the
// next plan scheduled for its next billing date. Three have discounts
// (demoDiscounts).
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
	discounts := demoDiscounts()
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
			// Every eleventh organization older than two months moved
			// down from the plan above at its last billing date, within
			// the last 30 days: the recent downgrades.
			today := calendar.On(now, loc)
			if last := calendar.Containing(day, today).Start; i%11 == 6 && tier+1 < len(plans) && start.Before(last.AddDays(-60)) &&
				last.After(today.AddDays(-30)) && !last.After(today) {
				p := plans[tier+1]
				v := versionOn(p, start.Start(loc))
				if err := tx.Contract.Create().SetOrganizationID(o.ID).SetPlanID(p.ID).SetPlanVersionID(v.ID).
					SetStatus(entcontract.StatusENDED).SetStartDate(start.String()).SetEndDate(last.String()).
					SetReason("made with the organization").SetCreatedByEmail("owner@demo.leitstand.test").
					SetCreateTime(o.CreateTime).SetUpdateTime(last.Start(loc)).Exec(ctx); err != nil {
					return err
				}
				start = last
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
			switch {
			case start == calendar.On(o.CreateTime, loc):
				c.SetReason("made with the organization")
			case i%11 == 6:
				c.SetReason("Weniger Nutzer, kleineres Paket gewünscht")
			default:
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
			if err := discounts.grant(ctx, tx, log, o, loc, now); err != nil {
				return err
			}
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

// demoDiscount is one of the demo's discounts, granted to the first
// organization that fits it.
type demoDiscount struct {
	name        string
	basisPoints int
	// workspace: for the organization's first workspace (by name), not
	// the whole organization.
	workspace bool
	// fits tells whether an organization whose first day is first suits
	// the discount on today.
	fits func(first, today calendar.Date) bool
	// days gives its first and last day (nil: open) for an organization
	// whose first day is first.
	days              func(first, today calendar.Date) (calendar.Date, *calendar.Date)
	reason, endReason string
	granted           bool
}

// demoDiscounts are three discounts: a young organization's open-ended
// startup discount on everything, a workspace's discount for a pilot phase
// that runs until autumn, and a loyalty discount that ended with its
// framework agreement two months ago.
func demoDiscounts() *discountPlan {
	return &discountPlan{list: []*demoDiscount{
		{
			name: "Startup-Rabatt", basisPoints: 1000,
			fits:   func(first, today calendar.Date) bool { return today.AddDays(-300).Before(first) },
			days:   func(first, _ calendar.Date) (calendar.Date, *calendar.Date) { return first, nil },
			reason: "Gründerprogramm: 10 % auf alle Leistungen bis auf Weiteres",
		},
		{
			name: "Pilotphase", basisPoints: 1500, workspace: true,
			fits: func(first, today calendar.Date) bool { return first.Before(today.AddDays(-60)) },
			days: func(_, today calendar.Date) (calendar.Date, *calendar.Date) {
				end := today.AddDays(150)
				return today.AddDays(-45), &end
			},
			reason: "Pilotprojekt mit dem Kunden: 15 % auf die Leistungen dieses Workspaces für ein halbes Jahr",
		},
		{
			name: "Treuerabatt", basisPoints: 500,
			fits: func(first, today calendar.Date) bool { return first.Before(today.AddDays(-400)) },
			days: func(first, today calendar.Date) (calendar.Date, *calendar.Date) {
				end := today.AddDays(-61)
				return first, &end
			},
			reason:    "Rahmenvertrag: 5 % Treuerabatt",
			endReason: "Rahmenvertrag ausgelaufen, nicht verlängert",
		},
	}}
}

// discountPlan hands out the demo's discounts, one organization each.
type discountPlan struct{ list []*demoDiscount }

// grant gives organization o the first discount not granted yet that fits
// it (an organization not closed; at most one discount each), written in
// the contracts' change as it would have been: granted on its first day
// (or when the organization was created), ended on its last.
func (p *discountPlan) grant(ctx context.Context, tx *ent.Tx, log *audit.Log, o *ent.Organization, loc *time.Location, now time.Time) error {
	if o.Status == organization.StatusCLOSED {
		return nil
	}
	first, today := calendar.On(o.CreateTime, loc), calendar.On(now, loc)
	for _, d := range p.list {
		if d.granted || !d.fits(first, today) {
			continue
		}
		start, end := d.days(first, today)
		made := start.Start(loc)
		if made.Before(o.CreateTime) || made.After(now) {
			made = o.CreateTime
		}
		c := tx.Discount.Create().SetOrganizationID(o.ID).SetName(d.name).SetBasisPoints(d.basisPoints).
			SetStartDate(start.String()).SetReason(d.reason).SetCreatedByEmail("owner@demo.leitstand.test").
			SetCreateTime(made).SetUpdateTime(made)
		if d.workspace {
			w, err := tx.Workspace.Query().Where(workspace.OrganizationID(o.ID)).Order(workspace.ByName()).First(ctx)
			if ent.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			c.SetWorkspaceID(w.ID)
		}
		if end != nil {
			c.SetEndDate(end.String())
			if d.endReason != "" {
				ended := end.Start(loc)
				c.SetEndReason(d.endReason).SetEndedByEmail("owner@demo.leitstand.test").SetUpdateTime(ended)
			}
		}
		r, err := c.Save(ctx)
		if err != nil {
			return fmt.Errorf("demo discount %s: %w", d.name, err)
		}
		d.granted = true
		log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "discount", TargetID: ids.Format(ids.Discount, r.ID)})
		return nil
	}
	return nil
}
