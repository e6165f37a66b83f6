package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// BillingEntity is the licensee (the platform operator, exactly one) or a
// reseller. Organizations and reseller staff belong to one; tenancy is
// scoped by it.
type BillingEntity struct{ ent.Schema }

func (BillingEntity) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("id")}
}

func (BillingEntity) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty(),
		field.Enum("kind").Values("LICENSEE", "RESELLER"),
		// Whether sign-ups under this entity become active at once or wait
		// for manual approval.
		field.Bool("auto_approve_signups").Default(true),
	}
}

func (BillingEntity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organizations", Organization.Type),
		edge.To("staff", User.Type),
	}
}
