package account

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
)

// Effect is what a change to an account does to its next invoice and its
// MRR: measured before and after the change, in the change's own
// transaction, by the code that bills (invoice.Forecasts) and counts MRR
// (revenue.MRR), so that the preview a staff member confirms is what the
// customer's next invoice will say.
type Effect struct {
	// BillingDate is that of the next invoice not billed yet; zero when
	// there is none before and after.
	BillingDate calendar.Date
	// NextBeforeCents and NextAfterCents are its gross amount; 0 for
	// none.
	NextBeforeCents, NextAfterCents int64
	// MRRBeforeCents and MRRAfterCents are the MRR on the day measured.
	MRRBeforeCents, MRRAfterCents int64
	Currency                      string
}

// errPreview rolls a measured change back.
var errPreview = errors.New("account: a preview, rolled back")

// Measure runs change, a change to organization org, in one transaction,
// and measures the account before and after it: the next invoice and the
// MRR on day on (today when zero: a change that takes effect later is
// measured on its day). With preview, the change is rolled back and
// nothing is kept; otherwise it commits with what it recorded. An error
// of change is returned as it is, with nothing kept.
func (s *Service) Measure(ctx context.Context, org uuid.UUID, on calendar.Date, preview bool, change audit.Func) (Effect, error) {
	if on.IsZero() {
		today, _, err := s.revenue.Today(ctx)
		if err != nil {
			return Effect{}, err
		}
		on = today
	}
	var e Effect
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		e = Effect{Currency: "EUR"}
		before, err := s.measure(ctx, c, org, on)
		if err != nil {
			return err
		}
		if err := change(tx, log); err != nil {
			return err
		}
		after, err := s.measure(ctx, c, org, on)
		if err != nil {
			return err
		}
		e.NextBeforeCents, e.MRRBeforeCents = before.next, before.mrr
		e.NextAfterCents, e.MRRAfterCents = after.next, after.mrr
		e.BillingDate = after.date
		if e.BillingDate.IsZero() {
			e.BillingDate = before.date
		}
		if preview {
			return errPreview
		}
		return nil
	})
	if preview && errors.Is(err, errPreview) {
		err = nil
	}
	if err != nil {
		return Effect{}, err
	}
	return e, nil
}

type measured struct {
	date      calendar.Date
	next, mrr int64
}

func (s *Service) measure(ctx context.Context, c *ent.Client, org uuid.UUID, on calendar.Date) (measured, error) {
	next, err := s.invoices.ForecastsThrough(ctx, c, []uuid.UUID{org})
	if err != nil {
		return measured{}, err
	}
	mrr, err := s.revenue.MRRThrough(ctx, c, []calendar.Date{on}, org)
	if err != nil {
		return measured{}, err
	}
	f := next[org]
	return measured{date: f.BillingDate, next: f.GrossCents, mrr: mrr[0][org].Cents}, nil
}
