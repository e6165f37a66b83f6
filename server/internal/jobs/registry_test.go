package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestSessionCleanupRemovesWhatCanNoLongerBeUsed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := authz.System(t.Context())
		stale := env.User(t, "stale@example.com", authz.RoleOperator)
		fresh := env.User(t, "fresh@example.com", authz.RoleOperator)
		for range 2 {
			if _, err := env.Identity.Login(context.Background(), stale.Email, apptest.Password); err != nil {
				t.Fatal(err)
			}
		}
		// The stale sessions go unused past the idle limit; then the fresh
		// user signs in.
		env.Clock.Advance(13 * time.Hour)
		in, err := env.Identity.Login(context.Background(), fresh.Email, apptest.Password)
		if err != nil {
			t.Fatal(err)
		}
		run, err := env.Jobs.RunNow(ctx, "session-cleanup")
		if err != nil || run.Outcome != jobs.OutcomeSucceeded {
			t.Fatalf("run = %v, %v", run, err)
		}
		if !strings.HasPrefix(run.Summary, "removed 2 expired sessions") {
			t.Errorf("summary = %q", run.Summary)
		}
		if run.SummaryCode != "sessions-removed" || run.SummaryParams["sessions"] != "2" {
			t.Errorf("summary code = %q %v, want sessions-removed with sessions=2", run.SummaryCode, run.SummaryParams)
		}
		if _, err := env.Identity.ResolveSession(context.Background(), in.Secret); err != nil {
			t.Errorf("the fresh session was removed: %v", err)
		}
		// Nothing left to do on a second run.
		again, err := env.Jobs.RunNow(ctx, "session-cleanup")
		if err != nil || !strings.HasPrefix(again.Summary, "removed 0 expired sessions") {
			t.Errorf("second run = %q, %v", again.Summary, err)
		}
	})
}

func TestAuditVerificationFailsOnABrokenChainNamingTheEvent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := authz.System(t.Context())
		env.Org(t, "Erste GmbH")
		env.Org(t, "Zweite GmbH")
		run, err := env.Jobs.RunNow(ctx, "audit-verification")
		if err != nil || run.Outcome != jobs.OutcomeSucceeded || !strings.Contains(run.Summary, "intact") {
			t.Fatalf("intact chain: %v, %v", run, err)
		}
		// Someone edits the first event in the database.
		if _, err := env.DB.SQL.ExecContext(t.Context(), `UPDATE audit_events SET reason = 'nothing happened' WHERE sequence = 1`); err != nil {
			t.Fatal(err)
		}
		run, err = env.Jobs.RunNow(ctx, "audit-verification")
		if err != nil {
			t.Fatal(err)
		}
		if run.Outcome != jobs.OutcomeFailed || run.Attempt != 1 || run.RetryTime != nil || !strings.Contains(run.Error, "event 1 was changed") {
			t.Errorf("broken chain: %s attempt %d retry %v error %q; want FAILED once, naming event 1", run.Outcome, run.Attempt, run.RetryTime, run.Error)
		}
		if run.SummaryCode != "audit-events-checked" || run.SummaryParams["events"] == "" {
			t.Errorf("broken chain: summary code = %q %v, want audit-events-checked with events", run.SummaryCode, run.SummaryParams)
		}
	})
}
