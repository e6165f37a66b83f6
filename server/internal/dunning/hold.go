package dunning

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/dunninghold"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// MaxHoldDays bounds a hold: a year, after which the case is looked at
// again.
const MaxHoldDays = 366

func holdOf(h *ent.DunningHold) *Hold {
	return &Hold{OrganizationID: h.OrganizationID, Until: dateOf(h.Until), Reason: h.Reason, CreatedByEmail: h.CreatedByEmail,
		UpdateTime: h.UpdateTime}
}

// organization reads an organization the caller sees, with its issuer.
func (s *Service) organization(ctx context.Context, c *ent.Client, org uuid.UUID) (*ent.Organization, issuerOf, error) {
	o, err := c.Organization.Get(ctx, org)
	if ent.IsNotFound(err) {
		return nil, issuerOf{}, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	if err != nil {
		return nil, issuerOf{}, err
	}
	is, err := s.issuer(ctx, map[uuid.UUID]issuerOf{}, o.BillingEntityID)
	return o, is, err
}

// SetHold pauses an organization's dunning up to and including until (in
// its issuer's calendar, from today to a year ahead), or changes its hold.
func (s *Service) SetHold(ctx context.Context, org uuid.UUID, until calendar.Date, reason string) (*Hold, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why dunning is held: a dispute, an agreed payment plan")
	}
	_, is, err := s.organization(ctx, s.client, org)
	if err != nil {
		return nil, err
	}
	today := s.today(is)
	switch {
	case until.Before(today):
		return nil, apierr.Invalid("until", "until.future", "the hold's last day is today (%s) or later", today)
	case until.After(today.AddDays(MaxHoldDays)):
		return nil, apierr.Invalid("until", "until.within_a_year", "a hold lasts a year at most (until %s)", today.AddDays(MaxHoldDays))
	}
	var out *Hold
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if _, err := tx.Organization.Get(ctx, org); err != nil {
			return err
		}
		now := s.clock.Now()
		old, err := tx.DunningHold.Query().Where(dunninghold.OrganizationID(org)).Only(ctx)
		var row *ent.DunningHold
		var before map[string]any
		switch {
		case ent.IsNotFound(err):
			row, err = tx.DunningHold.Create().SetOrganizationID(org).SetUntil(until.String()).SetReason(reason).
				SetCreatedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		case err != nil:
			return err
		default:
			if old.Until == until.String() && old.Reason == reason {
				out = holdOf(old)
				return audit.Unchanged
			}
			before = map[string]any{"until": old.Until, "reason": old.Reason}
			row, err = old.Update().SetUntil(until.String()).SetReason(reason).SetCreatedByEmail(authz.ActorOf(ctx).Email).
				SetUpdateTime(now).Save(ctx)
		}
		if err != nil {
			return err
		}
		out = holdOf(row)
		log.Record(audit.Event{TargetType: holdTarget, TargetID: ids.Format(ids.Organization, org), Reason: reason,
			Before: before, After: map[string]any{"until": until.String(), "reason": reason}})
		return nil
	})
	return out, err
}

// ReleaseHold ends an organization's hold before its last day.
func (s *Service) ReleaseHold(ctx context.Context, org uuid.UUID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return apierr.Invalid("reason", "reason.required", "say why the hold ends early")
	}
	if _, _, err := s.organization(ctx, s.client, org); err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		old, err := tx.DunningHold.Query().Where(dunninghold.OrganizationID(org)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.FailedPrecondition("%s has no dunning hold", ids.Format(ids.Organization, org))
		}
		if err != nil {
			return err
		}
		if err := tx.DunningHold.DeleteOne(old).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: holdTarget, TargetID: ids.Format(ids.Organization, org), Reason: reason,
			Before: map[string]any{"until": old.Until, "reason": old.Reason}})
		return nil
	})
}
