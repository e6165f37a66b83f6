// Package molliepay is the payments area's Gateway to Mollie, through
// mollie-api-go (github.com/VictorAvelar/mollie-api-go, the Go client
// Mollie links to): an invoice is paid through a payment on Mollie's
// hosted checkout, refunded through a payment refund, and reported back
// through Mollie's webhook, which carries only the payment's id
// (WebhookPaymentID): the caller fetches the payment and EventOf makes the
// event of what it says.
//
// Each Gateway has a client of its own with the billing entity's key;
// the library's habit of reading the key from MOLLIE_API_TOKEN is not
// used, so gateways of several billing entities live side by side.
package molliepay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/VictorAvelar/mollie-api-go/v4/mollie"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

// DefaultTimeout bounds one call to Mollie when New is given no HTTP
// client; a context's earlier deadline bounds it further.
const DefaultTimeout = 30 * time.Second

// gateway is the provider.Gateway of one Mollie profile. It is safe for
// concurrent use.
type gateway struct {
	client *mollie.Client
}

var _ provider.Gateway = (*gateway)(nil)

// New returns the gateway for creds: its API key (live_… or test_…) and,
// when set, a BaseURL in place of Mollie's API address (tests: a loopback
// server). httpClient nil means a client with DefaultTimeout. New contacts
// nobody.
func New(creds provider.Credentials, httpClient *http.Client) (provider.Gateway, error) {
	key := strings.TrimSpace(creds.APIKey)
	if !strings.HasPrefix(key, "live_") && !strings.HasPrefix(key, "test_") {
		return nil, errors.New("mollie: an API key starts with live_ or test_ (Mollie dashboard: Developers → API keys)")
	}
	if httpClient == nil {
		httpClient = &http.Client{Timeout: DefaultTimeout}
	}
	// A copy, so the caller's client is not changed, that sends each
	// call's idempotency key (see idempotentTransport).
	hc := *httpClient
	hc.Transport = idempotentTransport{base: hc.Transport}

	// Not the library's testing mode: that only adds testmode=true for
	// OAuth access tokens, while a test_ key is test mode by itself. And
	// no idempotency keys of the library's own (see idempotentTransport).
	// The second argument names the environment variable NewClient reads
	// the key from; no variable has the empty name, so the key is only
	// ever creds'.
	client, err := mollie.NewClient(&hc, mollie.NewConfig(false, ""))
	if err != nil {
		return nil, fmt.Errorf("mollie: %w", err)
	}
	if err := client.WithAuthenticationValue(key); err != nil {
		return nil, fmt.Errorf("mollie: %w", err)
	}
	if creds.BaseURL != "" {
		u, err := url.Parse(creds.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("mollie: the base URL %q is not an http(s) URL", creds.BaseURL)
		}
		// The library resolves "v2/payments" against it, which keeps the
		// path only up to its last slash.
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		client.BaseURL = u
	}
	return &gateway{client: client}, nil
}

// Name is provider.Mollie.
func (g *gateway) Name() provider.Name { return provider.Mollie }

// EnsureCustomer creates a Mollie customer for the organization ref, with
// ref in its metadata as organization_id.
func (g *gateway) EnsureCustomer(ctx context.Context, ref, name, email, key string) (string, error) {
	if ref == "" {
		return "", errors.New("mollie: a customer needs the organization's id")
	}
	if key == "" {
		return "", errors.New("mollie: creating a customer needs an idempotency key")
	}
	res, c, err := g.client.Customers.Create(withIdempotencyKey(ctx, key), mollie.CreateCustomer{
		Name:     name,
		Email:    email,
		Metadata: map[string]string{"organization_id": ref},
	})
	if err != nil {
		return "", wrap("creating the customer", res, err)
	}
	return c.ID, nil
}

// Charge creates a payment of the invoice on Mollie's hosted checkout:
// the amount as Mollie's decimal string, the invoice's id and number in
// its metadata, where the customer returns to and where Mollie reports,
// and c.IdempotencyKey, so that a repeated call returns the payment the
// first one created. The state's CheckoutURL is where the customer pays.
func (g *gateway) Charge(ctx context.Context, c provider.Charge) (provider.State, error) {
	switch {
	case c.InvoiceID == "":
		return provider.State{}, errors.New("mollie: a charge needs the invoice's id")
	case c.IdempotencyKey == "":
		return provider.State{}, errors.New("mollie: a charge needs an idempotency key")
	case c.RedirectURL == "":
		return provider.State{}, errors.New("mollie: a charge needs the URL the customer returns to after paying")
	}
	amount, err := formatAmount(c.AmountCents, c.Currency)
	if err != nil {
		return provider.State{}, err
	}
	meta := map[string]string{"invoice_id": c.InvoiceID}
	if c.InvoiceNumber != "" {
		meta["invoice_number"] = c.InvoiceNumber
	}
	p := mollie.CreatePayment{
		Amount:      amount,
		Description: c.Description,
		RedirectURL: c.RedirectURL,
		WebhookURL:  c.WebhookURL,
		Metadata:    meta,
	}
	p.CustomerID = c.Customer
	res, pay, err := g.client.Payments.Create(withIdempotencyKey(ctx, c.IdempotencyKey), p, nil)
	if err != nil {
		return provider.State{}, wrap("creating the payment", res, err)
	}
	return stateOf(pay)
}

// Fetch reads the payment id.
func (g *gateway) Fetch(ctx context.Context, id string) (provider.State, error) {
	pay, err := g.get(ctx, id)
	if err != nil {
		return provider.State{}, err
	}
	return stateOf(pay)
}

func (g *gateway) get(ctx context.Context, id string) (*mollie.Payment, error) {
	if !validID(id) {
		return nil, fmt.Errorf("%w: %q is not a Mollie payment id (tr_…)", provider.ErrNotFound, id)
	}
	res, pay, err := g.client.Payments.Get(ctx, id, nil)
	if err != nil {
		return nil, wrap("reading payment "+id, res, err)
	}
	return pay, nil
}

// Refund refunds amountCents of the payment id and returns its state
// after. The payment is read first, for its currency, which Mollie's
// amount names.
func (g *gateway) Refund(ctx context.Context, id string, amountCents int64, key string) (provider.State, error) {
	if key == "" {
		return provider.State{}, errors.New("mollie: a refund needs an idempotency key")
	}
	pay, err := g.get(ctx, id)
	if err != nil {
		return provider.State{}, err
	}
	if pay.Amount == nil {
		return provider.State{}, fmt.Errorf("mollie: payment %s has no amount", id)
	}
	amount, err := formatAmount(amountCents, pay.Amount.Currency)
	if err != nil {
		return provider.State{}, err
	}
	res, _, err := g.client.Refunds.CreatePaymentRefund(withIdempotencyKey(ctx, key), id,
		mollie.CreatePaymentRefund{Amount: amount}, nil)
	if err != nil {
		return provider.State{}, wrap("refunding payment "+id, res, err)
	}
	return g.Fetch(ctx, id)
}

// Test lists the payment methods the key's profile has enabled: an API
// key may, and nothing changes.
func (g *gateway) Test(ctx context.Context) error {
	res, _, err := g.client.PaymentMethods.List(ctx, nil)
	if err != nil {
		return wrap("checking the key", res, err)
	}
	return nil
}

// DashboardURL is the payment's page in Mollie's dashboard, which opens
// in the organization the person is signed in to.
func (g *gateway) DashboardURL(id string) string { return DashboardURL(id) }

// DashboardURL is the page of a payment in Mollie's dashboard (the same
// for test and live payments).
func DashboardURL(id string) string { return "https://my.mollie.com/dashboard/payments/" + id }

// Mollie's statuses of a payment (docs.mollie.com, "Payment status
// changes").
const (
	statusOpen       = "open"
	statusPending    = "pending"
	statusAuthorized = "authorized"
	statusPaid       = "paid"
	statusFailed     = "failed"
	statusCanceled   = "canceled"
	statusExpired    = "expired"
)

// statusOf reduces Mollie's status to the payments area's. A status
// Mollie may add later is Pending: nothing is booked on a word not
// understood, and the next fetch may say more.
func statusOf(s string) provider.Status {
	switch s {
	case statusPaid:
		return provider.Succeeded
	case statusFailed:
		return provider.Failed
	case statusCanceled, statusExpired:
		return provider.Canceled
	default:
		return provider.Pending
	}
}

// stateOf is what a Mollie payment says.
func stateOf(p *mollie.Payment) (provider.State, error) {
	if p.Amount == nil {
		return provider.State{}, fmt.Errorf("mollie: payment %s has no amount", p.ID)
	}
	amount, currency, err := parseAmount(p.Amount)
	if err != nil {
		return provider.State{}, fmt.Errorf("payment %s: %w", p.ID, err)
	}
	refunded, err := sameCurrency(p.ID, "refunded", p.AmountRefunded, currency)
	if err != nil {
		return provider.State{}, err
	}
	chargedBack, err := sameCurrency(p.ID, "charged back", p.AmountChargedBack, currency)
	if err != nil {
		return provider.State{}, err
	}
	s := provider.State{
		ID:            p.ID,
		Status:        statusOf(p.Status),
		AmountCents:   amount,
		Currency:      currency,
		RefundedCents: refunded,
		// A chargeback at Mollie is money already taken back: there is
		// no open dispute to win, so any amount charged back counts.
		Disputed:  chargedBack > 0,
		InvoiceID: invoiceID(p.Metadata),
		Customer:  p.CustomerID,
	}
	if p.Links.Checkout != nil {
		s.CheckoutURL = p.Links.Checkout.Href
	}
	switch p.Status {
	case statusFailed:
		s.FailureReason = statusFailed
		if r := p.Details.FailureReason; r != "" {
			s.FailureReason = string(r)
		}
	case statusExpired, statusCanceled:
		// Both are Canceled; the word tells staff which.
		s.FailureReason = p.Status
	}
	return s, nil
}

// sameCurrency reads a payment's secondary amount, which must be in the
// payment's currency.
func sameCurrency(id, what string, a *mollie.Amount, currency string) (int64, error) {
	cents, c, err := parseAmount(a)
	if err != nil {
		return 0, fmt.Errorf("payment %s, amount %s: %w", id, what, err)
	}
	if c != "" && c != currency {
		return 0, fmt.Errorf("mollie: payment %s in %s has its amount %s in %s", id, currency, what, c)
	}
	return cents, nil
}

// invoiceID reads metadata.invoice_id. Mollie keeps metadata as whatever
// JSON it was given: Leitstand sends an object of strings; a string that
// holds such an object is read too.
func invoiceID(meta any) string {
	switch m := meta.(type) {
	case map[string]any:
		id, _ := m["invoice_id"].(string)
		return id
	case string:
		var obj map[string]any
		if json.Unmarshal([]byte(m), &obj) == nil {
			return invoiceID(obj)
		}
	}
	return ""
}

// idempotencyKey is the context key under which a call's idempotency key
// travels to idempotentTransport.
type idempotencyKey struct{}

func withIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, key)
}

// idempotentTransport sets the Idempotency-Key header of a POST to the
// key its context carries. The library's own idempotency support asks a
// generator for a fresh key per request, per client, with no way to pass
// the caller's key with one call; a key stored by the caller before the
// call is the point (a call repeated after a crash must send the same
// one), and a generator that hands out "the next key" would mix up
// concurrent calls on one client.
type idempotentTransport struct {
	base http.RoundTripper
}

func (t idempotentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	if key, ok := req.Context().Value(idempotencyKey{}).(string); ok && key != "" && req.Method == http.MethodPost {
		req = req.Clone(req.Context())
		req.Header.Set(mollie.IdempotencyKeyHeader, key)
	}
	return base.RoundTrip(req)
}

// apiError is an error Mollie answered with, in words staff can act on;
// it unwraps to the library's *mollie.BaseError, and to
// provider.ErrNotFound for a 404.
type apiError struct {
	op  string
	err *mollie.BaseError
}

func (e *apiError) Error() string {
	detail := []string{}
	if e.err.Title != "" {
		detail = append(detail, e.err.Title)
	}
	if e.err.Status != 0 {
		detail = append(detail, fmt.Sprintf("HTTP %d", e.err.Status))
	}
	if e.err.Field != "" {
		detail = append(detail, "field "+e.err.Field)
	}
	msg := e.err.Detail
	if msg == "" {
		msg = "no reason given"
	}
	return fmt.Sprintf("mollie: %s: %s (%s)", e.op, msg, strings.Join(detail, ", "))
}

func (e *apiError) Unwrap() []error {
	if e.err.Status == http.StatusNotFound {
		return []error{e.err, provider.ErrNotFound}
	}
	return []error{e.err}
}

// maxErrorBody bounds how much of an error body that is not Mollie's
// JSON goes into a message.
const maxErrorBody = 512

// wrap says what failed: Mollie's own detail when Mollie answered, the
// status and the start of the body when something else did, the
// transport's error (a timeout, a refused connection) otherwise.
func wrap(op string, res *mollie.Response, err error) error {
	var be *mollie.BaseError
	if errors.As(err, &be) {
		// The library decodes the error body only when the response
		// declares its length; otherwise the raw JSON lands in Detail.
		if strings.HasPrefix(strings.TrimSpace(be.Detail), "{") {
			var full mollie.BaseError
			if json.Unmarshal([]byte(be.Detail), &full) == nil && full.Detail != "" {
				if full.Status == 0 {
					full.Status = be.Status
				}
				be = &full
			}
		}
		return &apiError{op: op, err: be}
	}
	if res != nil && res.Response != nil && res.StatusCode >= http.StatusMultipleChoices {
		// An error body the library could not read as JSON: a proxy's
		// or a load balancer's page.
		var body []byte
		if res.Body != nil {
			body, _ = io.ReadAll(io.LimitReader(res.Body, maxErrorBody))
		}
		return &apiError{op: op, err: &mollie.BaseError{
			Status: res.StatusCode,
			Title:  http.StatusText(res.StatusCode),
			Detail: strings.TrimSpace(string(body)),
		}}
	}
	return fmt.Errorf("mollie: %s: %w", op, err)
}
