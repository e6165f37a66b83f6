package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// PermissionGrant gives one user one permission on top of their platform
// role. Revoking deletes the grant; the audit trail keeps its history.
type PermissionGrant struct{ ent.Schema }

func (PermissionGrant) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByUser("user_id")}
}

func (PermissionGrant) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		// The permission's name, e.g. ORGANIZATIONS_WRITE.
		field.String("permission").NotEmpty().Immutable(),
		field.UUID("granted_by_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("reason").Default("").Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (PermissionGrant) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("grants").Field("user_id").Unique().Required().Immutable(),
	}
}

func (PermissionGrant) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "permission").Unique()}
}
