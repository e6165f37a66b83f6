package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// ReferralCommission is one line of a partner's referral ledger: the
// commission on an invoice a referred organization paid (kind
// COMMISSION), or its reversal when that invoice was cancelled or is no
// longer paid in full (kind CLAWBACK, negative). Each invoice has at most
// one line of each kind (a unique index), so the job that writes them,
// however often it runs, books a commission once.
type ReferralCommission struct{ ent.Schema }

func (ReferralCommission) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("partner_id")}
}

func (ReferralCommission) Fields() []ent.Field {
	return []ent.Field{
		// The partner that earns it, and the organization it referred.
		field.UUID("partner_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		field.String("invoice_number").MaxLen(40).Immutable(),
		field.Enum("kind").Values("COMMISSION", "CLAWBACK").Immutable(),
		// The invoice's net amount, the rate, and the commission (negative
		// for a clawback), rounded half away from zero to the cent.
		field.Int64("invoice_net_cents").Immutable(),
		field.Int("rate_bp").Min(0).Max(10000).Immutable(),
		field.Int64("amount_cents").Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		// The day it was earned: the invoice's payment (or, for a
		// clawback, the day it was noticed), YYYY-MM-DD.
		field.String("day").MinLen(10).MaxLen(10).Immutable(),
	}
}

func (ReferralCommission) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("invoice_id", "kind").Unique(),
		index.Fields("partner_id", "day"),
	}
}

// PartnerPayout is money paid out to a partner against its ledger.
type PartnerPayout struct{ ent.Schema }

func (PartnerPayout) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("partner_id")}
}

func (PartnerPayout) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("partner_id", uuid.UUID{}).Immutable(),
		field.Int64("amount_cents").Positive().Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		// The day it was paid (YYYY-MM-DD) and its bank reference.
		field.String("paid_on").MinLen(10).MaxLen(10).Immutable(),
		field.String("reference").Default("").MaxLen(140).Immutable(),
		field.Text("note").Default("").Immutable(),
		field.String("recorded_by_email").Default("").MaxLen(320).Immutable(),
	}
}

func (PartnerPayout) Indexes() []ent.Index {
	return []ent.Index{index.Fields("partner_id", "paid_on")}
}
