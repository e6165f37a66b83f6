package demo

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/upgraderequest"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// upgradeAsks are the demo's requests for a higher tier: three waiting in
// the queue, one denied with the reason its customer reads.
var upgradeAsks = []struct {
	message, denial string
	daysAgo         int
}{
	{"Wir stellen zum Quartal fünf neue Kolleginnen ein und brauchen mehr Nutzer.", "", 1},
	{"Unser Speicher ist fast voll – bitte auf den nächsten Tarif umstellen.", "", 3},
	{"Wir möchten den größeren Tarif ab dem nächsten Monat.", "", 6},
	{"Bitte den nächsthöheren Tarif freischalten.", "Der Tarif setzt einen Rahmenvertrag voraus; Ihr Account-Team meldet sich dazu bei Ihnen.", 20},
}

// UpgradeRequests files the demo's upgrade requests, each by an owner of
// an active organization on a lower tier, for the next tier up.
func (s *Seeder) UpgradeRequests(ctx context.Context) error {
	ctx = authz.System(ctx)
	plans, err := s.Client.Plan.Query().Where(entplan.RetireTimeIsNil()).Order(entplan.ByRank()).All(ctx)
	if err != nil || len(plans) < 2 {
		return err
	}
	next := map[uuid.UUID]*ent.Plan{}
	for i := range len(plans) - 1 {
		next[plans[i].ID] = plans[i+1]
	}
	contracts, err := s.Client.Contract.Query().Where(entcontract.StatusEQ(entcontract.StatusACTIVE)).All(ctx)
	if err != nil {
		return err
	}
	on := map[uuid.UUID]uuid.UUID{}
	for _, c := range contracts {
		on[c.OrganizationID] = c.PlanID
	}
	// The latest organizations, so that the trials (given to the oldest)
	// are elsewhere.
	orgs, err := s.Client.Organization.Query().Where(organization.StatusEQ(organization.StatusACTIVE), organization.Managed(false)).
		Order(ent.Desc(organization.FieldCreateTime), ent.Desc(organization.FieldID)).Limit(60).All(ctx)
	if err != nil {
		return err
	}
	now := s.Clock.Now()
	return s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		filed := 0
		for _, o := range orgs {
			if filed == len(upgradeAsks) {
				break
			}
			to, ok := next[on[o.ID]]
			if !ok {
				continue
			}
			owner, err := tx.Membership.Query().Where(membership.OrganizationID(o.ID), membership.RoleEQ(membership.RoleOWNER)).
				QueryUser().Where(user.Disabled(false)).First(ctx)
			if ent.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			ask := upgradeAsks[filed]
			made := now.AddDate(0, 0, -ask.daysAgo).Add(-time.Duration(filed) * time.Hour)
			from := on[o.ID]
			c := tx.UpgradeRequest.Create().SetOrganizationID(o.ID).SetPlanID(to.ID).SetFromPlanID(from).SetMessage(ask.message).
				SetRequestedByUserID(owner.ID).SetRequestedByEmail(owner.Email).SetCreateTime(made).SetUpdateTime(made)
			if ask.denial != "" {
				decided := made.Add(26 * time.Hour)
				c.SetStatus(upgraderequest.StatusDENIED).SetDecisionReason(ask.denial).SetDecideTime(decided).
					SetDecidedByEmail("operator@demo.leitstand.test").SetUpdateTime(decided)
			}
			r, err := c.Save(ctx)
			if err != nil {
				return err
			}
			filed++
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "upgrade_request", TargetID: ids.Format(ids.UpgradeRequest, r.ID)})
		}
		if filed == 0 {
			return audit.Unchanged
		}
		return nil
	})
}
