// Package jobs is the one registry of the platform's scheduled jobs and the
// engine that runs them: on gocron's timers, once per scheduled time across
// replicas (a Postgres advisory lock and a unique run record), retried with
// backoff when they fail, made up after downtime, and recorded run by run
// for the jobs dashboard.
package jobs

import (
	"context"
	"errors"
	"time"
)

// Job is a scheduled task of the platform. Run calls one domain method and
// says in a line what it did; it must be idempotent, because a retry or a
// replica taking over may run the same slot again.
type Job struct {
	// Name is the stable identifier (session-cleanup), used by the API, the
	// command line, the run history and the lock.
	Name string
	// Title and Description are for people.
	Title       string
	Description string
	// Schedule is when it runs, in UTC.
	Schedule Schedule
	// CatchUp marks a job that computes its work from the database state, so
	// one run makes up for every run missed while no server was up.
	CatchUp bool
	// Summaries are the kinds of summary Run reports: each a code and the
	// names of its values. Clients word a run's summary in their language by
	// its code, so every code needs their texts (the SPA's are checked
	// against the list `go test ./server/internal/app -run TestJobTexts`
	// writes).
	Summaries []SummaryCode
	// Run does the work. ctx ends when the server stops or the run loses its
	// lock; Run should then stop early. The summary says what it did, also
	// alongside an error (what it got through before it failed).
	Run func(ctx context.Context, run Run) (Summary, error)
}

// SummaryCode declares one kind of summary a job reports.
type SummaryCode struct {
	// Code is stable and unique among all jobs, e.g. sessions-removed.
	Code string
	// Params are the names of its values, e.g. sessions, tokens.
	Params []string
}

// Summary is what a run did: its code and values, for clients to word, and
// the same in English.
type Summary struct {
	Code   string
	Params map[string]string
	// Text is the English sentence, e.g. "removed 12 expired sessions".
	Text string
}

// Of is a summary of this kind: text in English, and the values, one for
// each name in c.Params.
func (c SummaryCode) Of(text string, params map[string]string) Summary {
	return Summary{Code: c.Code, Params: params, Text: text}
}

// declares reports whether j declares s's code with exactly s's values.
func (j *Job) declares(s Summary) bool {
	for _, c := range j.Summaries {
		if c.Code != s.Code {
			continue
		}
		if len(c.Params) != len(s.Params) {
			return false
		}
		for _, p := range c.Params {
			if _, ok := s.Params[p]; !ok {
				return false
			}
		}
		return true
	}
	return false
}

// Run tells a job about the run it is doing.
type Run struct {
	Trigger Trigger
	// Slot is the scheduled time the run is for; zero for manual runs.
	Slot    time.Time
	Attempt int
	// Now is when the attempt started, by the engine's clock.
	Now time.Time
}

// Trigger says what started a run.
type Trigger string

// The triggers.
const (
	TriggerSchedule Trigger = "SCHEDULE"
	TriggerCatchUp  Trigger = "CATCH_UP"
	TriggerManual   Trigger = "MANUAL"
)

// Outcome is how a run ended.
type Outcome string

// The outcomes.
const (
	OutcomeRunning     Outcome = "RUNNING"
	OutcomeSucceeded   Outcome = "SUCCEEDED"
	OutcomeFailed      Outcome = "FAILED"
	OutcomeInterrupted Outcome = "INTERRUPTED"
)

// MaxAttempts is the first attempt plus three retries.
const MaxAttempts = 4

// Permanent marks an error that another attempt cannot fix (a broken audit
// chain, a missing setting): the run fails without retries.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}
