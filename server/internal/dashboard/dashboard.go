// Package dashboard computes the start page's figures: the customers by
// status, what runs and what waits for staff, and what the customers pay
// (from package revenue). Every figure is read through the data layer, so
// it counts what the caller may see.
package dashboard

import (
	"context"
	"fmt"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/alert"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/revenue"
)

// Service computes the dashboard.
type Service struct {
	client  *ent.Client
	revenue *revenue.Service
}

// NewService returns the dashboard.
func NewService(client *ent.Client, rev *revenue.Service) *Service {
	return &Service{client: client, revenue: rev}
}

// Counts are the dashboard's counts.
type Counts struct {
	// Organizations by status (organization.Status…), and all of them.
	Organizations      map[string]int
	TotalOrganizations int
	// ActiveServices are booked and not decommissioned; of them,
	// ServicesNeedingAttention are neither online nor being provisioned.
	ActiveServices, ServicesNeedingAttention int
	// OpenOrders are not done or cancelled; of them, WaitingForStaff are
	// open or in progress.
	OpenOrders, OrdersWaitingForStaff int
	// OpenAlerts are not resolved; of them, Unacknowledged nobody has
	// acknowledged.
	OpenAlerts, UnacknowledgedAlerts int
}

// byStatus is a count of rows by their status.
type byStatus []struct {
	Status string `json:"status"`
	Count  int    `json:"count"`
}

func (b byStatus) of(statuses ...string) int {
	n := 0
	for _, r := range b {
		for _, s := range statuses {
			if r.Status == s {
				n += r.Count
			}
		}
	}
	return n
}

// Counts counts, in four statements.
func (s *Service) Counts(ctx context.Context) (Counts, error) {
	var orgs, services, orders, alerts byStatus
	for _, q := range []struct {
		what string
		scan func() error
	}{
		{"organizations", func() error {
			return s.client.Organization.Query().GroupBy(organization.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &orgs)
		}},
		{"services", func() error {
			return s.client.ServiceInstance.Query().GroupBy(serviceinstance.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &services)
		}},
		{"orders", func() error {
			return s.client.Order.Query().GroupBy(order.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &orders)
		}},
		{"alerts", func() error {
			return s.client.Alert.Query().GroupBy(alert.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &alerts)
		}},
	} {
		if err := q.scan(); err != nil {
			return Counts{}, fmt.Errorf("count the %s: %w", q.what, err)
		}
	}
	c := Counts{Organizations: map[string]int{}}
	for _, r := range orgs {
		c.Organizations[r.Status] = r.Count
		c.TotalOrganizations += r.Count
	}
	attention := []string{serviceinstance.StatusMAINTENANCE.String(), serviceinstance.StatusDISRUPTION.String(),
		serviceinstance.StatusINCIDENT.String(), serviceinstance.StatusSUSPENDED.String()}
	c.ServicesNeedingAttention = services.of(attention...)
	c.ActiveServices = c.ServicesNeedingAttention + services.of(serviceinstance.StatusONLINE.String(), serviceinstance.StatusPROVISIONING.String())
	c.OrdersWaitingForStaff = orders.of(order.StatusOPEN.String(), order.StatusIN_PROGRESS.String())
	c.OpenOrders = c.OrdersWaitingForStaff + orders.of(order.StatusWAITING_FOR_CUSTOMER.String())
	c.UnacknowledgedAlerts = alerts.of(alert.StatusOPEN.String())
	c.OpenAlerts = c.UnacknowledgedAlerts + alerts.of(alert.StatusACKNOWLEDGED.String())
	return c, nil
}

// Revenue is what the customers pay.
type Revenue struct {
	Currency string
	// MRRCents is today's MRR; Paying the organizations whose MRR is
	// above zero.
	MRRCents int64
	Paying   int
	// Months are the last twelve, the oldest first.
	Months []Month
	// Top are the ten organizations invoiced the most in them.
	Top []TopCustomer
}

// Month is one month's MRR (on its first day; this month: today) and
// net invoiced.
type Month struct {
	Month            string // YYYY-MM
	MRRCents         int64
	InvoicedNetCents int64
}

// TopCustomer is an organization invoiced the most, with its MRR today.
type TopCustomer struct {
	revenue.Customer
	MRRCents int64
}

// months is how far the revenue looks back, this month included.
const months = 12

// Revenue computes the revenue summary as of today in the caller's
// billing calendar.
func (s *Service) Revenue(ctx context.Context) (Revenue, error) {
	today, _, err := s.revenue.Today(ctx)
	if err != nil {
		return Revenue{}, err
	}
	first := calendar.D(today.Year(), today.Month()-months+1, 1)
	days := make([]calendar.Date, 0, months)
	for i := range months - 1 {
		days = append(days, calendar.D(first.Year(), first.Month()+time.Month(i), 1))
	}
	days = append(days, today)
	mrr, err := s.revenue.MRR(ctx, days)
	if err != nil {
		return Revenue{}, err
	}
	invoiced, err := s.revenue.Invoiced(ctx, first, today)
	if err != nil {
		return Revenue{}, err
	}
	top, err := s.revenue.Top(ctx, first, today, 10)
	if err != nil {
		return Revenue{}, err
	}
	r := Revenue{Currency: "EUR"}
	for i, day := range days {
		m := Month{Month: day.String()[:7], InvoicedNetCents: invoiced[day.String()[:7]]}
		for _, a := range mrr[i] {
			m.MRRCents += a.Cents
		}
		r.Months = append(r.Months, m)
	}
	now := mrr[len(mrr)-1]
	for _, a := range now {
		r.MRRCents += a.Cents
		if a.Cents > 0 {
			r.Paying++
			r.Currency = a.Currency
		}
	}
	for _, c := range top {
		r.Top = append(r.Top, TopCustomer{Customer: c, MRRCents: now[c.Organization].Cents})
	}
	return r, nil
}
