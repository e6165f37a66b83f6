package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// WorkspaceMember puts a MEMBER of an organization into one of its
// workspaces: a customer's user who is a MEMBER sees the services, orders
// and alerts of their workspaces only (an OWNER or ADMIN sees them all).
type WorkspaceMember struct{ ent.Schema }

func (WorkspaceMember) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, inWorkspace(ownedByOrganization("organization_id"), "workspace_id")}
}

func (WorkspaceMember) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("workspace_id", uuid.UUID{}).Immutable(),
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		// The workspace's organization, kept for its scope.
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (WorkspaceMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("workspace", Workspace.Type).Field("workspace_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
	}
}

func (WorkspaceMember) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("workspace_id", "user_id").Unique(),
		index.Fields("user_id"),
	}
}
