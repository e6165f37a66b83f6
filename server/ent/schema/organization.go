package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Organization is a customer and its billing account. Closed, never deleted.
type Organization struct{ ent.Schema }

func (Organization) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("id"), searchableBy("name", "legal_name", "vat_id")}
}

func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(200),
		field.String("legal_name").Default("").MaxLen(200),
		field.Enum("status").Values("PENDING_APPROVAL", "ACTIVE", "SUSPENDED", "CLOSED").Default("ACTIVE"),
		field.String("address_line1").Default(""),
		field.String("address_line2").Default(""),
		field.String("postal_code").Default(""),
		field.String("city").Default(""),
		field.String("country_code").Default(""),
		field.String("vat_id").Default(""),
		field.String("billing_email").Default(""),
		field.Bool("managed").Default(false),
	}
}

func (Organization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("billing_entity", BillingEntity.Type).Ref("organizations").Field("billing_entity_id").Unique().Required().Immutable(),
		edge.To("workspaces", Workspace.Type),
		edge.To("memberships", Membership.Type),
	}
}

func (Organization) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name", "id"),
		index.Fields("create_time", "id"),
		index.Fields("billing_entity_id"),
		index.Fields("status"),
	}
}
