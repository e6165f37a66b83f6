package stripepay

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v79"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/billing/stripepay/stripemock"
)

// One stripe-mock serves all tests of the package.
func TestMain(m *testing.M) { stripemock.Main(m) }

// recorded is one request as the client sent it.
type recorded struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Form   url.Values
}

// recorder passes requests on and keeps what they were.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := recorded{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Header: req.Header.Clone()}
	if req.Body != nil {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
		if rec.Form, err = url.ParseQuery(string(body)); err != nil {
			return nil, err
		}
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, rec)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// newMocked returns a gateway on stripe-mock and the recorder of its
// requests.
func newMocked(t *testing.T) (provider.Gateway, *recorder) {
	t.Helper()
	rec := &recorder{}
	gw := New(provider.Credentials{APIKey: stripemock.APIKey, BaseURL: stripemock.Start(t)},
		&http.Client{Transport: rec, Timeout: 10 * time.Second})
	return gw, rec
}

func wantForm(t *testing.T, r recorded, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := r.Form.Get(k); got != v {
			t.Errorf("%s %s: form %s = %q, want %q (form: %v)", r.Method, r.Path, k, got, v, r.Form)
		}
	}
}

func TestChargeSendsAmountMetadataAndIdempotencyKey(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	s, err := gw.Charge(t.Context(), provider.Charge{
		InvoiceID:      "inv_01jqz5x0a8e6v9b7m3k2p4r6s8",
		InvoiceNumber:  "RE-2026-000012",
		AmountCents:    11900,
		Currency:       "EUR",
		Description:    "Rechnung RE-2026-000012",
		Customer:       "cus_Q1w2E3r4T5y6U7",
		IdempotencyKey: "pay-inv_01jqz5x0a8e6v9b7m3k2p4r6s8-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1: %+v", len(reqs), reqs)
	}
	r := reqs[0]
	if r.Method != http.MethodPost || r.Path != "/v1/payment_intents" {
		t.Fatalf("request %s %s, want POST /v1/payment_intents", r.Method, r.Path)
	}
	if got := r.Header.Get("Idempotency-Key"); got != "pay-inv_01jqz5x0a8e6v9b7m3k2p4r6s8-1" {
		t.Errorf("Idempotency-Key = %q", got)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+stripemock.APIKey {
		t.Errorf("Authorization = %q", got)
	}
	if r.Header.Get("X-Stripe-Client-Telemetry") != "" {
		t.Error("telemetry header sent")
	}
	wantForm(t, r, map[string]string{
		"amount":                             "11900",
		"currency":                           "eur",
		"customer":                           "cus_Q1w2E3r4T5y6U7",
		"description":                        "Rechnung RE-2026-000012",
		"metadata[invoice_id]":               "inv_01jqz5x0a8e6v9b7m3k2p4r6s8",
		"metadata[invoice_number]":           "RE-2026-000012",
		"automatic_payment_methods[enabled]": "true",
	})

	// stripe-mock echoes the amount and currency it was sent; the rest
	// is its fixture, whose requires_payment_method with a
	// last_payment_error is a failed attempt.
	if !strings.HasPrefix(s.ID, "pi_") || s.AmountCents != 11900 || s.Currency != "EUR" {
		t.Errorf("state %+v, want a pi_ id, 11900 EUR", s)
	}
	if s.Status != provider.Failed || s.FailureReason == "" {
		t.Errorf("status %s (%q), want FAILED with a reason for the fixture's last_payment_error", s.Status, s.FailureReason)
	}
	if s.CheckoutURL != "" {
		t.Errorf("CheckoutURL = %q, Stripe has none", s.CheckoutURL)
	}
}

func TestChargeConvertsZeroDecimalCurrencies(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	c := provider.Charge{InvoiceID: "inv_1", AmountCents: 11900, Currency: "JPY", IdempotencyKey: "k1"}
	s, err := gw.Charge(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	wantForm(t, rec.requests()[0], map[string]string{"amount": "119", "currency": "jpy"})
	if s.AmountCents != 11900 || s.Currency != "JPY" {
		t.Errorf("state %d %s, want 11900 JPY", s.AmountCents, s.Currency)
	}

	c.AmountCents = 11950
	if _, err := gw.Charge(t.Context(), c); err == nil {
		t.Error("119.50 JPY charged; yen have no fraction")
	}
	if n := len(rec.requests()); n != 1 {
		t.Errorf("%d requests; a refused amount must send none", n)
	}
}

func TestChargeRefusesIncompleteCharges(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	ok := provider.Charge{InvoiceID: "inv_1", AmountCents: 100, Currency: "EUR", IdempotencyKey: "k"}
	tests := []struct {
		name   string
		change func(*provider.Charge)
	}{
		{"no idempotency key", func(c *provider.Charge) { c.IdempotencyKey = "" }},
		{"no invoice", func(c *provider.Charge) { c.InvoiceID = "" }},
		{"zero amount", func(c *provider.Charge) { c.AmountCents = 0 }},
		{"negative amount", func(c *provider.Charge) { c.AmountCents = -100 }},
		{"bad currency", func(c *provider.Charge) { c.Currency = "EURO" }},
	}
	for _, tt := range tests {
		c := ok
		tt.change(&c)
		if _, err := gw.Charge(t.Context(), c); err == nil {
			t.Errorf("%s: charged", tt.name)
		}
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent for refused charges", n)
	}
}

func TestFetchExpandsTheLatestCharge(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	s, err := gw.Fetch(t.Context(), "pi_3MtwBwLkdIwHu7ix28a3tqPa")
	if err != nil {
		t.Fatal(err)
	}
	r := rec.requests()[0]
	if r.Method != http.MethodGet || r.Path != "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	if got := r.Query.Get("expand[0]"); got != "latest_charge" {
		t.Errorf("expand[0] = %q, want latest_charge (query %v)", got, r.Query)
	}
	if s.ID != "pi_3MtwBwLkdIwHu7ix28a3tqPa" || s.Currency == "" || s.AmountCents <= 0 {
		t.Errorf("state %+v", s)
	}
	if s.RefundedCents != 0 || s.Disputed {
		t.Errorf("fixture charge has nothing refunded and no dispute, got %+v", s)
	}
}

func TestFetchRefusesWhatIsNoPaymentIntentID(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	for _, id := range []string{"", "pi_", "ch_123", "pi_../../v1/balance", "pi_a b", "pi_" + strings.Repeat("x", 300)} {
		if _, err := gw.Fetch(t.Context(), id); !errors.Is(err, provider.ErrNotFound) {
			t.Errorf("Fetch(%q) = %v, want ErrNotFound", id, err)
		}
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestRefundSendsAmountAndKeyThenReadsThePayment(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	s, err := gw.Refund(t.Context(), "pi_123", 500, "refund-inv_1-1")
	if err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	var paths []string
	for _, r := range reqs {
		paths = append(paths, r.Method+" "+r.Path)
	}
	want := []string{"GET /v1/payment_intents/pi_123", "POST /v1/refunds", "GET /v1/payment_intents/pi_123"}
	if strings.Join(paths, "; ") != strings.Join(want, "; ") {
		t.Fatalf("requests %v, want %v", paths, want)
	}
	r := reqs[1]
	if got := r.Header.Get("Idempotency-Key"); got != "refund-inv_1-1" {
		t.Errorf("Idempotency-Key = %q", got)
	}
	wantForm(t, r, map[string]string{"payment_intent": "pi_123", "amount": "500"})
	if s.ID != "pi_123" {
		t.Errorf("state %+v", s)
	}

	if _, err := gw.Refund(t.Context(), "pi_123", 500, ""); err == nil {
		t.Error("refund without an idempotency key")
	}
	if _, err := gw.Refund(t.Context(), "pi_123", 0, "k"); err == nil {
		t.Error("refund of nothing")
	}
}

func TestEnsureCustomer(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	id, err := gw.EnsureCustomer(t.Context(), "org_01jqz5x0a8e6v9b7m3k2p4r6s8", "Beispiel GmbH", "buchhaltung@beispiel.de", "cust-org_1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(id, "cus_") {
		t.Errorf("id %q", id)
	}
	r := rec.requests()[0]
	if r.Method != http.MethodPost || r.Path != "/v1/customers" || r.Header.Get("Idempotency-Key") != "cust-org_1" {
		t.Errorf("request %s %s key %q", r.Method, r.Path, r.Header.Get("Idempotency-Key"))
	}
	wantForm(t, r, map[string]string{
		"name":                      "Beispiel GmbH",
		"email":                     "buchhaltung@beispiel.de",
		"metadata[organization_id]": "org_01jqz5x0a8e6v9b7m3k2p4r6s8",
	})
	if _, err := gw.EnsureCustomer(t.Context(), "org_1", "X", "", ""); err == nil {
		t.Error("customer without an idempotency key")
	}
}

func TestTestReadsTheBalance(t *testing.T) {
	t.Parallel()
	gw, rec := newMocked(t)
	if err := gw.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if r := rec.requests()[0]; r.Method != http.MethodGet || r.Path != "/v1/balance" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}

	// Nothing listens on a port just closed.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	down := New(provider.Credentials{APIKey: "sk_test_x", BaseURL: "http://" + addr}, nil)
	if err := down.Test(t.Context()); err == nil {
		t.Error("Test passed with nothing listening")
	}
}

func TestCallsHonourTheContext(t *testing.T) {
	t.Parallel()
	gw, _ := newMocked(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := gw.Fetch(ctx, "pi_123"); !errors.Is(err, context.Canceled) {
		t.Errorf("Fetch with a canceled context: %v", err)
	}
}

// stripeAPI answers like Stripe from canned bodies by method and path.
func stripeAPI(t *testing.T, routes map[string]struct {
	status int
	body   string
}) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, ok := routes[r.Method+" "+r.URL.Path]
		if !ok {
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Request-Id", "req_test123")
		w.WriteHeader(rt.status)
		_, _ = io.WriteString(w, rt.body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestErrorsCarryStripesMessage(t *testing.T) {
	t.Parallel()
	type route = struct {
		status int
		body   string
	}
	base := stripeAPI(t, map[string]route{
		"GET /v1/payment_intents/pi_missing": {404, `{"error":{"code":"resource_missing","doc_url":"https://stripe.com/docs/error-codes/resource-missing","message":"No such payment_intent: 'pi_missing'","param":"intent","type":"invalid_request_error"}}`},
		"POST /v1/payment_intents":           {402, `{"error":{"code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","type":"card_error"}}`},
		"GET /v1/balance":                    {401, `{"error":{"message":"Invalid API Key provided: sk_test_****oops","type":"invalid_request_error"}}`},
	})
	gw := New(provider.Credentials{APIKey: "sk_test_oops", BaseURL: base}, nil)

	_, err := gw.Fetch(t.Context(), "pi_missing")
	if !errors.Is(err, provider.ErrNotFound) {
		t.Errorf("404: %v, want ErrNotFound", err)
	}
	var se *stripe.Error
	if !errors.As(err, &se) || se.Code != stripe.ErrorCodeResourceMissing {
		t.Errorf("404: %v does not unwrap to Stripe's error", err)
	}
	for _, want := range []string{"No such payment_intent: 'pi_missing'", "resource_missing", "HTTP 404", "req_test123"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("404 error %q lacks %q", err, want)
		}
	}

	_, err = gw.Charge(t.Context(), provider.Charge{InvoiceID: "inv_1", AmountCents: 100, Currency: "EUR", IdempotencyKey: "k"})
	if errors.Is(err, provider.ErrNotFound) {
		t.Errorf("402 is not a missing payment: %v", err)
	}
	for _, want := range []string{"Your card has insufficient funds.", "card_declined", "insufficient_funds", "HTTP 402"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("402 error %v lacks %q", err, want)
		}
	}

	if err := gw.Test(t.Context()); err == nil || !strings.Contains(err.Error(), "Invalid API Key provided") {
		t.Errorf("401: %v", err)
	}
}

func TestFetchTellsOpenFromWonDisputes(t *testing.T) {
	t.Parallel()
	type route = struct {
		status int
		body   string
	}
	pi := func(id string) string {
		return `{"id":"` + id + `","object":"payment_intent","amount":11900,"currency":"eur","status":"succeeded",
			"metadata":{"invoice_id":"inv_1"},"last_payment_error":null,
			"latest_charge":{"id":"ch_1","object":"charge","amount":11900,"amount_refunded":1900,"currency":"eur","disputed":true,"payment_intent":"` + id + `"}}`
	}
	list := func(statuses ...string) string {
		var items []string
		for i, s := range statuses {
			items = append(items, `{"id":"dp_`+string(rune('a'+i))+`","object":"dispute","amount":11900,"currency":"eur","status":"`+s+`"}`)
		}
		return `{"object":"list","url":"/v1/disputes","has_more":false,"data":[` + strings.Join(items, ",") + `]}`
	}
	tests := []struct {
		statuses []string
		want     bool
	}{
		{[]string{"won"}, false},
		{[]string{"warning_closed"}, false},
		{[]string{"lost"}, true},
		{[]string{"needs_response"}, true},
		{[]string{"won", "under_review"}, true},
	}
	for _, tt := range tests {
		base := stripeAPI(t, map[string]route{
			"GET /v1/payment_intents/pi_d": {200, pi("pi_d")},
			"GET /v1/disputes":             {200, list(tt.statuses...)},
		})
		gw := New(provider.Credentials{APIKey: "sk_test_x", BaseURL: base}, nil)
		s, err := gw.Fetch(t.Context(), "pi_d")
		if err != nil {
			t.Fatal(err)
		}
		if s.Disputed != tt.want {
			t.Errorf("disputes %v: Disputed = %v, want %v", tt.statuses, s.Disputed, tt.want)
		}
		if s.Status != provider.Succeeded || s.RefundedCents != 1900 || s.InvoiceID != "inv_1" {
			t.Errorf("state %+v", s)
		}
	}
}

func TestDashboardURL(t *testing.T) {
	t.Parallel()
	test := New(provider.Credentials{APIKey: "sk_test_abc"}, nil)
	live := New(provider.Credentials{APIKey: "sk_live_abc"}, nil)
	if got := test.DashboardURL("pi_1"); got != "https://dashboard.stripe.com/test/payments/pi_1" {
		t.Errorf("test: %s", got)
	}
	if got := live.DashboardURL("pi_1"); got != "https://dashboard.stripe.com/payments/pi_1" {
		t.Errorf("live: %s", got)
	}
	if test.Name() != provider.Stripe {
		t.Errorf("Name = %s", test.Name())
	}
}

func TestMinorUnitsAreExact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cents    int64
		currency string
		minor    int64
		wantErr  bool
	}{
		{11900, "EUR", 11900, false},
		{5, "eur", 5, false},
		{1, "USD", 1, false},
		{11900, "JPY", 119, false},
		{11950, "JPY", 0, true},
		{100, "KRW", 1, false},
		{1234, "KWD", 12340, false},
		{100, "EU", 0, true},
		{100, "", 0, true},
		{100, "E1R", 0, true},
	}
	for _, tt := range tests {
		got, err := toMinor(tt.cents, tt.currency)
		if (err != nil) != tt.wantErr || got != tt.minor {
			t.Errorf("toMinor(%d, %s) = %d, %v; want %d, error %v", tt.cents, tt.currency, got, err, tt.minor, tt.wantErr)
			continue
		}
		if tt.wantErr {
			continue
		}
		back, err := fromMinor(got, tt.currency)
		if err != nil || back != tt.cents {
			t.Errorf("fromMinor(%d, %s) = %d, %v; want %d", got, tt.currency, back, err, tt.cents)
		}
	}
	if _, err := fromMinor(12345, "KWD"); err == nil {
		t.Error("12.345 KWD is not whole hundredths")
	}
	if _, err := fromMinor(1<<62, "JPY"); err == nil {
		t.Error("overflow not refused")
	}
}

func TestStatusOf(t *testing.T) {
	t.Parallel()
	failed := &stripe.Error{Type: stripe.ErrorTypeCard, Msg: "Your card was declined."}
	tests := []struct {
		status stripe.PaymentIntentStatus
		err    *stripe.Error
		want   provider.Status
	}{
		{stripe.PaymentIntentStatusSucceeded, nil, provider.Succeeded},
		{stripe.PaymentIntentStatusCanceled, nil, provider.Canceled},
		{stripe.PaymentIntentStatusRequiresPaymentMethod, nil, provider.Pending},
		{stripe.PaymentIntentStatusRequiresPaymentMethod, failed, provider.Failed},
		{stripe.PaymentIntentStatusRequiresAction, nil, provider.Pending},
		{stripe.PaymentIntentStatusRequiresConfirmation, nil, provider.Pending},
		{stripe.PaymentIntentStatusRequiresCapture, nil, provider.Pending},
		{stripe.PaymentIntentStatusProcessing, nil, provider.Pending},
	}
	for _, tt := range tests {
		if got := statusOf(&stripe.PaymentIntent{Status: tt.status, LastPaymentError: tt.err}); got != tt.want {
			t.Errorf("%s (error %v): %s, want %s", tt.status, tt.err != nil, got, tt.want)
		}
	}
}
