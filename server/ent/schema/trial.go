package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Trial is a reverse trial: an organization tries the top tier for a
// month and falls back to its own plan by itself. Its contract, and so
// every invoice during the trial, stays on its own plan; what the trial
// changes is the tier the account has (its caps, the rollup's class). The
// revert is the trial-reverts job's, once: ACTIVE becomes REVERTED on the
// trial's last day passing, or CANCELLED by staff before. One ACTIVE
// trial an organization at a time (the change that grants one checks it).
type Trial struct{ ent.Schema }

func (Trial) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (Trial) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		// The plan tried: the top tier when it was granted.
		field.UUID("plan_id", uuid.UUID{}).Immutable(),
		// Civil dates of the organization's billing calendar: the first
		// day, and the day it reverts (excluded from the trial).
		field.String("start_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("revert_date").MinLen(10).MaxLen(10).Immutable(),
		field.Enum("status").Values("ACTIVE", "REVERTED", "CANCELLED").Default("ACTIVE"),
		field.Text("reason").Default("").Immutable(),
		field.String("created_by_email").Default("").MaxLen(320).Immutable(),
		// When it ended (reverted or cancelled), who cancelled it and why.
		field.Time("end_time").Optional().Nillable(),
		field.Text("cancel_reason").Default(""),
		field.String("cancelled_by_email").Default("").MaxLen(320),
	}
}

func (Trial) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id"), index.Fields("status", "revert_date")}
}
