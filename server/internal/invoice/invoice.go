// Package invoice issues and keeps invoices: the billing run's invoice of
// each organization's billing day, numbered without gaps per issuer and
// year, with the document and PDF they were issued with.
//
// The rules:
//   - An issued invoice is immutable: its number, dates, lines, amounts and
//     the issuer's and customer's details as they were on the day are kept
//     as written (the data layer refuses any other change, and so does the
//     database); only its status and payment times move. Invoices are never
//     deleted.
//   - Numbers count per issuer (the organization's billing entity) and
//     year without a gap: <prefix><year>-<six digits>, taken inside the
//     change that issues the invoice. Changes are serialised by the audit
//     chain's head lock, and a change that fails takes its number with it.
//   - The billing run bills each organization once per period: on its
//     billing date, for the coming period in advance and the past one in
//     arrears (docs/billing.md). Which periods are due comes from the
//     database (the billing periods billed so far), so a run after days
//     without one bills each missed period once, in order; the billing
//     period's unique index is the backstop against two runs of one day.
//   - Each organization's period is billed in a change of its own: a crash
//     anywhere leaves every period billed whole or not at all.
package invoice

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/einvoice"
)

// The statuses of an invoice.
const (
	StatusIssued    = "ISSUED"
	StatusPaid      = "PAID"
	StatusOverdue   = "OVERDUE"
	StatusCancelled = "CANCELLED"
)

// The kinds of invoice.
const (
	KindInvoice      = "INVOICE"
	KindCancellation = "CANCELLATION"
)

// FilePrefix is the folder of the invoices' PDFs in the blob store.
const FilePrefix = "invoices"

// Number formats the number of an issuer's seq-th invoice of year:
// RE-2027-000042 for the prefix RE-.
func Number(prefix string, year, seq int) string {
	return fmt.Sprintf("%s%d-%06d", prefix, year, seq)
}

// Invoice is an issued invoice.
type Invoice struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	IssuerID       uuid.UUID
	Kind           string
	Origin         string
	Number         string
	Status         string
	IssueDate      calendar.Date
	DueDate        calendar.Date
	BillingDate    *calendar.Date
	Period         calendar.Period
	Currency       string
	NetCents       int64
	VATCents       int64
	GrossCents     int64
	// PaidCents is what its payments count towards it (payment package).
	PaidCents      int64
	PDFName        string
	PDFSHA256      string
	CancelsID      *uuid.UUID
	Reason         string
	CreatedByEmail string
	CreateTime     time.Time
	PaidTime       *time.Time
	OverdueTime    *time.Time
	CancelTime     *time.Time
	// OrganizationName is the organization's name today.
	OrganizationName string
	// CancelsNumber is the number of the invoice a cancellation invoice
	// cancels; CancelledByID the cancellation invoice of a cancelled one.
	CancelsNumber string
	CancelledByID *uuid.UUID
	// TaxTotals, Notes and Lines are read with one invoice (Get) and in
	// previews, not in lists.
	TaxTotals []TaxTotal
	Notes     []string
	Lines     []Line
	// Delivery is the state of its e-mail; nil in previews.
	Delivery *Delivery
	// EInvoices are the e-invoices made of it so far, and
	// PreferredEInvoiceFormat the format its organization prefers today;
	// read with one invoice (Get).
	EInvoices               []EInvoiceMade
	PreferredEInvoiceFormat string
	// EInvoiceChecks are what the rules say of its e-invoice in each
	// format, as it would be made from its document; read with one
	// invoice (Get).
	EInvoiceChecks []EInvoiceCheck
}

// EInvoiceCheck is what the EN 16931 (and, for XRechnung, the BR-DE)
// rules say of an invoice's e-invoice in one format: the rules it breaks
// (none: it is valid) and the recommendations it does not follow.
type EInvoiceCheck struct {
	Format               string
	Violations, Warnings []einvoice.Violation
}

// EInvoiceMade is an e-invoice made of an invoice, in one format.
type EInvoiceMade struct {
	Format     string
	SHA256     string
	CreateTime time.Time
}

// TaxTotal is the VAT of one rate.
type TaxTotal struct {
	RateBasisPoints int
	NetCents        int64
	VATCents        int64
}

// Line is one line of an issued invoice.
type Line struct {
	Position       int
	Kind           string
	Description    string
	Period         *calendar.Period
	Quantity       int64
	Unit           string
	UnitPriceCents int64
	BaseQuantity   int64
	NetCents       int64
	VATRate        int
	WorkspaceID    *uuid.UUID
}
