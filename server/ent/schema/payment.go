package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Payment is money for one invoice: through Stripe or Mollie, a bank
// transfer, or anything staff note by hand. What counts towards the
// invoice is a SUCCEEDED payment's amount less what was refunded of it;
// the invoice's paid_cents is that sum, kept in the same change as the
// payment. A payment is never deleted: a mistake is REVERSED, money paid
// back is refunded.
type Payment struct{ ent.Schema }

func (Payment) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id"),
		searchableBy("reference", "provider_payment_id", "invoice_number")}
}

func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		// The invoice's number, kept for lists and the search.
		field.String("invoice_number").MaxLen(40).Immutable(),
		field.Enum("method").Values("STRIPE", "MOLLIE", "BANK_TRANSFER", "MANUAL").Immutable(),
		field.Enum("status").Values("PENDING", "SUCCEEDED", "FAILED", "CANCELED", "REFUNDED", "DISPUTED", "REVERSED"),
		field.Int64("amount_cents").Positive().Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		// What was refunded of it; it only grows, up to the amount.
		field.Int64("refunded_cents").Default(0).Min(0),
		// The day the money arrived (YYYY-MM-DD).
		field.String("value_date").MinLen(10).MaxLen(10),
		field.String("reference").Default("").MaxLen(140),
		field.Text("note").Default(""),
		// The provider's payment id (pi_…, tr_…); empty for bank and
		// manual payments. One payment row per provider payment.
		field.String("provider_payment_id").Default("").MaxLen(100),
		// The attempt of this invoice at the provider, and the idempotency
		// key sent with the request that created it: stored before the
		// call, so a call repeated after a crash creates nothing twice.
		field.Int("attempt").Default(0).Min(0).Immutable(),
		field.String("idempotency_key").Default("").MaxLen(100).Immutable(),
		field.String("checkout_url").Default("").MaxLen(500),
		field.Text("failure_reason").Default(""),
		// Why it was last refunded or reversed.
		field.Text("reason").Default(""),
		field.String("recorded_by_email").Default("").MaxLen(320).Immutable(),
		field.Time("status_time"),
	}
}

func (Payment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("invoice_id"),
		index.Fields("organization_id", "value_date"),
		index.Fields("value_date"),
		index.Fields("method", "provider_payment_id").Unique().
			Annotations(entsql.IndexWhere("provider_payment_id <> ''")),
		index.Fields("status", "status_time"),
	}
}
