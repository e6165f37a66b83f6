package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// WebhookEndpoint is where a billing entity receives signed events: its
// URL, the event types it subscribed to and its signing secret, sealed
// (secrets.Box, bound to the row) and shown once. After a rotation the
// previous secret keeps signing until previous_secret_until.
type WebhookEndpoint struct{ ent.Schema }

func (WebhookEndpoint) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("billing_entity_id")}
}

func (WebhookEndpoint) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.String("url").MaxRuneLen(2000),
		field.String("description").Default("").MaxRuneLen(500),
		field.JSON("event_types", []string{}),
		field.Bool("enabled").Default(true),
		field.Bytes("secret_sealed").Sensitive(),
		field.Bytes("previous_secret_sealed").Optional().Nillable().Sensitive(),
		field.Time("previous_secret_until").Optional().Nillable(),
		// The audit trail's sequence when the endpoint was made: it
		// receives the events of later changes only.
		field.Int64("from_sequence").Immutable(),
	}
}

func (WebhookEndpoint) Indexes() []ent.Index {
	return []ent.Index{index.Fields("billing_entity_id")}
}

// WebhookEvent is one event as sent to endpoints: its JSON body, made once
// (the same bytes in every delivery and replay). Events the dispatcher
// derives from the audit trail name the audit event they come from
// (source_sequence, unique: each is turned into an event once).
type WebhookEvent struct{ ent.Schema }

func (WebhookEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByBillingEntity("billing_entity_id")}
}

func (WebhookEvent) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("type").MaxLen(50).Immutable(),
		field.Bytes("payload").Immutable(),
		field.Int64("source_sequence").Optional().Nillable().Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (WebhookEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("source_sequence").Unique()}
}

// WebhookDelivery is one event sent to one endpoint: PENDING until the
// receiver answers 2xx (SUCCEEDED) or the last retry fails (FAILED), with
// the last attempt's answer. A sender claims a due delivery by moving its
// next_attempt_time past the attempt (a lease), so no two replicas post
// the same attempt at once.
type WebhookDelivery struct{ ent.Schema }

func (WebhookDelivery) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("billing_entity_id")}
}

func (WebhookDelivery) Fields() []ent.Field {
	return []ent.Field{
		// The endpoint's billing entity.
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.UUID("endpoint_id", uuid.UUID{}).Immutable(),
		field.UUID("event_id", uuid.UUID{}).Immutable(),
		field.String("event_type").MaxLen(50).Immutable(),
		field.Enum("status").Values("PENDING", "SUCCEEDED", "FAILED"),
		field.Int("attempts").Default(0).Min(0),
		field.Time("next_attempt_time").Optional().Nillable(),
		field.Time("last_attempt_time").Optional().Nillable(),
		field.Int("response_status").Default(0),
		field.Text("response_body").Default(""),
		field.Text("error").Default(""),
		field.Int64("duration_ms").Default(0),
		field.UUID("replay_of", uuid.UUID{}).Optional().Nillable().Immutable(),
	}
}

func (WebhookDelivery) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("status", "next_attempt_time"),
		index.Fields("endpoint_id"),
		index.Fields("event_id"),
	}
}

// WebhookCursor is the dispatcher's place in the audit trail: the
// sequence of the last audit event turned into webhook events. It moves
// in the transaction that writes their deliveries.
type WebhookCursor struct{ ent.Schema }

func (WebhookCursor) Mixin() []ent.Mixin {
	return []ent.Mixin{platformOnly("bookkeeping of the webhook dispatcher")}
}

func (WebhookCursor) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		field.Int64("sequence"),
		field.Time("update_time"),
	}
}
