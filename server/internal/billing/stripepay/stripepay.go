// Package stripepay is the payments area's Gateway to Stripe, through
// stripe-go, Stripe's own client library: an invoice is paid through a
// PaymentIntent, refunded through a Refund, and reported back through
// signed webhook events (ParseWebhook).
//
// Each Gateway has a client of its own (its key, its backend, its HTTP
// client); nothing here touches stripe-go's package-level state (stripe.Key,
// the default backends), so gateways of several billing entities, and
// tests against a loopback server, live side by side.
package stripepay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v79"
	"github.com/stripe/stripe-go/v79/client"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

// DefaultTimeout bounds one call to Stripe when New is given no HTTP
// client; a context's earlier deadline bounds it further.
const DefaultTimeout = 30 * time.Second

// maxDisputes bounds the disputes read for one payment: a payment has one
// or two, a longer list is an answer not to be trusted.
const maxDisputes = 20

// gateway is the provider.Gateway of one Stripe account. It is safe for
// concurrent use.
type gateway struct {
	api *client.API
	// testMode: the key is a test key, whose payments the dashboard shows
	// under /test.
	testMode bool
}

var _ provider.Gateway = (*gateway)(nil)

// New returns the gateway for creds. creds.BaseURL, when set, replaces
// Stripe's API address (tests point it at stripe-mock). httpClient nil
// means a client with DefaultTimeout. New contacts nobody.
func New(creds provider.Credentials, httpClient *http.Client) provider.Gateway {
	return newGateway(creds, httpClient)
}

func newGateway(creds provider.Credentials, httpClient *http.Client) *gateway {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: DefaultTimeout}
	}
	cfg := &stripe.BackendConfig{
		HTTPClient: httpClient,
		// No retries in the library: a call that failed is retried by the
		// payments area's own retry and reconciliation, with the same
		// idempotency key, where the attempt is recorded and a person can
		// see it. Retries hidden in here would stretch one call past the
		// caller's deadline and repeat it behind the caller's back.
		MaxNetworkRetries: stripe.Int64(0),
		// Telemetry sends the duration of each request with the next one;
		// Stripe gets no more from us than the requests themselves.
		EnableTelemetry: stripe.Bool(false),
		// The library's default logger writes errors to stderr; every
		// error is returned to the caller, which logs what it decides to.
		LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
	}
	if creds.BaseURL != "" {
		cfg.URL = stripe.String(creds.BaseURL)
	}
	backends := &stripe.Backends{
		API:     stripe.GetBackendWithConfig(stripe.APIBackend, cfg),
		Connect: stripe.GetBackendWithConfig(stripe.ConnectBackend, cfg),
		Uploads: stripe.GetBackendWithConfig(stripe.UploadsBackend, cfg),
	}
	key := strings.TrimSpace(creds.APIKey)
	return &gateway{
		api:      client.New(key, backends),
		testMode: strings.HasPrefix(key, "sk_test_") || strings.HasPrefix(key, "rk_test_"),
	}
}

// Name is provider.Stripe.
func (g *gateway) Name() provider.Name { return provider.Stripe }

// EnsureCustomer creates a Stripe Customer for the organization ref, with
// ref in its metadata as organization_id. key is the idempotency key:
// Stripe answers a repeated request with the customer the first one
// created (for 24 hours).
func (g *gateway) EnsureCustomer(ctx context.Context, ref, name, email, key string) (string, error) {
	if ref == "" {
		return "", errors.New("stripe: a customer needs the organization's id")
	}
	if key == "" {
		return "", errors.New("stripe: creating a customer needs an idempotency key")
	}
	p := &stripe.CustomerParams{Name: stripe.String(name)}
	if email != "" {
		p.Email = stripe.String(email)
	}
	p.Context = ctx
	p.AddMetadata("organization_id", ref)
	p.SetIdempotencyKey(key)
	c, err := g.api.Customers.New(p)
	if err != nil {
		return "", wrap("creating the customer", err)
	}
	return c.ID, nil
}

// Charge creates a PaymentIntent for the invoice: the amount in Stripe's
// minor units, the invoice's id and number in its metadata, automatic
// payment methods (the customer picks one of those enabled in the
// dashboard), and c.IdempotencyKey, so that a repeated call returns the
// PaymentIntent the first one created.
func (g *gateway) Charge(ctx context.Context, c provider.Charge) (provider.State, error) {
	switch {
	case c.InvoiceID == "":
		return provider.State{}, errors.New("stripe: a charge needs the invoice's id")
	case c.IdempotencyKey == "":
		return provider.State{}, errors.New("stripe: a charge needs an idempotency key")
	case c.AmountCents <= 0:
		return provider.State{}, fmt.Errorf("stripe: a charge needs a positive amount, not %d cents", c.AmountCents)
	}
	amount, err := toMinor(c.AmountCents, c.Currency)
	if err != nil {
		return provider.State{}, err
	}
	p := &stripe.PaymentIntentParams{
		Amount:   stripe.Int64(amount),
		Currency: stripe.String(strings.ToLower(c.Currency)),
		AutomaticPaymentMethods: &stripe.PaymentIntentAutomaticPaymentMethodsParams{
			Enabled: stripe.Bool(true),
		},
	}
	if c.Description != "" {
		p.Description = stripe.String(c.Description)
	}
	if c.Customer != "" {
		p.Customer = stripe.String(c.Customer)
	}
	p.Context = ctx
	p.AddMetadata("invoice_id", c.InvoiceID)
	if c.InvoiceNumber != "" {
		p.AddMetadata("invoice_number", c.InvoiceNumber)
	}
	p.SetIdempotencyKey(c.IdempotencyKey)
	pi, err := g.api.PaymentIntents.New(p)
	if err != nil {
		return provider.State{}, wrap("creating the payment", err)
	}
	return stateOf(pi)
}

// Fetch reads the PaymentIntent id with its latest charge, which holds
// the refunded amount and whether it was disputed.
func (g *gateway) Fetch(ctx context.Context, id string) (provider.State, error) {
	if err := checkID(id); err != nil {
		return provider.State{}, err
	}
	pi, err := g.get(ctx, id)
	if err != nil {
		return provider.State{}, err
	}
	s, err := stateOf(pi)
	if err != nil {
		return provider.State{}, err
	}
	// A charge stays "disputed" after the merchant won the dispute, but
	// the payments area must see a won dispute as over. Only then, rarely,
	// is it worth a second call: the disputes themselves say how they
	// ended.
	if s.Disputed {
		open, err := g.disputeOpenOrLost(ctx, id)
		if err != nil {
			return provider.State{}, err
		}
		s.Disputed = open
	}
	return s, nil
}

func (g *gateway) get(ctx context.Context, id string) (*stripe.PaymentIntent, error) {
	p := &stripe.PaymentIntentParams{}
	p.Context = ctx
	p.AddExpand("latest_charge")
	pi, err := g.api.PaymentIntents.Get(id, p)
	if err != nil {
		return nil, wrap("reading payment "+id, err)
	}
	return pi, nil
}

// disputeOpenOrLost tells whether any dispute of the payment is open or
// was lost.
func (g *gateway) disputeOpenOrLost(ctx context.Context, id string) (bool, error) {
	p := &stripe.DisputeListParams{PaymentIntent: stripe.String(id)}
	p.Context = ctx
	p.Limit = stripe.Int64(maxDisputes)
	it := g.api.Disputes.List(p)
	n := 0
	open := false
	for it.Next() {
		if n++; n > maxDisputes {
			return false, fmt.Errorf("stripe: payment %s lists more than %d disputes", id, maxDisputes)
		}
		if disputed(it.Dispute().Status) {
			open = true
		}
	}
	if err := it.Err(); err != nil {
		return false, wrap("reading the disputes of payment "+id, err)
	}
	return open, nil
}

// Refund refunds amountCents of the PaymentIntent id and returns the
// payment's state after it. The payment is read first: Stripe takes the
// amount in the payment's minor units, which depend on its currency.
func (g *gateway) Refund(ctx context.Context, id string, amountCents int64, key string) (provider.State, error) {
	if err := checkID(id); err != nil {
		return provider.State{}, err
	}
	if key == "" {
		return provider.State{}, errors.New("stripe: a refund needs an idempotency key")
	}
	if amountCents <= 0 {
		return provider.State{}, fmt.Errorf("stripe: a refund needs a positive amount, not %d cents", amountCents)
	}
	pi, err := g.get(ctx, id)
	if err != nil {
		return provider.State{}, err
	}
	amount, err := toMinor(amountCents, string(pi.Currency))
	if err != nil {
		return provider.State{}, err
	}
	p := &stripe.RefundParams{PaymentIntent: stripe.String(id), Amount: stripe.Int64(amount)}
	p.Context = ctx
	p.SetIdempotencyKey(key)
	if _, err := g.api.Refunds.New(p); err != nil {
		return provider.State{}, wrap("refunding payment "+id, err)
	}
	return g.Fetch(ctx, id)
}

// Test reads the account's balance: any valid secret or restricted key
// with read access may, and nothing changes.
func (g *gateway) Test(ctx context.Context) error {
	p := &stripe.BalanceParams{}
	p.Context = ctx
	if _, err := g.api.Balance.Get(p); err != nil {
		return wrap("checking the key", err)
	}
	return nil
}

// DashboardURL is the payment's page in Stripe's dashboard; test-mode
// payments live under /test.
func (g *gateway) DashboardURL(id string) string { return DashboardURL(id, g.testMode) }

// DashboardURL is the page of a payment in Stripe's dashboard, in its test
// mode for a payment made with a test key.
func DashboardURL(id string, testMode bool) string {
	if testMode {
		return "https://dashboard.stripe.com/test/payments/" + id
	}
	return "https://dashboard.stripe.com/payments/" + id
}

// checkID refuses what cannot be a PaymentIntent id before it reaches a
// URL.
func checkID(id string) error {
	const maxLen = 255
	ok := strings.HasPrefix(id, "pi_") && len(id) > len("pi_") && len(id) <= maxLen
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			ok = false
		}
	}
	if !ok {
		return fmt.Errorf("%w: %q is not a Stripe PaymentIntent id (pi_…)", provider.ErrNotFound, id)
	}
	return nil
}

// apiError is an error Stripe answered with, in words staff can act on;
// it unwraps to stripe-go's *stripe.Error, and to provider.ErrNotFound for
// a 404.
type apiError struct {
	op  string
	err *stripe.Error
}

func (e *apiError) Error() string {
	msg := e.err.Msg
	if msg == "" {
		msg = string(e.err.Type)
	}
	var detail []string
	if e.err.Code != "" {
		detail = append(detail, string(e.err.Code))
	}
	if e.err.DeclineCode != "" {
		detail = append(detail, "decline "+string(e.err.DeclineCode))
	}
	if e.err.Param != "" {
		detail = append(detail, "parameter "+e.err.Param)
	}
	if e.err.HTTPStatusCode != 0 {
		detail = append(detail, fmt.Sprintf("HTTP %d", e.err.HTTPStatusCode))
	}
	if e.err.RequestID != "" {
		detail = append(detail, "request "+e.err.RequestID)
	}
	if len(detail) == 0 {
		return fmt.Sprintf("stripe: %s: %s", e.op, msg)
	}
	return fmt.Sprintf("stripe: %s: %s (%s)", e.op, msg, strings.Join(detail, ", "))
}

func (e *apiError) Unwrap() []error {
	if e.err.HTTPStatusCode == http.StatusNotFound {
		return []error{e.err, provider.ErrNotFound}
	}
	return []error{e.err}
}

// wrap says what failed: Stripe's own message and code when Stripe
// answered, the transport's error (a timeout, a refused connection)
// otherwise.
func wrap(op string, err error) error {
	var se *stripe.Error
	if errors.As(err, &se) {
		return &apiError{op: op, err: se}
	}
	return fmt.Errorf("stripe: %s: %w", op, err)
}
