package audit_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// events returns every audit event, oldest first.
func events(t *testing.T, env *apptest.Env) []*ent.AuditEvent {
	t.Helper()
	es, err := env.DB.Client.AuditEvent.Query().Order(ent.Asc(auditevent.FieldSequence)).All(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// resellers returns the names of the billing entities of kind RESELLER, the
// rows the changes under test write.
func resellers(t *testing.T, env *apptest.Env) []string {
	t.Helper()
	bes, err := env.DB.Client.BillingEntity.Query().Where(billingentity.KindEQ(billingentity.KindRESELLER)).All(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bes {
		out = append(out, b.Name)
	}
	slices.Sort(out)
	return out
}

// addReseller is a change that writes one row.
func addReseller(ctx context.Context, tx *ent.Tx, name string) error {
	now := time.Now()
	return tx.BillingEntity.Create().SetName(name).SetKind(billingentity.KindRESELLER).SetCreateTime(now).SetUpdateTime(now).Exec(ctx)
}

// write appends n events in changes of up to 100 events each.
func write(t *testing.T, env *apptest.Env, n int) {
	t.Helper()
	ctx := authz.System(t.Context())
	for n > 0 {
		k := min(n, 100)
		err := env.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
			for i := range k {
				log.Record(audit.Event{Action: "test.write", TargetType: "thing", TargetID: strconv.Itoa(i), Reason: "bulk",
					Before: map[string]any{"n": i}, After: map[string]any{"n": i + 1}})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		n -= k
	}
}

// exec runs a statement written with ? placeholders on either database.
func exec(t *testing.T, env *apptest.Env, query string, args ...any) {
	t.Helper()
	if env.DB.Dialect == dialect.Postgres {
		for i := 1; strings.Contains(query, "?"); i++ {
			query = strings.Replace(query, "?", "$"+strconv.Itoa(i), 1)
		}
	}
	if _, err := env.DB.SQL.ExecContext(t.Context(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func verify(t *testing.T, env *apptest.Env) audit.Verification {
	t.Helper()
	v, err := env.Audit.Verify(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestChangeIsOneTransaction(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name      string
		fn        func(ctx context.Context) func(tx *ent.Tx, log *audit.Log) error
		wantErr   error // nil: any error
		wantOK    bool
		wantPanic bool
	}{
		{
			name: "change and event",
			fn: func(ctx context.Context) func(tx *ent.Tx, log *audit.Log) error {
				return func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{TargetType: "billing_entity", TargetID: "kept", After: map[string]string{"name": "kept"}})
					return addReseller(ctx, tx, "kept")
				}
			},
			wantOK: true,
		},
		{
			name: "change fails after writing",
			fn: func(ctx context.Context) func(tx *ent.Tx, log *audit.Log) error {
				return func(tx *ent.Tx, log *audit.Log) error {
					if err := addReseller(ctx, tx, "failed"); err != nil {
						return err
					}
					log.Record(audit.Event{TargetType: "billing_entity", TargetID: "failed"})
					return boom
				}
			},
			wantErr: boom,
		},
		{
			name: "domain error after writing",
			fn: func(ctx context.Context) func(tx *ent.Tx, log *audit.Log) error {
				return func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{TargetType: "billing_entity", TargetID: "refused"})
					if err := addReseller(ctx, tx, "refused"); err != nil {
						return err
					}
					return apierr.FailedPrecondition("not now")
				}
			},
			wantErr: apierr.ErrFailedPrecondition,
		},
		{
			name: "change records no event",
			fn: func(ctx context.Context) func(tx *ent.Tx, log *audit.Log) error {
				return func(tx *ent.Tx, log *audit.Log) error { return addReseller(ctx, tx, "unaudited") }
			},
		},
		{
			name: "change panics",
			fn: func(ctx context.Context) func(tx *ent.Tx, log *audit.Log) error {
				return func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{TargetType: "billing_entity", TargetID: "panicked"})
					if err := addReseller(ctx, tx, "panicked"); err != nil {
						return err
					}
					panic("boom")
				}
			},
			wantPanic: true,
		},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		write(t, env, 3)
		ctx := authz.System(t.Context())
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := len(events(t, env))
				had := resellers(t, env)
				var err error
				panicked := func() (p bool) {
					defer func() { p = recover() != nil }()
					err = env.Audit.Change(ctx, tt.fn(ctx))
					return false
				}()
				if panicked != tt.wantPanic {
					t.Fatalf("panicked = %v, want %v", panicked, tt.wantPanic)
				}
				if tt.wantOK {
					if err != nil {
						t.Fatal(err)
					}
					if got := len(events(t, env)); got != before+1 {
						t.Errorf("%d events, want %d", got, before+1)
					}
					if got := resellers(t, env); len(got) != len(had)+1 {
						t.Errorf("resellers %v, want one more than %v", got, had)
					}
				} else {
					if !tt.wantPanic && (err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr))) {
						t.Errorf("error = %v, want %v", err, tt.wantErr)
					}
					if got := len(events(t, env)); got != before {
						t.Errorf("%d events after a failed change, want %d", got, before)
					}
					if got := resellers(t, env); !slices.Equal(got, had) {
						t.Errorf("resellers %v after a failed change, want %v", got, had)
					}
				}
				if v := verify(t, env); !v.OK {
					t.Errorf("chain broken after the change: %+v", v)
				}
			})
		}
	})
}

func TestEventsNameTheActor(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		op := env.User(t, "op@leitstand.example", authz.RoleOperator)
		signedIn := env.As(t, op)
		info := &reqctx.Info{RequestID: "req-0123456789", Procedure: "/leitstand.admin.v1.OrganizationService/UpdateOrganization"}
		tests := []struct {
			name                         string
			ctx                          context.Context
			action                       string
			wantAction                   string
			wantID                       *uuid.UUID
			wantEmail, wantRole, wantReq string
		}{
			{name: "user in a request", ctx: reqctx.With(signedIn, info), wantAction: info.Procedure, wantID: &op.ID, wantEmail: op.Email, wantRole: "OPERATOR", wantReq: info.RequestID},
			{name: "explicit action", ctx: reqctx.With(signedIn, info), action: "user.create", wantAction: "user.create", wantID: &op.ID, wantEmail: op.Email, wantRole: "OPERATOR", wantReq: info.RequestID},
			{name: "system", ctx: authz.System(t.Context()), action: "job.run", wantAction: "job.run", wantEmail: "system"},
			{name: "system work names its events", ctx: audit.WithAction(authz.System(t.Context()), "job.server_sync"), wantAction: "job.server_sync", wantEmail: "system"},
			{name: "a request's procedure before the work", ctx: audit.WithAction(reqctx.With(signedIn, info), "job.server_sync"), wantAction: info.Procedure, wantID: &op.ID, wantEmail: op.Email, wantRole: "OPERATOR", wantReq: info.RequestID},
			{name: "anonymous", ctx: t.Context(), action: "signup", wantAction: "signup"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				env.Clock.Advance(time.Second)
				before := len(events(t, env))
				err := env.Audit.Change(tt.ctx, func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{Action: tt.action, TargetType: "organization", TargetID: "org_1", Reason: "why", Before: map[string]int{"a": 1}, After: map[string]int{"a": 2}})
					log.Record(audit.Event{Action: tt.action, TargetType: "workspace", TargetID: "ws_1"})
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				es := events(t, env)[before:]
				if len(es) != 2 || es[1].Sequence != es[0].Sequence+1 || string(es[1].PrevHash) != string(es[0].Hash) {
					t.Fatalf("%d events, want 2 chained in order", len(es))
				}
				for _, e := range es {
					if e.Action != tt.wantAction || e.ActorEmail != tt.wantEmail || e.ActorRole != tt.wantRole || e.RequestID != tt.wantReq ||
						(e.ActorID == nil) != (tt.wantID == nil) || (e.ActorID != nil && *e.ActorID != *tt.wantID) {
						t.Errorf("event action %q actor %v %q %q request %q, want %q %v %q %q %q",
							e.Action, e.ActorID, e.ActorEmail, e.ActorRole, e.RequestID, tt.wantAction, tt.wantID, tt.wantEmail, tt.wantRole, tt.wantReq)
					}
					if !e.OccurTime.Equal(env.Clock.Now()) || e.Outcome != auditevent.OutcomeSUCCEEDED {
						t.Errorf("event at %v outcome %s, want %v SUCCEEDED", e.OccurTime, e.Outcome, env.Clock.Now())
					}
				}
				if es[0].Before != `{"a":1}` || es[0].After != `{"a":2}` || es[0].Reason != "why" || es[1].Before != "" || es[1].After != "" {
					t.Errorf("states %q -> %q and %q -> %q", es[0].Before, es[0].After, es[1].Before, es[1].After)
				}
			})
		}
	})
}

func TestVerifyIntactChain(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		if v := verify(t, env); !v.OK || v.Events != 0 {
			t.Errorf("empty trail: %+v, want OK with 0 events", v)
		}
		write(t, env, 1)
		if v := verify(t, env); !v.OK || v.Events != 1 {
			t.Errorf("one event: %+v, want OK with 1 event", v)
		}
		// More than one batch of the verifier, ending exactly on a batch
		// boundary and then past it.
		write(t, env, 1999)
		if v := verify(t, env); !v.OK || v.Events != 2000 {
			t.Errorf("2000 events: %+v, want OK", v)
		}
		owner := env.User(t, "owner@leitstand.example", authz.RoleOwner)
		env.Audit.RecordDenied(env.As(t, owner), "/x", "no")
		write(t, env, 150)
		n, _ := env.DB.Client.AuditEvent.Query().Count(t.Context())
		if v := verify(t, env); !v.OK || v.Events != int64(n) || v.BadSequence != 0 || v.Problem != "" {
			t.Errorf("%d events: %+v, want OK", n, v)
		}
	})
}

// TestVerifyFindsTampering tampers with the stored trail, each time on a
// fresh database, and checks that Verify names the first bad event.
func TestVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	const n = 40
	tests := []struct {
		name    string
		events  int
		tamper  func(t *testing.T, env *apptest.Env)
		wantBad int64
	}{
		{
			name: "edited reason", events: n, wantBad: 17,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET reason = ? WHERE sequence = ?", "nothing to see", 17)
			},
		},
		{
			name: "edited state", events: n, wantBad: 3,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, `UPDATE audit_events SET "after" = ? WHERE sequence = ?`, `{"n":999}`, 3)
			},
		},
		{
			name: "edited actor", events: n, wantBad: 30,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET actor_email = ? WHERE sequence = ?", "someone@else.example", 30)
			},
		},
		{
			name: "edited outcome", events: n, wantBad: 9,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET outcome = ? WHERE sequence = ?", "DENIED", 9)
			},
		},
		{
			name: "edited first event", events: n, wantBad: 1,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET target_id = ? WHERE sequence = ?", "other", 1)
			},
		},
		{
			name: "edited last event", events: n, wantBad: n,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET action = ? WHERE sequence = ?", "other", n)
			},
		},
		{
			name: "deleted in the middle", events: n, wantBad: 20,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events WHERE sequence = ?", 20)
			},
		},
		{
			name: "deleted first", events: n, wantBad: 1,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events WHERE sequence = ?", 1)
			},
		},
		{
			name: "deleted and renumbered", events: n, wantBad: 20,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events WHERE sequence = ?", 20)
				exec(t, env, "UPDATE audit_events SET sequence = sequence - 1000 WHERE sequence > ?", 20)
				exec(t, env, "UPDATE audit_events SET sequence = sequence + 999 WHERE sequence < 0")
			},
		},
		{
			name: "two swapped", events: n, wantBad: 12,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET sequence = ? WHERE sequence = ?", -1, 12)
				exec(t, env, "UPDATE audit_events SET sequence = ? WHERE sequence = ?", 12, 13)
				exec(t, env, "UPDATE audit_events SET sequence = ? WHERE sequence = ?", 13, -1)
			},
		},
		{
			name: "last deleted", events: n, wantBad: n,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events WHERE sequence = ?", n)
			},
		},
		{
			name: "last three deleted", events: n, wantBad: n - 2,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events WHERE sequence > ?", n-3)
			},
		},
		{
			name: "all deleted", events: n, wantBad: 1,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events")
			},
		},
		{
			name: "edited past the first batch", events: 1200, wantBad: 1111,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "UPDATE audit_events SET reason = ? WHERE sequence = ?", "", 1111)
			},
		},
		{
			name: "deleted at a batch boundary", events: 1200, wantBad: 1001,
			tamper: func(t *testing.T, env *apptest.Env) {
				exec(t, env, "DELETE FROM audit_events WHERE sequence = ?", 1001)
			},
		},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				env := apptest.New(t, d)
				write(t, env, tt.events)
				if v := verify(t, env); !v.OK {
					t.Fatalf("intact chain: %+v", v)
				}
				tt.tamper(t, env)
				v := verify(t, env)
				if v.OK || v.BadSequence != tt.wantBad || v.Problem == "" {
					t.Errorf("Verify = %+v, want not OK at event %d", v, tt.wantBad)
				}
			})
		}
	})
}

// TestVerifyWhileWriting verifies the trail again and again while changes
// keep being written. Events appended during a verification are not
// tampering.
func TestVerifyWhileWriting(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		write(t, env, 50)
		ctx, stop := context.WithCancel(t.Context())
		var wg sync.WaitGroup
		wg.Go(func() {
			for ctx.Err() == nil {
				err := env.Audit.Change(authz.System(ctx), func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{Action: "test.write"})
					return nil
				})
				if err != nil && ctx.Err() == nil {
					t.Errorf("write: %v", err)
					return
				}
			}
		})
		deadline := time.Now().Add(time.Second)
		runs := 0
		for ; runs < 200 && time.Now().Before(deadline); runs++ {
			if v := verify(t, env); !v.OK {
				t.Errorf("run %d: Verify = %+v while events were appended, want OK", runs, v)
				break
			}
		}
		stop()
		wg.Wait()
		if v := verify(t, env); !v.OK {
			t.Errorf("after writing: %+v", v)
		}
		t.Logf("%d verifications", runs)
	})
}

func TestRecordDenied(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		dev := env.User(t, "dev@leitstand.example", authz.RoleDeveloper)
		ctx := reqctx.With(env.As(t, dev), &reqctx.Info{RequestID: "req-denied-1", Procedure: "/leitstand.admin.v1.MemberService/DisableMember"})
		env.Clock.Advance(time.Minute)
		before := len(events(t, env))
		env.Audit.RecordDenied(ctx, "/leitstand.admin.v1.MemberService/DisableMember", "needs MEMBERS_WRITE")
		es := events(t, env)[before:]
		if len(es) != 1 {
			t.Fatalf("%d events, want 1", len(es))
		}
		e := es[0]
		if e.Outcome != auditevent.OutcomeDENIED || e.ActorID == nil || *e.ActorID != dev.ID || e.ActorEmail != dev.Email || e.ActorRole != "DEVELOPER" ||
			e.Action != "/leitstand.admin.v1.MemberService/DisableMember" || e.Reason != "needs MEMBERS_WRITE" || e.RequestID != "req-denied-1" ||
			!e.OccurTime.Equal(env.Clock.Now()) {
			t.Errorf("denied event: %+v", e)
		}
		if v := verify(t, env); !v.OK {
			t.Errorf("chain with a denied event: %+v", v)
		}
	})
}

func TestList(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		op := env.User(t, "op@leitstand.example", authz.RoleOperator)
		dev := env.User(t, "dev@leitstand.example", authz.RoleDeveloper)
		asOp, asDev := env.As(t, op), env.As(t, dev)
		start := env.Clock.Now()
		// Signing in wrote events at the start; hour i+1 has the plan's
		// event i, whose actor, target and action vary.
		type ev struct {
			ctx             context.Context
			action, typ, id string
			denied          bool
		}
		plan := []ev{
			{asOp, "/leitstand.admin.v1.OrganizationService/CreateOrganization", "organization", "org_a", false},
			{asOp, "/leitstand.admin.v1.OrganizationService/UpdateOrganization", "organization", "org_a", false},
			{asDev, "/leitstand.admin.v1.OrganizationService/UpdateOrganization", "", "", true},
			{asOp, "/leitstand.admin.v1.OrganizationService/CreateWorkspace", "workspace", "ws_a", false},
			{asOp, "/leitstand.admin.v1.OrganizationService/UpdateOrganization", "organization", "org_b", false},
			{asDev, "/leitstand.admin.v1.MemberService/DisableMember", "", "", true},
			{authz.System(t.Context()), "job.billing", "organization", "org_a", false},
			{asOp, "/leitstand.admin.v1.MemberService/DisableMember", "user", "usr_x", false},
		}
		seqOf := map[int]int64{}
		for i, p := range plan {
			env.Clock.Set(start.Add(time.Duration(i+1) * time.Hour))
			if p.denied {
				env.Audit.RecordDenied(p.ctx, p.action, "denied")
			} else {
				err := env.Audit.Change(p.ctx, func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{Action: p.action, TargetType: p.typ, TargetID: p.id})
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			es := events(t, env)
			seqOf[i] = es[len(es)-1].Sequence
		}
		hour := func(h int) time.Time { return start.Add(time.Duration(h) * time.Hour) }
		tests := []struct {
			name string
			f    audit.Filter
			want []int // plan indexes, newest first
		}{
			{name: "by actor", f: audit.Filter{ActorID: &dev.ID, Start: hour(1)}, want: []int{5, 2}},
			{name: "by target type", f: audit.Filter{TargetType: "organization"}, want: []int{6, 4, 1, 0}},
			{name: "by target", f: audit.Filter{TargetType: "organization", TargetID: "org_a"}, want: []int{6, 1, 0}},
			{name: "by action fragment", f: audit.Filter{Action: "updateorganization"}, want: []int{4, 2, 1}},
			{name: "by service", f: audit.Filter{Action: "MemberService/"}, want: []int{7, 5}},
			{name: "from", f: audit.Filter{Start: hour(6)}, want: []int{7, 6, 5}},
			{name: "until, exclusive", f: audit.Filter{Start: hour(1), End: hour(3)}, want: []int{1, 0}},
			{name: "time range", f: audit.Filter{Start: hour(2), End: hour(5)}, want: []int{3, 2, 1}},
			{name: "denied", f: audit.Filter{Outcome: audit.Denied}, want: []int{5, 2}},
			{name: "succeeded by the operator", f: audit.Filter{Outcome: audit.Succeeded, ActorID: &op.ID, Start: hour(1)}, want: []int{7, 4, 3, 1, 0}},
			{name: "nothing", f: audit.Filter{ActorID: &dev.ID, Outcome: audit.Succeeded, Start: hour(1)}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var want []int64
				for _, i := range tt.want {
					want = append(want, seqOf[i])
				}
				// All at once, then in pages of 2.
				for _, size := range []int32{100, 2} {
					var got []int64
					token := ""
					for range 20 {
						page, next, err := audit.List(t.Context(), env.DB.Client, tt.f, size, token)
						if err != nil {
							t.Fatal(err)
						}
						if len(page) > int(size) {
							t.Fatalf("page of %d has %d events", size, len(page))
						}
						for _, e := range page {
							got = append(got, e.Sequence)
						}
						if token = next; token == "" {
							break
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("pages of %d: events %v, want %v", size, got, want)
					}
				}
			})
		}

		_, next, err := audit.List(t.Context(), env.DB.Client, audit.Filter{Outcome: audit.Denied}, 1, "")
		if err != nil || next == "" {
			t.Fatalf("no second page: %v", err)
		}
		_, _, err = audit.List(t.Context(), env.DB.Client, audit.Filter{Outcome: audit.Succeeded}, 1, next)
		if !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("a page token of another filter: %v, want InvalidArgument", err)
		}
	})
}

// A change that finds nothing to change ends with audit.Unchanged: Change
// returns nil, what it wrote before it noticed is rolled back, and the trail
// records nothing.
func TestUnchangedEndsAChangeWithoutATrace(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	ctx := authz.System(t.Context())
	before := len(events(t, env))
	err := env.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := addReseller(ctx, tx, "written, then found unneeded"); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "billing_entity", TargetID: "x"})
		return audit.Unchanged
	})
	if err != nil {
		t.Fatalf("Change = %v, want nil", err)
	}
	if got := resellers(t, env); len(got) != 0 {
		t.Errorf("resellers after an unchanged change: %v", got)
	}
	if n := len(events(t, env)); n != before {
		t.Errorf("%d events after an unchanged change, want %d", n, before)
	}
}
