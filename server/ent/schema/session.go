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

func (Session) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByUser("user_id")}
}

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
		// When the user last confirmed their second factor in this session
		// (at sign-in, or to step up before a sensitive action).
		field.Time("second_factor_time").Optional().Nillable(),
	}
}

// RecoveryCode is one of a user's one-time codes for signing in without
// the authenticator app. Only the SHA-256 of the code is stored: a code
// has 50 random bits, and is used once.
type RecoveryCode struct{ ent.Schema }

func (RecoveryCode) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByUser("user_id")}
}

func (RecoveryCode) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		field.Bytes("code_hash").Immutable().Sensitive(),
		field.Time("used_time").Optional().Nillable(),
	}
}

func (RecoveryCode) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("recovery_codes").Field("user_id").Unique().Required().Immutable(),
	}
}

func (RecoveryCode) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id")}
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
