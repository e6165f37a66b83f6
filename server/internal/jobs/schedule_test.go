package jobs

import (
	"testing"
	"time"
)

func TestSchedulePrevAndNext(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, expr, now, prev, next string
	}{
		{"every minute, between", "* * * * *", "2026-11-21T10:00:30Z", "2026-11-21T10:00:00Z", "2026-11-21T10:01:00Z"},
		{"every minute, on the slot", "* * * * *", "2026-11-21T10:01:00Z", "2026-11-21T10:01:00Z", "2026-11-21T10:02:00Z"},
		{"hourly", "0 * * * *", "2026-11-21T10:59:59Z", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"},
		{"daily 00:05 across midnight", "5 0 * * *", "2026-11-21T00:04:00Z", "2026-11-20T00:05:00Z", "2026-11-21T00:05:00Z"},
		{"monthly on the 1st, end of a leap February", "0 0 1 * *", "2028-02-29T23:59:00Z", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"},
		{"monthly across the turn of the year", "0 0 1 * *", "2026-12-31T12:00:00Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"},
		{"Sundays 03:00", "0 3 * * 0", "2026-11-21T10:00:00Z", "2026-11-15T03:00:00Z", "2026-11-22T03:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := MustSchedule(tt.expr)
			if got := s.Prev(at(tt.now)); !got.Equal(at(tt.prev)) {
				t.Errorf("Prev(%s) = %s, want %s", tt.now, got, tt.prev)
			}
			if got := s.Next(at(tt.now)); !got.Equal(at(tt.next)) {
				t.Errorf("Next(%s) = %s, want %s", tt.now, got, tt.next)
			}
		})
	}
	if _, err := ParseSchedule("61 * * * *"); err == nil {
		t.Error("ParseSchedule accepted minute 61")
	}
}
