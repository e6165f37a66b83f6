// Package usagereport reports what the organizations of a billing entity
// used and were invoiced over whole calendar months (UTC), and keeps each
// month's report of every entity once the month has ended.
//
// The figures of a period [start, end) — the first day of the first month
// to the first day of the month after the last — are read from the read
// models of the areas that own them, as the caller sees them:
//   - Services: service instances booked (created) before the end and not
//     decommissioned before the start, so active at some time in the
//     period; ServicesAtEnd: those booked before the end and not
//     decommissioned by it. Instances are never deleted, so a past period
//     counts the same later.
//   - Servers: the servers assigned to the organization (server
//     assignments) made before the end, each counted once however many of
//     the organizations reported on share it. Assignments keep no end, so
//     one removed since is no longer counted: the stored monthly reports
//     keep what was assigned when the month ended.
//   - Storage and traffic: the usage snapshots (usage.Daily, the daily sum
//     the invoice charges from): the average storage of the days measured,
//     the highest day, and the traffic summed. Days without a snapshot are
//     left out, not counted as empty. Snapshots are kept for
//     usage.RetentionMonths, so older months have their storage and
//     traffic in the stored reports only.
//   - Minutes: the time entries recorded on orders for days in the
//     period, all and the billable ones.
//   - Net revenue: the net of the invoices issued in the period by issue
//     date (revenue.InvoicedByOrganization), cancellations counting
//     negative. In cents of EUR, the one currency the platform invoices in.
//
// An organization has a row when it has any figure in the period, or was
// created before the end and is not closed.
package usagereport

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// MaxMonths bounds a report's period: two years of months.
const MaxMonths = 24

// CatchUpMonths bounds how far back the monthly job fills in months it
// missed: a year, well within the usage snapshots' retention, so a month
// caught up is computed from complete data.
const CatchUpMonths = 12

// Currency is the currency of the revenue.
const Currency = "EUR"

// Month is a calendar month.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month t falls in, in UTC.
func MonthOf(t time.Time) Month {
	t = t.UTC()
	return Month{t.Year(), t.Month()}
}

// ParseMonth reads YYYY-MM; field names the request's field in the error.
func ParseMonth(field, s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, apierr.Invalid(field, field+".month", "%q is not a month YYYY-MM", s)
	}
	return MonthOf(t), nil
}

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// First is the month's first day.
func (m Month) First() calendar.Date { return calendar.D(m.Year, m.Month, 1) }

// Add is the month n months after m (before, for n < 0).
func (m Month) Add(n int) Month {
	return MonthOf(time.Date(m.Year, m.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
}

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || m.Year == o.Year && m.Month < o.Month
}

// Until is how many months there are from m to o, both included.
func (m Month) Until(o Month) int { return (o.Year-m.Year)*12 + int(o.Month-m.Month) + 1 }

// MarshalText writes YYYY-MM.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads YYYY-MM.
func (m *Month) UnmarshalText(b []byte) error {
	t, err := time.Parse("2006-01", string(b))
	if err != nil {
		return err
	}
	*m = MonthOf(t)
	return nil
}

// Figures are the report's figures of an organization, a month or all.
type Figures struct {
	Services            int   `json:"services"`
	ServicesAtEnd       int   `json:"services_at_end"`
	Servers             int   `json:"servers"`
	AverageStorageBytes int64 `json:"average_storage_bytes"`
	PeakStorageBytes    int64 `json:"peak_storage_bytes"`
	DaysMeasured        int   `json:"days_measured"`
	TrafficBytes        int64 `json:"traffic_bytes"`
	Minutes             int64 `json:"minutes"`
	BillableMinutes     int64 `json:"billable_minutes"`
	NetRevenueCents     int64 `json:"net_revenue_cents"`
}

// empty reports whether nothing was counted.
func (f Figures) empty() bool { return f == Figures{} }

// Row is an organization's figures over the period.
type Row struct {
	Organization      uuid.UUID `json:"organization"`
	OrganizationName  string    `json:"organization_name"`
	BillingEntity     uuid.UUID `json:"billing_entity"`
	BillingEntityName string    `json:"billing_entity_name"`
	Figures
}

// MonthFigures are one month's figures of all the organizations reported
// on.
type MonthFigures struct {
	Month Month `json:"month"`
	Figures
}

// Report is the report of a period.
type Report struct {
	// BillingEntity is uuid.Nil for all entities.
	BillingEntity     uuid.UUID `json:"billing_entity"`
	BillingEntityName string    `json:"billing_entity_name"`
	// Organization is uuid.Nil for all of the entity's.
	Organization     uuid.UUID      `json:"organization"`
	OrganizationName string         `json:"organization_name"`
	From             Month          `json:"from"`
	To               Month          `json:"to"`
	Currency         string         `json:"currency"`
	Totals           Figures        `json:"totals"`
	Rows             []Row          `json:"rows"`
	Months           []MonthFigures `json:"months"`
	GenerateTime     time.Time      `json:"generate_time"`
}

// DefaultMonths is how many months a report covers when the query names
// none: the current month and the five before.
const DefaultMonths = 6

// Query names what to report on.
type Query struct {
	// BillingEntity: uuid.Nil for all (the licensee's staff) or the
	// caller's own (a reseller's staff).
	BillingEntity uuid.UUID
	// Organization: uuid.Nil for all of the entity's.
	Organization uuid.UUID
	// From and To: the zero Month where not named (see Months).
	From, To Month
}

// Months fills in the months not named: neither is the DefaultMonths up
// to current; one alone is that month.
func (q Query) Months(current Month) Query {
	switch none := (Month{}); {
	case q.From == none && q.To == none:
		q.From, q.To = current.Add(-(DefaultMonths - 1)), current
	case q.From == none:
		q.From = q.To
	case q.To == none:
		q.To = q.From
	}
	return q
}
