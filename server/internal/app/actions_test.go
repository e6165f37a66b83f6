package app_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// namedActions is the admin panel's copy of audit.NamedActions, for which
// its test demands a label in every language.
var namedActions = filepath.Join("..", "..", "..", "frontend", "src", "components", "audit", "named-actions.gen.json")

func jobNames(env *apptest.Env) []string {
	var out []string
	for _, j := range env.Jobs.Jobs() {
		out = append(out, j.Name)
	}
	return out
}

// The demo data and a run of every job, work done outside a request, write
// no event without an action, nor one named only generically: each is
// named for the work that wrote it, with an action the admin panel labels.
func TestWorkOutsideRequestsNamesItsEvents(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	ctx := authz.System(t.Context())
	if err := env.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range jobNames(env) {
		if _, err := env.Jobs.RunNow(ctx, name); err != nil {
			t.Fatalf("run %s: %v", name, err)
		}
	}
	if _, err := env.Audit.KeyChain(ctx); err != nil {
		t.Fatal(err)
	}
	named := audit.NamedActions(jobNames(env)...)
	events := env.EventsSince(t, 0)
	if len(events) == 0 {
		t.Fatal("the demo data wrote no events")
	}
	for _, e := range events {
		switch {
		case e.Action == "":
			t.Errorf("event #%d on %s %s has no action", e.Sequence, e.TargetType, e.TargetID)
		case audit.IsFallbackAction(e.Action):
			t.Errorf("event #%d on %s %s is named only %q: the work that wrote it names none (audit.WithAction)", e.Sequence, e.TargetType, e.TargetID, e.Action)
		case !strings.HasPrefix(e.Action, "/") && !slices.Contains(named, e.Action):
			t.Errorf("event #%d is named %q, which is not among audit.NamedActions", e.Sequence, e.Action)
		}
	}
}

// The admin panel's list of named actions is audit.NamedActions for the
// registered jobs (go test -run TestTheAdminPanelKnowsEveryNamedAction
// -update rewrites it).
func TestTheAdminPanelKnowsEveryNamedAction(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	compare(t, namedActions, audit.NamedActions(jobNames(env)...))
}
