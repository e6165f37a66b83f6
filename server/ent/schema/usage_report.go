package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// UsageReport is a billing entity's usage report of one calendar month
// (UTC), stored by the monthly job once the month has ended: the report as
// it was computed then, as JSON, so that later changes (a server
// unassigned, snapshots past their retention) leave it as it was. One per
// entity and month; written once, never rewritten.
type UsageReport struct{ ent.Schema }

func (UsageReport) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, readOnly(ownedByBillingEntity("billing_entity_id"))}
}

func (UsageReport) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		// The month, YYYY-MM.
		field.String("month").MinLen(7).MaxLen(7).Immutable(),
		// The report (usagereport.Report) as JSON.
		field.Bytes("content").Immutable(),
		field.Time("generate_time").Immutable(),
	}
}

func (UsageReport) Indexes() []ent.Index {
	return []ent.Index{index.Fields("billing_entity_id", "month").Unique()}
}
