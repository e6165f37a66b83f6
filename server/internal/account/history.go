package account

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/organization"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/ent/usagecounter"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/trial"
)

// Month is one month of an account's history.
type Month struct {
	Month                         string // YYYY-MM
	Class                         Class
	Plan                          string
	MRRStartCents                 int64
	InvoicedGrossCents, PaidCents int64
	PeakStorageBytes              int64
	TrafficBytes                  int64
}

// lookback is how many months an account's history shows, the last
// included.
const lookback = 12

// History is an organization's last twelve months up to month (YYYY-MM;
// this month when empty), the oldest first. Months before the
// organization existed are left out.
func (s *Service) History(ctx context.Context, org uuid.UUID, monthName string) ([]Month, error) {
	last, err := s.monthOf(ctx, monthName)
	if err != nil {
		return nil, err
	}
	o, err := s.client.Organization.Query().Where(organization.ID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	if err != nil {
		return nil, err
	}
	created := calendar.On(o.CreateTime, last.loc)
	var months []month
	for i := lookback - 1; i >= 0; i-- {
		first := calendar.D(last.first.Year(), last.first.Month()-time.Month(i), 1)
		m := month{name: first.String()[:7], first: first, last: calendar.D(first.Year(), first.Month()+1, 1).AddDays(-1),
			today: last.today, loc: last.loc}
		if !m.last.Before(created) {
			months = append(months, m)
		}
	}
	if len(months) == 0 {
		return nil, nil
	}
	days := make([]calendar.Date, 0, 2*len(months))
	for _, m := range months {
		days = append(days, m.first, m.asOf())
	}
	mrr, err := s.revenue.MRR(ctx, days, org)
	if err != nil {
		return nil, err
	}
	invoices, err := s.client.Invoice.Query().Where(entinvoice.OrganizationID(org)).
		Select(entinvoice.FieldIssueDate, entinvoice.FieldGrossCents).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the invoices: %w", err)
	}
	payments, err := s.client.Payment.Query().Where(entpayment.OrganizationID(org), entpayment.StatusEQ(entpayment.StatusSUCCEEDED)).
		Select(entpayment.FieldValueDate, entpayment.FieldAmountCents, entpayment.FieldRefundedCents).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the payments: %w", err)
	}
	counters, err := s.client.UsageCounter.Query().Where(usagecounter.OrganizationID(org)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the usage: %w", err)
	}
	trials, err := trial.OfOrganizations(ctx, s.client, months[0].first, last.last, org)
	if err != nil {
		return nil, err
	}
	out := make([]Month, len(months))
	for i, m := range months {
		h := Month{Month: m.name, MRRStartCents: mrr[2*i][org].Cents}
		if c := mrr[2*i+1][org].Contract; c != nil {
			h.Plan = c.PlanName
		}
		t, ok := trials[org]
		h.Class = ClassOf(ok && t.On(m.asOf(), m.loc), o.Managed, mrr[2*i+1][org].Cents)
		for _, r := range invoices {
			if r.IssueDate[:7] == m.name {
				h.InvoicedGrossCents += r.GrossCents
			}
		}
		for _, r := range payments {
			if r.ValueDate[:7] == m.name {
				h.PaidCents += r.AmountCents - r.RefundedCents
			}
		}
		for _, c := range counters {
			if c.Month == m.name {
				h.PeakStorageBytes, h.TrafficBytes = c.PeakStorageBytes, c.TrafficBytes
			}
		}
		out[i] = h
	}
	return out, nil
}
