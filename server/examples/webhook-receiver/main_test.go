package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	eventsv1 "github.com/leitstand/leitstand/gen/go/leitstand/events/v1"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// The README shows this receiver as it is.
func TestTheReadmeShowsTheReceiver(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+string(src)+"```\n") {
		t.Fatal("README.md's section Webhooks does not show server/examples/webhook-receiver/main.go as it is: copy it there")
	}
}

// The receiver accepts a delivery as the dispatcher sends it, and refuses
// one signed with another secret and one that is too old.
func TestTheReceiverChecksDeliveries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		env.Webhooks.AllowPrivateTargets(true)
		ctx := authz.System(t.Context())
		var (
			mu  sync.Mutex
			got []*eventsv1.Event
			now = env.Clock.Now
		)
		var secret string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			handler(secret, now, func(e *eventsv1.Event) error {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, e)
				return nil
			}).ServeHTTP(w, r)
		}))
		defer srv.Close()
		ep, s, err := env.Webhooks.Create(ctx, nil, webhook.Values{URL: srv.URL, EventTypes: []string{webhook.TypeOrganizationCreated}, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		secret = s
		env.Org(t, "Acme")
		if _, err := env.Webhooks.Dispatch(ctx); err != nil {
			t.Fatal(err)
		}
		if sent, err := env.Webhooks.DeliverDue(ctx); err != nil || sent.Succeeded != 1 {
			t.Fatalf("genuine delivery: %+v, %v", sent, err)
		}
		if len(got) != 1 || got[0].GetType() != webhook.TypeOrganizationCreated || got[0].GetOrganizationCreated().GetName() != "Acme" ||
			!strings.HasPrefix(got[0].GetId(), "evt_") {
			t.Fatalf("decoded %v", got)
		}

		// Signed with another secret.
		secret = webhook.NewSecret()
		d1, err := env.Webhooks.SendTest(ctx, ep.ID)
		if err != nil || d1.Status != webhook.Pending || d1.ResponseStatus != http.StatusUnauthorized {
			t.Fatalf("wrong secret: %+v, %v", d1, err)
		}
		// Too old: the receiver's clock is six minutes ahead.
		secret = s
		now = func() time.Time { return env.Clock.Now().Add(6 * time.Minute) }
		d2, err := env.Webhooks.SendTest(ctx, ep.ID)
		if err != nil || d2.Status != webhook.Pending || d2.ResponseStatus != http.StatusUnauthorized {
			t.Fatalf("old delivery: %+v, %v", d2, err)
		}
		if len(got) != 1 {
			t.Fatalf("%d events accepted, want 1", len(got))
		}
	})
}
