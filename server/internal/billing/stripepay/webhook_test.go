package stripepay

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v79/webhook"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

const testSecret = "whsec_test_5b6c0f1f3d2e4a8b9c7d6e5f4a3b2c1d"

// signedTime is the moment the test events are signed: far from the
// machine's clock, so a check against time.Now would refuse them.
var signedTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// event is a Stripe event of type typ around object, as Stripe sends it.
func event(typ, object string) []byte {
	return []byte(fmt.Sprintf(`{
  "id": "evt_1PgbQ2B7WZ01zgkW8kR1v2Xy",
  "object": "event",
  "api_version": "2024-06-20",
  "created": %d,
  "data": {"object": %s},
  "livemode": false,
  "pending_webhooks": 1,
  "request": {"id": "req_Nq7x2Lm4Kp8Rz1", "idempotency_key": "pay-inv_1-1"},
  "type": %q
}`, signedTime.Add(-2*time.Second).Unix(), object, typ))
}

func sign(payload []byte, secret string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at}).Header
}

const (
	intentSucceeded = `{
    "id": "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q", "object": "payment_intent",
    "amount": 11900, "amount_received": 11900, "currency": "eur", "status": "succeeded",
    "customer": "cus_QXa1b2c3d4e5f6", "latest_charge": "ch_3PgbPzB7WZ01zgkW1abc",
    "last_payment_error": null, "cancellation_reason": null,
    "metadata": {"invoice_id": "inv_01jqz5x0a8e6v9b7m3k2p4r6s8", "invoice_number": "RE-2026-000012"}}`
	intentFailed = `{
    "id": "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q", "object": "payment_intent",
    "amount": 11900, "currency": "eur", "status": "requires_payment_method",
    "last_payment_error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
      "message": "Your card has insufficient funds.", "charge": "ch_3PgbPzB7WZ01zgkW1abc"},
    "metadata": {"invoice_id": "inv_01jqz5x0a8e6v9b7m3k2p4r6s8", "invoice_number": "RE-2026-000012"}}`
	intentCanceled = `{
    "id": "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q", "object": "payment_intent",
    "amount": 11900, "currency": "eur", "status": "canceled", "cancellation_reason": "abandoned",
    "last_payment_error": null,
    "metadata": {"invoice_id": "inv_01jqz5x0a8e6v9b7m3k2p4r6s8"}}`
	intentProcessing = `{
    "id": "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q", "object": "payment_intent",
    "amount": 11900, "currency": "eur", "status": "processing", "last_payment_error": null,
    "metadata": {"invoice_id": "inv_01jqz5x0a8e6v9b7m3k2p4r6s8"}}`
	chargeRefunded = `{
    "id": "ch_3PgbPzB7WZ01zgkW1abc", "object": "charge",
    "amount": 11900, "amount_captured": 11900, "amount_refunded": 5000, "currency": "eur",
    "captured": true, "paid": true, "refunded": false, "disputed": false, "status": "succeeded",
    "customer": "cus_QXa1b2c3d4e5f6", "payment_intent": "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q",
    "metadata": {"invoice_id": "inv_01jqz5x0a8e6v9b7m3k2p4r6s8", "invoice_number": "RE-2026-000012"}}`
)

func dispute(status string) string {
	return `{
    "id": "dp_1PgbS4B7WZ01zgkWq9yLm2Nb", "object": "dispute",
    "amount": 11900, "currency": "eur", "charge": "ch_3PgbPzB7WZ01zgkW1abc",
    "payment_intent": "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q", "reason": "fraudulent",
    "status": "` + status + `", "is_charge_refundable": false, "metadata": {}}`
}

func TestParseWebhookMapsEachType(t *testing.T) {
	t.Parallel()
	const pi = "pi_3PgbPzB7WZ01zgkW1Xk5yZ9q"
	const inv = "inv_01jqz5x0a8e6v9b7m3k2p4r6s8"
	tests := []struct {
		typ, object string
		want        provider.State
	}{
		{EventSucceeded, intentSucceeded, provider.State{ID: pi, Status: provider.Succeeded, AmountCents: 11900, Currency: "EUR", InvoiceID: inv, Customer: "cus_QXa1b2c3d4e5f6"}},
		{EventFailed, intentFailed, provider.State{ID: pi, Status: provider.Failed, AmountCents: 11900, Currency: "EUR", InvoiceID: inv,
			FailureReason: "Your card has insufficient funds. (card_declined, insufficient_funds)"}},
		{EventCanceled, intentCanceled, provider.State{ID: pi, Status: provider.Canceled, AmountCents: 11900, Currency: "EUR", InvoiceID: inv, FailureReason: "canceled: abandoned"}},
		{EventProcessing, intentProcessing, provider.State{ID: pi, Status: provider.Pending, AmountCents: 11900, Currency: "EUR", InvoiceID: inv}},
		{EventRefunded, chargeRefunded, provider.State{ID: pi, Status: provider.Succeeded, AmountCents: 11900, Currency: "EUR", RefundedCents: 5000, InvoiceID: inv, Customer: "cus_QXa1b2c3d4e5f6"}},
		{EventDisputeOpened, dispute("needs_response"), provider.State{ID: pi, Status: provider.Succeeded, Currency: "EUR", Disputed: true}},
		{EventDisputeOpened, dispute("warning_needs_response"), provider.State{ID: pi, Status: provider.Succeeded, Currency: "EUR", Disputed: true}},
		{EventDisputeClosed, dispute("won"), provider.State{ID: pi, Status: provider.Succeeded, Currency: "EUR", Disputed: false}},
		{EventDisputeClosed, dispute("lost"), provider.State{ID: pi, Status: provider.Succeeded, Currency: "EUR", Disputed: true}},
		{EventDisputeClosed, dispute("warning_closed"), provider.State{ID: pi, Status: provider.Succeeded, Currency: "EUR", Disputed: false}},
		{"customer.created", `{"id": "cus_QXa1b2c3d4e5f6", "object": "customer", "metadata": {}}`, provider.State{}},
		{"payment_intent.created", intentProcessing, provider.State{}},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			t.Parallel()
			payload := event(tt.typ, tt.object)
			e, err := ParseWebhook(payload, sign(payload, testSecret, signedTime), testSecret, 5*time.Minute, signedTime.Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if e.ID != "evt_1PgbQ2B7WZ01zgkW8kR1v2Xy" || e.Type != tt.typ || !e.Occurred.Equal(signedTime.Add(-2*time.Second)) {
				t.Errorf("event %s %s at %s", e.ID, e.Type, e.Occurred)
			}
			if string(e.Payload) != string(payload) {
				t.Error("payload not kept as received")
			}
			if e.Payment != tt.want {
				t.Errorf("payment\n got %+v\nwant %+v", e.Payment, tt.want)
			}
		})
	}
}

func TestParseWebhookRefusesWhatDoesNotVerify(t *testing.T) {
	t.Parallel()
	payload := event(EventSucceeded, intentSucceeded)
	good := sign(payload, testSecret, signedTime)
	now := signedTime.Add(time.Minute)
	const tolerance = 5 * time.Minute

	tampered := []byte(strings.Replace(string(payload), `"amount": 11900`, `"amount": 1`, 1))
	if string(tampered) == string(payload) {
		t.Fatal("tampering changed nothing")
	}
	tests := []struct {
		name    string
		payload []byte
		header  string
		secret  string
		now     time.Time
	}{
		{"tampered body", tampered, good, testSecret, now},
		{"wrong secret", payload, sign(payload, "whsec_other", signedTime), testSecret, now},
		{"signed too long ago", payload, good, testSecret, signedTime.Add(tolerance + time.Second)},
		{"signed in the future", payload, good, testSecret, signedTime.Add(-tolerance - time.Second)},
		{"no header", payload, "", testSecret, now},
		{"garbled header", payload, "t=abc,v1=zz", testSecret, now},
		{"no v1 signature", payload, fmt.Sprintf("t=%d", signedTime.Unix()), testSecret, now},
		{"two timestamps", payload, good + fmt.Sprintf(",t=%d", signedTime.Unix()), testSecret, now},
		{"no secret configured", payload, good, "", now},
	}
	for _, tt := range tests {
		if _, err := ParseWebhook(tt.payload, tt.header, tt.secret, tolerance, tt.now); !errors.Is(err, provider.ErrSignature) {
			t.Errorf("%s: %v, want ErrSignature", tt.name, err)
		}
	}

	// Within the tolerance on the injected clock, however far the
	// machine's clock is.
	if _, err := ParseWebhook(payload, good, testSecret, tolerance, signedTime.Add(tolerance)); err != nil {
		t.Errorf("at the edge of the tolerance: %v", err)
	}
	// No tolerance given means Stripe's default of five minutes.
	if _, err := ParseWebhook(payload, good, testSecret, 0, signedTime.Add(6*time.Minute)); !errors.Is(err, provider.ErrSignature) {
		t.Errorf("default tolerance: %v", err)
	}
}

func TestParseWebhookSignedBodyThatIsNotJSON(t *testing.T) {
	t.Parallel()
	payload := []byte("not json")
	_, err := ParseWebhook(payload, sign(payload, testSecret, signedTime), testSecret, time.Minute, signedTime)
	if err == nil || errors.Is(err, provider.ErrSignature) {
		t.Errorf("%v: want an error other than ErrSignature, the signature is good", err)
	}
}

func TestParseWebhookAcceptsOtherAPIVersions(t *testing.T) {
	t.Parallel()
	payload := []byte(strings.Replace(string(event(EventSucceeded, intentSucceeded)), "2024-06-20", "2026-08-26", 1))
	e, err := ParseWebhook(payload, sign(payload, testSecret, signedTime), testSecret, time.Minute, signedTime)
	if err != nil || e.Payment.Status != provider.Succeeded {
		t.Errorf("%+v, %v", e.Payment, err)
	}
}
