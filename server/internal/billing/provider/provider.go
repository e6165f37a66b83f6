// Package provider is what the payments area asks of a payment service
// provider (Stripe, Mollie), in the area's own words: a payment of an
// invoice, its state as the provider reports it, and the events the
// provider sends about it. The adapters (billing/stripepay,
// billing/molliepay) speak the providers' APIs through their client
// libraries; nothing else imports those libraries.
//
// Amounts are integer cents in the invoice's currency (ISO 4217, upper
// case). A provider's own representation (Stripe's minor units, Mollie's
// decimal strings) is converted in the adapter and refused there when it
// is not exact.
package provider

import (
	"context"
	"errors"
	"time"
)

// Name is a provider.
type Name string

// The providers.
const (
	Stripe Name = "STRIPE"
	Mollie Name = "MOLLIE"
)

// Credentials are one billing entity's keys for one provider, unsealed
// for the call and never kept.
type Credentials struct {
	// APIKey is the secret key (Stripe sk_…, Mollie live_… or test_…).
	APIKey string
	// WebhookSecret is Stripe's endpoint secret (whsec_…) that signs its
	// webhooks; Mollie signs nothing (its webhook carries only an id).
	WebhookSecret string
	// BaseURL replaces the provider's API address (tests: a loopback
	// server). Empty means the provider's own.
	BaseURL string
}

// Status is a payment's state at the provider, reduced to what the
// payments area tells apart.
type Status string

// The statuses.
const (
	// Pending: created, not paid yet (Stripe requires_*, processing;
	// Mollie open, pending, authorized).
	Pending Status = "PENDING"
	// Succeeded: the money arrived (Stripe succeeded, Mollie paid).
	Succeeded Status = "SUCCEEDED"
	// Failed: the attempt failed and will not succeed (Stripe
	// payment_failed event, Mollie failed).
	Failed Status = "FAILED"
	// Canceled: abandoned before paying (Stripe canceled, Mollie canceled
	// or expired).
	Canceled Status = "CANCELED"
)

// Charge asks for the payment of an invoice.
type Charge struct {
	// InvoiceID is the invoice's TypeID (inv_…), stored in the provider's
	// metadata as "invoice_id" and checked against it when the provider
	// reports back.
	InvoiceID     string
	InvoiceNumber string
	AmountCents   int64
	Currency      string
	// Description is what the customer sees ("Rechnung RE-2026-000012").
	Description string
	// Customer is the provider's customer id (Stripe cus_…), if any.
	Customer string
	// IdempotencyKey is sent with the request that creates the payment:
	// stored by the caller before the call, so a call repeated after a
	// crash creates nothing twice.
	IdempotencyKey string
	// RedirectURL is where the customer returns after paying; WebhookURL
	// is where the provider reports (Mollie takes both per payment).
	RedirectURL, WebhookURL string
}

// State is what the provider says of one payment.
type State struct {
	// ID is the provider's payment id (Stripe pi_…, Mollie tr_…).
	ID          string
	Status      Status
	AmountCents int64
	Currency    string
	// RefundedCents is the total refunded so far; it only grows.
	RefundedCents int64
	// Disputed is true while a chargeback is open or was lost.
	Disputed bool
	// InvoiceID is the invoice the provider's metadata names ("" if none).
	InvoiceID string
	// CheckoutURL is where the customer pays (Mollie's checkout link,
	// empty for Stripe).
	CheckoutURL string
	// FailureReason is the provider's words for a failure.
	FailureReason string
	// Customer is the provider's customer id, if any.
	Customer string
}

// Event is one notification of a provider about a payment.
type Event struct {
	// ID identifies the event at the provider: Stripe's evt_…; for Mollie,
	// whose webhook carries only the payment id, the payment id and what
	// was fetched of it that the payments area acts on: status, refunded
	// cents, charged back ("tr_…:paid:r500:c0"), so each such state is one
	// event and a second partial refund is not taken for a repeat.
	ID string
	// Type is the provider's name for it (payment_intent.succeeded,
	// charge.refunded, …; Mollie: payment.<status>).
	Type string
	// Occurred is when the provider says it happened.
	Occurred time.Time
	// Payment is the payment's state as the event reports it.
	Payment State
	// Payload is the body as received, kept with the event.
	Payload []byte
}

// Gateway is one provider's API, with one billing entity's credentials.
type Gateway interface {
	// Name is the provider.
	Name() Name
	// EnsureCustomer creates the provider's customer for an organization
	// (ref: its TypeID, kept in the metadata as "organization_id") and
	// returns its id; key makes a repeated call create nothing twice.
	EnsureCustomer(ctx context.Context, ref, name, email, key string) (string, error)
	// Charge creates a payment of an invoice.
	Charge(ctx context.Context, c Charge) (State, error)
	// Fetch reads a payment's state now.
	Fetch(ctx context.Context, id string) (State, error)
	// Refund refunds amount cents of a payment; key makes a repeated call
	// refund nothing twice.
	Refund(ctx context.Context, id string, amountCents int64, key string) (State, error)
	// Test checks the credentials with a call that changes nothing.
	Test(ctx context.Context) error
	// DashboardURL is the page of a payment in the provider's dashboard.
	DashboardURL(id string) string
}

// ErrSignature is returned for a webhook whose signature does not verify
// or whose timestamp is outside the tolerance: it is refused unread.
var ErrSignature = errors.New("provider: webhook signature does not verify")

// ErrNotFound is returned when the provider knows no such payment.
var ErrNotFound = errors.New("provider: no such payment")
