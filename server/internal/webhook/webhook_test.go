package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// receiver is a loopback endpoint that answers with the next of its
// statuses (200 once they run out) and keeps what it got.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []*http.Request
	bodies   []string
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	r := &receiver{statuses: statuses}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := req.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, req)
		r.bodies = append(r.bodies, b.String())
		status := http.StatusOK
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(strings.Repeat("x", 3000)))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

func (r *receiver) last() (*http.Request, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.got[len(r.got)-1], r.bodies[len(r.bodies)-1]
}

// signatures returns the v1 values of a signature header and its time.
func signatures(h string) (string, []string) {
	var ts string
	var v1 []string
	for _, part := range strings.Split(h, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			v1 = append(v1, v)
		}
	}
	return ts, v1
}

func signedBy(h, body, secret string) bool {
	ts, v1 := signatures(h)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "." + body))
	want := hex.EncodeToString(m.Sum(nil))
	for _, v := range v1 {
		if hmac.Equal([]byte(v), []byte(want)) {
			return true
		}
	}
	return false
}

func endpoint(t *testing.T, env *apptest.Env, ctx context.Context, url string, types ...string) (webhook.Endpoint, string) {
	t.Helper()
	ep, secret, err := env.Webhooks.Create(ctx, nil, webhook.Values{URL: url, EventTypes: types, Enabled: true})
	if err != nil {
		t.Fatalf("create endpoint: %v", err)
	}
	return ep, secret
}

func TestSigningAndRotationOverlap(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		ctx := authz.System(t.Context())
		rcv := newReceiver(t)
		ep, first := endpoint(t, env, ctx, rcv.URL+"/hooks", webhook.TypeOrganizationCreated)
		if !strings.HasPrefix(first, "whsec_") {
			t.Fatalf("secret %q, want whsec_…", first)
		}
		d1, err := env.Webhooks.SendTest(ctx, ep.ID)
		if err != nil || d1.Status != webhook.Succeeded || d1.ResponseStatus != 200 || len(d1.ResponseBody) != webhook.MaxResponseBody {
			t.Fatalf("test delivery: %+v, %v", d1, err)
		}
		req, body := rcv.last()
		sig := req.Header.Get(webhook.SignatureHeader)
		if _, v1 := signatures(sig); len(v1) != 1 || !signedBy(sig, body, first) {
			t.Fatalf("signature %q does not verify with the secret", sig)
		}
		if ts, _ := signatures(sig); ts != "1773480600" {
			t.Errorf("signed at %s, want the clock's time", ts)
		}
		if !strings.HasPrefix(req.Header.Get(webhook.EventIDHeader), "evt_") || !strings.Contains(body, `"type":"ping"`) {
			t.Errorf("event id %q, body %s", req.Header.Get(webhook.EventIDHeader), body)
		}

		_, second, err := env.Webhooks.Rotate(ctx, ep.ID, 0)
		if err != nil || second == first {
			t.Fatalf("rotate: %v", err)
		}
		env.Clock.Advance(23 * time.Hour)
		if _, err := env.Webhooks.SendTest(ctx, ep.ID); err != nil {
			t.Fatal(err)
		}
		req, body = rcv.last()
		sig = req.Header.Get(webhook.SignatureHeader)
		if _, v1 := signatures(sig); len(v1) != 2 || !signedBy(sig, body, first) || !signedBy(sig, body, second) {
			t.Fatalf("during the overlap %q must verify with both secrets", sig)
		}
		env.Clock.Advance(2 * time.Hour)
		if _, err := env.Webhooks.SendTest(ctx, ep.ID); err != nil {
			t.Fatal(err)
		}
		req, body = rcv.last()
		sig = req.Header.Get(webhook.SignatureHeader)
		if _, v1 := signatures(sig); len(v1) != 1 || signedBy(sig, body, first) || !signedBy(sig, body, second) {
			t.Fatalf("after the overlap %q must verify with the new secret only", sig)
		}
	})
}

func TestRetriesWithBackoffUntilTheReceiverAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		ctx := authz.System(t.Context())
		rcv := newReceiver(t, 500, 503)
		ep, _ := endpoint(t, env, ctx, rcv.URL, webhook.TypeOrganizationCreated)
		org := env.Org(t, "Acme")

		dispatched, err := env.Webhooks.Dispatch(ctx)
		if err != nil || dispatched.Events != 1 || dispatched.Deliveries != 1 {
			t.Fatalf("dispatch: %+v, %v", dispatched, err)
		}
		// A second dispatch finds nothing new: each event is queued once.
		if again, err := env.Webhooks.Dispatch(ctx); err != nil || again.Events != 0 {
			t.Fatalf("second dispatch: %+v, %v", again, err)
		}
		step := func(want webhook.Status, attempts int) webhook.Delivery {
			t.Helper()
			if _, err := env.Webhooks.DeliverDue(ctx); err != nil {
				t.Fatal(err)
			}
			page, err := env.Webhooks.Deliveries(ctx, ep.ID, webhook.DeliveryFilter{}, 10, "")
			if err != nil || len(page.Deliveries) != 1 {
				t.Fatalf("deliveries: %+v, %v", page, err)
			}
			got := page.Deliveries[0]
			if got.Status != want || got.Attempts != attempts {
				t.Fatalf("after attempt: %s with %d attempts, want %s with %d", got.Status, got.Attempts, want, attempts)
			}
			return got
		}
		first := step(webhook.Pending, 1)
		if first.ResponseStatus != 500 || first.Error == "" || !first.Next.Equal(apptest.Start.Add(time.Minute)) {
			t.Fatalf("first attempt: %+v", first)
		}
		// Not due yet: nothing is sent.
		env.Clock.Advance(59 * time.Second)
		step(webhook.Pending, 1)
		env.Clock.Advance(time.Second)
		second := step(webhook.Pending, 2)
		if second.ResponseStatus != 503 || !second.Next.Equal(apptest.Start.Add(6*time.Minute)) {
			t.Fatalf("second attempt: %+v", second)
		}
		env.Clock.Advance(5 * time.Minute)
		done := step(webhook.Succeeded, 3)
		if done.Next != nil || done.Error != "" {
			t.Fatalf("succeeded delivery: %+v", done)
		}
		if rcv.count() != 3 {
			t.Errorf("%d posts, want 3", rcv.count())
		}
		_, body := rcv.last()
		if !strings.Contains(body, `"organizationCreated"`) || !strings.Contains(body, org.Name) {
			t.Errorf("body %s", body)
		}
	})
}

func TestFailedAfterTheLastAttemptAndReplayed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		ctx := authz.System(t.Context())
		fails := make([]int, len(webhook.Backoff)+1)
		for i := range fails {
			fails[i] = 500
		}
		rcv := newReceiver(t, fails...)
		ep, _ := endpoint(t, env, ctx, rcv.URL, webhook.TypeOrganizationCreated)
		env.Org(t, "Acme")
		if _, err := env.Webhooks.Dispatch(ctx); err != nil {
			t.Fatal(err)
		}
		for i := range len(webhook.Backoff) + 1 {
			if _, err := env.Webhooks.DeliverDue(ctx); err != nil {
				t.Fatal(err)
			}
			if i < len(webhook.Backoff) {
				env.Clock.Advance(webhook.Backoff[i])
			}
		}
		page, err := env.Webhooks.Deliveries(ctx, ep.ID, webhook.DeliveryFilter{Status: webhook.Failed}, 10, "")
		if err != nil || len(page.Deliveries) != 1 {
			t.Fatalf("failed deliveries: %+v, %v", page, err)
		}
		failed := page.Deliveries[0]
		if failed.Attempts != len(webhook.Backoff)+1 || failed.Next != nil {
			t.Fatalf("failed delivery: %+v", failed)
		}
		// Nothing more is tried.
		env.Clock.Advance(48 * time.Hour)
		if sent, err := env.Webhooks.DeliverDue(ctx); err != nil || sent != (webhook.Sent{}) {
			t.Fatalf("after FAILED: %+v, %v", sent, err)
		}
		replay, err := env.Webhooks.Replay(ctx, failed.ID)
		if err != nil || replay.Status != webhook.Succeeded || replay.Event != failed.Event || replay.ReplayOf == nil || *replay.ReplayOf != failed.ID {
			t.Fatalf("replay: %+v, %v", replay, err)
		}
		if string(replay.Payload) != string(failed.Payload) {
			t.Error("a replay sends another body than the original")
		}
	})
}

func TestAResellersEndpointReceivesOnlyItsOwnEvents(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		sys := authz.System(t.Context())
		beA, ownerA := env.ResellerOwner(t, "Reseller A", "a@example.com")
		_, ownerB := env.ResellerOwner(t, "Reseller B", "b@example.com")
		asA, asB := env.As(t, ownerA), env.As(t, ownerB)
		rcvLicensee, rcvA, rcvB := newReceiver(t), newReceiver(t), newReceiver(t)
		endpoint(t, env, sys, rcvLicensee.URL, webhook.TypeOrganizationCreated)
		epA, _ := endpoint(t, env, asA, rcvA.URL, webhook.TypeOrganizationCreated)
		epB, _ := endpoint(t, env, asB, rcvB.URL, webhook.TypeOrganizationCreated)
		if epA.BillingEntity != beA {
			t.Fatalf("a reseller's endpoint belongs to %s, want its entity", epA.BillingEntity)
		}
		values := func(name string) organization.Values {
			return organization.Values{Name: name, Address: organization.Address{Line1: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", CountryCode: "DE"}}
		}
		if _, err := env.Orgs.Create(asA, values("Of A"), uuid.Nil, "test"); err != nil {
			t.Fatal(err)
		}
		env.Org(t, "Of the licensee")
		if _, err := env.Webhooks.Dispatch(sys); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Webhooks.DeliverDue(sys); err != nil {
			t.Fatal(err)
		}
		if rcvLicensee.count() != 2 || rcvA.count() != 1 || rcvB.count() != 0 {
			t.Fatalf("licensee got %d, A %d, B %d; want 2, 1, 0", rcvLicensee.count(), rcvA.count(), rcvB.count())
		}
		if _, body := rcvA.last(); !strings.Contains(body, "Of A") {
			t.Errorf("A got %s", body)
		}
		// Each reseller sees its own endpoints only.
		if page, err := env.Webhooks.List(asB, nil, 50, ""); err != nil || len(page.Endpoints) != 1 || page.Endpoints[0].ID != epB.ID {
			t.Fatalf("B lists %+v, %v", page, err)
		}
		if _, err := env.Webhooks.Get(asB, epA.ID); !errors.Is(err, apierr.ErrNotFound) {
			t.Fatalf("B reads A's endpoint: %v", err)
		}
	})
}

// flipResolver answers with addr, which a test changes.
type flipResolver struct{ addr netip.Addr }

func (f *flipResolver) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	return []netip.Addr{f.addr}, nil
}

func TestPrivateAndMetadataTargetsAreRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		ctx := authz.System(t.Context())
		rcv := newReceiver(t)
		refused := []string{
			rcv.URL,                              // plain http to loopback
			"https://127.0.0.1/hooks",            // loopback
			"https://10.1.2.3/hooks",             // private
			"https://[::1]/hooks",                // loopback
			"https://localhost/hooks",            // loopback by name
			"https://169.254.169.254/latest",     // metadata
			"http://203.0.113.10/hooks",          // plain http to a public address
			"ftp://203.0.113.10/hooks",           // not http
			"https://user:pw@203.0.113.10/hooks", // credentials in the URL
		}
		for _, u := range refused {
			if _, _, err := env.Webhooks.Create(ctx, nil, webhook.Values{URL: u, EventTypes: []string{webhook.TypeInvoiceIssued}, Enabled: true}); !errors.Is(err, apierr.ErrInvalidArgument) {
				t.Errorf("%s: %v, want InvalidArgument", u, err)
			}
		}
		if _, _, err := env.Webhooks.Create(ctx, nil, webhook.Values{URL: "https://203.0.113.10/x"}); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("no event types: %v, want InvalidArgument", err)
		}
		// With private targets allowed, loopback is fine; metadata never.
		env.Webhooks.AllowPrivateTargets(true)
		if _, _, err := env.Webhooks.Create(ctx, nil, webhook.Values{URL: "https://169.254.169.254/", EventTypes: []string{webhook.TypeInvoiceIssued}}); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("metadata with private targets allowed: %v", err)
		}
		// A name is resolved again at delivery: one that comes to point at
		// loopback is refused without a connection.
		env.Webhooks.AllowPrivateTargets(false)
		res := &flipResolver{addr: netip.MustParseAddr("203.0.113.7")}
		env.Webhooks.ResolveWith(res)
		ep, _ := endpoint(t, env, ctx, "https://hooks.example.test"+strings.TrimPrefix(rcv.URL, "http://127.0.0.1"), webhook.TypeInvoiceIssued)
		res.addr = netip.MustParseAddr("127.0.0.1")
		got, err := env.Webhooks.SendTest(ctx, ep.ID)
		if err != nil || got.Status != webhook.Pending || !strings.Contains(got.Error, "loopback or private") || got.ResponseStatus != 0 {
			t.Fatalf("delivery to a name that points at loopback: %+v, %v", got, err)
		}
		if rcv.count() != 0 {
			t.Fatal("the receiver on loopback was reached")
		}
		// Its name now points at loopback: the endpoint can still be paused
		// and described, but not pointed at another refused address.
		paused, err := env.Webhooks.Update(ctx, ep.ID, webhook.Values{Description: "paused while the host moves"}, []string{"enabled", "description"})
		if err != nil || paused.Enabled || paused.Description != "paused while the host moves" {
			t.Fatalf("pausing an endpoint whose name points at loopback: %+v, %v", paused, err)
		}
		if _, err := env.Webhooks.Update(ctx, ep.ID, webhook.Values{URL: "https://10.9.8.7/hooks"}, []string{"url"}); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Fatalf("pointed at a private address: %v, want InvalidArgument", err)
		}
		if got, _ := env.Webhooks.Get(ctx, ep.ID); got.URL == "https://10.9.8.7/hooks" {
			t.Fatal("the refused URL was stored")
		}
	})
}

func TestAClaimedAttemptIsNotClaimedTwice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		ctx := authz.System(t.Context())
		rcv := newReceiver(t)
		endpoint(t, env, ctx, rcv.URL, webhook.TypeOrganizationCreated)
		env.Org(t, "Acme")
		if _, err := env.Webhooks.Dispatch(ctx); err != nil {
			t.Fatal(err)
		}
		// Two senders at once (two replicas): the delivery is posted once.
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if _, err := env.Webhooks.DeliverDue(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if rcv.count() != 1 {
			t.Fatalf("%d posts of one delivery, want 1", rcv.count())
		}
	})
}

// A reseller's endpoint hears when its staff approve or reject a waiting
// sign-up, with the reason the applicant reads; staff changing an
// organization's name is neither.
func TestSignUpDecisionsAreEvents(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		sys := authz.System(t.Context())
		be, owner := env.ResellerOwner(t, "Reseller A", "a@example.com")
		if _, err := env.BillingEntities.Update(sys, be, billingentity.Values{SignupHandle: "reseller-a", AcceptSignups: true},
			[]string{"signup_handle", "accept_signups", "auto_approve_signups"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		as := env.As(t, owner)
		rcv := newReceiver(t)
		endpoint(t, env, as, rcv.URL, webhook.TypeSignUpApproved, webhook.TypeSignUpRejected)
		signUp := func(name, email string) uuid.UUID {
			t.Helper()
			up, err := env.Orgs.SignUp(reqctx.With(t.Context(), &reqctx.Info{RemoteAddr: "192.0.2.1:1"}), organization.SignUpRequest{
				Handle: "reseller-a", OrganizationName: name, DisplayName: "Bewerberin", Email: email, Pw: "ein-langes-passwort-für-" + name})
			if err != nil || up.Status != organization.StatusPendingApproval {
				t.Fatalf("sign-up %s: %+v %v", name, up, err)
			}
			return up.OrganizationID
		}
		welcome, declined := signUp("Willkommen GmbH", "w@example.net"), signUp("Abgelehnt AG", "x@example.net")
		if _, err := env.Orgs.Approve(as, welcome, "geprüft"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Orgs.Reject(as, declined, "Keine Umsatzsteuer-ID angegeben"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Orgs.Update(as, welcome, organization.Values{Name: "Willkommen"}, []string{"name"}, "x"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Webhooks.Dispatch(sys); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Webhooks.DeliverDue(sys); err != nil {
			t.Fatal(err)
		}
		if rcv.count() != 2 {
			t.Fatalf("the endpoint got %d deliveries, want the approval and the rejection", rcv.count())
		}
		rcv.mu.Lock()
		approved, rejected := rcv.bodies[0], rcv.bodies[1]
		rcv.mu.Unlock()
		if strings.Contains(approved, "signup.rejected") { // delivered in either order
			approved, rejected = rejected, approved
		}
		if !strings.Contains(approved, `"type":"signup.approved"`) || !strings.Contains(approved, `"status":"ACTIVE"`) ||
			!strings.Contains(approved, "Willkommen GmbH") {
			t.Errorf("approval delivered as %s", approved)
		}
		if !strings.Contains(rejected, `"type":"signup.rejected"`) || !strings.Contains(rejected, `"status":"CLOSED"`) ||
			!strings.Contains(rejected, `"rejectionReason":"Keine Umsatzsteuer-ID angegeben"`) {
			t.Errorf("rejection delivered as %s", rejected)
		}
	})
}

// The log keeps finished deliveries for LogRetention, then the daily
// clean-up removes them and their events; a delivery still being retried
// stays, and so does its event.
func TestOldDeliveriesAndEventsAreRemoved(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		ctx := authz.System(t.Context())
		ok, down := newReceiver(t), newReceiver(t, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500)
		fine, _ := endpoint(t, env, ctx, ok.URL, webhook.TypeOrganizationCreated)
		env.Org(t, "Acme")
		if _, err := env.Webhooks.Dispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Webhooks.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(webhook.LogRetention - time.Hour)
		// A second endpoint's event, still retried when the first is old.
		failing, _ := endpoint(t, env, ctx, down.URL, webhook.TypeOrganizationCreated)
		env.Org(t, "Beta")
		if _, err := env.Webhooks.Dispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Webhooks.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		if got, err := env.Webhooks.RemoveOld(ctx); err != nil || got != (webhook.Removed{}) {
			t.Fatalf("before the retention ends: %+v, %v", got, err)
		}
		env.Clock.Advance(2 * time.Hour)
		if got, err := env.Webhooks.RemoveOld(ctx); err != nil || got != (webhook.Removed{Deliveries: 1, Events: 1}) {
			t.Fatalf("after the retention: %+v, %v; want Acme's delivery and event", got, err)
		}
		if page, err := env.Webhooks.Deliveries(ctx, fine.ID, webhook.DeliveryFilter{}, 10, ""); err != nil || len(page.Deliveries) != 1 {
			t.Fatalf("the first endpoint's log: %+v, %v; want Beta's delivery only", page, err)
		}
		// Long after, the delivery still retried is kept with its event.
		env.Clock.Advance(webhook.LogRetention)
		page, err := env.Webhooks.Deliveries(ctx, failing.ID, webhook.DeliveryFilter{Status: webhook.Pending}, 10, "")
		if err != nil || len(page.Deliveries) != 1 {
			t.Fatalf("the retried delivery: %+v, %v", page, err)
		}
		if got, err := env.Webhooks.RemoveOld(ctx); err != nil || got != (webhook.Removed{Deliveries: 1}) {
			t.Fatalf("long after: %+v, %v; want Beta's delivered one removed and the retried one kept", got, err)
		}
		if _, err := env.Webhooks.GetDelivery(ctx, page.Deliveries[0].ID); err != nil {
			t.Fatalf("the retried delivery was removed: %v", err)
		}
		if got, err := env.Webhooks.RemoveOld(ctx); err != nil || got != (webhook.Removed{}) {
			t.Fatalf("a second run: %+v, %v", got, err)
		}
	})
}
