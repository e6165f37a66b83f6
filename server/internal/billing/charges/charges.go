// Package charges computes the lines of the invoice of one billing day:
// the base fee and the running services for the coming period (in
// advance), services booked during the past period pro rata, support time
// and storage above what the plan includes (in arrears), the seats of
// completed training sessions (once), and discounts. It
// takes plain values and returns plain values — no database — so that the
// billing run, the invoice preview and the tests cannot disagree.
//
// The rules are written down, numbered, in docs/billing.md ("What an
// invoice charges"); the comments below refer to them by number.
//
// Money is int64 cents and every share of it is rounded once, half away
// from zero, by cents.MulDiv.
package charges

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
)

// Kind is what a line charges.
type Kind string

// The kinds of lines, in the order an invoice lists them.
const (
	BaseFee         Kind = "BASE_FEE"
	Service         Kind = "SERVICE"
	ServiceProrated Kind = "SERVICE_PRORATED"
	SupportTime     Kind = "SUPPORT_TIME"
	Training        Kind = "TRAINING"
	StorageOverage  Kind = "STORAGE_OVERAGE"
	Discount        Kind = "DISCOUNT"
)

var kindOrder = map[Kind]int{BaseFee: 1, Service: 2, ServiceProrated: 3, SupportTime: 4, Training: 5, StorageOverage: 6, Discount: 7}

// Unit is a unit code of UN/ECE Recommendation 20, as EN 16931 wants it
// (BT-130).
type Unit string

const (
	Piece    Unit = "C62"
	Month    Unit = "MON"
	Day      Unit = "DAY"
	Minute   Unit = "MIN"
	Gigabyte Unit = "E34" // 10^9 bytes
)

// BytesPerGB is the gigabyte storage is charged by: decimal, 10^9 bytes
// (UN/ECE E34), not the gibibyte of 2^30.
const BytesPerGB = 1_000_000_000

// Terms are a contract's effective terms: its plan version with the
// contract's custom overrides already applied. Amounts are net of VAT.
type Terms struct {
	Plan     string // the plan's name, for the base fee's description
	Currency string // ISO 4217; every amount of the invoice is in it
	// MonthlyFeeCents is the base fee of one period.
	MonthlyFeeCents int64
	// IncludedSupportMinutes of billable time per period cost nothing.
	IncludedSupportMinutes int64
	// HourlyRateCents is the price of an hour of billable time beyond them.
	HourlyRateCents int64
	// IncludedStorageGB is the average storage a period includes.
	IncludedStorageGB int64
	// StorageOverageCentsPerGB is the price per period of each GB above it.
	StorageOverageCentsPerGB int64
}

// BookedService is a service instance as billing sees it.
type BookedService struct {
	ID        uuid.UUID
	Name      string // the catalog item, e.g. "Nextcloud"
	Workspace uuid.UUID
	// MonthlyPriceCents in Currency, which must be the terms' currency.
	MonthlyPriceCents int64
	Currency          string
	// Booked is the day the service was created.
	Booked calendar.Date
	// Decommissioned is the day it was decommissioned; nil while it runs.
	Decommissioned *calendar.Date
}

// TimeEntry is billable time not invoiced yet.
type TimeEntry struct {
	ID          uuid.UUID
	Day         calendar.Date
	Minutes     int64
	Description string    // e.g. "#1042 Migration"
	Workspace   uuid.UUID // uuid.Nil when the work was for no workspace
}

// OneOff is a charge made once, not invoiced yet: the seats an
// organization had on a completed paid training session (rule 9).
type OneOff struct {
	ID uuid.UUID
	// Description is the line's text: "Schulung Datenschutz-Grundlagen am
	// 14.11.2026".
	Description string
	// Day is the day it was incurred: the session's completion.
	Day calendar.Date
	// Quantity is the seats, UnitPriceCents the price of one, in Currency,
	// which must be the terms' currency.
	Quantity       int64
	UnitPriceCents int64
	Currency       string
}

// Snapshot is the organization's total storage on one day.
type Snapshot struct {
	Day   calendar.Date
	Bytes int64
}

// Reduction is a discount granted to the organization or one workspace.
type Reduction struct {
	ID   uuid.UUID
	Name string
	// BasisPoints is the percentage: 1000 is 10 %.
	BasisPoints int
	// Workspace is the workspace the discount is for; uuid.Nil for the
	// whole organization.
	Workspace uuid.UUID
	// Start is the first day the discount applies, End the last one
	// (included); nil End: until further notice.
	Start calendar.Date
	End   *calendar.Date
}

// Input is everything one billing day's invoice is computed from.
type Input struct {
	BillingDate calendar.Date
	// Coming is the period that starts on BillingDate, billed in advance.
	Coming calendar.Period
	// Past is the period that ends on BillingDate, billed in arrears; the
	// zero Period on an organization's first invoice.
	Past  calendar.Period
	Terms Terms
	// Services are the organization's services that may be charged: those
	// running on BillingDate and those booked in the past period.
	// Others are left out.
	Services []BookedService
	// Time is the billable time of the past period not invoiced yet.
	// Time from earlier periods, recorded late, is charged with it.
	Time []TimeEntry
	// Storage is the past period's daily snapshots, one a day at most.
	Storage []Snapshot
	// OneOffs are the one-off charges not invoiced yet, incurred before
	// BillingDate: each is a line of this invoice (rule 9).
	OneOffs   []OneOff
	Discounts []Reduction
}

// Line is one line of the invoice.
type Line struct {
	Kind Kind
	// Description is the line's text on the invoice, in German.
	Description string
	// Period is what the line covers (End excluded).
	Period   calendar.Period
	Quantity int64
	Unit     Unit
	// UnitPriceCents is the price of BaseQuantity units; never negative
	// (EN 16931 BR-27): a discount has quantity -1.
	UnitPriceCents int64
	// BaseQuantity is the number of units the price is for (BT-149):
	// 60 for an hourly rate charged by the minute, the days of the period
	// for a monthly price charged by the day, else 1.
	BaseQuantity int64
	// NetCents is Quantity × UnitPriceCents / BaseQuantity, rounded half
	// away from zero.
	NetCents int64
	// Workspace is the workspace the line is attributed to; uuid.Nil for
	// the organization.
	Workspace uuid.UUID
	// Sources are the ids the line charges: the service, the time entries,
	// the one-off charge or the discount.
	Sources []uuid.UUID
}

// Result is the invoice's lines and what else the billing run records.
type Result struct {
	Currency string
	Lines    []Line
	// InvoicedTime are all the time entries this invoice covers, charged
	// or within the included minutes: the run marks them invoiced so that
	// no later invoice counts them again (rule 5).
	InvoicedTime []uuid.UUID
	// InvoicedOneOffs are the one-off charges this invoice charges: the
	// run marks them invoiced, so that no later invoice charges them
	// again (rule 9).
	InvoicedOneOffs []uuid.UUID
}

// Compute returns the lines of the invoice of in.BillingDate, in a stable
// order (by kind as listed above, then description), or an error saying
// which input is wrong. It leaves out lines that charge nothing.
func Compute(in Input) (Result, error) {
	if err := in.validate(); err != nil {
		return Result{}, err
	}
	c := computation{in: in}
	c.baseFee()
	c.services()
	c.supportTime()
	c.oneOffs()
	c.storage()
	if c.err != nil {
		return Result{}, c.err
	}
	slices.SortStableFunc(c.lines, func(a, b Line) int {
		return cmp.Or(cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]), cmp.Compare(a.Description, b.Description),
			cmp.Compare(a.Period.Start.String(), b.Period.Start.String()), compareIDs(a.Sources, b.Sources))
	})
	c.discounts() // after the sort: computed on the lines above, listed after them
	if c.err != nil {
		return Result{}, c.err
	}
	return Result{Currency: in.Terms.Currency, Lines: c.lines, InvoicedTime: c.invoicedTime, InvoicedOneOffs: c.invoicedOneOffs}, nil
}

type computation struct {
	in              Input
	lines           []Line
	invoicedTime    []uuid.UUID
	invoicedOneOffs []uuid.UUID
	err             error
}

// add appends a line with its net, unless it charges nothing.
func (c *computation) add(l Line) {
	if c.err != nil {
		return
	}
	net, err := cents.MulDiv(l.Quantity, l.UnitPriceCents, l.BaseQuantity)
	if err != nil {
		c.err = fmt.Errorf("%s: %w", l.Description, err)
		return
	}
	if net == 0 {
		return
	}
	l.NetCents = net
	c.lines = append(c.lines, l)
}

// Rule 1: the base fee, in advance for the coming period.
func (c *computation) baseFee() {
	c.add(Line{
		Kind: BaseFee, Description: "Grundgebühr Tarif " + c.in.Terms.Plan, Period: c.in.Coming,
		Quantity: 1, Unit: Month, UnitPriceCents: c.in.Terms.MonthlyFeeCents, BaseQuantity: 1,
	})
}

// Rules 2–4: running services in advance, services booked during the past
// period pro rata for its remaining days, decommissioned ones no more.
func (c *computation) services() {
	bd, past := c.in.BillingDate, c.in.Past
	for _, s := range c.in.Services {
		// Rule 2 (and 4): running on the billing date.
		if !s.Booked.After(bd) && (s.Decommissioned == nil || s.Decommissioned.After(bd)) {
			c.add(Line{
				Kind: Service, Description: s.Name, Period: c.in.Coming,
				Quantity: 1, Unit: Month, UnitPriceCents: s.MonthlyPriceCents, BaseQuantity: 1,
				Workspace: s.Workspace, Sources: []uuid.UUID{s.ID},
			})
		}
		// Rule 3: booked after the past period began, so the last invoice
		// did not charge it.
		if past.Start.IsZero() || !s.Booked.After(past.Start) || !s.Booked.Before(past.End) {
			continue
		}
		end := past.End
		if s.Decommissioned != nil && s.Decommissioned.Before(end) {
			end = *s.Decommissioned
		}
		days := calendar.Period{Start: s.Booked, End: end}
		if days.Days() <= 0 {
			continue // decommissioned the day it was booked
		}
		c.add(Line{
			Kind: ServiceProrated, Period: days,
			Description: fmt.Sprintf("%s (anteilig %s–%s)", s.Name, dayMonth(days.Start), dayMonth(days.End.AddDays(-1))),
			Quantity:    int64(days.Days()), Unit: Day, UnitPriceCents: s.MonthlyPriceCents, BaseQuantity: int64(past.Days()),
			Workspace: s.Workspace, Sources: []uuid.UUID{s.ID},
		})
	}
}

// Rule 5: billable time above the included minutes, in arrears, as one
// line; every entry is covered either way.
func (c *computation) supportTime() {
	entries := slices.Clone(c.in.Time)
	slices.SortFunc(entries, func(a, b TimeEntry) int {
		return cmp.Or(cmp.Compare(a.Day.String(), b.Day.String()), cmp.Compare(a.ID.String(), b.ID.String()))
	})
	var total int64
	period := c.in.Past
	workspace, oneWorkspace := uuid.Nil, true
	for i, e := range entries {
		total += e.Minutes
		c.invoicedTime = append(c.invoicedTime, e.ID)
		if period.Start.IsZero() || e.Day.Before(period.Start) {
			period = calendar.Period{Start: e.Day, End: c.in.BillingDate}
		}
		if i == 0 {
			workspace = e.Workspace
		}
		oneWorkspace = oneWorkspace && e.Workspace == workspace
	}
	over := total - c.in.Terms.IncludedSupportMinutes
	if over <= 0 {
		return
	}
	// The line belongs to a workspace only when all its time does; time
	// of several workspaces is the organization's (rule 7).
	if !oneWorkspace {
		workspace = uuid.Nil
	}
	c.add(Line{
		Kind: SupportTime, Period: period,
		Description: fmt.Sprintf("Support über Inklusivkontingent (%d Min. geleistet, %d Min. inklusive)", total, c.in.Terms.IncludedSupportMinutes),
		Quantity:    over, Unit: Minute, UnitPriceCents: c.in.Terms.HourlyRateCents, BaseQuantity: 60,
		Workspace: workspace, Sources: slices.Clone(c.invoicedTime),
	})
}

// Rule 9: each one-off charge is a line of its own, on the day it was
// incurred: the seats at the seat price (C62). It is the organization's,
// so an organization's discount takes its percentage of it (rule 7) and a
// workspace's does not.
func (c *computation) oneOffs() {
	oneOffs := slices.Clone(c.in.OneOffs)
	slices.SortFunc(oneOffs, func(a, b OneOff) int {
		return cmp.Or(cmp.Compare(a.Day.String(), b.Day.String()), cmp.Compare(a.ID.String(), b.ID.String()))
	})
	for _, o := range oneOffs {
		c.add(Line{
			Kind: Training, Description: o.Description, Period: calendar.Period{Start: o.Day, End: o.Day.AddDays(1)},
			Quantity: o.Quantity, Unit: Piece, UnitPriceCents: o.UnitPriceCents, BaseQuantity: 1,
			Sources: []uuid.UUID{o.ID},
		})
		c.invoicedOneOffs = append(c.invoicedOneOffs, o.ID)
	}
}

// Rule 6: the average storage of the days with a snapshot, rounded up to
// a whole GB, above the included GB.
func (c *computation) storage() {
	n := int64(len(c.in.Storage))
	if n == 0 {
		return
	}
	var bytes int64
	for _, s := range c.in.Storage {
		bytes += s.Bytes // each at most maxSnapshotBytes, so 31 of them fit
	}
	// ceil(bytes / (n × 10^9)), in integers.
	avgGB := (bytes + n*BytesPerGB - 1) / (n * BytesPerGB)
	over := avgGB - c.in.Terms.IncludedStorageGB
	if over <= 0 {
		return
	}
	c.add(Line{
		Kind: StorageOverage, Period: c.in.Past,
		Description: fmt.Sprintf("Speicher über Inklusivvolumen (Ø %d GB an %d Tagen, %d GB inklusive)", avgGB, n, c.in.Terms.IncludedStorageGB),
		Quantity:    over, Unit: Gigabyte, UnitPriceCents: c.in.Terms.StorageOverageCentsPerGB, BaseQuantity: 1,
	})
}

// Rule 7: each discount active on the billing date takes its percentage
// of the undiscounted net of the lines it applies to: an organization's
// discount of every line above it (training seats included), a
// workspace's of the lines of that workspace (never training seats, which
// are the organization's).
func (c *computation) discounts() {
	ds := slices.Clone(c.in.Discounts)
	slices.SortFunc(ds, func(a, b Reduction) int {
		// The organization's first (uuid.Nil sorts first), then by name.
		return cmp.Or(cmp.Compare(a.Workspace.String(), b.Workspace.String()), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID.String(), b.ID.String()))
	})
	charged := c.lines
	for _, d := range ds {
		if d.Start.After(c.in.BillingDate) || (d.End != nil && d.End.Before(c.in.BillingDate)) {
			continue
		}
		var base int64
		var covered calendar.Period
		for _, l := range charged {
			if d.Workspace != uuid.Nil && l.Workspace != d.Workspace {
				continue
			}
			base += l.NetCents
			covered = span(covered, l.Period)
		}
		amount, err := cents.MulDiv(base, int64(d.BasisPoints), 10000)
		if err != nil {
			c.err = fmt.Errorf("discount %s: %w", d.Name, err)
			return
		}
		if amount <= 0 {
			continue
		}
		c.lines = append(c.lines, Line{
			Kind: Discount, Description: fmt.Sprintf("Rabatt %s (%s)", d.Name, cents.Percent(d.BasisPoints)), Period: covered,
			Quantity: -1, Unit: Piece, UnitPriceCents: amount, BaseQuantity: 1, NetCents: -amount,
			Workspace: d.Workspace, Sources: []uuid.UUID{d.ID},
		})
	}
}

// span is the smallest period that holds a and b.
func span(a, b calendar.Period) calendar.Period {
	if a.Start.IsZero() {
		return b
	}
	if b.Start.Before(a.Start) {
		a.Start = b.Start
	}
	if b.End.After(a.End) {
		a.End = b.End
	}
	return a
}

// dayMonth writes a date as an invoice does in a range: "20.01.".
func dayMonth(d calendar.Date) string { return fmt.Sprintf("%02d.%02d.", d.Day(), d.Month()) }

func compareIDs(a, b []uuid.UUID) int {
	return slices.CompareFunc(a, b, func(x, y uuid.UUID) int { return cmp.Compare(x.String(), y.String()) })
}
