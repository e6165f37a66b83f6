package molliepay

import (
	"errors"
	"fmt"
	"mime"
	"net/url"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

// MaxWebhookBody is the most a Mollie payment webhook's body can be: one
// form field with an id. A handler reads at most this (and one byte
// more, to tell a longer body) before calling WebhookPaymentID.
const MaxWebhookBody = 1 << 10

// maxIDLength bounds a payment id: Mollie's are tr_ and ten alphanumerics
// today; the bound leaves room for longer ones and none for abuse.
const maxIDLength = 64

// ErrWebhook is returned (wrapped) for a webhook request that is not
// Mollie's report of a payment.
var ErrWebhook = errors.New("mollie: not a payment webhook")

// WebhookPaymentID reads the payment id from the body of Mollie's
// webhook: a form post with the one field id=tr_…. Mollie signs nothing;
// the id is only a hint to fetch the payment, whose state is then
// Mollie's word, not the request's.
func WebhookPaymentID(body []byte, contentType string) (string, error) {
	if len(body) > MaxWebhookBody {
		return "", fmt.Errorf("%w: a body of more than %d bytes", ErrWebhook, MaxWebhookBody)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return "", fmt.Errorf("%w: content type %q, not a form", ErrWebhook, contentType)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return "", fmt.Errorf("%w: the body is not a form: %v", ErrWebhook, err)
	}
	ids := form["id"]
	switch {
	case len(ids) == 0:
		return "", fmt.Errorf("%w: no id", ErrWebhook)
	case len(ids) > 1:
		return "", fmt.Errorf("%w: more than one id", ErrWebhook)
	case !validID(ids[0]):
		return "", fmt.Errorf("%w: %.80q is not a payment id (tr_ and letters or digits)", ErrWebhook, ids[0])
	}
	return ids[0], nil
}

// validID tells whether id has the shape of a Mollie payment id: tr_ and
// up to maxIDLength letters and digits in all. Ids are checked before
// they go into a URL path.
func validID(id string) bool {
	const prefix = "tr_"
	if len(id) <= len(prefix) || len(id) > maxIDLength || id[:len(prefix)] != prefix {
		return false
	}
	for _, r := range id[len(prefix):] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// EventOf is the event of a payment's state s, fetched after Mollie's
// webhook whose body was payload, at now (Mollie's webhook says nothing
// of when).
//
// Mollie sends no event ids, and sends the same webhook again until it is
// answered with 200, and once more for every change. The event's ID is
// therefore made of everything in s that the payments area acts on:
// payment id, status, refunded cents, whether charged back, as in
// "tr_WDqYK6vllg:paid:r500:c0". A repeated webhook for an unchanged
// payment gives the same ID, which the caller recognizes as seen; any
// change it could act on (paid, a further partial refund, a chargeback)
// gives a new one, so no change is dropped as a duplicate.
//
// The status is Mollie's word as far as s tells it: "paid", "failed",
// "canceled" or "expired" (stateOf keeps which in FailureReason), and
// "open" for all that is still pending. Type is "payment." and that word.
func EventOf(s provider.State, payload []byte, now time.Time) provider.Event {
	word := statusWord(s)
	chargedBack := 0
	if s.Disputed {
		chargedBack = 1
	}
	return provider.Event{
		ID:       fmt.Sprintf("%s:%s:r%d:c%d", s.ID, word, s.RefundedCents, chargedBack),
		Type:     "payment." + word,
		Occurred: now,
		Payment:  s,
		Payload:  payload,
	}
}

func statusWord(s provider.State) string {
	switch s.Status {
	case provider.Succeeded:
		return statusPaid
	case provider.Failed:
		return statusFailed
	case provider.Canceled:
		if s.FailureReason == statusExpired {
			return statusExpired
		}
		return statusCanceled
	default:
		return statusOpen
	}
}
