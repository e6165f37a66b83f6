package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Plan is a template tier contracts are made on (Free, Basis, Premium …),
// ordered by rank. Its terms are in its versions; version is the number of
// the current one. Never deleted: retired instead (retire_time set, offers
// no new contracts, not changed again).
type Plan struct{ ent.Schema }

func (Plan) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		sharedByPlatform("the platform's tiers: resellers sell contracts on them and customers read the terms of theirs, so every caller reads them; only the platform's staff change them")}
}

func (Plan) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
		field.Text("description").Default(""),
		field.Int("rank").Min(0),
		// The number of the current version (plan_versions.version).
		field.Int("version").Min(1),
		field.Time("retire_time").Optional().Nillable(),
	}
}

func (Plan) Edges() []ent.Edge {
	return []ent.Edge{edge.To("versions", PlanVersion.Type)}
}

func (Plan) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique(), index.Fields("rank").Unique()}
}

// PlanVersion is one version of a plan's terms. Written once, never
// changed: a contract refers to the version it was made on. Money in cents
// of currency, net of VAT.
type PlanVersion struct{ ent.Schema }

func (PlanVersion) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{},
		sharedByPlatform("the terms of the platform's tiers, read with their plans by every caller; only the platform's staff write them")}
}

func (PlanVersion) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("plan_id", uuid.UUID{}).Immutable(),
		field.Int("version").Min(1).Immutable(),
		field.Int64("monthly_fee_cents").Min(0).Immutable(),
		field.String("currency").Default("EUR").MaxLen(3).Immutable(),
		field.Int("included_users").Min(0).Immutable(),
		field.Int("included_storage_gb").Min(0).Immutable(),
		// Support time in minutes, as time entries are kept.
		field.Int("included_support_minutes").Min(0).Immutable(),
		field.Int64("hourly_rate_cents").Min(0).Immutable(),
		field.Int64("storage_overage_cents_per_gb").Min(0).Immutable(),
		// Caps; 0 for none.
		field.Int("max_users").Min(0).Immutable(),
		field.Int("max_storage_gb").Min(0).Immutable(),
		// The traffic a month may use, in GB; 0 for no cap.
		field.Int("max_traffic_gb").Min(0).Default(0).Immutable(),
		field.Time("create_time").Immutable(),
		field.String("created_by_email").Default("").MaxLen(320).Immutable(),
		field.Text("reason").Default("").Immutable(),
	}
}

func (PlanVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("plan", Plan.Type).Ref("versions").Field("plan_id").Unique().Required().Immutable(),
	}
}

// Hooks refuse every change but the first write: a version is never
// updated or deleted (its fields are immutable, so no update can set one;
// this refuses deletes, and updates should a mutable field ever be added).
func (PlanVersion) Hooks() []ent.Hook { return []ent.Hook{writtenOnce("plan versions")} }

func (PlanVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("plan_id", "version").Unique()}
}
