package audit_test

import (
	"crypto/sha256"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// rewrite edits event seq's reason and recomputes every hash from there to
// the head under key, as someone with write access to the database would.
func rewrite(t *testing.T, env *apptest.Env, seq int64, key []byte) {
	t.Helper()
	exec(t, env, "UPDATE audit_events SET reason = ? WHERE sequence = ?", "nothing to see", seq)
	es := events(t, env)
	prev := make([]byte, sha256.Size)
	for _, e := range es {
		if e.Sequence >= seq {
			h := audit.Rehash(e, prev, key)
			exec(t, env, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE sequence = ?", prev, h, e.Sequence)
			e.Hash = h
		}
		prev = e.Hash
	}
	exec(t, env, "UPDATE audit_chain_heads SET hash = ? WHERE id = 1", prev)
}

// Rewriting an event and recomputing the hashes after it — unkeyed, or
// under a key guessed wrong — no longer passes verification: the hashes
// are keyed with a key the database does not hold.
func TestRewrittenChainFailsVerification(t *testing.T) {
	t.Parallel()
	for name, key := range map[string][]byte{"unkeyed": nil, "another key": []byte(strings.Repeat("k", 32))} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := apptest.New(t, testdb.SQLite)
			write(t, env, 20)
			rewrite(t, env, 7, key)
			if v := verify(t, env); v.OK || v.BadSequence != 7 {
				t.Errorf("Verify = %+v, want the rewrite found at event 7", v)
			}
		})
	}
}

// A chain written before its hashes were keyed is keyed once at start, if
// it is intact, with an event that says so; a broken one stays broken.
func TestOldChainsAreKeyedOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	write(t, env, 30)
	// Make it the chain an older release wrote: unkeyed hashes.
	rewrite(t, env, 1, nil)
	exec(t, env, "UPDATE audit_events SET reason = ? WHERE sequence = ?", "bulk", 1)
	es := events(t, env)
	prev := make([]byte, sha256.Size)
	for _, e := range es {
		h := audit.Rehash(e, prev, nil)
		exec(t, env, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE sequence = ?", prev, h, e.Sequence)
		prev = h
	}
	exec(t, env, "UPDATE audit_chain_heads SET hash = ?, keyed = ? WHERE id = 1", prev, false)
	if v := verify(t, env); v.OK {
		t.Fatal("an unkeyed chain verifies as keyed")
	}

	w := audit.NewWriter(env.DB.Client, clock.System(), slog.New(slog.DiscardHandler), apptest.TestSecrets.Derive("audit-chain"))
	n, err := w.KeyChain(t.Context())
	if err != nil || n != 30 {
		t.Fatalf("KeyChain = %d %v, want 30 events keyed", n, err)
	}
	if v := verify(t, env); !v.OK || v.Events != 31 {
		t.Errorf("after keying: %+v", v)
	}
	if n, _ := w.KeyChain(t.Context()); n != 0 {
		t.Errorf("keyed again: %d", n)
	}
	last := events(t, env)[30]
	if last.Action != "audit.chain_keyed" {
		t.Errorf("the keying is not in the trail: %s", last.Action)
	}

	broken := apptest.New(t, testdb.SQLite)
	write(t, broken, 5)
	exec(t, broken, "UPDATE audit_chain_heads SET keyed = ? WHERE id = 1", false)
	exec(t, broken, "UPDATE audit_events SET reason = ? WHERE sequence = ?", "edited", 2)
	bw := audit.NewWriter(broken.DB.Client, clock.System(), slog.New(slog.DiscardHandler), apptest.TestSecrets.Derive("audit-chain"))
	if n, err := bw.KeyChain(t.Context()); err != nil || n != 0 {
		t.Errorf("a broken chain was keyed: %d %v", n, err)
	}
	if v := verify(t, broken); v.OK {
		t.Error("keying hid the tampering")
	}
}

// A principal's denials of one procedure beyond five a minute are not
// written one by one but summed up in one event naming the procedures;
// each denied event names its target and the client's address.
func TestRepeatedDenialsAreSummarised(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	u := env.User(t, "user@example.com", authz.RoleUser)
	ctx := reqctx.With(env.As(t, u), &reqctx.Info{RemoteAddr: "198.51.100.4", UserAgent: "curl/8"})
	for i := range 25 {
		proc := "/leitstand.admin.v1.OrganizationService/ListOrganizations"
		if i%2 == 1 {
			proc = "/leitstand.admin.v1.MemberService/ListMembers"
		}
		env.Audit.RecordDenied(ctx, proc, "not allowed")
	}
	denied := func() []*ent.AuditEvent {
		es, err := env.DB.Client.AuditEvent.Query().Where(auditevent.OutcomeEQ(auditevent.OutcomeDENIED)).
			Order(ent.Asc(auditevent.FieldSequence)).All(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	if got := denied(); len(got) != 10 {
		t.Fatalf("%d denied events written, want 5 of each procedure", len(got))
	} else if got[0].TargetID != "/leitstand.admin.v1.OrganizationService/ListOrganizations" || !strings.Contains(got[0].After, "198.51.100.4") {
		t.Errorf("denied event without target or address: %+v", got[0])
	}
	env.Audit.FlushDenied()
	got := denied()
	if len(got) != 11 {
		t.Fatalf("%d denied events after the summary, want 11", len(got))
	}
	s := got[10]
	if s.Action != "audit.denied_summary" || !strings.Contains(s.After, `"attempts":15`) || !strings.Contains(s.After, "ListMembers") ||
		s.ActorEmail != u.Email {
		t.Errorf("summary = %+v", s)
	}
	if v := verify(t, env); !v.OK {
		t.Errorf("chain after the summary: %+v", v)
	}
}

// Events written outside a request — by a job or a command — have an
// action naming what changed.
func TestSystemEventsHaveAnAction(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	err := env.Audit.Change(authz.System(t.Context()), func(tx *ent.Tx, log *audit.Log) error {
		log.Record(audit.Event{TargetType: "server", TargetID: "srv_1", After: map[string]any{"name": "db-01"}})
		log.Record(audit.Event{TargetType: "server", TargetID: "srv_1", Before: map[string]any{"name": "db-01"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	es := events(t, env)
	if got := []string{es[len(es)-2].Action, es[len(es)-1].Action}; got[0] != "system.server.create" || got[1] != "system.server.delete" {
		t.Errorf("actions = %v", got)
	}
	n, err := env.DB.Client.AuditEvent.Query().Where(auditevent.Action("")).Count(t.Context())
	if err != nil || n != 0 {
		t.Errorf("%d events without an action", n)
	}
}

// Exploring many procedures is bounded too: sixty a minute per principal.
func TestDenialsPerPrincipalAreBounded(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	ctx := env.AsRole(t, "user@example.com", authz.RoleUser)
	for i := range 70 {
		env.Audit.RecordDenied(ctx, "/p/"+strconv.Itoa(i), "not allowed")
	}
	n, err := env.DB.Client.AuditEvent.Query().Where(auditevent.OutcomeEQ(auditevent.OutcomeDENIED)).Count(t.Context())
	if err != nil || n != 60 {
		t.Errorf("%d denied events for 70 procedures, want 60", n)
	}
}
