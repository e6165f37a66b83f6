package payment_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v79/webhook"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/molliepay/molliefake"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/billing/stripepay/stripemock"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

const whsec = "whsec_test_leitstand"

// recorder keeps the requests sent to the providers.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req.Clone(req.Context()))
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) keys(method, path string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, q := range r.reqs {
		if q.Method == method && q.URL.Path == path {
			out = append(out, q.Header.Get("Idempotency-Key"))
		}
	}
	return out
}

// withProviders points env's payments at stripe-mock and a Mollie fake,
// with accounts set up for the platform.
func withProviders(t *testing.T, env *apptest.Env) (*recorder, *molliefake.Server) {
	t.Helper()
	rec := &recorder{}
	mollie := molliefake.Start(t)
	env.Payments.PointProviders(map[provider.Name]string{provider.Stripe: stripemock.Start(t), provider.Mollie: mollie.URL},
		&http.Client{Transport: rec, Timeout: 10 * time.Second})
	env.Payments.SetPublicURL("https://leitstand.example")
	owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
	if _, err := env.Payments.SetAccount(owner, provider.Stripe, stripemock.APIKey, whsec); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Payments.SetAccount(owner, provider.Mollie, molliefake.APIKey, ""); err != nil {
		t.Fatal(err)
	}
	return rec, mollie
}

// stripeEvent is a Stripe event of type typ about object, signed at at.
func stripeEvent(id, typ, object string, at time.Time) ([]byte, string) {
	payload := []byte(fmt.Sprintf(`{"id": %q, "object": "event", "api_version": "2024-06-20", "created": %d,
  "data": {"object": %s}, "livemode": false, "pending_webhooks": 1, "type": %q}`, id, at.Unix(), object, typ))
	return payload, webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: whsec, Timestamp: at}).Header
}

func intent(pi, status string, amount int64, invoiceID string) string {
	return fmt.Sprintf(`{"id": %q, "object": "payment_intent", "amount": %d, "currency": "eur", "status": %q,
  "last_payment_error": %s, "metadata": {"invoice_id": %q}}`, pi, amount, status,
		map[bool]string{true: `{"code": "card_declined", "message": "Your card was declined."}`, false: "null"}[status == "requires_payment_method"],
		invoiceID)
}

func refunded(pi string, amount, refunded int64, invoiceID string) string {
	return fmt.Sprintf(`{"id": "ch_1", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": %d,
  "currency": "eur", "captured": true, "paid": true, "refunded": false, "disputed": false, "status": "succeeded",
  "payment_intent": %q, "metadata": {"invoice_id": %q}}`, amount, amount, refunded, pi, invoiceID)
}

// Stripe's webhook is verified before anything is read: a body changed
// after signing, a timestamp older than the tolerance and a signature of
// another secret are refused, and nothing is stored.
func TestATamperedOrStaleStripeWebhookIsRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		withProviders(t, env)
		sys := authz.System(t.Context())
		be := ids.Format(ids.BillingEntity, env.DB.Client.Invoice.GetX(sys, inv.ID).IssuerID)
		now := env.Clock.Now()
		before := env.Fingerprint(t)
		payload, sig := stripeEvent("evt_1", "payment_intent.succeeded", intent("pi_1", "succeeded", 119000, ids.Format(ids.Invoice, inv.ID)), now)
		tampered := append([]byte(nil), payload...)
		tampered[len(tampered)-3] = 'X'
		stale, staleSig := stripeEvent("evt_2", "payment_intent.succeeded", intent("pi_1", "succeeded", 119000, ids.Format(ids.Invoice, inv.ID)),
			now.Add(-10*time.Minute))
		other := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: "whsec_other", Timestamp: now}).Header
		for name, c := range map[string]struct {
			body []byte
			sig  string
		}{"a tampered body": {tampered, sig}, "an old timestamp": {stale, staleSig}, "another secret": {payload, other}, "no signature": {payload, ""}} {
			if err := env.Payments.StripeWebhook(sys, be, c.body, c.sig); !errors.Is(err, payment.ErrWebhook) {
				t.Errorf("%s: %v, want refused", name, err)
			}
		}
		if n := env.DB.Client.ProviderEvent.Query().CountX(sys); n != 0 || env.Fingerprint(t) != before {
			t.Errorf("a refused webhook stored %d events or changed something", n)
		}
	})
}

// A Stripe payment asked for, whose success Stripe delivers five times at
// once: one event, one payment, the invoice paid once. Events arriving
// out of order — the refund before the success, a failure after it —
// leave the state the last of them in time would.
func TestStripeEventsHaveOneEffectInAnyOrder(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		rec, _ := withProviders(t, env)
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		sys := authz.System(t.Context())
		p, err := env.Payments.RequestPayment(op, inv.ID, provider.Stripe)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != payment.Pending || p.ProviderPaymentID == "" || p.AmountCents != 119000 {
			t.Fatalf("asked for = %+v", p)
		}
		if keys := rec.keys("POST", "/v1/payment_intents"); len(keys) != 1 || keys[0] != payment.IdempotencyKey(inv.ID, 1) {
			t.Errorf("idempotency keys sent = %v", keys)
		}
		be := ids.Format(ids.BillingEntity, env.DB.Client.Invoice.GetX(sys, inv.ID).IssuerID)
		iid := ids.Format(ids.Invoice, inv.ID)
		now := env.Clock.Now()
		body, sig := stripeEvent("evt_ok", "payment_intent.succeeded", intent(p.ProviderPaymentID, "succeeded", 119000, iid), now)
		var wg sync.WaitGroup
		errs := make([]error, 5)
		for i := range errs {
			wg.Go(func() { errs[i] = env.Payments.StripeWebhook(sys, be, body, sig) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if n := env.DB.Client.ProviderEvent.Query().CountX(sys); n != 1 {
			t.Errorf("%d events stored, want 1", n)
		}
		if s, paid := status(t, env, inv.ID); s != invoice.StatusPaid || paid != 119000 {
			t.Errorf("invoice %s with %d paid", s, paid)
		}
		if n := env.DB.Client.Payment.Query().CountX(sys); n != 1 {
			t.Errorf("%d payments, want 1", n)
		}

		// Out of order: a refund of 50 € arrives, then the success again,
		// then a failure of the same intent.
		for _, e := range []struct{ id, typ, object string }{
			{"evt_refund", "charge.refunded", refunded(p.ProviderPaymentID, 119000, 5000, iid)},
			{"evt_ok_again", "payment_intent.succeeded", intent(p.ProviderPaymentID, "succeeded", 119000, iid)},
			{"evt_failed", "payment_intent.payment_failed", intent(p.ProviderPaymentID, "requires_payment_method", 119000, iid)},
		} {
			body, sig := stripeEvent(e.id, e.typ, e.object, now)
			if err := env.Payments.StripeWebhook(sys, be, body, sig); err != nil {
				t.Fatalf("%s: %v", e.typ, err)
			}
		}
		got, err := env.Payments.Get(op, p.ID)
		if err != nil || got.Status != payment.Succeeded || got.RefundedCents != 5000 {
			t.Errorf("payment after the events = %+v %v, want SUCCEEDED with 5000 refunded", got, err)
		}
		if s, paid := status(t, env, inv.ID); s != invoice.StatusIssued || paid != 114000 {
			t.Errorf("invoice %s with %d paid, want ISSUED with 114000", s, paid)
		}
	})
}

// The idempotency key of a provider payment is stored before the call: a
// request after a crash between storing and calling sends the same key,
// and there is one payment.
func TestTheIdempotencyKeySurvivesACrashBeforeTheCall(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		rec, _ := withProviders(t, env)
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		crash := true
		env.Payments.BeforeCharge(func() error {
			if crash {
				crash = false
				return errors.New("the server stopped")
			}
			return nil
		})
		if _, err := env.Payments.RequestPayment(op, inv.ID, provider.Stripe); err == nil {
			t.Fatal("the crash did not stop the request")
		}
		if keys := rec.keys("POST", "/v1/payment_intents"); len(keys) != 0 {
			t.Fatalf("the provider was called before the crash: %v", keys)
		}
		p, err := env.Payments.RequestPayment(op, inv.ID, provider.Stripe)
		if err != nil {
			t.Fatal(err)
		}
		if keys := rec.keys("POST", "/v1/payment_intents"); len(keys) != 1 || keys[0] != payment.IdempotencyKey(inv.ID, 1) {
			t.Errorf("keys sent = %v, want the stored one", keys)
		}
		if n := env.DB.Client.Payment.Query().CountX(authz.System(t.Context())); n != 1 || p.ProviderPaymentID == "" {
			t.Errorf("%d payments, provider id %q", n, p.ProviderPaymentID)
		}
	})
}

// Mollie's webhook names only a payment: what Mollie answers about it is
// checked against the payment and its invoice, and a payment whose amount
// does not match changes nothing and is flagged. A pending Mollie payment
// is answered again, not duplicated; and a webhook that never arrives is
// made up for by the reconciliation an hour later.
func TestMollieIsCheckedAndReconciled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org, inv := billed(t, env, "Acme")
		_, mollie := withProviders(t, env)
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		sys := authz.System(t.Context())
		be := ids.Format(ids.BillingEntity, env.DB.Client.Invoice.GetX(sys, inv.ID).IssuerID)
		p, err := env.Payments.RequestPayment(op, inv.ID, provider.Mollie)
		if err != nil || p.CheckoutURL == "" {
			t.Fatalf("asked for = %+v %v", p, err)
		}
		again, err := env.Payments.RequestPayment(op, inv.ID, provider.Mollie)
		if err != nil || again.ID != p.ID {
			t.Errorf("asked again = %+v %v, want the same payment", again, err)
		}
		form := []byte(url.Values{"id": {p.ProviderPaymentID}}.Encode())
		const ct = "application/x-www-form-urlencoded"

		mollie.SetAmount(p.ProviderPaymentID, 100)
		mollie.SetStatus(p.ProviderPaymentID, "paid")
		before := env.Fingerprint(t)
		if err := env.Payments.MollieWebhook(sys, be, form, ct); err != nil {
			t.Fatal(err)
		}
		if s, paid := status(t, env, inv.ID); s != invoice.StatusIssued || paid != 0 || env.Fingerprint(t) != before {
			t.Errorf("a payment of the wrong amount changed the invoice: %s %d", s, paid)
		}
		flagged, _, err := env.Payments.Events(op, payment.EventFilter{Statuses: []string{payment.EventFlagged}})
		if err != nil || len(flagged) != 1 {
			t.Errorf("flagged events = %+v %v", flagged, err)
		}

		// Another invoice, paid at Mollie, whose webhook is lost.
		second, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62",
			UnitPriceCents: 50000}}, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		q, err := env.Payments.RequestPayment(op, second.ID, provider.Mollie)
		if err != nil {
			t.Fatal(err)
		}
		mollie.SetStatus(q.ProviderPaymentID, "paid")
		if r, err := env.Payments.Reconcile(sys); err != nil || r.Asked != 0 {
			t.Errorf("reconciled before the hour = %+v %v", r, err)
		}
		env.Clock.Set(env.Clock.Now().Add(61 * time.Minute))
		if r, err := env.Payments.Reconcile(sys); err != nil || r.Asked != 2 || r.Changed != 1 {
			t.Errorf("reconciled = %+v %v, want both asked about and the paid one changed", r, err)
		}
		if s, paid := status(t, env, second.ID); s != invoice.StatusPaid || paid != 59500 {
			t.Errorf("second invoice %s with %d paid after the reconciliation, want PAID", s, paid)
		}
		// The flagged one stays pending for staff; asking again changes nothing.
		if r, err := env.Payments.Reconcile(sys); err != nil || r.Asked != 1 || r.Changed != 0 {
			t.Errorf("reconciled again = %+v %v, want only the flagged one asked about", r, err)
		}
	})
}

// A provider payment is refunded at the provider, through its API: what
// the provider answers is applied as an event, and the invoice is open
// again for what was refunded. Asking for more than is left is refused.
func TestAProviderPaymentIsRefundedAtTheProvider(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		_, mollie := withProviders(t, env)
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		sys := authz.System(t.Context())
		be := ids.Format(ids.BillingEntity, env.DB.Client.Invoice.GetX(sys, inv.ID).IssuerID)
		p, err := env.Payments.RequestPayment(op, inv.ID, provider.Mollie)
		if err != nil {
			t.Fatal(err)
		}
		mollie.SetStatus(p.ProviderPaymentID, "paid")
		if err := env.Payments.MollieWebhook(sys, be, []byte(url.Values{"id": {p.ProviderPaymentID}}.Encode()),
			"application/x-www-form-urlencoded"); err != nil {
			t.Fatal(err)
		}
		if s, _ := status(t, env, inv.ID); s != invoice.StatusPaid {
			t.Fatalf("invoice %s after Mollie's payment, want PAID", s)
		}
		if _, err := env.Payments.Refund(op, p.ID, 119001, "zu viel"); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("refund more than was paid = %v, want invalid argument", err)
		}
		got, err := env.Payments.Refund(op, p.ID, 19000, "Gutschrift für den Ausfall")
		if err != nil || got.RefundedCents != 19000 || got.Status != payment.Succeeded || mollie.Payment(p.ProviderPaymentID).RefundedCents != 19000 {
			t.Fatalf("refund = %+v %v", got, err)
		}
		if s, paid := status(t, env, inv.ID); s != invoice.StatusIssued || paid != 100000 {
			t.Errorf("invoice %s with %d paid after the refund, want ISSUED with 100000", s, paid)
		}
		var keys []string
		for _, r := range mollie.Requests() {
			if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/refunds") {
				keys = append(keys, r.Header.Get("Idempotency-Key"))
			}
		}
		if want := "leitstand-refund-" + ids.Format(ids.Payment, p.ID) + "-0-19000"; len(keys) != 1 || keys[0] != want {
			t.Errorf("refund requests' keys = %v, want [%s]", keys, want)
		}
	})
}
