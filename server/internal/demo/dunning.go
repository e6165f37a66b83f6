package demo

import (
	"context"
	"fmt"
	"time"

	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Dunning chases the demo's overdue invoices as the daily runs would have:
// the weeks up to a week ago are replayed day by day without fees (the
// notices of those days, e-mailed to the demo's mail server); then the
// fees are set (none for the reminder, 2.50 € and 5.00 €), the
// organization of the most recent overdue invoice is put on hold over a
// disputed bill, and today's run writes whatever level is due now, with
// its fee invoice.
func (s *Seeder) Dunning(ctx context.Context) error {
	if s.DunningService == nil || s.Settings == nil {
		return nil
	}
	ctx = authz.System(ctx)
	now := s.Clock.Now()
	oldest, err := s.Client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusOVERDUE)).
		Order(entinvoice.ByDueDate()).First(ctx)
	if err != nil {
		return nil // nothing overdue: nothing to chase
	}
	due, err := time.Parse(time.DateOnly, oldest.DueDate)
	if err != nil {
		return err
	}
	clk := clock.NewManual(due.Add(9 * time.Hour))
	past := s.DunningService.At(clk)
	for day := due.Add(9 * time.Hour); day.Before(now.AddDate(0, 0, -7)); day = day.AddDate(0, 0, 1) {
		clk.Set(day)
		if _, err := past.Run(ctx); err != nil {
			return fmt.Errorf("demo dunning on %s: %w", day.Format(time.DateOnly), err)
		}
		clk.Set(day.Add(5 * time.Minute))
		if _, err := past.Deliver(ctx); err != nil {
			return fmt.Errorf("demo dunning mail on %s: %w", day.Format(time.DateOnly), err)
		}
	}
	set := PlatformSettings
	set.Dunning = settings.Defaults().Dunning
	set.Dunning.Levels[1].FeeCents, set.Dunning.Levels[2].FeeCents = 250, 500
	if _, _, err := s.Settings.Update(ctx, set, []string{"dunning"}, "demo data: fees for the formal notices"); err != nil {
		return err
	}
	latest, err := s.Client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusOVERDUE)).
		Order(entinvoice.ByDueDate(), entinvoice.ByID()).All(ctx)
	if err != nil {
		return err
	}
	if len(latest) > 1 {
		held := latest[len(latest)-1]
		loc, err := s.Settings.Location(ctx, held.IssuerID)
		if err != nil {
			return err
		}
		if _, err := s.DunningService.SetHold(ctx, held.OrganizationID, calendar.On(now, loc).AddDays(30),
			"Kunde bestreitet die Traffic-Abrechnung "+held.Number+"; Klärung mit dem Support läuft"); err != nil {
			return err
		}
	}
	if _, err := s.DunningService.Run(ctx); err != nil {
		return err
	}
	_, err = s.DunningService.Deliver(ctx)
	return err
}
