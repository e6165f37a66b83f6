package demo

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/partner"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Partners makes one demo organization a partner at 15 % that referred
// four others eight months ago, books its ledger from their paid invoices,
// records a payout of part of it, and has one of its referrals run from
// outside (its only admin belongs to the partner).
func (s *Seeder) Partners(ctx context.Context) error {
	ctx = authz.System(ctx)
	orgs, err := s.Client.Organization.Query().Where(organization.StatusEQ(organization.StatusACTIVE), organization.Managed(false)).
		Order(organization.ByName(), organization.ByID()).All(ctx)
	if err != nil || len(orgs) < 8 {
		return err
	}
	// Every third from the alphabet's middle: away from the trials (the
	// oldest) and the upgrade requests (the latest).
	p := orgs[len(orgs)/2]
	var referred []*ent.Organization
	for i := len(orgs)/2 + 1; i < len(orgs) && len(referred) < 4; i += 3 {
		referred = append(referred, orgs[i])
	}
	since := s.Clock.Now().AddDate(0, -8, 0)
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := tx.Organization.UpdateOneID(p.ID).SetPartner(true).SetPartnerCommissionBp(1500).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "organization", TargetID: ids.Format(ids.Organization, p.ID)})
		for _, o := range referred {
			if err := tx.Organization.UpdateOneID(o.ID).SetReferredByID(p.ID).SetReferralTime(since).Exec(ctx); err != nil {
				return err
			}
		}
		// The first referral's owners also work for the partner.
		owners, err := tx.Membership.Query().Where(membership.OrganizationID(referred[0].ID),
			membership.RoleIn(membership.RoleOWNER, membership.RoleADMIN)).All(ctx)
		if err != nil {
			return err
		}
		for _, m := range owners {
			in, err := tx.Membership.Query().Where(membership.OrganizationID(p.ID), membership.UserID(m.UserID)).Exist(ctx)
			if err != nil {
				return err
			}
			if !in {
				if err := tx.Membership.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(p.ID).SetUserID(m.UserID).
					SetRole(membership.RoleMEMBER).SetCreateTime(since).SetUpdateTime(since).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	partners := partner.NewService(s.Client, s.Audit, s.Clock)
	if _, err := partners.BookCommissions(ctx); err != nil {
		return err
	}
	sums, err := partners.One(ctx, p.ID)
	if err != nil || sums.BalanceCents() < 200 {
		return err
	}
	paidOn := calendar.On(s.Clock.Now().Add(-30*24*time.Hour), time.UTC)
	_, _, err = partners.RecordPayout(ctx, p.ID, sums.BalanceCents()/2, paidOn, "GS-"+paidOn.String(), "Provisionsabrechnung")
	return err
}
