// Package revenue says what the platform's customers pay it: the monthly
// recurring revenue (MRR) of each organization on a day, and the net
// invoiced by month and by organization. The dashboard shows them, and
// the account rollup is built on them.
//
// MRR on a day is what an organization's invoice of a billing date on
// that day would charge in advance for one month, for every organization
// the billing run bills (active or suspended) with a contract in force on
// it: the base fee of its terms (custom terms
// applied), the monthly price of each service running on the day, less
// the discounts in force on the day, computed by the billing computation
// itself (rules 1, 2 and 7 of docs/billing.md), so that MRR and the
// invoices cannot disagree. Support time, storage above what is included,
// prorated services and invoices issued on their own (manual invoices,
// dunning fees) are not recurring and are not in it. Net of VAT, in cents
// of the terms' currency.
//
// Organizations keep no date of their status, so the MRR of a past day
// counts those billed today: one closed since drops out of it.
//
// Invoiced revenue is the net of the invoices issued, cancellation
// invoices counting negative: an invoice and its cancellation add up to
// nothing.
package revenue

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Locations tells the billing calendar's time zone of a billing entity.
type Locations func(ctx context.Context, billingEntity uuid.UUID) (*time.Location, error)

// Service reads revenue.
type Service struct {
	client    *ent.Client
	clock     clock.Clock
	locations Locations
}

// NewService returns the revenue reader.
func NewService(client *ent.Client, clk clock.Clock, locations Locations) *Service {
	return &Service{client: client, clock: clk, locations: locations}
}

// Today is the day in the billing calendar of the caller's billing entity
// (a reseller's staff their own, the platform's staff the licensee's),
// and that calendar's time zone: the day "this month" and "today" of the
// figures mean.
func (s *Service) Today(ctx context.Context) (calendar.Date, *time.Location, error) {
	var be uuid.UUID
	if p := authz.FromContext(ctx); p != nil && p.BillingEntityID != nil {
		be = *p.BillingEntityID
	} else {
		var err error
		if be, err = tenancy.Licensee(ctx, s.client); err != nil {
			return calendar.Date{}, nil, err
		}
	}
	loc, err := s.locations(ctx, be)
	if err != nil {
		return calendar.Date{}, nil, err
	}
	return calendar.On(s.clock.Now(), loc), loc, nil
}

// Recurring is an organization's MRR on a day, and the contract it is
// computed on.
type Recurring struct {
	Organization uuid.UUID
	Cents        int64
	Currency     string
	Contract     *contract.Contract
}

// MRR returns, for each day of days, the MRR of every organization (or of
// those named in only) with a contract in force on it (out[i] for
// days[i]): one statement for the
// organizations, the services and the discounts, three a day for the
// contracts. A day ahead is a forecast from what is scheduled by then: a
// plan transition starting by it counts as in force, a discount ending
// before it and a service decommissioned by it do not count.
func (s *Service) MRR(ctx context.Context, days []calendar.Date, only ...uuid.UUID) ([]map[uuid.UUID]Recurring, error) {
	return s.MRRThrough(ctx, s.client, days, only...)
}

// MRRThrough is MRR read through c: in a change, with what it wrote.
func (s *Service) MRRThrough(ctx context.Context, c *ent.Client, days []calendar.Date, only ...uuid.UUID) ([]map[uuid.UUID]Recurring, error) {
	// Those the billing run bills: a customer waiting for approval or
	// closed pays nothing, whatever its contract says.
	q := c.Organization.Query().Where(organization.StatusIn(organization.StatusACTIVE, organization.StatusSUSPENDED))
	if len(only) > 0 {
		q.Where(organization.IDIn(only...))
	}
	orgs, err := q.Select(organization.FieldID, organization.FieldBillingEntityID, organization.FieldCreateTime).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the organizations: %w", err)
	}
	ids := make([]uuid.UUID, len(orgs))
	locs := map[uuid.UUID]*time.Location{}
	locOf := make(map[uuid.UUID]*time.Location, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
		loc, ok := locs[o.BillingEntityID]
		if !ok {
			if loc, err = s.locations(ctx, o.BillingEntityID); err != nil {
				return nil, err
			}
			locs[o.BillingEntityID] = loc
		}
		locOf[o.ID] = loc
	}
	discounts, err := contract.Discounts(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	sq := c.ServiceInstance.Query()
	if len(only) > 0 {
		sq.Where(serviceinstance.OrganizationIDIn(only...))
	}
	rows, err := sq.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the services: %w", err)
	}
	services := map[uuid.UUID][]charges.BookedService{}
	for _, r := range rows {
		loc, ok := locOf[r.OrganizationID]
		if !ok {
			continue
		}
		b := invoice.Charged(r, loc)
		// A decommission scheduled ends the service on its day, as the
		// decommission job will.
		if b.Decommissioned == nil && r.DecommissionTime != nil {
			end := calendar.On(*r.DecommissionTime, loc)
			b.Decommissioned = &end
		}
		services[r.OrganizationID] = append(services[r.OrganizationID], b)
	}
	out := make([]map[uuid.UUID]Recurring, len(days))
	for i, day := range days {
		on := make(map[uuid.UUID]calendar.Date, len(ids))
		for _, id := range ids {
			on[id] = day
		}
		cts, err := contract.InForceOrScheduledOnEach(ctx, c, on)
		if err != nil {
			return nil, err
		}
		out[i] = make(map[uuid.UUID]Recurring, len(cts))
		for org, ct := range cts {
			cents, err := Monthly(day, ct.Charges(), services[org], discounts[org])
			if err != nil {
				return nil, fmt.Errorf("the MRR of organization %s on %s: %w", org, day, err)
			}
			out[i][org] = Recurring{Organization: org, Cents: cents, Currency: ct.Currency, Contract: ct}
		}
	}
	return out, nil
}

// Monthly is the MRR on day of an organization on terms with services and
// discounts: the net of the lines in advance of its invoice if it were
// billed on day (base fee, services running on day, discounts in force on
// day).
func Monthly(day calendar.Date, terms charges.Terms, services []charges.BookedService, discounts []charges.Reduction) (int64, error) {
	var running []charges.BookedService
	for _, sv := range services {
		// Booked by the day and not decommissioned by it: what rule 2
		// charges for the coming month. Those that ended are left out
		// before the computation, which would refuse them without a past
		// period to end in.
		if !sv.Booked.After(day) && (sv.Decommissioned == nil || sv.Decommissioned.After(day)) {
			running = append(running, sv)
		}
	}
	res, err := charges.Compute(charges.Input{BillingDate: day, Coming: calendar.PeriodFrom(day.Day(), day), Terms: terms,
		Services: running, Discounts: discounts})
	if err != nil {
		return 0, err
	}
	var sum int64
	for _, l := range res.Lines {
		sum += l.NetCents
	}
	return sum, nil
}
