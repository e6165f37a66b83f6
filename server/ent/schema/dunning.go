package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// DunningNotice is one level's letter about one overdue invoice: a payment
// reminder, a first or a second Mahnung. Written by the dunning run with
// the letter's document (as JSON, so the PDF is rendered from what was
// decided that day) and, when the level has a fee, the invoice that bills
// it; then e-mailed, retried like an invoice's e-mail. The unique index is
// the backstop of "each level once": a second run of the same day, or two
// at once, cannot send a level twice. What is written at creation never
// changes; only the PDF (written once) and the e-mail's state move.
type DunningNotice struct{ ent.Schema }

func (DunningNotice) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (DunningNotice) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		field.String("invoice_number").MaxLen(40).Immutable(),
		// The overdue invoice's issuer, whose settings and mail server
		// the notice uses.
		field.UUID("issuer_id", uuid.UUID{}).Immutable(),
		field.Enum("level").Values("REMINDER", "FIRST_NOTICE", "SECOND_NOTICE").Immutable(),
		// Civil dates in the issuer's calendar, YYYY-MM-DD.
		field.String("issue_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("pay_by").MinLen(10).MaxLen(10).Immutable(),
		field.Int64("open_cents").Immutable(),
		field.Int64("fee_cents").Default(0).Min(0).Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		field.UUID("fee_invoice_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		// The letter as decided (invoicepdf's letter document), JSON.
		field.Bytes("document").Immutable(),
		// The rendered PDF in the blob store, named by its SHA-256; empty
		// until it is rendered (before the first attempt to send it).
		field.String("pdf_name").Default("").MaxLen(80),
		field.String("pdf_sha256").Default("").MaxLen(64),
		// The e-mail: QUEUED until sent or failed; WITHDRAWN when the
		// invoice was paid or cancelled before it went out.
		field.String("to_address").Default("").MaxLen(320).Immutable(),
		field.Enum("status").Values("QUEUED", "SENT", "FAILED", "WITHDRAWN"),
		field.Int("attempts").Default(0).Min(0),
		field.Time("next_attempt_time").Optional().Nillable(),
		field.Time("last_attempt_time").Optional().Nillable(),
		field.Text("answer").Default(""),
	}
}

func (DunningNotice) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("invoice_id", "level").Unique(),
		index.Fields("organization_id", "create_time"),
		index.Fields("status", "next_attempt_time"),
	}
}

// DunningHold pauses an organization's dunning up to and including its
// last day (in its issuer's calendar): a dispute, an agreed payment plan.
// One per organization; releasing it deletes the row, and the audit trail
// keeps its history.
type DunningHold struct{ ent.Schema }

func (DunningHold) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (DunningHold) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.String("until").MinLen(10).MaxLen(10),
		field.Text("reason"),
		field.String("created_by_email").Default("").MaxLen(320),
	}
}

func (DunningHold) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id").Unique()}
}
