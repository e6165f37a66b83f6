package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// ReferralCommission is one line of a partner's referral ledger: a
// commission on an invoice a referred organization paid (kind
// COMMISSION), or its reversal when that invoice was cancelled or is no
// longer paid in full (kind CLAWBACK, negative). An invoice's lines sum to
// what the partner earns on it now; seq numbers them, and the unique index
// on (invoice, seq) keeps two runs of the job that writes them from
// booking the same line twice. Only that job writes them (read-only to
// callers).
type ReferralCommission struct{ ent.Schema }

func (ReferralCommission) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, readOnly(ownedByOrganization("partner_id"))}
}

func (ReferralCommission) Fields() []ent.Field {
	return []ent.Field{
		// The partner that earns it, and the organization it referred.
		field.UUID("partner_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		field.String("invoice_number").MaxLen(40).Immutable(),
		field.Int("seq").Min(1).Immutable(),
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
		index.Fields("invoice_id", "seq").Unique(),
		index.Fields("partner_id", "day"),
	}
}

// PartnerTerms is a partner's programme from a moment on: whether it is a
// partner and its rate. SetPartner appends a row; the commission on an
// invoice is at the terms in force when it was paid, so a later change of
// rate or an ended partnership changes no commission already earned, and
// none is earned on what was paid while it was no partner.
type PartnerTerms struct{ ent.Schema }

func (PartnerTerms) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("partner_id")}
}

func (PartnerTerms) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("partner_id", uuid.UUID{}).Immutable(),
		field.Bool("active").Immutable(),
		field.Int("rate_bp").Min(0).Max(10000).Immutable(),
		field.Time("from_time").Immutable(),
	}
}

func (PartnerTerms) Indexes() []ent.Index {
	return []ent.Index{index.Fields("partner_id", "from_time")}
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
		field.String("reference").Default("").MaxRuneLen(140).Immutable(),
		field.Text("note").Default("").Immutable(),
		field.String("recorded_by_email").Default("").MaxLen(320).Immutable(),
	}
}

func (PartnerPayout) Indexes() []ent.Index {
	return []ent.Index{index.Fields("partner_id", "paid_on")}
}
