// Package usage keeps what the organizations store and transfer: a
// snapshot per organization, workspace and day, usage that other systems
// report, and monthly counters.
//
// The rules:
//   - Days are civil dates of UTC (YYYY-MM-DD). The daily job runs just
//     after midnight UTC and measures the day that just ended.
//   - Measured (source CONTAINERS): a workspace's storage of a day is the
//     disk use of the containers linked to its service instances that are
//     not decommissioned, counting every container the sync still sees
//     (not gone; a stopped container's data still takes its disk). It is
//     read from the database as it stands when the job runs, so a run after
//     downtime measures the day before it, and the days missed stay without
//     a measured snapshot: their disk use is not known afterwards and is
//     not invented. The containers' net_in/net_out are rates of the last
//     sample, not counters, so traffic comes from reports only.
//   - Reported (source REPORTED): other systems report usage events, each
//     with an event id of their own that is the idempotency key within its
//     organization: an id seen before with the same payload changes
//     nothing and is answered as a duplicate; the same id with another
//     payload is refused. Storage is a gauge: the latest report of a day
//     counts. Traffic is a counter: a day's reports are summed.
//   - An organization's storage on a day is the sum of all its snapshots of
//     that day (every workspace and the whole organization, both sources);
//     the invoice averages it over the period's days that have one.
//   - Every organization has a counter row per calendar month (UTC): its
//     traffic and its highest daily storage of the month. The monthly reset
//     starts the new month's rows; the months before stay.
//   - Snapshots and reports are kept for Retention, then removed by the
//     weekly clean-up.
package usage

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// RetentionMonths is how long snapshots and reported events are kept, in
// whole calendar months before the current one: reports and invoices look
// back twelve months, an invoice's past period may begin in the month
// before those twelve, and one more month is the margin for late runs.
// Everything from the first day of the month RetentionMonths before the
// current month on is kept.
const RetentionMonths = 14

// Cutoff is the first day kept on day today: the first of the month
// RetentionMonths before today's month.
func Cutoff(today calendar.Date) calendar.Date {
	t := time.Date(today.Year(), today.Month()-RetentionMonths, 1, 0, 0, 0, 0, time.UTC)
	return calendar.On(t, time.UTC)
}

// Metric is what a reported event measures.
type Metric string

// The metrics.
const (
	// StorageBytes is a gauge: the latest report of a day counts.
	StorageBytes Metric = "STORAGE_BYTES"
	// TrafficBytes is a counter: a day's reports are summed.
	TrafficBytes Metric = "TRAFFIC_BYTES"
)

// Metrics lists the metrics.
func Metrics() []Metric { return []Metric{StorageBytes, TrafficBytes} }

// Source is where a snapshot's figures come from.
type Source string

// The sources.
const (
	// Containers: measured on the containers linked to service instances.
	Containers Source = "CONTAINERS"
	// Reported: reported by other systems.
	Reported Source = "REPORTED"
)

// Sources lists the sources.
func Sources() []Source { return []Source{Containers, Reported} }

// Outcome is what became of a reported event.
type Outcome string

// The outcomes.
const (
	Accepted  Outcome = "ACCEPTED"
	Duplicate Outcome = "DUPLICATE"
)

// Outcomes lists the outcomes.
func Outcomes() []Outcome { return []Outcome{Accepted, Duplicate} }

// MaxQuantity bounds one event's quantity (100 PB), as the invoice bounds a
// day's storage.
const MaxQuantity = 100_000_000_000_000_000

// Event is one measurement another system reports.
type Event struct {
	// ID is the caller's id of the event, unique within the organization.
	ID           string
	Organization uuid.UUID
	// Workspace is uuid.Nil for the whole organization.
	Workspace uuid.UUID
	Metric    Metric
	Quantity  int64
	Day       calendar.Date
}

// same reports whether e carries the payload of a stored event.
func (e Event) same(o Event) bool {
	return e.Workspace == o.Workspace && e.Metric == o.Metric && e.Quantity == o.Quantity && e.Day == o.Day
}

// Result is the outcome of one reported event.
type Result struct {
	EventID      string
	Organization uuid.UUID
	Outcome      Outcome
}

// Snapshot is an organization's usage on one day, of a workspace (uuid.Nil:
// the whole organization), from one source.
type Snapshot struct {
	Organization uuid.UUID
	Workspace    uuid.UUID
	Day          calendar.Date
	Source       Source
	StorageBytes int64
	TrafficBytes int64
}

// Filter selects snapshots.
type Filter struct {
	Organization uuid.UUID
	// Workspace: only its snapshots; uuid.Nil for all.
	Workspace uuid.UUID
	// From and To bound the days (both included); zero for no bound.
	From, To  calendar.Date
	PageSize  int32
	PageToken string
}

// Page is a page of snapshots.
type Page struct {
	Snapshots     []Snapshot
	NextPageToken string
	TotalSize     int
}

// Summary is an organization's usage over a period.
type Summary struct {
	// AverageStorageGB is the average of the days with a snapshot, in GB of
	// 10⁹ bytes.
	AverageStorageGB float64
	DaysMeasured     int
	PeakStorageBytes int64
	TrafficBytes     int64
}

// BytesPerGB is a gigabyte as the invoice counts it.
const BytesPerGB = 1_000_000_000

// Counter is an organization's usage of one month (YYYY-MM, UTC).
type Counter struct {
	Organization     uuid.UUID
	Month            string
	TrafficBytes     int64
	PeakStorageBytes int64
}

// monthOf is the month (YYYY-MM) a day falls in.
func monthOf(d calendar.Date) string { return d.String()[:7] }

// monthDays is the first day of month m and the first day of the next.
func monthDays(d calendar.Date) (calendar.Date, calendar.Date) {
	first := calendar.D(d.Year(), d.Month(), 1)
	return first, calendar.D(d.Year(), d.Month()+1, 1)
}
