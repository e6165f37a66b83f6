package stripepay

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v79"
	"github.com/stripe/stripe-go/v79/webhook"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

// SignatureHeader is the header that carries a webhook's signature.
const SignatureHeader = "Stripe-Signature"

// DefaultTolerance is how old a webhook's signed timestamp may be when
// ParseWebhook is given no tolerance: stripe-go's default, five minutes.
const DefaultTolerance = webhook.DefaultTolerance

// The event types ParseWebhook reads a payment from.
const (
	EventSucceeded     = "payment_intent.succeeded"
	EventFailed        = "payment_intent.payment_failed"
	EventCanceled      = "payment_intent.canceled"
	EventProcessing    = "payment_intent.processing"
	EventRefunded      = "charge.refunded"
	EventDisputeOpened = "charge.dispute.created"
	EventDisputeClosed = "charge.dispute.closed"
)

// ParseWebhook verifies a webhook Stripe sent and reads the payment it is
// about. payload is the request body exactly as received, signatureHeader
// the Stripe-Signature header, secret the endpoint's signing secret
// (whsec_…). The signature must verify and its timestamp must be within
// tolerance of now (either way; DefaultTolerance when tolerance is not
// positive), or the error wraps provider.ErrSignature and nothing of the
// body is read.
//
// The event's Payment is the payment as the event reports it:
//   - payment_intent.*: the PaymentIntent's state; payment_failed is
//     Failed whatever else the intent says.
//   - charge.refunded: the charge's payment intent, Succeeded (a charge
//     that was refunded had been paid), the refunded total so far.
//   - charge.dispute.created and .closed: the disputed payment intent,
//     Succeeded, Disputed while the dispute is open and after it was lost.
//     A dispute does not carry the payment's amount nor its refunds: those
//     fields are zero, and the caller keeps what it knows of them (refunds
//     only grow).
//
// Any other type gives an Event with an empty Payment.ID, which the caller
// ignores. A payment intent's amount that Leitstand cannot represent
// exactly is an error, as in Fetch.
func ParseWebhook(payload []byte, signatureHeader, secret string, tolerance time.Duration, now time.Time) (provider.Event, error) {
	if secret == "" {
		return provider.Event{}, fmt.Errorf("%w: no signing secret is configured for Stripe's webhooks", provider.ErrSignature)
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	// The library's own timestamp check measures against time.Now; it is
	// skipped here and done below against now, the caller's clock.
	//
	// Its check of the API version is skipped too: it refuses every event
	// whose version differs from the one stripe-go was built for, and a
	// webhook endpoint's version is whatever the account had when the
	// endpoint was made. The fields read below (ids, status, amounts,
	// currency, metadata, amount_refunded, disputed, payment_intent) are
	// the same in every version since PaymentIntents exist.
	evt, err := webhook.ConstructEventWithOptions(payload, signatureHeader, secret, webhook.ConstructEventOptions{
		IgnoreTolerance:          true,
		IgnoreAPIVersionMismatch: true,
	})
	if err != nil {
		if isSignatureError(err) {
			return provider.Event{}, fmt.Errorf("%w: %v", provider.ErrSignature, err)
		}
		return provider.Event{}, fmt.Errorf("stripe: webhook: %w", err)
	}
	signed, err := signedAt(signatureHeader)
	if err != nil {
		return provider.Event{}, err
	}
	if age := now.Sub(signed); age > tolerance || age < -tolerance {
		return provider.Event{}, fmt.Errorf("%w: signed at %s, more than %s from now (%s)",
			provider.ErrSignature, signed.UTC().Format(time.RFC3339), tolerance, now.UTC().Format(time.RFC3339))
	}

	e := provider.Event{
		ID:       evt.ID,
		Type:     string(evt.Type),
		Occurred: time.Unix(evt.Created, 0).UTC(),
		Payload:  payload,
	}
	if evt.Data == nil {
		return e, nil
	}
	switch e.Type {
	case EventSucceeded, EventFailed, EventCanceled, EventProcessing:
		var pi stripe.PaymentIntent
		if err := json.Unmarshal(evt.Data.Raw, &pi); err != nil {
			return provider.Event{}, fmt.Errorf("stripe: webhook %s: reading the payment intent: %w", evt.ID, err)
		}
		s, err := stateOf(&pi)
		if err != nil {
			return provider.Event{}, fmt.Errorf("webhook %s: %w", evt.ID, err)
		}
		if e.Type == EventFailed {
			s.Status = provider.Failed
			if s.FailureReason == "" {
				s.FailureReason = failureReason(pi.LastPaymentError)
			}
		}
		e.Payment = s
	case EventRefunded:
		var ch stripe.Charge
		if err := json.Unmarshal(evt.Data.Raw, &ch); err != nil {
			return provider.Event{}, fmt.Errorf("stripe: webhook %s: reading the charge: %w", evt.ID, err)
		}
		s, err := chargeState(&ch)
		if err != nil {
			return provider.Event{}, fmt.Errorf("webhook %s: %w", evt.ID, err)
		}
		e.Payment = s
	case EventDisputeOpened, EventDisputeClosed:
		var d stripe.Dispute
		if err := json.Unmarshal(evt.Data.Raw, &d); err != nil {
			return provider.Event{}, fmt.Errorf("stripe: webhook %s: reading the dispute: %w", evt.ID, err)
		}
		e.Payment = disputeState(&d, e.Type)
	}
	return e, nil
}

// isSignatureError tells the library's refusals of the signature header
// from a body that does not parse.
func isSignatureError(err error) bool {
	return errors.Is(err, webhook.ErrNotSigned) || errors.Is(err, webhook.ErrInvalidHeader) ||
		errors.Is(err, webhook.ErrNoValidSignature) || errors.Is(err, webhook.ErrTooOld)
}

// signedAt reads the timestamp (t=…) of a Stripe-Signature header, which
// ConstructEventWithOptions has already checked the signature over. A
// header with more than one is refused: the library would use the last,
// and nothing Stripe sends has two.
func signedAt(header string) (time.Time, error) {
	var (
		ts    time.Time
		found bool
	)
	for _, pair := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok || k != "t" {
			continue
		}
		if found {
			return time.Time{}, fmt.Errorf("%w: the signature header has more than one timestamp", provider.ErrSignature)
		}
		sec, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("%w: the signature header's timestamp %q is not a number", provider.ErrSignature, v)
		}
		ts, found = time.Unix(sec, 0), true
	}
	if !found {
		return time.Time{}, fmt.Errorf("%w: the signature header has no timestamp", provider.ErrSignature)
	}
	return ts, nil
}

// chargeState is what a charge event says of its payment intent.
func chargeState(ch *stripe.Charge) (provider.State, error) {
	if ch.PaymentIntent == nil || ch.PaymentIntent.ID == "" {
		// A charge made without a PaymentIntent is none of Leitstand's.
		return provider.State{}, nil
	}
	amount, err := fromMinor(ch.Amount, string(ch.Currency))
	if err != nil {
		return provider.State{}, err
	}
	refunded, err := fromMinor(ch.AmountRefunded, string(ch.Currency))
	if err != nil {
		return provider.State{}, err
	}
	s := provider.State{
		ID:            ch.PaymentIntent.ID,
		Status:        provider.Succeeded,
		AmountCents:   amount,
		Currency:      strings.ToUpper(string(ch.Currency)),
		RefundedCents: refunded,
		Disputed:      ch.Disputed,
		InvoiceID:     ch.Metadata["invoice_id"],
	}
	if s.InvoiceID == "" {
		// Stripe copies the intent's metadata onto its charges; an
		// expanded intent is the other place to find it.
		s.InvoiceID = ch.PaymentIntent.Metadata["invoice_id"]
	}
	if ch.Customer != nil {
		s.Customer = ch.Customer.ID
	}
	return s, nil
}

// disputeState is what a dispute event says of the disputed payment
// intent.
func disputeState(d *stripe.Dispute, eventType string) provider.State {
	if d.PaymentIntent == nil || d.PaymentIntent.ID == "" {
		return provider.State{}
	}
	s := provider.State{
		ID:        d.PaymentIntent.ID,
		Status:    provider.Succeeded,
		Currency:  strings.ToUpper(string(d.Currency)),
		Disputed:  true,
		InvoiceID: d.PaymentIntent.Metadata["invoice_id"],
	}
	if s.InvoiceID == "" && d.Charge != nil {
		s.InvoiceID = d.Charge.Metadata["invoice_id"]
	}
	if eventType == EventDisputeClosed {
		s.Disputed = disputed(d.Status)
	}
	return s
}
