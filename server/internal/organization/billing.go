package organization

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Calendar is an organization's billing calendar from today on.
type Calendar struct {
	BillingDay int
	TimeZone   *time.Location
	Periods    []calendar.Period
}

// BillingDates lists the next n billing periods of an organization, from
// the billing date on or after today on its calendar.
func (s *Service) BillingDates(ctx context.Context, id uuid.UUID, n int) (*Calendar, error) {
	d, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	today := calendar.On(s.clock.Now(), d.TimeZone)
	out := &Calendar{BillingDay: d.BillingDay, TimeZone: d.TimeZone}
	for _, date := range calendar.Next(d.BillingDay, today, n) {
		out.Periods = append(out.Periods, calendar.PeriodFrom(d.BillingDay, date))
	}
	return out, nil
}
