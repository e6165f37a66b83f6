// Package molliefake is a loopback stand-in for the few endpoints of
// Mollie's API that billing/molliepay calls, for tests that drive the real
// client library against it. It answers with the client library's own
// example responses (its testdata package), changed to fit the fake's
// state: the payments created, their status, refunds and chargebacks. A
// test moves a payment along (SetStatus, Fail, ChargeBack), reads what
// the client sent (Requests) and can have the next request refused
// (FailNext).
//
//	srv := molliefake.Start(t)
//	gw, err := molliepay.New(provider.Credentials{APIKey: molliefake.APIKey, BaseURL: srv.URL}, nil)
//	st, err := gw.Charge(ctx, charge)
//	srv.SetStatus(st.ID, "paid")
//	st, err = gw.Fetch(ctx, st.ID)
//
// Like Mollie, it replays the answer to a POST whose Idempotency-Key it
// has seen, so a repeated call creates nothing twice.
package molliefake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/VictorAvelar/mollie-api-go/v4/testdata"
)

// APIKey is a test key the fake accepts.
const APIKey = "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM"

// The statuses of a Mollie payment.
var statuses = []string{"open", "pending", "authorized", "paid", "failed", "canceled", "expired"}

// Request is one request as the fake received it.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte
}

// Payment is a payment as the fake holds it.
type Payment struct {
	ID               string
	AmountCents      int64
	Currency         string
	Description      string
	RedirectURL      string
	WebhookURL       string
	CustomerID       string
	Metadata         json.RawMessage
	Status           string
	FailureReason    string
	RefundedCents    int64
	ChargedBackCents int64
	CreatedAt        time.Time
	PaidAt           time.Time
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to pass as provider.Credentials.BaseURL:
	// http://127.0.0.1:port/, with the trailing slash the client wants.
	URL string

	tb  testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	seq      int
	payments map[string]*Payment
	requests []Request
	replies  map[string]reply // answers to POSTs, by idempotency key
	failures []int            // statuses to answer the next requests with
	key      string           // the only key accepted, when set
}

type reply struct {
	status int
	body   []byte
}

// Start starts a fake on 127.0.0.1, stopped when tb ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{tb: tb, payments: map[string]*Payment{}, replies: map[string]reply{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/payments", s.createPayment)
	mux.HandleFunc("GET /v2/payments/{id}", s.getPayment)
	mux.HandleFunc("POST /v2/payments/{id}/refunds", s.createRefund)
	mux.HandleFunc("GET /v2/methods", s.listMethods)
	mux.HandleFunc("POST /v2/customers", s.createCustomer)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "The resource "+r.URL.Path+" does not exist.", "")
	})

	// Its own listener, on IPv4 loopback alone: httptest's default may
	// fall back to another address or follow the -httptest.serve flag.
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("molliefake: %v", err)
	}
	s.srv = httptest.NewUnstartedServer(s.handler(mux))
	_ = s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	tb.Cleanup(s.srv.Close)
	s.URL = s.srv.URL + "/"
	return s
}

// RequireKey makes the fake refuse (401) every request without key.
// Without it, any live_ or test_ key is accepted.
func (s *Server) RequireKey(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.key = key
}

// FailNext has the fake answer the next request with status and a Mollie
// error body (Mollie's own example for 401, 404, 422 and 500).
func (s *Server) FailNext(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, status)
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Payment returns the payment id as the fake holds it.
func (s *Server) Payment(id string) Payment {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[id]
	if !ok {
		s.tb.Fatalf("molliefake: no payment %s", id)
	}
	return *p
}

// SetStatus moves the payment id to status, one of Mollie's (open,
// pending, authorized, paid, failed, canceled, expired), as the customer
// or Mollie would.
func (s *Server) SetStatus(id, status string) {
	s.tb.Helper()
	if !slices.Contains(statuses, status) {
		s.tb.Fatalf("molliefake: %q is not a status of a Mollie payment", status)
	}
	s.change(id, func(p *Payment) {
		p.Status = status
		if status == "paid" && p.PaidAt.IsZero() {
			p.PaidAt = time.Now().UTC()
		}
	})
}

// Fail moves the payment id to failed with reason as its
// details.failureReason (e.g. insufficient_funds).
func (s *Server) Fail(id, reason string) {
	s.tb.Helper()
	s.change(id, func(p *Payment) {
		p.Status = "failed"
		p.FailureReason = reason
	})
}

// ChargeBack records a chargeback of cents on the payment id.
func (s *Server) ChargeBack(id string, cents int64) {
	s.tb.Helper()
	s.change(id, func(p *Payment) { p.ChargedBackCents += cents })
}

// SetAmount makes Mollie report another amount for a payment than it was
// created with: what a tampered or confused notification would carry.
func (s *Server) SetAmount(id string, cents int64) {
	s.tb.Helper()
	s.change(id, func(p *Payment) { p.AmountCents = cents })
}

func (s *Server) change(id string, f func(*Payment)) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[id]
	if !ok {
		s.tb.Fatalf("molliefake: no payment %s", id)
	}
	f(p)
}

// maxBody bounds a request body the fake reads.
const maxBody = 1 << 20

// handler records each request, checks its key, answers a failure asked
// for, and replays the answer to a POST with a known idempotency key.
func (s *Server) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			writeError(w, http.StatusBadRequest, "The request body could not be read.", "")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))

		s.mu.Lock()
		s.requests = append(s.requests, Request{
			Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body,
		})
		var fail int
		if len(s.failures) > 0 {
			fail, s.failures = s.failures[0], s.failures[1:]
		}
		required := s.key
		idemKey := r.Header.Get("Idempotency-Key")
		replay, replayed := s.replies[r.Method+" "+r.URL.Path+" "+idemKey]
		s.mu.Unlock()

		auth, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		switch {
		case required != "" && auth != required,
			!strings.HasPrefix(auth, "test_") && !strings.HasPrefix(auth, "live_"):
			writeError(w, http.StatusUnauthorized, "", "")
			return
		case fail != 0:
			writeError(w, fail, "", "")
			return
		case r.Method == http.MethodPost && idemKey != "" && replayed:
			write(w, replay.status, replay.body)
			return
		}
		rec := &recorder{header: http.Header{}}
		next.ServeHTTP(rec, r)
		if r.Method == http.MethodPost && idemKey != "" && rec.status < 300 {
			s.mu.Lock()
			s.replies[r.Method+" "+r.URL.Path+" "+idemKey] = reply{rec.status, rec.body.Bytes()}
			s.mu.Unlock()
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		write(w, rec.status, rec.body.Bytes())
	})
}

// recorder keeps an answer, so that it can be replayed.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func write(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/hal+json")
	// Mollie declares the length; the client reads an error's JSON only
	// then.
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), "")
		return
	}
	write(w, status, b)
}

// writeError answers like Mollie: its example error body for the status,
// with detail and field when given.
func writeError(w http.ResponseWriter, status int, detail, field string) {
	example := map[int]string{
		http.StatusUnauthorized:        testdata.UnauthorizedErrorResponse,
		http.StatusNotFound:            testdata.NotFoundErrorResponse,
		http.StatusUnprocessableEntity: testdata.UnprocessableEntityErrorResponse,
		http.StatusInternalServerError: testdata.InternalServerErrorResponse,
	}[status]
	body := map[string]any{}
	if example != "" {
		_ = json.Unmarshal([]byte(example), &body)
	} else {
		body["status"] = status
		body["title"] = http.StatusText(status)
		body["detail"] = "The fake was told to fail."
	}
	if detail != "" {
		body["detail"] = detail
	}
	delete(body, "field")
	if field != "" {
		body["field"] = field
	}
	b, _ := json.Marshal(body)
	write(w, status, b)
}

// example decodes one of the library's example responses.
func example(src string) map[string]any {
	m := map[string]any{}
	if err := json.Unmarshal([]byte(src), &m); err != nil {
		panic("molliefake: an example response does not parse: " + err.Error())
	}
	return m
}

func link(href, typ string) map[string]any { return map[string]any{"href": href, "type": typ} }

// newID is a Mollie-shaped id: prefix and ten letters or digits.
func (s *Server) newID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%sFake%06d", prefix, s.seq)
}

type amount struct {
	Value    string `json:"value"`
	Currency string `json:"currency"`
}

func (s *Server) createPayment(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Amount      *amount         `json:"amount"`
		Description string          `json:"description"`
		RedirectURL string          `json:"redirectUrl"`
		WebhookURL  string          `json:"webhookUrl"`
		Metadata    json.RawMessage `json:"metadata"`
		CustomerID  string          `json:"customerId"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "The request body is not JSON: "+err.Error(), "")
		return
	}
	if in.Amount == nil {
		writeError(w, http.StatusUnprocessableEntity, "The amount is required.", "amount")
		return
	}
	cents, refusal := parseAmount(*in.Amount)
	if refusal != "" {
		writeError(w, http.StatusUnprocessableEntity, refusal, "amount.value")
		return
	}
	if in.Description == "" {
		writeError(w, http.StatusUnprocessableEntity, "The description is required.", "description")
		return
	}
	s.mu.Lock()
	p := &Payment{
		ID:          s.newID("tr_"),
		AmountCents: cents,
		Currency:    in.Amount.Currency,
		Description: in.Description,
		RedirectURL: in.RedirectURL,
		WebhookURL:  in.WebhookURL,
		CustomerID:  in.CustomerID,
		Metadata:    in.Metadata,
		Status:      "open",
		CreatedAt:   time.Now().UTC(),
	}
	s.payments[p.ID] = p
	out := s.paymentJSON(p)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) getPayment(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	p, ok := s.payments[id]
	var out map[string]any
	if ok {
		out = s.paymentJSON(p)
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "No payment exists with token "+id+".", "")
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createRefund(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var in struct {
		Amount      *amount `json:"amount"`
		Description string  `json:"description"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "The request body is not JSON: "+err.Error(), "")
		return
	}
	if in.Amount == nil {
		writeError(w, http.StatusUnprocessableEntity, "The amount is required.", "amount")
		return
	}
	cents, refusal := parseAmount(*in.Amount)
	if refusal != "" {
		writeError(w, http.StatusUnprocessableEntity, refusal, "amount.value")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.payments[id]
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, "No payment exists with token "+id+".", "")
		return
	case p.Status != "paid":
		writeError(w, http.StatusUnprocessableEntity, "The payment "+id+" is "+p.Status+" and cannot be refunded.", "")
		return
	case in.Amount.Currency != p.Currency:
		writeError(w, http.StatusUnprocessableEntity, "The currency of the refund must be the payment's, "+p.Currency+".", "amount.currency")
		return
	case cents > p.AmountCents-p.RefundedCents-p.ChargedBackCents:
		// Mollie's own example words for this.
		writeError(w, http.StatusUnprocessableEntity, "", "amount")
		return
	}
	p.RefundedCents += cents
	out := example(testdata.CreatePaymentRefundResponse)
	refundID := s.newID("re_")
	out["id"] = refundID
	out["amount"] = amount{Value: formatAmount(cents, p.Currency), Currency: p.Currency}
	out["description"] = in.Description
	out["metadata"] = nil
	out["paymentId"] = id
	out["createdAt"] = time.Now().UTC().Format(time.RFC3339)
	out["_links"] = map[string]any{
		"self":          link(s.URL+"v2/payments/"+id+"/refunds/"+refundID, "application/hal+json"),
		"payment":       link(s.URL+"v2/payments/"+id, "application/hal+json"),
		"documentation": link("https://docs.mollie.com/reference/create-refund", "text/html"),
	}
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) listMethods(w http.ResponseWriter, _ *http.Request) {
	write(w, http.StatusOK, []byte(testdata.ListMethodsResponse))
}

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name     string          `json:"name"`
		Email    string          `json:"email"`
		Metadata json.RawMessage `json:"metadata"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "The request body is not JSON: "+err.Error(), "")
		return
	}
	s.mu.Lock()
	id := s.newID("cst_")
	s.mu.Unlock()
	out := example(testdata.CreateCustomerResponse)
	out["id"] = id
	out["name"] = in.Name
	out["email"] = in.Email
	out["metadata"] = in.Metadata
	out["createdAt"] = time.Now().UTC().Format(time.RFC3339)
	out["_links"] = map[string]any{
		"self":          link(s.URL+"v2/customers/"+id, "application/hal+json"),
		"documentation": link("https://docs.mollie.com/reference/create-customer", "text/html"),
	}
	writeJSON(w, http.StatusCreated, out)
}

// paymentJSON is the library's example payment changed to p: what Mollie
// shows of a payment in p's status. s.mu is held.
func (s *Server) paymentJSON(p *Payment) map[string]any {
	out := example(testdata.GetPaymentResponse)
	for _, k := range []string{"restrictPaymentMethodsToCountry", "expiresAt", "details", "method"} {
		delete(out, k)
	}
	out["id"] = p.ID
	out["mode"] = "test"
	out["createdAt"] = p.CreatedAt.Format(time.RFC3339)
	out["amount"] = amount{Value: formatAmount(p.AmountCents, p.Currency), Currency: p.Currency}
	out["description"] = p.Description
	out["redirectUrl"] = p.RedirectURL
	out["webhookUrl"] = p.WebhookURL
	out["metadata"] = p.Metadata
	if len(p.Metadata) == 0 {
		out["metadata"] = nil
	}
	if p.CustomerID != "" {
		out["customerId"] = p.CustomerID
	}
	out["status"] = p.Status
	out["isCancelable"] = p.Status == "open"
	links := map[string]any{
		"self":          link(s.URL+"v2/payments/"+p.ID, "application/hal+json"),
		"dashboard":     link("https://my.mollie.com/dashboard/org_12345678/payments/"+p.ID, "text/html"),
		"documentation": link("https://docs.mollie.com/reference/get-payment", "text/html"),
	}
	switch p.Status {
	case "open":
		out["expiresAt"] = p.CreatedAt.Add(15 * time.Minute).Format(time.RFC3339)
		// Only an open payment can still be paid at the checkout.
		links["checkout"] = link("https://www.mollie.com/checkout/select-method/"+strings.TrimPrefix(p.ID, "tr_"), "text/html")
	case "paid":
		out["method"] = "creditcard"
		out["paidAt"] = p.PaidAt.Format(time.RFC3339)
		out["amountRefunded"] = amount{Value: formatAmount(p.RefundedCents, p.Currency), Currency: p.Currency}
		out["amountRemaining"] = amount{Value: formatAmount(p.AmountCents-p.RefundedCents-p.ChargedBackCents, p.Currency), Currency: p.Currency}
	case "failed":
		out["method"] = "creditcard"
		if p.FailureReason != "" {
			out["details"] = map[string]any{"failureReason": p.FailureReason}
		}
	}
	if p.RefundedCents > 0 {
		links["refunds"] = link(s.URL+"v2/payments/"+p.ID+"/refunds", "application/hal+json")
	}
	if p.ChargedBackCents > 0 {
		out["amountChargedBack"] = amount{Value: formatAmount(p.ChargedBackCents, p.Currency), Currency: p.Currency}
		links["chargebacks"] = link(s.URL+"v2/payments/"+p.ID+"/chargebacks", "application/hal+json")
	}
	out["_links"] = links
	return out
}

// decimals is how many decimals Mollie writes for currency.
func decimals(currency string) int {
	if currency == "JPY" || currency == "ISK" {
		return 0
	}
	return 2
}

// formatAmount writes cents as Mollie does.
func formatAmount(cents int64, currency string) string {
	if decimals(currency) == 0 {
		return strconv.FormatInt(cents/100, 10)
	}
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}

// parseAmount reads an amount the client sent, refusing what Mollie
// refuses: a value without exactly the currency's decimals. A refusal is
// Mollie's kind of detail, for the error body.
func parseAmount(a amount) (cents int64, refusal string) {
	if len(a.Currency) != 3 || strings.ToUpper(a.Currency) != a.Currency {
		return 0, fmt.Sprintf("The currency %q is not supported.", a.Currency)
	}
	whole, frac, _ := strings.Cut(a.Value, ".")
	if len(frac) != decimals(a.Currency) {
		return 0, fmt.Sprintf("The amount %q must have %d decimals for %s.", a.Value, decimals(a.Currency), a.Currency)
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n <= 0 || strings.HasPrefix(whole, "+") || strings.HasPrefix(whole, "-") {
		return 0, fmt.Sprintf("The amount %q is not a positive decimal.", a.Value)
	}
	if decimals(a.Currency) == 0 {
		n *= 100
	}
	return n, ""
}
