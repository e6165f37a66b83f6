package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/admission"
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
