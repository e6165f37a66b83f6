package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// PaymentAccount is a billing entity's account at a payment provider: its
// API key and webhook secret, sealed (secrets.Box, bound to the row and
// the billing entity) and never returned; a hint of the key's end shows
// which one is stored.
type PaymentAccount struct{ ent.Schema }

func (PaymentAccount) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("issuer_id")}
}

func (PaymentAccount) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("issuer_id", uuid.UUID{}).Immutable(),
		field.Enum("provider").Values("STRIPE", "MOLLIE").Immutable(),
		field.Bytes("api_key_sealed").Sensitive(),
		field.Bytes("webhook_secret_sealed").Optional().Sensitive(),
		// The key's last four characters, and whether it is a test key.
		field.String("key_hint").MaxLen(8),
		field.Bool("test_mode"),
		field.String("updated_by_email").Default("").MaxLen(320),
	}
}

func (PaymentAccount) Indexes() []ent.Index {
	return []ent.Index{index.Fields("issuer_id", "provider").Unique()}
}

// ProviderEvent is one notification of a payment provider, stored once by
// the provider's id before it is processed (the unique index): the same
// event delivered five times at once has one effect. Processing that
// fails is tried again with backoff and stays visible until it succeeds;
// staff can replay an event. Processed events are removed after a
// retention window (webhook-cleanup).
type ProviderEvent struct{ ent.Schema }

func (ProviderEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("issuer_id")}
}

func (ProviderEvent) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("issuer_id", uuid.UUID{}).Immutable(),
		field.Enum("provider").Values("STRIPE", "MOLLIE").Immutable(),
		field.String("event_id").MaxLen(200).Immutable(),
		field.String("type").MaxLen(100).Immutable(),
		field.Bytes("payload").Immutable(),
		// The payment's state as the event reports it, read from the
		// payload when it arrived (a replay applies it again).
		// (provider.State as JSON).
		field.Bytes("state").Immutable(),
		field.String("provider_payment_id").Default("").MaxLen(100).Immutable(),
		// The payment it changed, once processed.
		field.UUID("payment_id", uuid.UUID{}).Optional().Nillable(),
		// RECEIVED: stored, not processed yet; PROCESSED; IGNORED: about
		// nothing the platform knows; FLAGGED: it contradicts the invoice
		// (amount, currency, reference) and changed nothing; FAILED:
		// processing failed, tried again at next_attempt_time.
		field.Enum("status").Values("RECEIVED", "PROCESSED", "IGNORED", "FLAGGED", "FAILED"),
		field.Int("attempts").Default(0).Min(0),
		field.Time("next_attempt_time").Optional().Nillable(),
		field.Text("last_error").Default(""),
		field.Time("occurred_time"),
		field.Time("processed_time").Optional().Nillable(),
	}
}

func (ProviderEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider", "event_id").Unique(),
		index.Fields("status", "next_attempt_time"),
		index.Fields("payment_id"),
		index.Fields("processed_time"),
	}
}

// PaymentCustomer is an organization as a provider's customer (Stripe
// cus_…): made once, with the first payment asked for there.
type PaymentCustomer struct{ ent.Schema }

func (PaymentCustomer) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (PaymentCustomer) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.Enum("provider").Values("STRIPE", "MOLLIE").Immutable(),
		field.String("customer_id").MaxLen(100).Immutable(),
	}
}

func (PaymentCustomer) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "provider").Unique()}
}
