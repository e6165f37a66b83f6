package stripepay

import (
	"fmt"
	"math"
	"strings"

	"github.com/stripe/stripe-go/v79"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

// Leitstand's amounts are hundredths of the currency unit, for every
// currency (billing/cents). Stripe's are the currency's minor unit, which
// is the hundredth for most currencies but the unit itself for the
// zero-decimal ones and the thousandth for the three-decimal ones
// (https://docs.stripe.com/currencies). A zero-decimal amount must be
// whole units; anything else would charge a hundred times too much or be
// rounded by someone else.
var (
	zeroDecimal = map[string]bool{
		"BIF": true, "CLP": true, "DJF": true, "GNF": true, "JPY": true,
		"KMF": true, "KRW": true, "MGA": true, "PYG": true, "RWF": true,
		"UGX": true, "VND": true, "VUV": true, "XAF": true, "XOF": true,
		"XPF": true,
	}
	threeDecimal = map[string]bool{"BHD": true, "JOD": true, "KWD": true, "OMR": true, "TND": true}
)

// checkCurrency refuses what is not an ISO 4217 code.
func checkCurrency(currency string) (string, error) {
	c := strings.ToUpper(currency)
	if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", fmt.Errorf("stripe: %q is not a currency code", currency)
	}
	return c, nil
}

// toMinor converts cents to Stripe's minor units of currency, exactly or
// not at all.
func toMinor(cents int64, currency string) (int64, error) {
	c, err := checkCurrency(currency)
	if err != nil {
		return 0, err
	}
	switch {
	case zeroDecimal[c]:
		if cents%100 != 0 {
			return 0, fmt.Errorf("stripe: %s has no fractional unit, so %d hundredths cannot be charged exactly", c, cents)
		}
		return cents / 100, nil
	case threeDecimal[c]:
		if cents > math.MaxInt64/10 || cents < math.MinInt64/10 {
			return 0, fmt.Errorf("stripe: %d hundredths of %s are too many", cents, c)
		}
		return cents * 10, nil
	default:
		return cents, nil
	}
}

// fromMinor converts Stripe's minor units of currency to cents, exactly or
// not at all.
func fromMinor(amount int64, currency string) (int64, error) {
	c, err := checkCurrency(currency)
	if err != nil {
		return 0, err
	}
	switch {
	case zeroDecimal[c]:
		if amount > math.MaxInt64/100 || amount < math.MinInt64/100 {
			return 0, fmt.Errorf("stripe: %d %s are too many", amount, c)
		}
		return amount * 100, nil
	case threeDecimal[c]:
		if amount%10 != 0 {
			return 0, fmt.Errorf("stripe: %d thousandths of %s are not whole hundredths", amount, c)
		}
		return amount / 10, nil
	default:
		return amount, nil
	}
}

// statusOf reduces a PaymentIntent's status to the payments area's.
// requires_payment_method is where a new PaymentIntent starts and where a
// failed attempt returns it to (the customer may try another card): it is
// Failed only when an attempt failed, as last_payment_error says.
func statusOf(pi *stripe.PaymentIntent) provider.Status {
	switch pi.Status {
	case stripe.PaymentIntentStatusSucceeded:
		return provider.Succeeded
	case stripe.PaymentIntentStatusCanceled:
		return provider.Canceled
	case stripe.PaymentIntentStatusRequiresPaymentMethod:
		if pi.LastPaymentError != nil {
			return provider.Failed
		}
		return provider.Pending
	default:
		return provider.Pending
	}
}

// disputed tells whether a dispute in this status counts against the
// payment: open, or lost. A won dispute and an inquiry closed without a
// chargeback (warning_closed) do not. Inquiries still open count: the
// money may yet be taken back, and staff should see that.
func disputed(s stripe.DisputeStatus) bool {
	switch s {
	case stripe.DisputeStatusWon, stripe.DisputeStatusWarningClosed:
		return false
	default:
		return true
	}
}

// stateOf is what a PaymentIntent says of the payment. The refunded amount
// and the dispute are the latest charge's, when it was expanded.
func stateOf(pi *stripe.PaymentIntent) (provider.State, error) {
	amount, err := fromMinor(pi.Amount, string(pi.Currency))
	if err != nil {
		return provider.State{}, err
	}
	s := provider.State{
		ID:          pi.ID,
		Status:      statusOf(pi),
		AmountCents: amount,
		Currency:    strings.ToUpper(string(pi.Currency)),
		InvoiceID:   pi.Metadata["invoice_id"],
	}
	if pi.Customer != nil {
		s.Customer = pi.Customer.ID
	}
	switch s.Status {
	case provider.Failed:
		s.FailureReason = failureReason(pi.LastPaymentError)
	case provider.Canceled:
		if pi.CancellationReason != "" {
			s.FailureReason = "canceled: " + string(pi.CancellationReason)
		}
	}
	// An unexpanded charge carries only its id (stripe-go leaves Object
	// empty then): it says nothing of refunds.
	if ch := pi.LatestCharge; ch != nil && ch.Object == "charge" {
		refunded, err := fromMinor(ch.AmountRefunded, string(ch.Currency))
		if err != nil {
			return provider.State{}, err
		}
		s.RefundedCents = refunded
		s.Disputed = ch.Disputed
	}
	return s, nil
}

// failureReason is Stripe's message for a failed attempt, with its codes.
func failureReason(e *stripe.Error) string {
	if e == nil {
		return ""
	}
	msg := e.Msg
	if msg == "" {
		msg = string(e.Type)
	}
	switch {
	case e.DeclineCode != "":
		return fmt.Sprintf("%s (%s, %s)", msg, e.Code, e.DeclineCode)
	case e.Code != "":
		return fmt.Sprintf("%s (%s)", msg, e.Code)
	default:
		return msg
	}
}
