package usagereport

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serverassignment"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/timeentry"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/revenue"
	"github.com/leitstand/leitstand/server/internal/usage"
)

// Service computes usage reports and keeps the monthly ones.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the usage reports' service.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

// Check refuses a period that is not whole months in order, longer than
// MaxMonths or reaching past the current month.
func (s *Service) Check(q Query) error {
	if q.To.Before(q.From) {
		return apierr.Invalid("query.to_month", "to_month.after_from", "the last month %s is before the first %s", q.To, q.From)
	}
	if n := q.From.Until(q.To); n > MaxMonths {
		return apierr.Invalid("query.to_month", "to_month.max_months", "the period has %d months; a report covers at most %d", n, MaxMonths)
	}
	if now := MonthOf(s.clock.Now()); now.Before(q.To) {
		return apierr.Invalid("query.to_month", "to_month.future", "the last month %s is after the current month %s", q.To, now)
	}
	return nil
}

// Report computes the report q names, of the default months where q names
// none (Query.Months, by the clock). A reseller's staff naming another
// entity, or an organization they do not see, get NotFound.
func (s *Service) Report(ctx context.Context, q Query) (*Report, error) {
	q = q.Months(MonthOf(s.clock.Now()))
	if err := s.Check(q); err != nil {
		return nil, err
	}
	be := q.BillingEntity
	if own, ok := tenancy.Scope(ctx); ok {
		if be != uuid.Nil && be != own {
			return nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, be))
		}
		be = own
	}
	if be != uuid.Nil {
		// The data layer hides another reseller's entity.
		if ok, err := s.client.BillingEntity.Query().Where(billingentity.ID(be)).Exist(ctx); err != nil {
			return nil, fmt.Errorf("find billing entity: %w", err)
		} else if !ok {
			return nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, be))
		}
	}
	if q.Organization != uuid.Nil {
		o, err := s.client.Organization.Query().Where(organization.ID(q.Organization)).
			Select(organization.FieldID, organization.FieldBillingEntityID).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, apierr.NotFound("organization", ids.Format(ids.Organization, q.Organization))
		} else if err != nil {
			return nil, fmt.Errorf("find organization: %w", err)
		}
		if be != uuid.Nil && o.BillingEntityID != be {
			return nil, apierr.Invalid("query.organization_id", "organization_id.entity",
				"the organization belongs to another billing entity than the one reported on")
		}
	}
	return compute(ctx, s.client, be, q.Organization, q.From, q.To, s.clock.Now())
}

// period is where the figures are counted: [start, end) in days and as
// instants (midnight UTC).
type period struct {
	start, end calendar.Date
	from, to   time.Time
}

func periodOf(from, to Month) period {
	p := period{start: from.First(), end: to.Add(1).First()}
	p.from, p.to = p.start.Time(), p.end.Time()
	return p
}

// counter gathers the figures of one organization, month or the total:
// the distinct counts as sets, storage by day.
type counter struct {
	services, servicesAtEnd int
	servers                 map[uuid.UUID]bool
	storage                 map[calendar.Date]int64
	traffic                 int64
	minutes, billable       int64
	revenue                 int64
}

func newCounter() *counter {
	return &counter{servers: map[uuid.UUID]bool{}, storage: map[calendar.Date]int64{}}
}

func (c *counter) figures() Figures {
	f := Figures{Services: c.services, ServicesAtEnd: c.servicesAtEnd, Servers: len(c.servers), DaysMeasured: len(c.storage),
		TrafficBytes: c.traffic, Minutes: c.minutes, BillableMinutes: c.billable, NetRevenueCents: c.revenue}
	var sum int64
	for _, b := range c.storage {
		sum += b
		f.PeakStorageBytes = max(f.PeakStorageBytes, b)
	}
	if n := int64(len(c.storage)); n > 0 {
		f.AverageStorageBytes = (sum + n/2) / n // rounded to the byte
	}
	return f
}

// tally counts into an organization's counter of the period, the counter
// of each month of the period and the total's counter of each.
type tally struct {
	months []Month
	spans  []period
	whole  period
	// per organization: [0] the period, [1+i] month i
	orgs map[uuid.UUID][]*counter
	// the total: [0] the period, [1+i] month i
	total []*counter
}

func newTally(from, to Month, orgs []uuid.UUID) *tally {
	t := &tally{whole: periodOf(from, to), orgs: map[uuid.UUID][]*counter{}}
	for m := from; !to.Before(m); m = m.Add(1) {
		t.months = append(t.months, m)
		t.spans = append(t.spans, periodOf(m, m))
	}
	mk := func() []*counter {
		cs := make([]*counter, len(t.months)+1)
		for i := range cs {
			cs[i] = newCounter()
		}
		return cs
	}
	for _, o := range orgs {
		t.orgs[o] = mk()
	}
	t.total = mk()
	return t
}

// each calls fn for the period and every month, with the span and the
// organization's and the total's counters; a nil span is left out.
func (t *tally) each(org uuid.UUID, fn func(p period, own, all *counter)) {
	cs := t.orgs[org]
	if cs == nil {
		return
	}
	fn(t.whole, cs[0], t.total[0])
	for i, p := range t.spans {
		fn(p, cs[i+1], t.total[i+1])
	}
}

// monthIndex is the index of the month d falls in, or -1.
func (t *tally) monthIndex(d calendar.Date) int {
	m := Month{d.Year(), d.Month()}
	i := t.months[0].Until(m) - 1
	if i < 0 || i >= len(t.months) {
		return -1
	}
	return i
}

// batch is how many organizations one statement names, well below the
// databases' limits on parameters.
const batch = 500

func inBatches(orgs []uuid.UUID, fn func([]uuid.UUID) error) error {
	for b := range slices.Chunk(orgs, batch) {
		if err := fn(b); err != nil {
			return err
		}
	}
	return nil
}

// compute counts the figures of be's organizations (uuid.Nil: all the
// caller sees), or of org alone, from month from to month to.
func compute(ctx context.Context, c *ent.Client, be, org uuid.UUID, from, to Month, now time.Time) (*Report, error) {
	whole := periodOf(from, to)
	r := &Report{BillingEntity: be, Organization: org, From: from, To: to, Currency: Currency, GenerateTime: now.UTC()}

	names := map[uuid.UUID]string{}
	entities, err := c.BillingEntity.Query().Select(billingentity.FieldID, billingentity.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read billing entities: %w", err)
	}
	for _, e := range entities {
		names[e.ID] = e.Name
	}
	r.BillingEntityName = names[be]

	oq := c.Organization.Query()
	if be != uuid.Nil {
		oq.Where(organization.BillingEntityID(be))
	}
	if org != uuid.Nil {
		oq.Where(organization.ID(org))
	}
	orgRows, err := oq.Select(organization.FieldID, organization.FieldName, organization.FieldBillingEntityID, organization.FieldStatus,
		organization.FieldCreateTime).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read organizations: %w", err)
	}
	orgs := make([]uuid.UUID, len(orgRows))
	for i, o := range orgRows {
		orgs[i] = o.ID
		if o.ID == org {
			r.OrganizationName = o.Name
		}
	}
	t := newTally(from, to, orgs)

	err = inBatches(orgs, func(b []uuid.UUID) error {
		if err := countServices(ctx, c, t, b); err != nil {
			return err
		}
		if err := countServers(ctx, c, t, b); err != nil {
			return err
		}
		if err := countUsage(ctx, c, t, b); err != nil {
			return err
		}
		if err := countTime(ctx, c, t, b); err != nil {
			return err
		}
		return countRevenue(ctx, c, t, b)
	})
	if err != nil {
		return nil, err
	}

	r.Totals = t.total[0].figures()
	for i, m := range t.months {
		r.Months = append(r.Months, MonthFigures{Month: m, Figures: t.total[i+1].figures()})
	}
	for _, o := range orgRows {
		f := t.orgs[o.ID][0].figures()
		if f.empty() && (o.Status == organization.StatusCLOSED || !o.CreateTime.Before(whole.to)) {
			continue
		}
		r.Rows = append(r.Rows, Row{Organization: o.ID, OrganizationName: o.Name, BillingEntity: o.BillingEntityID,
			BillingEntityName: names[o.BillingEntityID], Figures: f})
	}
	slices.SortFunc(r.Rows, func(a, b Row) int {
		if c := strings.Compare(strings.ToLower(a.OrganizationName), strings.ToLower(b.OrganizationName)); c != 0 {
			return c
		}
		return strings.Compare(a.Organization.String(), b.Organization.String())
	})
	return r, nil
}

// countServices: an instance is active in a span when it was booked before
// the span's end and not decommissioned before its start; at the end when
// booked before the end and not decommissioned by it.
func countServices(ctx context.Context, c *ent.Client, t *tally, orgs []uuid.UUID) error {
	rows, err := c.ServiceInstance.Query().Where(serviceinstance.OrganizationIDIn(orgs...), serviceinstance.CreateTimeLT(t.whole.to)).
		Select(serviceinstance.FieldOrganizationID, serviceinstance.FieldCreateTime, serviceinstance.FieldStatus, serviceinstance.FieldStatusTime).
		All(ctx)
	if err != nil {
		return fmt.Errorf("read services: %w", err)
	}
	for _, i := range rows {
		gone := i.Status == serviceinstance.StatusDECOMMISSIONED
		t.each(i.OrganizationID, func(p period, own, all *counter) {
			if !i.CreateTime.Before(p.to) || gone && i.StatusTime.Before(p.from) {
				return
			}
			own.services++
			all.services++
			if !gone || !i.StatusTime.Before(p.to) {
				own.servicesAtEnd++
				all.servicesAtEnd++
			}
		})
	}
	return nil
}

// countServers: the servers assigned before a span's end.
func countServers(ctx context.Context, c *ent.Client, t *tally, orgs []uuid.UUID) error {
	rows, err := c.ServerAssignment.Query().Where(serverassignment.OrganizationIDIn(orgs...), serverassignment.CreateTimeLT(t.whole.to)).
		Select(serverassignment.FieldOrganizationID, serverassignment.FieldServerID, serverassignment.FieldCreateTime).All(ctx)
	if err != nil {
		return fmt.Errorf("read server assignments: %w", err)
	}
	for _, a := range rows {
		t.each(a.OrganizationID, func(p period, own, all *counter) {
			if a.CreateTime.Before(p.to) {
				own.servers[a.ServerID] = true
				all.servers[a.ServerID] = true
			}
		})
	}
	return nil
}

// countUsage: storage by day (the total's a day is the sum of the
// organizations'), traffic summed.
func countUsage(ctx context.Context, c *ent.Client, t *tally, orgs []uuid.UUID) error {
	days, err := usage.Daily(ctx, c, orgs, t.whole.start, t.whole.end.AddDays(-1))
	if err != nil {
		return err
	}
	for org, ds := range days {
		cs := t.orgs[org]
		if cs == nil {
			continue
		}
		for _, d := range ds {
			i := t.monthIndex(d.Day)
			if i < 0 {
				continue
			}
			for _, k := range []*counter{cs[0], cs[i+1], t.total[0], t.total[i+1]} {
				k.storage[d.Day] += d.StorageBytes
				k.traffic += d.TrafficBytes
			}
		}
	}
	return nil
}

// countTime: the minutes recorded for days in the period.
func countTime(ctx context.Context, c *ent.Client, t *tally, orgs []uuid.UUID) error {
	rows, err := c.TimeEntry.Query().Where(timeentry.OrganizationIDIn(orgs...),
		timeentry.DateGTE(t.whole.from), timeentry.DateLT(t.whole.to)).
		Select(timeentry.FieldOrganizationID, timeentry.FieldDate, timeentry.FieldMinutes, timeentry.FieldBillable).All(ctx)
	if err != nil {
		return fmt.Errorf("read time entries: %w", err)
	}
	for _, e := range rows {
		cs := t.orgs[e.OrganizationID]
		i := t.monthIndex(calendar.On(e.Date, time.UTC))
		if cs == nil || i < 0 {
			continue
		}
		for _, k := range []*counter{cs[0], cs[i+1], t.total[0], t.total[i+1]} {
			k.minutes += int64(e.Minutes)
			if e.Billable {
				k.billable += int64(e.Minutes)
			}
		}
	}
	return nil
}

// countRevenue: the net of the invoices issued in the period.
func countRevenue(ctx context.Context, c *ent.Client, t *tally, orgs []uuid.UUID) error {
	sums, err := revenue.InvoicedByOrganization(ctx, c, orgs, t.whole.start, t.whole.end.AddDays(-1))
	if err != nil {
		return err
	}
	for org, byMonth := range sums {
		cs := t.orgs[org]
		if cs == nil {
			continue
		}
		for month, cents := range byMonth {
			m, err := ParseMonth("month", month)
			if err != nil {
				return err
			}
			i := t.monthIndex(m.First())
			if i < 0 {
				continue
			}
			for _, k := range []*counter{cs[0], cs[i+1], t.total[0], t.total[i+1]} {
				k.revenue += cents
			}
		}
	}
	return nil
}
