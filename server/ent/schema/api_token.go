package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// APIToken is a bearer token for tools and scripts, owned by a user and
// holding that user's permissions. Only the SHA-256 of the secret is stored.
type APIToken struct{ ent.Schema }

func (APIToken) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByUser("user_id")}
}

func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		// The first characters of the secret, shown to recognise a token.
		field.String("prefix").Immutable(),
		field.Bytes("token_hash").Immutable().Sensitive(),
		field.Time("create_time").Immutable(),
		field.Time("expire_time").Optional().Nillable(),
		field.Time("last_use_time").Optional().Nillable(),
		field.Time("revoke_time").Optional().Nillable(),
	}
}

func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("api_tokens").Field("user_id").Unique().Required().Immutable(),
	}
}

func (APIToken) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("token_hash").Unique(),
		index.Fields("user_id", "create_time"),
	}
}
