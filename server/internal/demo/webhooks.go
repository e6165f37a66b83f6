package demo

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/billingentity"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// HookSink is the demo's webhook receiver: an HTTP server on loopback that
// accepts every delivery (answering 200), counts them and keeps the last
// few, so the demo's endpoints show successful deliveries without
// reaching anyone.
type HookSink struct {
	srv      *http.Server
	base     string
	accepted atomic.Int64
	mu       sync.Mutex
	last     []Received
}

// Received is a delivery the sink accepted.
type Received struct {
	Path, EventID, EventType, Signature string
	Body                                []byte
}

// sinkKeeps is how many deliveries the sink remembers.
const sinkKeeps = 20

// StartHookSink starts the receiver on a free port of 127.0.0.1.
func StartHookSink() (*HookSink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	h := &HookSink{base: "http://" + ln.Addr().String()}
	h.srv = &http.Server{Handler: http.HandlerFunc(h.serve), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	go func() { _ = h.srv.Serve(ln) }()
	return h, nil
}

func (h *HookSink) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST events here", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	h.accepted.Add(1)
	h.mu.Lock()
	h.last = append(h.last, Received{Path: r.URL.Path, EventID: r.Header.Get(webhook.EventIDHeader),
		EventType: r.Header.Get(webhook.EventTypeHeader), Signature: r.Header.Get(webhook.SignatureHeader), Body: body})
	if len(h.last) > sinkKeeps {
		h.last = h.last[len(h.last)-sinkKeeps:]
	}
	h.mu.Unlock()
	fmt.Fprintf(w, "{\"received\":%q}\n", r.Header.Get(webhook.EventIDHeader))
}

// URL is the receiver's address.
func (h *HookSink) URL() string { return h.base }

// Accepted is how many deliveries it accepted.
func (h *HookSink) Accepted() int64 { return h.accepted.Load() }

// Last returns the deliveries it remembers, oldest first.
func (h *HookSink) Last() []Received {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Received(nil), h.last...)
}

// Close stops the receiver.
func (h *HookSink) Close() { _ = h.srv.Close() }

// demoHooks are the demo's endpoints: the licensee's receiver of every
// event, one for the operations chat and a paused one, and Nordhost's
// CRM, which hears of its new customers and its sign-up decisions
// (owner: the billing entity's sign-up handle; empty for the licensee).
var demoHooks = []struct {
	owner, path, description string
	types                    []string
	enabled                  bool
}{
	{"", "/all-events", "Demo receiver: every event", webhook.Types(), true},
	{"", "/ops-chat", "Operations chat: service status and alerts", []string{webhook.TypeServiceStatusChanged, webhook.TypeAlertReported}, true},
	{"", "/erp", "ERP import (paused)", []string{webhook.TypeInvoiceIssued, webhook.TypePaymentReceived}, false},
	{"nordhost", "/nordhost-crm", "Nordhost CRM: new customers and sign-up decisions",
		[]string{webhook.TypeOrganizationCreated, webhook.TypeSignUpApproved, webhook.TypeSignUpRejected}, true},
}

// deadPort is where the demo's endpoints point when no receiver runs (a
// seed without serve): nothing listens there, so their deliveries wait for
// retries.
const deadPort = "http://127.0.0.1:9"

// Webhooks gives the licensee webhook endpoints that post to the demo's
// receiver on loopback (Hooks), sends each enabled one a test event and
// replays one, so the delivery log has entries. It needs the server to
// allow private targets (serve --demo does).
func (s *Seeder) Webhooks(ctx context.Context) error {
	if s.WebhookService == nil {
		return nil
	}
	ctx = authz.System(ctx)
	base := deadPort
	if s.Hooks != nil {
		base = s.Hooks.URL()
	}
	var first *webhook.Delivery
	for _, h := range demoHooks {
		var owner *uuid.UUID
		if h.owner != "" {
			be, err := s.Client.BillingEntity.Query().Where(billingentity.SignupHandle(h.owner)).Only(ctx)
			if err != nil {
				return fmt.Errorf("demo webhook %s: reseller %s: %w", h.path, h.owner, err)
			}
			owner = &be.ID
		}
		ep, _, err := s.WebhookService.Create(ctx, owner, webhook.Values{URL: base + h.path, Description: h.description,
			EventTypes: h.types, Enabled: h.enabled})
		if err != nil {
			return fmt.Errorf("demo webhook %s: %w", h.path, err)
		}
		if !h.enabled {
			continue
		}
		d, err := s.WebhookService.SendTest(ctx, ep.ID)
		if err != nil {
			return fmt.Errorf("demo webhook test %s: %w", h.path, err)
		}
		if first == nil {
			first = &d
		}
	}
	if first != nil {
		if _, err := s.WebhookService.Replay(ctx, first.ID); err != nil {
			return fmt.Errorf("demo webhook replay: %w", err)
		}
	}
	return nil
}

// AttachHooks points the demo's endpoints at the running receiver: it
// listens on a new port at every start. Endpoints an operator pointed
// elsewhere are left alone.
func (h *HookSink) AttachHooks(ctx context.Context, svc *webhook.Service) error {
	ctx = authz.System(ctx)
	page, err := svc.List(ctx, nil, 500, "")
	if err != nil {
		return err
	}
	for _, ep := range page.Endpoints {
		u, err := url.Parse(ep.URL)
		if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" || !isDemoPath(u.Path) {
			continue
		}
		if want := h.base + u.Path; ep.URL != want {
			if _, err := svc.Update(ctx, ep.ID, webhook.Values{URL: want}, []string{"url"}); err != nil {
				return err
			}
		}
	}
	return nil
}

func isDemoPath(p string) bool {
	for _, h := range demoHooks {
		if strings.EqualFold(h.path, p) {
			return true
		}
	}
	return false
}
