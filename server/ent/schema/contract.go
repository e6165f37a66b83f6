package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Contract is an organization's agreement on a plan version, with custom
// terms that override any of the version's. An organization has exactly
// one ACTIVE contract — the partial unique index below refuses a second
// in the database, whichever code path tries — and at most one SCHEDULED
// (a plan transition waiting for its billing day). Contracts that ended or
// were cancelled stay as the organization's contract history. Dates are
// civil dates (YYYY-MM-DD) of the billing calendar; a contract runs from
// its start date (included) to its end date (excluded).
type Contract struct{ ent.Schema }

func (Contract) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

// customTerm is an override of one of the plan version's terms; null
// keeps the version's value.
func customTerm(name string) ent.Field {
	return field.Int64("custom_" + name).Optional().Nillable().Min(0)
}

func (Contract) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("plan_id", uuid.UUID{}).Immutable(),
		field.UUID("plan_version_id", uuid.UUID{}).Immutable(),
		field.Enum("status").Values("SCHEDULED", "ACTIVE", "ENDED", "CANCELLED"),
		field.String("start_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("end_date").Optional().Nillable().MinLen(10).MaxLen(10),
		customTerm("monthly_fee_cents"),
		customTerm("included_users"),
		customTerm("included_storage_gb"),
		customTerm("included_support_minutes"),
		customTerm("hourly_rate_cents"),
		customTerm("storage_overage_cents_per_gb"),
		customTerm("max_users"),
		customTerm("max_storage_gb"),
		customTerm("max_traffic_gb"),
		// Why the custom terms are what they are; required with any.
		field.Text("custom_terms_reason").Default(""),
		// Why the contract was made: with the organization, or the
		// transition's reason.
		field.Text("reason").Default("").Immutable(),
		field.String("created_by_email").Default("").MaxLen(320).Immutable(),
		field.Time("cancel_time").Optional().Nillable(),
		field.Text("cancel_reason").Default(""),
	}
}

func (Contract) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organization_id").Unique().StorageKey("contracts_one_active").
			Annotations(entsql.IndexWhere("status = 'ACTIVE'")),
		index.Fields("organization_id").Unique().StorageKey("contracts_one_scheduled").
			Annotations(entsql.IndexWhere("status = 'SCHEDULED'")),
		index.Fields("organization_id", "start_date"),
		index.Fields("status", "start_date"),
	}
}
