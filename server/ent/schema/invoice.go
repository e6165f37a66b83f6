package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Invoice is an issued invoice or cancellation invoice (Stornorechnung).
// Issued invoices are immutable: every field but the status and the
// payment fields is written once (ent has no setter for them), the hook
// below refuses any other change and every delete, and on both databases
// a trigger refuses the same in SQL (migrations invoice_immutability and
// invoice_pdf_written_once). The PDF is rendered from the stored document
// just after the issuing change commits (rendering takes far longer than
// issuing, and a run issues thousands): its name and SHA-256 are empty
// until then and written once, from empty to the rendered file's.
// Numbers are gapless per issuer and year: taken inside the issuing change,
// which the audit chain's head lock serialises; the unique index is the
// backstop. One invoice per organization and billing date: the billing
// run's backstop against a second run of the same day.
type Invoice struct{ ent.Schema }

func (Invoice) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (Invoice) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		// The billing entity that issues it (the licensee or a reseller).
		field.UUID("issuer_id", uuid.UUID{}).Immutable(),
		field.Enum("kind").Values("INVOICE", "CANCELLATION").Immutable(),
		// RUN: made by the billing run for billing_date; MANUAL: made by
		// staff from lines; cancellation invoices are MANUAL; DUNNING: the
		// fee of a dunning notice.
		field.Enum("origin").Values("RUN", "MANUAL", "DUNNING").Immutable(),
		field.String("number").NotEmpty().MaxLen(40).Immutable(),
		field.Int("year").Immutable(),
		field.Int("sequence").Min(1).Immutable(),
		field.Enum("status").Values("ISSUED", "PAID", "OVERDUE", "CANCELLED"),
		// Civil dates, YYYY-MM-DD.
		field.String("issue_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("due_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("billing_date").Optional().Nillable().MinLen(10).MaxLen(10).Immutable(),
		field.String("period_start").MinLen(10).MaxLen(10).Immutable(),
		field.String("period_end").MinLen(10).MaxLen(10).Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		field.Int64("net_cents").Immutable(),
		field.Int64("vat_cents").Immutable(),
		field.Int64("gross_cents").Immutable(),
		// The document as issued (issuer, customer, lines, totals, notes),
		// JSON: later edits of settings or the organization leave it as it
		// was, and the PDF is rendered from it.
		field.Bytes("document").Immutable(),
		// The rendered PDF in the blob store, named by its SHA-256; empty
		// until it is rendered, then never changed.
		field.String("pdf_name").Default("").MaxLen(80),
		field.String("pdf_sha256").Default("").MaxLen(64),
		// A cancellation invoice names the invoice it cancels and why.
		field.UUID("cancels_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Text("reason").Default("").Immutable(),
		field.String("created_by_email").Default("").MaxLen(320).Immutable(),
		// What moves after issue: the status, and when it was paid, fell
		// overdue or was cancelled.
		field.Time("paid_time").Optional().Nillable(),
		field.Time("overdue_time").Optional().Nillable(),
		field.Time("cancel_time").Optional().Nillable(),
		// What its payments count towards it (see Payment), kept in the
		// change that records or changes a payment.
		field.Int64("paid_cents").Default(0),
	}
}

func (Invoice) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("issuer_id", "number").Unique(),
		index.Fields("issuer_id", "year", "sequence").Unique(),
		index.Fields("organization_id", "billing_date").Unique(),
		index.Fields("organization_id", "issue_date"),
		index.Fields("status", "due_date"),
		// The invoices whose PDF is still to be rendered.
		index.Fields("create_time").StorageKey("invoices_pdf_pending").
			Annotations(entsql.IndexWhere("pdf_name = ''")),
	}
}

// invoiceMutable are the columns that may change after issue.
var invoiceMutable = map[string]bool{"status": true, "update_time": true, "paid_time": true, "overdue_time": true, "cancel_time": true,
	"paid_cents": true}

// Hooks refuse every change of an issued invoice but its status and
// payment fields, and every delete.
func (Invoice) Hooks() []ent.Hook {
	return []ent.Hook{func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			switch {
			case m.Op().Is(ent.OpDelete) || m.Op().Is(ent.OpDeleteOne):
				return nil, fmt.Errorf("invoices are never deleted")
			case m.Op().Is(ent.OpUpdate) || m.Op().Is(ent.OpUpdateOne):
				for _, f := range append(m.Fields(), m.ClearedFields()...) {
					if !invoiceMutable[f] && !pdfWrittenOnce(ctx, m, f) {
						return nil, fmt.Errorf("an issued invoice is not changed: %s is written once", f)
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}}
}

// pdfWrittenOnce reports whether m writes field f of one invoice whose
// PDF was not rendered yet, or writes what it holds already (two renders
// of one document give the same file).
func pdfWrittenOnce(ctx context.Context, m ent.Mutation, f string) bool {
	if f != "pdf_name" && f != "pdf_sha256" || !m.Op().Is(ent.OpUpdateOne) {
		return false
	}
	old, err := m.OldField(ctx, f)
	if err != nil {
		return false
	}
	v, _ := m.Field(f)
	return old == "" || old == v
}

// InvoiceLine is one line of an issued invoice: written with it, never
// changed or deleted.
type InvoiceLine struct{ ent.Schema }

func (InvoiceLine) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (InvoiceLine) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.Int("position").Min(1).Immutable(),
		field.String("kind").MaxLen(40).Immutable(),
		field.Text("description").Immutable(),
		field.String("period_start").Default("").MaxLen(10).Immutable(),
		field.String("period_end").Default("").MaxLen(10).Immutable(),
		field.Int64("quantity").Immutable(),
		field.String("unit").MaxLen(3).Immutable(),
		field.Int64("unit_price_cents").Immutable(),
		field.Int64("base_quantity").Immutable(),
		field.Int64("net_cents").Immutable(),
		field.Int("vat_rate_basis_points").Immutable(),
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		// The booked service a service line charges (the wholesale report
		// reprices it); nil for every other line.
		field.UUID("service_instance_id", uuid.UUID{}).Optional().Nillable().Immutable(),
	}
}

func (InvoiceLine) Indexes() []ent.Index {
	return []ent.Index{index.Fields("invoice_id", "position").Unique()}
}

// Hooks refuse every change but the first write.
func (InvoiceLine) Hooks() []ent.Hook { return []ent.Hook{writtenOnce("invoice lines")} }

// BillingPeriod records that the billing run billed an organization for
// the period starting on billing_date, with the invoice it issued (none
// when the period had nothing to charge). The unique index is the run's
// backstop: a second run of the same day, overlapping or after a crash,
// cannot bill a period twice. The due periods are computed from these
// rows, so a run after days of downtime bills each missed one.
type BillingPeriod struct{ ent.Schema }

func (BillingPeriod) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (BillingPeriod) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.String("billing_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("period_end").MinLen(10).MaxLen(10).Immutable(),
		field.UUID("invoice_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Time("create_time").Immutable(),
	}
}

// Hooks refuse every change but the first write.
func (BillingPeriod) Hooks() []ent.Hook { return []ent.Hook{writtenOnce("billing periods")} }

func (BillingPeriod) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "billing_date").Unique()}
}

// writtenOnce refuses every mutation of a table's rows but their creation.
func writtenOnce(what string) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpCreate) {
				return nil, fmt.Errorf("%s are written once and never changed or deleted (%s)", what, m.Op())
			}
			return next.Mutate(ctx, m)
		})
	}
}

// InvoiceDelivery is the e-mail of an invoice to its organization's billing
// address: queued at issue, in the change that issues the invoice, then
// sent by the invoice-delivery job, retried after a temporary failure
// and left FAILED with the mail server's answer after a permanent one.
type InvoiceDelivery struct{ ent.Schema }

func (InvoiceDelivery) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (InvoiceDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.String("to_address").Default("").MaxLen(320),
		// The e-invoice format the e-mail carries, the organization's
		// preference at issue: ZUGFERD sends the PDF, which is the
		// e-invoice; XRechnung sends its XML, with the PDF as a copy to read.
		field.Enum("einvoice_format").Values("ZUGFERD", "XRECHNUNG_CII", "XRECHNUNG_UBL").Default("ZUGFERD").Immutable(),
		field.Enum("status").Values("QUEUED", "SENT", "FAILED"),
		field.Int("attempts").Default(0).Min(0),
		field.Time("next_attempt_time").Optional().Nillable(),
		field.Time("last_attempt_time").Optional().Nillable(),
		// The mail server's answer to the last attempt ("250 2.0.0 Ok:
		// queued as …", or its refusal), or why none was made.
		field.Text("answer").Default(""),
	}
}

func (InvoiceDelivery) Indexes() []ent.Index {
	return []ent.Index{index.Fields("invoice_id").Unique(), index.Fields("status", "next_attempt_time")}
}

// EInvoice is an invoice as an electronic invoice after EN 16931, in one
// format: XRechnung in CII or UBL, or the hybrid ZUGFeRD PDF (PDF/A-3 with
// the Factur-X CII inside). Made from the invoice's stored document the
// first time it is asked for, checked by the EN 16931 and XRechnung rules,
// and kept in the blob store under the SHA-256 of its bytes: written once,
// never changed or deleted, like the invoice.
type EInvoice struct{ ent.Schema }

func (EInvoice) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (EInvoice) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("invoice_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.Enum("format").Values("ZUGFERD", "XRECHNUNG_CII", "XRECHNUNG_UBL").Immutable(),
		field.String("file_name").MaxLen(80).Immutable(),
		field.String("sha256").MaxLen(64).Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (EInvoice) Indexes() []ent.Index {
	return []ent.Index{index.Fields("invoice_id", "format").Unique()}
}

// Hooks refuse every change but the first write.
func (EInvoice) Hooks() []ent.Hook { return []ent.Hook{writtenOnce("e-invoices")} }
