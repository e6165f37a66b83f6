package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Workspace is a unit of an organization in which services run and usage is
// counted.
type Workspace struct{ ent.Schema }

func (Workspace) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, inWorkspace(ownedByOrganization("organization_id"), "id")}
}

func (Workspace) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.UUID("admin_user_id", uuid.UUID{}).Optional().Nillable(),
	}
}

func (Workspace) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("organization", Organization.Type).Ref("workspaces").Field("organization_id").Unique().Required().Immutable(),
		edge.To("admin", User.Type).Field("admin_user_id").Unique(),
	}
}

func (Workspace) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "name").Unique()}
}
