// Package payment records the money that arrives for invoices and keeps
// each invoice's paid amount and status true to it.
//
// The rules:
//   - A payment belongs to one invoice. What counts towards the invoice is
//     each SUCCEEDED payment's amount less what was refunded of it
//     (Counted). The invoice's paid_cents is that sum, and its status
//     follows: PAID once it reaches the gross amount, open again (ISSUED,
//     or OVERDUE after the due date) when a refund or a reversal takes it
//     below. Both are written in the change that records or changes the
//     payment, serialised with every other change by the audit chain's
//     head lock, so two payments arriving at once are both counted.
//   - Money is never lost: what is paid beyond an invoice's gross amount,
//     and whatever was paid for an invoice cancelled since, is the
//     organization's credit (Balance).
//   - Payments are never deleted. Staff reverse one they recorded by
//     mistake (REVERSED, counting nothing); money paid back is a refund
//     (the refunded amount only grows; refunded whole, it is REFUNDED).
package payment

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Method is how the money came.
type Method string

// The methods.
const (
	Stripe       Method = "STRIPE"
	Mollie       Method = "MOLLIE"
	BankTransfer Method = "BANK_TRANSFER"
	Manual       Method = "MANUAL"
)

// Methods lists them in the contract's order.
func Methods() []Method { return []Method{Stripe, Mollie, BankTransfer, Manual} }

// ThroughProvider reports whether m is a provider's: its refunds go
// through the provider, and it is never reversed by hand.
func (m Method) ThroughProvider() bool { return m == Stripe || m == Mollie }

// Status is where a payment is.
type Status string

// The statuses.
const (
	Pending   Status = "PENDING"
	Succeeded Status = "SUCCEEDED"
	Failed    Status = "FAILED"
	Canceled  Status = "CANCELED"
	Refunded  Status = "REFUNDED"
	Disputed  Status = "DISPUTED"
	Reversed  Status = "REVERSED"
)

// Statuses lists them in the contract's order.
func Statuses() []Status {
	return []Status{Pending, Succeeded, Failed, Canceled, Refunded, Disputed, Reversed}
}

// Payment is money for one invoice.
type Payment struct {
	ID                uuid.UUID
	OrganizationID    uuid.UUID
	OrganizationName  string
	InvoiceID         uuid.UUID
	InvoiceNumber     string
	Method            Method
	Status            Status
	AmountCents       int64
	Currency          string
	RefundedCents     int64
	ValueDate         calendar.Date
	Reference         string
	Note              string
	ProviderPaymentID string
	CheckoutURL       string
	// DashboardURL is the payment's page at its provider.
	DashboardURL    string
	FailureReason   string
	Reason          string
	RecordedByEmail string
	CreateTime      time.Time
	StatusTime      time.Time
}

// Counted is what a payment counts towards its invoice.
func Counted(status Status, amount, refunded int64) int64 {
	if status != Succeeded {
		return 0
	}
	return amount - refunded
}

// Counted is what p counts towards its invoice.
func (p Payment) Counted() int64 { return Counted(p.Status, p.AmountCents, p.RefundedCents) }

func paymentOf(r *ent.Payment) Payment {
	return Payment{ID: r.ID, OrganizationID: r.OrganizationID, InvoiceID: r.InvoiceID, InvoiceNumber: r.InvoiceNumber,
		Method: Method(r.Method), Status: Status(r.Status), AmountCents: r.AmountCents, Currency: r.Currency,
		RefundedCents: r.RefundedCents, ValueDate: dateOf(r.ValueDate), Reference: r.Reference, Note: r.Note,
		ProviderPaymentID: r.ProviderPaymentID, CheckoutURL: r.CheckoutURL, FailureReason: r.FailureReason,
		Reason: r.Reason, RecordedByEmail: r.RecordedByEmail, CreateTime: r.CreateTime, StatusTime: r.StatusTime}
}

// state is what the audit trail keeps of a payment.
func state(p Payment) map[string]any {
	out := map[string]any{"invoice": p.InvoiceNumber, "method": string(p.Method), "status": string(p.Status),
		"amount_cents": p.AmountCents, "currency": p.Currency, "refunded_cents": p.RefundedCents,
		"value_date": p.ValueDate.String(), "reference": p.Reference}
	if p.ProviderPaymentID != "" {
		out["provider_payment_id"] = p.ProviderPaymentID
	}
	if p.Note != "" {
		out["note"] = p.Note
	}
	return out
}

func dateOf(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		// The column holds only dates this package wrote.
		panic("payment date " + s + ": " + err.Error())
	}
	return d
}

// targetType is what the audit trail calls a payment.
const targetType = "payment"

// calendarToday is the day of t in UTC: the value day of money a provider
// reports now.
func calendarToday(t time.Time) calendar.Date { return calendar.On(t, time.UTC) }
