// Package calendar is the billing calendar: on which days an organization
// is billed and which period each invoice covers. It is pure arithmetic on
// civil dates, so the billing run, the invoice preview and the pages that
// show the next billing dates cannot disagree.
//
// The rules:
//   - An organization's billing day is the day of the month of its
//     creation, as a date in the platform's time zone: created at 00:30 on
//     1 April in Berlin (22:30 UTC on 31 March) it bills on the 1st.
//   - It is billed on that day of every month, or on the last day of a
//     month that is shorter, and returns to that day in longer months
//     (31 → Jan 31, Feb 28, Mar 31, Apr 30; Feb 29 in leap years).
//   - A period runs from one billing date (included) to the next (excluded):
//     the periods of an organization follow each other with no gap and no
//     overlap.
package calendar

import (
	"fmt"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Date is a civil date, a day of the calendar without a time or a zone,
// held as midnight UTC so that dates compare and subtract exactly.
type Date struct{ t time.Time }

// D returns the date year-month-day (normalised as time.Date does).
func D(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// On returns the date at instant t in loc: what a calendar on the wall in
// loc shows.
func On(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return D(y, m, d)
}

// Parse reads a date written YYYY-MM-DD.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("a date as YYYY-MM-DD, not %q", s)
	}
	return Date{t}, nil
}

// ParseField reads the optional date of a request's field (YYYY-MM-DD;
// empty: nil), refusing anything else as invalid at that field.
func ParseField(field, s string) (*Date, error) {
	if s == "" {
		return nil, nil
	}
	d, err := Parse(s)
	if err != nil {
		return nil, apierr.Invalid(field, field+".date", "a date as YYYY-MM-DD, not %q", s)
	}
	return &d, nil
}

// Year, Month and Day are the date's parts.
func (d Date) Year() int          { return d.t.Year() }
func (d Date) Month() time.Month  { return d.t.Month() }
func (d Date) Day() int           { return d.t.Day() }
func (d Date) String() string     { return d.t.Format(time.DateOnly) }
func (d Date) IsZero() bool       { return d.t.IsZero() }
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }
func (d Date) After(e Date) bool  { return d.t.After(e.t) }

// AddDays is the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// DaysUntil is how many days lie from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// Start is the instant the date begins in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// Time is the date as midnight UTC, for storage in a date column.
func (d Date) Time() time.Time { return d.t }

// MarshalText writes the date as YYYY-MM-DD, and the zero date as "", so a
// date survives JSON (an invoice's stored snapshot) as the date it is.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads what MarshalText writes.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// lastDay is the number of days of the month.
func lastDay(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// BillingDay is the day of the month an organization created at created
// is billed on, in the platform's time zone loc.
func BillingDay(created time.Time, loc *time.Location) int { return On(created, loc).Day() }

// BillingDate is the billing date of billing day day in the given month:
// the day itself, or the month's last day when the month is shorter.
func BillingDate(day, year int, month time.Month) Date {
	return D(year, month, min(day, lastDay(year, month)))
}

// Period is what one invoice covers: from Start (included) to End
// (excluded), End being the next billing date.
type Period struct{ Start, End Date }

// Days is the length of the period in days.
func (p Period) Days() int { return p.Start.DaysUntil(p.End) }

// Contains reports whether d falls in the period.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && d.Before(p.End) }

func (p Period) String() string { return p.Start.String() + " – " + p.End.AddDays(-1).String() }

// PeriodFrom is the period that starts on billing date start for billing
// day day: until the billing date of the following month.
func PeriodFrom(day int, start Date) Period {
	next := time.Date(start.Year(), start.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	return Period{Start: start, End: BillingDate(day, next.Year(), next.Month())}
}

// Next lists the n billing dates of billing day day from date from on:
// from itself when it is one.
func Next(day int, from Date, n int) []Date {
	out := make([]Date, 0, n)
	y, m := from.Year(), from.Month()
	for len(out) < n {
		if d := BillingDate(day, y, m); !d.Before(from) {
			out = append(out, d)
		}
		m++
		if m > time.December {
			y, m = y+1, time.January
		}
	}
	return out
}

// Containing is the period of billing day day that contains date d: from
// the last billing date on or before d.
func Containing(day int, d Date) Period {
	start := BillingDate(day, d.Year(), d.Month())
	if d.Before(start) {
		prev := time.Date(d.Year(), d.Month()-1, 1, 0, 0, 0, 0, time.UTC)
		start = BillingDate(day, prev.Year(), prev.Month())
	}
	return PeriodFrom(day, start)
}
