package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// AuditEvent is one entry of the audit trail, written in the same transaction
// as the change it records. Events form a hash chain (each hash covers the
// previous one), so an edited, deleted or reordered event is detectable.
// Before and after are stored as text, not JSON columns, so the hashed bytes
// are exactly the stored bytes on every database.
type AuditEvent struct{ ent.Schema }

func (AuditEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, platformOnly("the trail of the whole platform, with before and after values; a reseller's view of its own events is not offered")}
}

func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("sequence").Immutable(),
		field.Time("occur_time").Immutable(),
		field.UUID("actor_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("actor_email").Default("").Immutable(),
		field.String("actor_role").Default("").Immutable(),
		field.String("action").Immutable(),
		field.String("target_type").Default("").Immutable(),
		field.String("target_id").Default("").Immutable(),
		field.Text("reason").Default("").Immutable(),
		field.Text("before").Default("").Immutable(),
		field.Text("after").Default("").Immutable(),
		field.String("request_id").Default("").Immutable(),
		field.Enum("outcome").Values("SUCCEEDED", "DENIED").Immutable(),
		// The links are rewritten once, when a chain written before its
		// hashes were keyed is keyed (audit.Writer.KeyChain).
		field.Bytes("prev_hash"),
		field.Bytes("hash"),
	}
}

func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("sequence").Unique(),
		index.Fields("actor_id", "sequence"),
		index.Fields("target_type", "target_id", "sequence"),
		index.Fields("occur_time"),
	}
}

// AuditChainHead is the single row that holds the newest sequence and hash
// of the audit chain. Appending locks it, which orders concurrent writers,
// and it lets verification notice events removed from the end.
type AuditChainHead struct{ ent.Schema }

func (AuditChainHead) Mixin() []ent.Mixin {
	return []ent.Mixin{platformOnly("bookkeeping of the audit trail")}
}

func (AuditChainHead) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		field.Int64("sequence"),
		field.Bytes("hash"),
		// Keyed: the chain's hashes are HMACs under a key derived from the
		// secret key, which is not in the database. A chain written before
		// is keyed once, at start.
		field.Bool("keyed").Default(false),
	}
}

// DataChange is what one change wrote, under the audit sequence it moved the
// chain head to: the types of the rows it created, updated or deleted, their
// ids and the ids they refer to. Every replica reads the changes since the
// version it last saw and drops just the cached answers they touch
// (platform/changes); old rows are pruned as the chain grows.
type DataChange struct{ ent.Schema }

func (DataChange) Mixin() []ent.Mixin {
	return []ent.Mixin{platformOnly("bookkeeping of the read caches")}
}

func (DataChange) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id").Comment("the audit sequence of the change"),
		field.Text("types").Default("").Comment("types of the rows written, space-separated"),
		field.Text("bulk_types").Default("").Comment("types some rows of which were written without their ids being known"),
		field.Text("ids").Default("").Comment("ids of the rows written and of the rows they refer to, space-separated"),
	}
}

// LoginThrottle counts failed sign-ins per e-mail address, known or not,
// so that throttling neither reveals which addresses exist nor depends on
// the replica that answers.
type LoginThrottle struct{ ent.Schema }

func (LoginThrottle) Mixin() []ent.Mixin {
	return []ent.Mixin{platformOnly("failed sign-ins per address, counted before anyone is signed in")}
}

func (LoginThrottle) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").Comment("the lower-cased e-mail address"),
		field.Int("failures"),
		field.Time("last_failure_time"),
		field.Time("locked_until").Optional().Nillable(),
	}
}
