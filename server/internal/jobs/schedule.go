package jobs

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is when a job runs: a standard five-field cron expression
// (minute hour day-of-month month day-of-week), always in UTC. The same value
// drives gocron's timers, the next run shown to staff, the slot a run is
// recorded for, and catch-up after downtime, so they cannot disagree.
type Schedule struct {
	expr string
	spec cron.Schedule
}

// ParseSchedule reads a cron expression.
func ParseSchedule(expr string) (Schedule, error) {
	spec, err := cron.ParseStandard("CRON_TZ=UTC " + expr)
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %q: %w", expr, err)
	}
	return Schedule{expr: expr, spec: spec}, nil
}

// MustSchedule is ParseSchedule for the constants of the registry.
func MustSchedule(expr string) Schedule {
	s, err := ParseSchedule(expr)
	if err != nil {
		panic(err)
	}
	return s
}

// String returns the cron expression.
func (s Schedule) String() string { return s.expr }

// Next returns the first scheduled time after t.
func (s Schedule) Next(t time.Time) time.Time { return s.spec.Next(t).UTC() }

// Prev returns the last scheduled time at or before t: the slot a run that
// starts at t belongs to, even when its timer fired late. It looks back in
// growing windows, so an every-minute job costs two steps and a monthly one
// about twenty.
func (s Schedule) Prev(t time.Time) time.Time {
	t = t.UTC()
	for window := 2 * time.Minute; window <= 800*24*time.Hour; window *= 2 {
		first := s.spec.Next(t.Add(-window))
		if first.After(t) {
			continue
		}
		last := first
		for n := s.spec.Next(last); !n.After(t); n = s.spec.Next(n) {
			last = n
		}
		return last.UTC()
	}
	return time.Time{}
}

// IsValid and Next (above) make Schedule a gocron.Cron: gocron's timers use
// exactly this schedule. The crontab gocron passes is the expression itself.
func (s Schedule) IsValid(string, *time.Location, time.Time) error {
	if s.spec == nil {
		return fmt.Errorf("schedule %q was not parsed", s.expr)
	}
	return nil
}
