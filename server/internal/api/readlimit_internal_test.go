package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/admission"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// The procedures without side effects are the reads; changes and sign-ins
// are not.
func TestReadProceduresAreTheDeclaredReads(t *testing.T) {
	t.Parallel()
	reads := readProcedures([]string{adminv1connect.OrganizationServiceName, adminv1connect.AuthServiceName})
	for proc, want := range map[string]bool{
		adminv1connect.OrganizationServiceGetOrganizationProcedure:    true,
		adminv1connect.OrganizationServiceListOrganizationsProcedure:  true,
		adminv1connect.OrganizationServiceUpdateOrganizationProcedure: false,
		adminv1connect.AuthServiceLoginProcedure:                      false,
	} {
		if reads[proc] != want {
			t.Errorf("%s counted as a read: %v, want %v", proc, reads[proc], want)
		}
	}
}

// With every read slot taken, a further read waits (and gives up with its
// caller), while a write goes straight through.
func TestReadsWaitForASlotWritesDoNot(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	entered := make(chan string, 4)
	h := limitReads(admission.New(1, 1), map[string]bool{"/read": true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- r.URL.Path
		if r.URL.Path == "/read" {
			<-release
		}
	}))
	serve := func(ctx context.Context, path string) chan struct{} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(ctx, http.MethodPost, path, nil))
		}()
		return done
	}
	first := serve(t.Context(), "/read")
	if got := <-entered; got != "/read" {
		t.Fatalf("entered %s", got)
	}
	waitCtx, giveUp := context.WithCancel(t.Context())
	second := serve(waitCtx, "/read")
	<-serve(t.Context(), "/write") // not behind the reads
	if got := <-entered; got != "/write" {
		t.Errorf("entered %s, want /write first", got)
	}
	select {
	case got := <-entered:
		t.Fatalf("%s entered while the only read slot was taken", got)
	case <-time.After(20 * time.Millisecond):
	}
	giveUp()
	<-second // returns without entering
	close(release)
	<-first
	third := serve(t.Context(), "/read")
	if got := <-entered; got != "/read" {
		t.Errorf("entered %s", got)
	}
	<-third
	if len(entered) != 0 {
		t.Errorf("the read that gave up entered after all")
	}
}

// A signed-in caller's write is urgent work while it runs; an anonymous
// caller's (a sign-in attempt) and a read are not.
func TestSignedInWritesGoFirst(t *testing.T) {
	t.Parallel()
	gate := admission.New(4, 1)
	var urgent int
	h := writesFirst(gate, map[string]bool{"/read": true}, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		urgent = gate.UrgentWork()
	}))
	signedIn := authz.WithPrincipal(t.Context(), &authz.Principal{Email: "ops@example.com", Role: authz.RoleOperator})
	for _, c := range []struct {
		name string
		ctx  context.Context
		path string
		want int
	}{
		{"a signed-in write", signedIn, "/write", 1},
		{"an anonymous write", t.Context(), "/write", 0},
		{"a signed-in read", signedIn, "/read", 0},
	} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(c.ctx, http.MethodPost, c.path, nil))
		if urgent != c.want {
			t.Errorf("%s: %d urgent while it ran, want %d", c.name, urgent, c.want)
		}
	}
	if n := gate.UrgentWork(); n != 0 {
		t.Errorf("%d urgent after every request ended", n)
	}
}
