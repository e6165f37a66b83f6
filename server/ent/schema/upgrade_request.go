package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// UpgradeRequest is a customer's request for a higher tier, sent through
// the portal with a message, and what staff decided: PENDING until staff
// approve it (which schedules the plan transition, contract_id) or deny it
// with a reason the customer reads, or the customer withdraws it. One
// PENDING request an organization at a time (a partial unique index).
type UpgradeRequest struct{ ent.Schema }

func (UpgradeRequest) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (UpgradeRequest) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		// The tier asked for, and the one the organization was on.
		field.UUID("plan_id", uuid.UUID{}).Immutable(),
		field.UUID("from_plan_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Text("message").Default("").Immutable(),
		field.UUID("requested_by_user_id", uuid.UUID{}).Immutable(),
		field.String("requested_by_email").Default("").MaxLen(320).Immutable(),
		field.Enum("status").Values("PENDING", "APPROVED", "DENIED", "WITHDRAWN").Default("PENDING"),
		// The decision: who made it, when, and the reason (required for a
		// denial, which the customer reads; a note for an approval).
		field.String("decided_by_email").Default("").MaxLen(320),
		field.Time("decide_time").Optional().Nillable(),
		field.Text("decision_reason").Default(""),
		// An approval's transition: the contract scheduled and its first
		// day (YYYY-MM-DD).
		field.UUID("contract_id", uuid.UUID{}).Optional().Nillable(),
		field.String("effective_date").Default("").MaxLen(10),
		// Approved at once: the organization has the tier's caps from the
		// decision on, and pays for it from effective_date.
		field.Bool("at_once").Default(false),
	}
}

func (UpgradeRequest) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organization_id").Unique().StorageKey("upgrade_requests_one_pending").
			Annotations(entsql.IndexWhere("status = 'PENDING'")),
		index.Fields("status", "create_time", "id"),
		index.Fields("organization_id", "create_time"),
	}
}
