package calendar_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// A contract that starts on 2027-01-31, driven by a clock over fourteen
// months: every billing date is the 31st or the month's last day, it
// returns to the 31st after a short month, never drifts to the 28th, and
// meets 29 February 2028.
func TestFourteenMonthsFromTheThirtyFirst(t *testing.T) {
	loc := berlin(t)
	created := time.Date(2027, time.January, 31, 10, 0, 0, 0, loc)
	day := calendar.BillingDay(created, loc)
	want := []string{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31",
		"2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31", "2028-01-31", "2028-02-29", "2028-03-31"}
	// The clock moves a day at a time; a billing date is due when the
	// day it falls on is reached, and only once.
	var got []string
	next := calendar.Next(day, calendar.On(created, loc), 1)[0]
	for now := created; now.Before(time.Date(2028, time.April, 1, 0, 0, 0, 0, loc)); now = now.Add(24 * time.Hour) {
		today := calendar.On(now, loc)
		if !today.Before(next) {
			got = append(got, next.String())
			next = calendar.PeriodFrom(day, next).End
		}
	}
	if len(got) != len(want) {
		t.Fatalf("billed on %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("billing date %d = %s, want %s", i+1, got[i], want[i])
		}
	}
	if n := calendar.Next(day, calendar.D(2027, time.January, 31), len(want)); n[len(n)-1].String() != want[len(want)-1] {
		t.Errorf("Next disagrees with the clock: %v", n)
	}
}

// The billing day is the creation date on the wall in the platform's time
// zone, also late on the last day of a month next to a change of daylight
// saving time.
func TestBillingDayInThePlatformsTimeZone(t *testing.T) {
	loc := berlin(t)
	for _, tt := range []struct {
		name    string
		created time.Time
		want    int
	}{
		// 31 March 2027: summer time began on the 28th (UTC+2).
		{"late on 31 March, Berlin", time.Date(2027, time.March, 31, 23, 30, 0, 0, loc), 31},
		{"just after midnight on 1 April, Berlin (still 31 March in UTC)", time.Date(2027, time.April, 1, 0, 30, 0, 0, loc), 1},
		// 31 October 2027: winter time begins at 03:00 that night (UTC+1).
		{"late on 31 October, Berlin", time.Date(2027, time.October, 31, 23, 59, 0, 0, loc), 31},
		{"half past midnight on 1 November, Berlin (23:30 UTC on 31 October)", time.Date(2027, time.November, 1, 0, 30, 0, 0, loc), 1},
		{"in the repeated hour of 31 October 2027", time.Date(2027, time.October, 31, 0, 30, 0, 0, time.UTC), 31},
	} {
		if got := calendar.BillingDay(tt.created, loc); got != tt.want {
			t.Errorf("%s (%s): billing day %d, want %d", tt.name, tt.created.UTC().Format(time.RFC3339), got, tt.want)
		}
	}
}

// For every day of the month an organization may be created on, its
// periods over four years (one leap year) follow each other with no gap
// and no overlap, each is a month long, and Containing finds the period
// every date falls in.
func TestPeriodsNeitherGapNorOverlap(t *testing.T) {
	for day := 1; day <= 31; day++ {
		dates := calendar.Next(day, calendar.D(2027, time.January, 1), 49)
		for i := 0; i+1 < len(dates); i++ {
			p := calendar.PeriodFrom(day, dates[i])
			if p.End != dates[i+1] {
				t.Fatalf("day %d: the period from %s ends on %s, the next billing date is %s", day, dates[i], p.End, dates[i+1])
			}
			if n := p.Days(); n < 28 || n > 31 {
				t.Fatalf("day %d: the period %s lasts %d days", day, p, n)
			}
			for d := p.Start; d.Before(p.End); d = d.AddDays(1) {
				if got := calendar.Containing(day, d); got != p {
					t.Fatalf("day %d: %s falls in %s, Containing says %s", day, d, p, got)
				}
			}
		}
	}
}

func TestBillingDateClampsToTheMonth(t *testing.T) {
	for _, tt := range []struct {
		day   int
		year  int
		month time.Month
		want  string
	}{
		{31, 2027, time.February, "2027-02-28"},
		{30, 2028, time.February, "2028-02-29"},
		{29, 2100, time.February, "2100-02-28"}, // not a leap year
		{31, 2027, time.April, "2027-04-30"},
		{15, 2027, time.April, "2027-04-15"},
	} {
		if got := calendar.BillingDate(tt.day, tt.year, tt.month).String(); got != tt.want {
			t.Errorf("BillingDate(%d, %d-%02d) = %s, want %s", tt.day, tt.year, tt.month, got, tt.want)
		}
	}
}

// Golden billing dates: the creation date's day (here created at noon UTC,
// on the UTC calendar) in the month asked for.
func TestBillingDateGolden(t *testing.T) {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name    string
		created time.Time
		year    int
		month   time.Month
		want    string
	}{
		{"7th bills on the 7th", date(2026, 1, 7), 2026, time.February, "2026-02-07"},
		{"31st in February", date(2026, 1, 31), 2026, time.February, "2026-02-28"},
		{"31st in a leap February", date(2026, 1, 31), 2028, time.February, "2028-02-29"},
		{"31st in April", date(2026, 1, 31), 2026, time.April, "2026-04-30"},
		{"31st in May", date(2026, 1, 31), 2026, time.May, "2026-05-31"},
		{"31st at the turn of the year", date(2026, 12, 31), 2027, time.January, "2027-01-31"},
		{"30th in a leap February", date(2026, 4, 30), 2028, time.February, "2028-02-29"},
		{"29 February in a common year", date(2028, 2, 29), 2029, time.February, "2029-02-28"},
		{"29 February in March", date(2028, 2, 29), 2029, time.March, "2029-03-29"},
		{"1st", date(2026, 3, 1), 2026, time.February, "2026-02-01"},
	} {
		if got := calendar.BillingDate(calendar.BillingDay(tt.created, time.UTC), tt.year, tt.month).String(); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()
	type doc struct {
		Issued, Paid calendar.Date
		Period       calendar.Period
	}
	in := doc{Issued: calendar.D(2028, 2, 29), Period: calendar.Period{Start: calendar.D(2027, 12, 1), End: calendar.D(2028, 1, 1)}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"Issued":"2028-02-29","Paid":"","Period":{"Start":"2027-12-01","End":"2028-01-01"}}`
	if string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Errorf("round trip gave %+v, want %+v", out, in)
	}
	if err := json.Unmarshal([]byte(`{"Issued":"29.02.2028"}`), &out); err == nil {
		t.Error("a German date accepted as YYYY-MM-DD")
	}
}

func TestParseField(t *testing.T) {
	if d, err := calendar.ParseField("start_date", ""); d != nil || err != nil {
		t.Errorf("empty = %v %v, want nil", d, err)
	}
	if d, err := calendar.ParseField("start_date", "2028-02-29"); err != nil || *d != calendar.D(2028, time.February, 29) {
		t.Errorf("2028-02-29 = %v %v", d, err)
	}
	for _, bad := range []string{"2027-02-29", "29.02.2028", "2028-2-9"} {
		if _, err := calendar.ParseField("start_date", bad); !errors.Is(err, apierr.ErrInvalidArgument) || !strings.Contains(err.Error(), "start_date") {
			t.Errorf("%q = %v, want invalid at start_date", bad, err)
		}
	}
}
