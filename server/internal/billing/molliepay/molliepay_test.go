package molliepay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/VictorAvelar/mollie-api-go/v4/mollie"

	"github.com/leitstand/leitstand/server/internal/billing/molliepay/molliefake"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

func newFaked(t *testing.T) (provider.Gateway, *molliefake.Server) {
	t.Helper()
	srv := molliefake.Start(t)
	gw, err := New(provider.Credentials{APIKey: molliefake.APIKey, BaseURL: srv.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return gw, srv
}

func invoiceCharge(key string) provider.Charge {
	return provider.Charge{
		InvoiceID:      "inv_01jqz5x0a8e6v9b7m3k2p4r6s8",
		InvoiceNumber:  "RE-2026-000012",
		AmountCents:    11900,
		Currency:       "EUR",
		Description:    "Rechnung RE-2026-000012",
		IdempotencyKey: key,
		RedirectURL:    "https://portal.example.net/invoices/inv_01jqz5x0a8e6v9b7m3k2p4r6s8/paid",
		WebhookURL:     "https://leitstand.example.net/webhooks/mollie/be_1",
	}
}

func TestChargeSendsAmountMetadataAndIdempotencyKey(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	s, err := gw.Charge(t.Context(), invoiceCharge("pay-inv_1-1"))
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPost || r.Path != "/v2/payments" {
		t.Fatalf("request %s %s", r.Method, r.Path)
	}
	if got := r.Header.Get("Idempotency-Key"); got != "pay-inv_1-1" {
		t.Errorf("Idempotency-Key = %q", got)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+molliefake.APIKey {
		t.Errorf("Authorization = %q", got)
	}
	var body struct {
		Amount      map[string]string `json:"amount"`
		Description string            `json:"description"`
		RedirectURL string            `json:"redirectUrl"`
		WebhookURL  string            `json:"webhookUrl"`
		Metadata    map[string]string `json:"metadata"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("body %s: %v", r.Body, err)
	}
	if body.Amount["value"] != "119.00" || body.Amount["currency"] != "EUR" {
		t.Errorf("amount %v, want 119.00 EUR", body.Amount)
	}
	if body.Metadata["invoice_id"] != "inv_01jqz5x0a8e6v9b7m3k2p4r6s8" || body.Metadata["invoice_number"] != "RE-2026-000012" {
		t.Errorf("metadata %v", body.Metadata)
	}
	c := invoiceCharge("")
	if body.Description != c.Description || body.RedirectURL != c.RedirectURL || body.WebhookURL != c.WebhookURL {
		t.Errorf("body %s", r.Body)
	}

	want := provider.State{
		ID: s.ID, Status: provider.Pending, AmountCents: 11900, Currency: "EUR",
		InvoiceID: "inv_01jqz5x0a8e6v9b7m3k2p4r6s8", CheckoutURL: s.CheckoutURL,
	}
	if !strings.HasPrefix(s.ID, "tr_") || s.CheckoutURL == "" || s != want {
		t.Errorf("state %+v", s)
	}
	if p := srv.Payment(s.ID); p.AmountCents != 11900 || !strings.Contains(string(p.Metadata), `"invoice_id":"inv_01jqz5x0a8e6v9b7m3k2p4r6s8"`) {
		t.Errorf("the fake holds %+v", p)
	}
}

func TestChargeRepeatedWithItsKeyCreatesOnePayment(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	first, err := gw.Charge(t.Context(), invoiceCharge("pay-inv_1-1"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := gw.Charge(t.Context(), invoiceCharge("pay-inv_1-1"))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID {
		t.Errorf("the repeated call created %s besides %s", again.ID, first.ID)
	}
	other, err := gw.Charge(t.Context(), invoiceCharge("pay-inv_1-2"))
	if err != nil {
		t.Fatal(err)
	}
	if other.ID == first.ID {
		t.Error("a new key created nothing")
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestConcurrentCallsSendTheirOwnKeys(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := gw.Charge(t.Context(), invoiceCharge(fmt.Sprintf("key-%d", i))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, r := range srv.Requests() {
		seen[r.Header.Get("Idempotency-Key")] = true
	}
	if len(seen) != 8 {
		t.Errorf("keys sent: %v, want key-0 … key-7", seen)
	}
}

func TestChargeRefusesIncompleteCharges(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	tests := []struct {
		name   string
		change func(*provider.Charge)
	}{
		{"no idempotency key", func(c *provider.Charge) { c.IdempotencyKey = "" }},
		{"no invoice", func(c *provider.Charge) { c.InvoiceID = "" }},
		{"no redirect", func(c *provider.Charge) { c.RedirectURL = "" }},
		{"zero amount", func(c *provider.Charge) { c.AmountCents = 0 }},
		{"fraction of a yen", func(c *provider.Charge) { c.Currency = "JPY"; c.AmountCents = 11950 }},
		{"bad currency", func(c *provider.Charge) { c.Currency = "€" }},
	}
	for _, tt := range tests {
		c := invoiceCharge("k")
		tt.change(&c)
		if _, err := gw.Charge(t.Context(), c); err == nil {
			t.Errorf("%s: charged", tt.name)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for refused charges", n)
	}
}

func TestChargeInYen(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	c := invoiceCharge("k")
	c.Currency = "JPY"
	s, err := gw.Charge(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(srv.Requests()[0].Body), `"amount":{"currency":"JPY","value":"119"}`) {
		t.Errorf("body %s", srv.Requests()[0].Body)
	}
	if s.AmountCents != 11900 || s.Currency != "JPY" {
		t.Errorf("state %+v", s)
	}
}

func TestFetchMapsEachStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status   string
		want     provider.Status
		reason   string
		checkout bool
	}{
		{"open", provider.Pending, "", true},
		{"pending", provider.Pending, "", false},
		{"authorized", provider.Pending, "", false},
		{"paid", provider.Succeeded, "", false},
		{"failed", provider.Failed, "failed", false},
		{"canceled", provider.Canceled, "canceled", false},
		{"expired", provider.Canceled, "expired", false},
	}
	gw, srv := newFaked(t)
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			c, err := gw.Charge(t.Context(), invoiceCharge("pay-"+tt.status))
			if err != nil {
				t.Fatal(err)
			}
			srv.SetStatus(c.ID, tt.status)
			s, err := gw.Fetch(t.Context(), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != tt.want || s.FailureReason != tt.reason || (s.CheckoutURL != "") != tt.checkout {
				t.Errorf("%s: %s, reason %q, checkout %q", tt.status, s.Status, s.FailureReason, s.CheckoutURL)
			}
			if s.ID != c.ID || s.AmountCents != 11900 || s.InvoiceID != "inv_01jqz5x0a8e6v9b7m3k2p4r6s8" {
				t.Errorf("state %+v", s)
			}
		})
	}
	if statusOf("something_new") != provider.Pending {
		t.Error("an unknown status is not pending")
	}
}

func TestFetchReadsTheFailureReason(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	c, err := gw.Charge(t.Context(), invoiceCharge("k"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail(c.ID, "insufficient_funds")
	s, err := gw.Fetch(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != provider.Failed || s.FailureReason != "insufficient_funds" {
		t.Errorf("%s %q", s.Status, s.FailureReason)
	}
}

func TestPartialRefunds(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	c, err := gw.Charge(t.Context(), invoiceCharge("k"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gw.Refund(t.Context(), c.ID, 1900, "refund-1"); err == nil {
		t.Error("an open payment was refunded")
	}
	srv.SetStatus(c.ID, "paid")

	s, err := gw.Refund(t.Context(), c.ID, 1900, "refund-2")
	if err != nil {
		t.Fatal(err)
	}
	if s.RefundedCents != 1900 || s.Status != provider.Succeeded {
		t.Errorf("after refunding 19.00: %+v", s)
	}
	var refund molliefake.Request
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && r.Path == "/v2/payments/"+c.ID+"/refunds" && r.Header.Get("Idempotency-Key") == "refund-2" {
			refund = r
		}
	}
	if !strings.Contains(string(refund.Body), `"amount":{"currency":"EUR","value":"19.00"}`) {
		t.Errorf("refund body %q", refund.Body)
	}

	// The same key again refunds nothing more.
	if s, err = gw.Refund(t.Context(), c.ID, 1900, "refund-2"); err != nil || s.RefundedCents != 1900 {
		t.Errorf("repeated refund: %+v, %v", s, err)
	}
	if s, err = gw.Refund(t.Context(), c.ID, 10000, "refund-3"); err != nil || s.RefundedCents != 11900 {
		t.Errorf("refund of the rest: %+v, %v", s, err)
	}
	_, err = gw.Refund(t.Context(), c.ID, 1, "refund-4")
	if err == nil || !strings.Contains(err.Error(), "The amount is higher than the maximum") || errors.Is(err, provider.ErrNotFound) {
		t.Errorf("refund beyond the amount: %v", err)
	}
}

func TestChargebackIsDisputed(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	c, err := gw.Charge(t.Context(), invoiceCharge("k"))
	if err != nil {
		t.Fatal(err)
	}
	srv.SetStatus(c.ID, "paid")
	if s, _ := gw.Fetch(t.Context(), c.ID); s.Disputed {
		t.Error("disputed before any chargeback")
	}
	srv.ChargeBack(c.ID, 11900)
	s, err := gw.Fetch(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Disputed || s.Status != provider.Succeeded {
		t.Errorf("after a chargeback: %+v", s)
	}
}

func TestEnsureCustomer(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	id, err := gw.EnsureCustomer(t.Context(), "org_01jqz5x0a8e6v9b7m3k2p4r6s8", "Beispiel GmbH", "buchhaltung@beispiel.de", "cust-org_1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(id, "cst_") {
		t.Errorf("id %q", id)
	}
	r := srv.Requests()[0]
	if r.Path != "/v2/customers" || r.Header.Get("Idempotency-Key") != "cust-org_1" ||
		!strings.Contains(string(r.Body), `"metadata":{"organization_id":"org_01jqz5x0a8e6v9b7m3k2p4r6s8"}`) {
		t.Errorf("request %s %s %q %s", r.Method, r.Path, r.Header.Get("Idempotency-Key"), r.Body)
	}

	c := invoiceCharge("k2")
	c.Customer = id
	if _, err := gw.Charge(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if body := string(srv.Requests()[1].Body); !strings.Contains(body, `"customerId":"`+id+`"`) {
		t.Errorf("charge body %s lacks the customer", body)
	}
}

func TestTestListsMethods(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	if err := gw.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if r := srv.Requests()[0]; r.Method != http.MethodGet || r.Path != "/v2/methods" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	srv.RequireKey("test_someoneelse")
	err := gw.Test(t.Context())
	if err == nil || !strings.Contains(err.Error(), "Missing authentication, or failed to authenticate") || !strings.Contains(err.Error(), "HTTP 401") {
		t.Errorf("with a key refused: %v", err)
	}
}

func TestErrorsCarryMolliesDetail(t *testing.T) {
	t.Parallel()
	gw, srv := newFaked(t)
	_, err := gw.Fetch(t.Context(), "tr_nope")
	if !errors.Is(err, provider.ErrNotFound) || !strings.Contains(err.Error(), "No payment exists with token tr_nope.") {
		t.Errorf("unknown payment: %v", err)
	}
	var be *mollie.BaseError
	if !errors.As(err, &be) || be.Status != http.StatusNotFound {
		t.Errorf("%v does not unwrap to the library's error", err)
	}

	srv.FailNext(http.StatusInternalServerError)
	_, err = gw.Fetch(t.Context(), "tr_nope")
	if err == nil || errors.Is(err, provider.ErrNotFound) || !strings.Contains(err.Error(), "An internal server error occurred") || !strings.Contains(err.Error(), "HTTP 500") {
		t.Errorf("500: %v", err)
	}

	before := len(srv.Requests())
	for _, id := range []string{"", "tr_", "ord_123", "tr_../v2/methods", "tr_a%2F", strings.Repeat("tr_x", 30)} {
		if _, err := gw.Fetch(t.Context(), id); !errors.Is(err, provider.ErrNotFound) {
			t.Errorf("Fetch(%q) = %v, want ErrNotFound", id, err)
		}
	}
	if after := len(srv.Requests()); after != before {
		t.Errorf("%d requests for ids that cannot be", after-before)
	}
}

func TestErrorsFromOtherThanMollie(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/payments/tr_proxy":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, "<html><body>502 Bad Gateway</body></html>")
		case "/v2/payments/tr_chunked":
			// Mollie's JSON without a declared length.
			w.Header().Set("Content-Type", "application/hal+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			w.(http.Flusher).Flush()
			_, _ = io.WriteString(w, `{"status":422,"title":"Unprocessable Entity","detail":"The payment is not refundable","field":"amount"}`)
		}
	}))
	t.Cleanup(srv.Close)
	gw, err := New(provider.Credentials{APIKey: "test_x", BaseURL: srv.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = gw.Fetch(t.Context(), "tr_proxy")
	if err == nil || !strings.Contains(err.Error(), "HTTP 502") || !strings.Contains(err.Error(), "502 Bad Gateway</body>") {
		t.Errorf("proxy page: %v", err)
	}
	_, err = gw.Fetch(t.Context(), "tr_chunked")
	if err == nil || !strings.Contains(err.Error(), "mollie: reading payment tr_chunked: The payment is not refundable (Unprocessable Entity, HTTP 422, field amount)") {
		t.Errorf("error without a length: %v", err)
	}
}

func TestCallsHonourTheContext(t *testing.T) {
	t.Parallel()
	gw, _ := newFaked(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := gw.Fetch(ctx, "tr_WDqYK6vllg"); !errors.Is(err, context.Canceled) {
		t.Errorf("Fetch with a canceled context: %v", err)
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"", "sk_test_123", "access_123", "  "} {
		if _, err := New(provider.Credentials{APIKey: key}, nil); err == nil {
			t.Errorf("key %q accepted", key)
		}
	}
	for _, base := range []string{"ftp://127.0.0.1/", "127.0.0.1:8080", "http://"} {
		if _, err := New(provider.Credentials{APIKey: "test_x", BaseURL: base}, nil); err == nil {
			t.Errorf("base URL %q accepted", base)
		}
	}
	gw, err := New(provider.Credentials{APIKey: "live_x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if gw.Name() != provider.Mollie || gw.DashboardURL("tr_WDqYK6vllg") != "https://my.mollie.com/dashboard/payments/tr_WDqYK6vllg" {
		t.Errorf("%s %s", gw.Name(), gw.DashboardURL("tr_WDqYK6vllg"))
	}
}

func TestBaseURLWithoutTrailingSlash(t *testing.T) {
	t.Parallel()
	srv := molliefake.Start(t)
	gw, err := New(provider.Credentials{APIKey: molliefake.APIKey, BaseURL: strings.TrimSuffix(srv.URL, "/")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := gw.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// The library reads MOLLIE_API_TOKEN on its own accord; the gateway must
// send the billing entity's key whatever the environment says.
func TestTheKeyIsTheCredentialsNotTheEnvironment(t *testing.T) {
	t.Setenv(mollie.APITokenEnv, "test_fromTheEnvironment")
	t.Setenv(mollie.OrgTokenEnv, "access_fromTheEnvironment")
	gw, srv := newFaked(t)
	if err := gw.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer "+molliefake.APIKey {
		t.Errorf("Authorization = %q", got)
	}
}

func TestTheCallersClientIsLeftAsItWas(t *testing.T) {
	t.Parallel()
	hc := &http.Client{}
	if _, err := New(provider.Credentials{APIKey: "test_x"}, hc); err != nil {
		t.Fatal(err)
	}
	if hc.Transport != nil {
		t.Error("New changed the caller's client")
	}
}
