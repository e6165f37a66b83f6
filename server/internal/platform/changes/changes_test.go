package changes_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func has(s *changes.Set, id uuid.UUID) bool { _, ok := s.IDs[id]; return ok }

// The hook collects what a tracked transaction writes — the rows' ids, the
// ids they refer to, the rows a bulk update reaches — and nothing of any
// other transaction.
func TestHookCollectsInTheTrackedTransactionOnly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := authz.System(context.Background())
		org := env.Org(t, "Acme")
		ws, err := env.Orgs.CreateWorkspace(ctx, org.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}

		// Another transaction's writes are not collected: beside the
		// tracked one on Postgres; before it on SQLite, which has one
		// writer at a time.
		other := func() {
			t.Helper()
			tx, err := env.DB.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.Organization.UpdateOneID(org.ID).SetName("Elsewhere").Exec(ctx); err != nil {
				t.Fatal(err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
		}
		if d == testdb.SQLite {
			other()
		}
		tracked, err := env.DB.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tracked.Rollback()
		changes.Track(tracked)
		if d == testdb.Postgres {
			other()
		}
		if err := tracked.Workspace.Update().Where(workspace.OrganizationID(org.ID)).SetName("Staging").Exec(ctx); err != nil {
			t.Fatal(err)
		}
		created, err := tracked.Workspace.Create().SetOrganizationID(org.ID).SetName("Test").
			SetCreateTime(env.Clock.Now()).SetUpdateTime(env.Clock.Now()).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set := changes.Forget(tracked)
		if !has(set, ws.ID) {
			t.Errorf("the bulk update's row %s is missing: %v", ws.ID, set.IDs)
		}
		if !has(set, created.ID) || !has(set, org.ID) {
			t.Errorf("the new workspace or the organization it refers to is missing: %v", set.IDs)
		}
		if _, ok := set.Types[ent.TypeWorkspace]; !ok || len(set.Types) != 1 || len(set.Bulk) != 0 {
			t.Errorf("types %v, bulk %v: want only Workspace, nothing in bulk", set.Types, set.Bulk)
		}
		if again := changes.Forget(tracked); !again.Empty() {
			t.Errorf("Forget twice returned %v", again.IDs)
		}
	})
}

// A change stores what it wrote under the version it moved the audit head
// to, and a feed reads it back; the audit trail's own rows are not in it.
func TestChangesAreStoredWithTheirVersion(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := authz.System(context.Background())
		org := env.Org(t, "Acme")
		actor := env.User(t, "ops@example.com", authz.RoleOperator)
		asActor := env.As(t, actor)
		before := env.LastSeq(t)
		if err := env.Audit.Change(asActor, func(tx *ent.Tx, log *audit.Log) error {
			log.Record(audit.Event{Action: "test.rename", TargetType: "organization", TargetID: org.ID.String()})
			return tx.Organization.UpdateOneID(org.ID).SetName("Acme 2").Exec(ctx)
		}); err != nil {
			t.Fatal(err)
		}
		version := env.LastSeq(t)
		read := changes.ReadFrom(env.DB.Client)
		got, err := read(ctx, before, version)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Version != version {
			t.Fatalf("changes after %d up to %d: %+v, want one at %d", before, version, got, version)
		}
		if !has(got[0].Set, org.ID) || has(got[0].Set, actor.ID) {
			t.Errorf("stored ids %v: want the organization and not the actor the audit event names", got[0].IDs)
		}
		if _, ok := got[0].Types[ent.TypeAuditEvent]; ok {
			t.Errorf("the audit trail's own rows are in the change: %v", got[0].Types)
		}
	})
}

func TestSetRoundTripAndTouches(t *testing.T) {
	t.Parallel()
	a, b := uuid.New(), uuid.New()
	s := changes.NewSet()
	s.Types["Organization"] = struct{}{}
	s.Bulk["User"] = struct{}{}
	s.IDs[a] = struct{}{}
	types, bulk, ids := s.Encode()
	back := changes.Decode(types, bulk, ids)
	if !has(back, a) || len(back.IDs) != 1 || types != "Organization" || bulk != "User" {
		t.Errorf("round trip: %q %q %q → %+v", types, bulk, ids, back)
	}
	if damaged := changes.Decode("Workspace", "", "not-an-id "+b.String()); !has(damaged, b) {
		t.Errorf("a damaged row lost its good ids")
	} else if _, ok := damaged.Bulk["Workspace"]; !ok {
		t.Errorf("a damaged row's types do not count as written in bulk: %v", damaged.Bulk)
	}
	for _, c := range []struct {
		name string
		deps changes.Deps
		want bool
	}{
		{"its row", changes.Deps{IDs: []uuid.UUID{a}}, true},
		{"another row", changes.Deps{IDs: []uuid.UUID{b}, Types: []string{"Organization"}}, false},
		{"a list of the type", changes.Deps{Whole: []string{"Organization"}}, true},
		{"a row of a bulk-written type", changes.Deps{IDs: []uuid.UUID{b}, Types: []string{"User"}}, true},
		{"a list of another type", changes.Deps{Whole: []string{"Workspace"}}, false},
	} {
		if got := c.deps.Touches(s); got != c.want {
			t.Errorf("%s: Touches = %v, want %v", c.name, got, c.want)
		}
	}
	if strings.Count(ids, " ") != 0 {
		t.Errorf("one id encoded as %q", ids)
	}
}
