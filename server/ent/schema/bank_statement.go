package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// BankStatement is a statement of the issuer's bank account that staff
// imported (CAMT.053 or a bank's CSV export): kept with what its credits
// were matched to. The same file is imported once (its SHA-256).
type BankStatement struct{ ent.Schema }

func (BankStatement) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("issuer_id")}
}

func (BankStatement) Fields() []ent.Field {
	return []ent.Field{
		// The billing entity whose account it is: the one whose settings
		// name its IBAN.
		field.UUID("issuer_id", uuid.UUID{}).Immutable(),
		field.String("account").MaxLen(34).Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		// The bank's id of the statement; empty for a CSV export.
		field.String("statement_ref").Default("").MaxLen(200).Immutable(),
		field.String("file_name").Default("").MaxLen(200).Immutable(),
		field.String("format").MaxLen(20).Immutable(),
		field.String("sha256").MaxLen(64).Immutable(),
		field.Int64("opening_cents").Optional().Nillable().Immutable(),
		field.Int64("closing_cents").Optional().Nillable().Immutable(),
		field.String("imported_by_email").Default("").MaxLen(320).Immutable(),
		// Entries left out because an earlier statement had them.
		field.Int("duplicates").Default(0).Min(0).Immutable(),
	}
}

func (BankStatement) Indexes() []ent.Index {
	return []ent.Index{index.Fields("issuer_id", "sha256").Unique(), index.Fields("create_time")}
}

// BankLine is one booked entry of an imported statement and what became
// of it: a credit matched to an invoice (a payment recorded), one waiting
// for staff to assign, or one that pays no invoice (a debit, a reversal,
// one staff set aside). An entry already imported with an earlier
// statement is not kept twice (the bank's reference, per account).
type BankLine struct{ ent.Schema }

func (BankLine) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("issuer_id")}
}

func (BankLine) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("statement_id", uuid.UUID{}).Immutable(),
		field.UUID("issuer_id", uuid.UUID{}).Immutable(),
		field.String("account").MaxLen(34).Immutable(),
		field.String("ref").MaxLen(200).Immutable(),
		field.String("booking_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("value_date").MinLen(10).MaxLen(10).Immutable(),
		field.Int64("amount_cents").Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		field.Text("remittance").Default("").Immutable(),
		field.String("end_to_end_id").Default("").MaxLen(100).Immutable(),
		field.String("counterparty_name").Default("").MaxLen(200).Immutable(),
		field.String("counterparty_iban").Default("").MaxLen(34).Immutable(),
		// MATCHED: a payment was recorded for it; UNMATCHED: waiting for
		// staff; IGNORED: it pays no invoice.
		field.Enum("status").Values("MATCHED", "UNMATCHED", "IGNORED"),
		// How the import judged it (EXACT, PARTIAL, AMBIGUOUS, UNKNOWN,
		// IGNORED) and why, in English for the log; staff assigning or
		// setting it aside leave it as it was.
		field.String("match").MaxLen(20).Immutable(),
		field.Text("why").Default("").Immutable(),
		// The invoices an ambiguous credit names, for staff to pick from.
		field.JSON("candidates", []uuid.UUID{}).Optional(),
		field.UUID("invoice_id", uuid.UUID{}).Optional().Nillable(),
		field.UUID("payment_id", uuid.UUID{}).Optional().Nillable(),
		// Who assigned or set it aside, and why.
		field.String("resolved_by_email").Default("").MaxLen(320),
		field.Text("reason").Default(""),
	}
}

func (BankLine) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("issuer_id", "account", "ref").Unique(),
		index.Fields("statement_id"),
		index.Fields("status", "booking_date"),
	}
}
