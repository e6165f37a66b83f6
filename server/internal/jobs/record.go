package jobs

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
)

// RunRecord is the record of one attempt of a job, as the run history
// keeps it.
type RunRecord struct {
	ID      uuid.UUID
	Job     string
	Trigger Trigger
	Attempt int
	// ScheduledTime is the slot the run is for; nil for manual runs.
	ScheduledTime *time.Time
	StartTime     time.Time
	// EndTime and Duration are nil while the attempt runs.
	EndTime  *time.Time
	Duration *time.Duration
	Outcome  Outcome
	// Error says what went wrong; Summary what the job did, in English.
	Error, Summary string
	// SummaryCode and SummaryParams are the summary as its code and
	// values; empty when the run reported none.
	SummaryCode   string
	SummaryParams map[string]string
	// RetryTime is when the next attempt is due, after a failure.
	RetryTime *time.Time
	// TriggeredBy is who started a manual run; nil for the system.
	TriggeredBy      *uuid.UUID
	TriggeredByEmail string
	// Replica is the process that ran it.
	Replica string
	// Reason is why a person started it; RetryOf the failed run a manual
	// retry (Retry) runs the job again for.
	Reason  string
	RetryOf *uuid.UUID
}

func recordOf(r *ent.JobRun) *RunRecord {
	if r == nil {
		return nil
	}
	out := &RunRecord{
		ID: r.ID, Job: r.Job, Trigger: Trigger(r.Trigger), Attempt: r.Attempt, ScheduledTime: r.ScheduledTime,
		StartTime: r.StartTime, EndTime: r.EndTime, Outcome: Outcome(r.Outcome), Error: r.Error, Summary: r.Summary,
		SummaryCode: r.SummaryCode, SummaryParams: r.SummaryParams,
		RetryTime: r.RetryTime, TriggeredBy: r.TriggeredBy, TriggeredByEmail: r.TriggeredByEmail, Replica: r.Replica,
		Reason: r.Reason, RetryOf: r.RetryOf,
	}
	if r.DurationUs != nil {
		d := time.Duration(*r.DurationUs) * time.Microsecond
		out.Duration = &d
	}
	return out
}
