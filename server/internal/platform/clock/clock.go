// Package clock is the one source of the current time. Every component that
// reads the time takes a Clock, so tests can walk billing across month ends.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time, always in UTC.
type Clock interface {
	Now() time.Time
}

// System is the wall clock, truncated to microseconds: the precision both
// Postgres and SQLite keep, so a value reads back exactly as it was written.
func System() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Manual is a clock that only moves when told to. Safe for concurrent use.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a Manual clock set to t.
func NewManual(t time.Time) *Manual { return &Manual{now: t.UTC()} }

// Now returns the clock's time.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = t.UTC()
}

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
}

// Ahead is the wall clock run d ahead: a demo's way to show what the jobs
// do when time passes (a trial's revert, a dunning level), on data seeded
// today.
func Ahead(d time.Duration) Clock { return aheadClock(d) }

type aheadClock time.Duration

func (a aheadClock) Now() time.Time { return System().Now().Add(time.Duration(a)) }
