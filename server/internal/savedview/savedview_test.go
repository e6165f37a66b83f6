package savedview_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/savedview"
)

func kindOf(err error) apierr.Kind {
	var e *apierr.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func names(t *testing.T, env *apptest.Env, ctx context.Context, page string) []string {
	t.Helper()
	vs, err := env.Views.List(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		out = append(out, v.Name)
	}
	return out
}

// A view is its author's; shared, the staff of the same billing entity
// apply it too, and nobody else sees it.
func TestSavedViewsAreSharedWithTheTeamOnly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		owner := env.As(t, env.User(t, "owner@platform.example", authz.RoleOwner))
		colleague := env.As(t, env.User(t, "dev@platform.example", authz.RoleDeveloper))
		be, rOwner := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		reseller := env.As(t, rOwner)
		rColleagueUser := env.User(t, "op@partner-a.example", authz.RoleOperator)
		env.JoinReseller(t, be, rColleagueUser.ID)
		rColleague := env.As(t, rColleagueUser)

		seq := env.LastSeq(t)
		private, err := env.Views.Create(owner, savedview.Values{Page: "organizations", Name: "  Gesperrte Kunden ",
			Parameters: map[string]string{"status": "SUSPENDED"}, Columns: []string{"name", "status"}})
		if err != nil {
			t.Fatal(err)
		}
		if private.Name != "Gesperrte Kunden" || !private.Own || private.Shared {
			t.Errorf("created %+v", private)
		}
		if ev := env.OneEventSince(t, seq); ev.TargetType != "saved_view" || !strings.Contains(string(ev.After), "SUSPENDED") {
			t.Errorf("audit event %+v", ev)
		}
		shared, err := env.Views.Create(owner, savedview.Values{Page: "organizations", Name: "Neueste", Parameters: map[string]string{"sort": "created_desc"}, Shared: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Views.Create(reseller, savedview.Values{Page: "organizations", Name: "Partner-Team", Shared: true}); err != nil {
			t.Fatal(err)
		}

		if got := names(t, env, owner, "organizations"); !slices.Equal(got, []string{"Gesperrte Kunden", "Neueste"}) {
			t.Errorf("owner sees %v", got)
		}
		if got := names(t, env, colleague, "organizations"); !slices.Equal(got, []string{"Neueste"}) {
			t.Errorf("a colleague sees %v, want the shared view only", got)
		}
		if got := names(t, env, rColleague, "organizations"); !slices.Equal(got, []string{"Partner-Team"}) {
			t.Errorf("the reseller's staff see %v, want their team's view only", got)
		}
		if got := names(t, env, owner, "invoices"); len(got) != 0 {
			t.Errorf("another page's views: %v", got)
		}

		// The audit log names the views its reader sees.
		if got, _ := env.Views.Names(colleague, []uuid.UUID{private.ID, shared.ID}); len(got) != 1 || got[shared.ID] != "Neueste" {
			t.Errorf("a colleague's names of the views: %v", got)
		}
		// Only the author changes a view; a private one is not found.
		if _, err := env.Views.Update(colleague, private.ID, savedview.Values{Name: "Meins"}, []string{"name"}); kindOf(err) != apierr.KindNotFound {
			t.Errorf("a colleague renamed a private view: %v", err)
		}
		if _, err := env.Views.Update(colleague, shared.ID, savedview.Values{Name: "Meins"}, []string{"name"}); kindOf(err) != apierr.KindFailedPrecondition {
			t.Errorf("a colleague renamed a shared view: %v", err)
		}
		if err := env.Views.Delete(reseller, shared.ID); kindOf(err) != apierr.KindNotFound {
			t.Errorf("a reseller deleted the licensee's view: %v", err)
		}
		// Unsharing takes it from the team.
		if _, err := env.Views.Update(owner, shared.ID, savedview.Values{}, []string{"shared"}); err != nil {
			t.Fatal(err)
		}
		if got := names(t, env, colleague, "organizations"); len(got) != 0 {
			t.Errorf("after unsharing a colleague sees %v", got)
		}
		if err := env.Views.Delete(owner, private.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(t, env, owner, "organizations"); !slices.Equal(got, []string{"Neueste"}) {
			t.Errorf("after deleting, the owner sees %v", got)
		}
	})
}

func TestSavedViewsRefuseWhatIsPastTheirBounds(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	owner := env.As(t, env.User(t, "owner@platform.example", authz.RoleOwner))
	many := map[string]string{}
	for i := range savedview.MaxParameters + 1 {
		many[strings.Repeat("p", i+1)] = "x"
	}
	for name, tc := range map[string]struct {
		v     savedview.Values
		field string
	}{
		"unknown page": {savedview.Values{Page: "secrets", Name: "x"}, "view.page"},
		"empty name":   {savedview.Values{Page: "organizations", Name: "  "}, "view.name"},
		"long name":    {savedview.Values{Page: "organizations", Name: strings.Repeat("ä", 81)}, "view.name"},
		"parameters":   {savedview.Values{Page: "organizations", Name: "x", Parameters: many}, "view.parameters"},
		"columns":      {savedview.Values{Page: "organizations", Name: "x", Columns: []string{"name", "name"}}, "view.columns[1]"},
	} {
		_, err := env.Views.Create(owner, tc.v)
		var e *apierr.Error
		if !errors.As(err, &e) || e.Kind != apierr.KindInvalidArgument || e.Fields[0].Field != tc.field {
			t.Errorf("%s: %v, want invalid at %s", name, err, tc.field)
		}
	}
	if _, err := env.Views.Create(owner, savedview.Values{Page: "organizations", Name: "Eins"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Views.Create(owner, savedview.Values{Page: "organizations", Name: "Eins"}); kindOf(err) != apierr.KindAlreadyExists {
		t.Errorf("a second view of the same name: %v", err)
	}
	for i := 1; i < savedview.MaxPerPage; i++ {
		if _, err := env.Views.Create(owner, savedview.Values{Page: "organizations", Name: "View " + strings.Repeat("i", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.Views.Create(owner, savedview.Values{Page: "organizations", Name: "Zu viel"}); kindOf(err) != apierr.KindFailedPrecondition {
		t.Errorf("view %d: %v, want failed_precondition", savedview.MaxPerPage+1, err)
	}
	// A customer's user has no administration panel.
	customer := env.As(t, env.User(t, "kunde@example.com", authz.RoleUser))
	if _, err := env.Views.List(customer, "organizations"); kindOf(err) != apierr.KindPermissionDenied {
		t.Errorf("a customer lists views: %v", err)
	}
}

func TestDashboardLayout(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	owner := env.As(t, env.User(t, "owner@platform.example", authz.RoleOwner))
	ids := func(l savedview.Layout) []string {
		var out []string
		for _, w := range l.Widgets {
			id := w.ID
			if w.Hidden {
				id += " (hidden)"
			}
			out = append(out, id)
		}
		return out
	}
	l, err := env.Views.Layout(owner)
	if err != nil {
		t.Fatal(err)
	}
	if l.Customised || !slices.Equal(ids(l), savedview.WidgetIDs()) {
		t.Errorf("default layout: %v", ids(l))
	}
	l, err = env.Views.SetLayout(owner, []savedview.Placed{{ID: "recent_changes"}, {ID: "revenue", Hidden: true}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"recent_changes", "revenue (hidden)", "key_figures", "top_customers", "server_health", "failing_syncs", "failed_runs"}
	if got, _ := env.Views.Layout(owner); !got.Customised || !slices.Equal(ids(got), want) || !slices.Equal(ids(l), want) {
		t.Errorf("stored layout: %v, want %v", ids(got), want)
	}
	for _, bad := range [][]savedview.Placed{{{ID: "weather"}}, {{ID: "revenue"}, {ID: "revenue"}}} {
		if _, err := env.Views.SetLayout(owner, bad); kindOf(err) != apierr.KindInvalidArgument {
			t.Errorf("%v: %v, want invalid_argument", bad, err)
		}
	}
	// A developer reads no invoices: the revenue is not theirs to place.
	dev := env.As(t, env.User(t, "dev@platform.example", authz.RoleDeveloper))
	if _, err := env.Views.SetLayout(dev, []savedview.Placed{{ID: "revenue"}}); kindOf(err) != apierr.KindInvalidArgument {
		t.Errorf("a developer placed the revenue: %v", err)
	}
	if l, err := env.Views.ResetLayout(owner); err != nil || l.Customised || !slices.Equal(ids(l), savedview.WidgetIDs()) {
		t.Errorf("reset: %v %v", ids(l), err)
	}
}
