package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// User is a person with a login: platform staff and customers' users alike.
// Users are disabled, never deleted, once anything refers to them.
type User struct{ ent.Schema }

func (User) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByUser("id"), searchableBy("display_name", "email")}
}

func (User) Fields() []ent.Field {
	return []ent.Field{
		// Stored lower-cased; unique.
		field.String("email").NotEmpty().MaxLen(254),
		field.String("display_name").Default(""),
		// argon2id in PHC string form; empty for a user who cannot sign in
		// with a password (e.g. created as an organization contact).
		field.String("password_hash").Default("").Sensitive(),
		field.Enum("platform_role").Values("OWNER", "OPERATOR", "DEVELOPER", "USER").Default("USER"),
		field.Bool("disabled").Default(false),
		// Staff of a reseller see only that billing entity's customers; nil
		// means the user is not bound to a reseller.
		field.UUID("billing_entity_id", uuid.UUID{}).Optional().Nillable(),
		field.Time("last_login_time").Optional().Nillable(),
		// The second factor: a TOTP secret sealed with the secret key (the
		// user's id as associated data), one being enrolled, when it was
		// turned on, and the last time step a code was accepted for, so a
		// code is good once.
		field.Bytes("totp_secret").Optional().Sensitive(),
		field.Bytes("totp_pending_secret").Optional().Sensitive(),
		field.Time("totp_enabled_time").Optional().Nillable(),
		field.Int64("totp_last_step").Default(0),
	}
}

func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("billing_entity", BillingEntity.Type).Ref("staff").Field("billing_entity_id").Unique(),
		edge.To("sessions", Session.Type),
		edge.To("api_tokens", APIToken.Type),
		edge.To("grants", PermissionGrant.Type),
		edge.To("memberships", Membership.Type),
		edge.To("recovery_codes", RecoveryCode.Type),
	}
}

func (User) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("email").Unique(),
		index.Fields("platform_role"),
	}
}
