package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Session is a browser sign-in. The cookie carries a random secret; only its
// SHA-256 is stored, so a database leak reveals no usable session.
type Session struct{ ent.Schema }

func (Session) Mixin() []ent.Mixin { return []ent.Mixin{idMixin{}} }

func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		field.Bytes("token_hash").Immutable().Sensitive(),
		field.Time("create_time").Immutable(),
		field.Time("expire_time"),
		field.Time("last_seen_time"),
		field.Time("revoke_time").Optional().Nillable(),
		field.String("user_agent").Default("").MaxLen(500),
		field.String("remote_addr").Default("").MaxLen(100),
	}
}

func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("sessions").Field("user_id").Unique().Required().Immutable(),
	}
}

func (Session) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("token_hash").Unique(),
		index.Fields("expire_time"),
	}
}
