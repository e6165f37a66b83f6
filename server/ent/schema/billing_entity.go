package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
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
		field.String("name").NotEmpty().MaxRuneLen(200),
		field.Enum("kind").Values("LICENSEE", "RESELLER"),
		// A suspended reseller's staff are locked out and nobody signs up
		// under it; its customers are served and billed as before.
		field.Enum("status").Values("ACTIVE", "SUSPENDED").Default("ACTIVE"),
		field.String("suspend_reason").Default("").MaxRuneLen(1000),
		// The handle customers sign up under in the portal; nil for none.
		field.String("signup_handle").Optional().Nillable().MaxLen(40),
		// Whether customers may sign up under it at all.
		field.Bool("accept_signups").Default(false),
		// Whether sign-ups under this entity become active at once or wait
		// for manual approval.
		field.Bool("auto_approve_signups").Default(true),
		// What the licensee lets a reseller's staff do (the names of
		// BillingEntityCapability without their prefix); the licensee's
		// staff hold every capability whatever this says.
		field.Strings("capabilities").Optional(),
	}
}

func (BillingEntity) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique(), index.Fields("signup_handle").Unique()}
}

func (BillingEntity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organizations", Organization.Type),
		edge.To("staff", User.Type),
	}
}
