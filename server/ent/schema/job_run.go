package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// JobRun is one attempt at running a background job. A scheduled run is
// identified by its job and scheduled time: the unique index lets only one
// replica record attempt n of it, whatever the others do.
type JobRun struct{ ent.Schema }

func (JobRun) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, platformOnly("runs of the platform's scheduled jobs")}
}

func (JobRun) Fields() []ent.Field {
	return []ent.Field{
		field.String("job").NotEmpty().MaxLen(64).Immutable(),
		field.Enum("trigger").Values("SCHEDULE", "CATCH_UP", "MANUAL").Immutable(),
		field.Int("attempt").Positive().Immutable(),
		// The schedule slot the run is for; nil for manual runs.
		field.Time("scheduled_time").Optional().Nillable().Immutable(),
		field.Time("start_time").Immutable(),
		field.Time("end_time").Optional().Nillable(),
		// Microseconds, kept beside the times so averages are a plain AVG on
		// both databases.
		field.Int64("duration_us").Optional().Nillable(),
		field.Enum("outcome").Values("RUNNING", "SUCCEEDED", "FAILED", "INTERRUPTED"),
		field.Text("error").Default(""),
		field.String("summary").Default("").MaxLen(1000),
		// The summary as a code and its named values (coded.Text), so a client
		// words it in its own language; empty for runs recorded before codes.
		field.String("summary_code").Default("").MaxLen(64),
		field.JSON("summary_params", map[string]string{}).Optional(),
		// When the next attempt of a failed run starts; nil when none follows.
		field.Time("retry_time").Optional().Nillable(),
		field.UUID("triggered_by", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("triggered_by_email").Default("").Immutable(),
		field.String("replica").Default("").MaxLen(200).Immutable(),
		// Why a person started it (TriggerJob, RetryJobRun); empty for the
		// schedule and for a start without a reason.
		field.String("reason").Default("").MaxLen(2000).Immutable(),
		// The failed run a manual retry (RetryJobRun) starts the job again for.
		field.UUID("retry_of", uuid.UUID{}).Optional().Nillable().Immutable(),
	}
}

func (JobRun) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("job", "scheduled_time", "attempt").Unique(),
		index.Fields("job", "start_time"),
		index.Fields("start_time"),
		index.Fields("outcome"),
	}
}
