package order_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The workflow written out by hand, independently of order.Transitions:
// "x" where a change is allowed, rows from, columns to, in the order OPEN,
// IN_PROGRESS, WAITING_FOR_CUSTOMER, DONE, CANCELLED.
var workflow = map[order.Status]string{
	order.Open:               ". x x x x",
	order.InProgress:         "x . x x x",
	order.WaitingForCustomer: "x x . x x",
	order.Done:               ". x . . .",
	order.Cancelled:          "x . . . .",
}

func TestTransitionsAreTheWorkflow(t *testing.T) {
	t.Parallel()
	for _, from := range order.Statuses() {
		for i, to := range order.Statuses() {
			want := strings.Fields(workflow[from])[i] == "x"
			if got := order.CanTransition(from, to); got != want {
				t.Errorf("%s → %s allowed = %v, want %v", from, to, got, want)
			}
		}
	}
}

// The table in docs/orders.md is order.Transitions.
func TestTheDocsShowTheWorkflow(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../../docs/orders.md")
	if err != nil {
		t.Fatal(err)
	}
	table := apptest.TransitionTable(order.Statuses(), func(from, to order.Status) string {
		switch {
		case order.CanTransition(from, to) && order.NeedsReason(from, to):
			return "with a reason"
		case order.CanTransition(from, to):
			return "yes"
		}
		return ""
	})
	if !strings.Contains(string(doc), table) {
		t.Errorf("docs/orders.md does not show the workflow as it is; the table should read:\n%s", table)
	}
}

type fixture struct {
	env      *apptest.Env
	org, ws  uuid.UUID
	service  uuid.UUID
	operator uuid.UUID
}

func setup(t *testing.T, d testdb.Dialect) fixture {
	t.Helper()
	env := apptest.New(t, d)
	sys := authz.System(t.Context())
	org := env.Org(t, "Nordlicht Medien")
	ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Marketing", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	_, svc := env.BookedService(t, ws.ID, "Nextcloud M")
	op := env.User(t, "operator@example.com", authz.RoleOperator)
	return fixture{env: env, org: org.ID, ws: ws.ID, service: svc, operator: op.ID}
}

func day(s string) *time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return &d
}

// An order is opened with its references checked, numbered across the
// platform, changed, moved along the workflow with its reasons, commented,
// and found by the list's filters.
func TestOrdersFollowTheWorkflow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		env.Clock.Set(time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC))
		op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
		customer := env.User(t, "kunde@example.com", authz.RoleUser)

		v := order.Values{Title: "  Raise the quota  ", Kind: order.Change, ServiceInstanceID: &f.service, AssigneeID: &f.operator,
			DueDate: day("2026-03-13")}
		seq := env.LastSeq(t)
		first, err := env.Orders.Create(op, f.org, v)
		if err != nil {
			t.Fatal(err)
		}
		if first.Number != 1 || first.Title != "Raise the quota" || first.Status != order.Open || first.Priority != order.Normal ||
			first.ServiceName != "Nextcloud M" || !strings.Contains(first.AssigneeName, "operator") || !first.Overdue ||
			first.OrganizationName != "Nordlicht Medien" || first.CreatedByEmail != "lead@example.com" {
			t.Errorf("created = %+v", first)
		}
		if e := env.OneEventSince(t, seq); e.TargetType != "order" || apptest.State(t, e.After)["number"] != float64(1) {
			t.Errorf("audit = %+v", e)
		}

		// References are checked, and a refusal changes nothing.
		other := env.Org(t, "Hanse Handel")
		before := env.Fingerprint(t)
		for field, bad := range map[string]order.Values{
			"service_instance_id": {Title: "x", Kind: order.Support, ServiceInstanceID: &f.service},
			"assignee_id":         {Title: "x", Kind: order.Support, AssigneeID: &customer.ID},
			"workspace_id":        {Title: "x", Kind: order.Support, WorkspaceID: &f.ws},
			"kind":                {Title: "x", Kind: "URGENT"},
			"title":               {Title: "  ", Kind: order.Support},
		} {
			_, err := env.Orders.Create(op, other.ID, bad)
			apptest.WantErr(t, err, apierr.ErrInvalidArgument, field)
		}
		_, err = env.Orders.Create(op, uuid.New(), order.Values{Title: "x", Kind: order.Support})
		apptest.WantErr(t, err, apierr.ErrNotFound)
		if env.Fingerprint(t) != before {
			t.Error("a refused order changed something")
		}

		second, err := env.Orders.Create(op, other.ID, order.Values{Title: "Onboarding", Kind: order.Project, Priority: order.High})
		if err != nil || second.Number != 2 || second.Overdue {
			t.Fatalf("second = %+v %v", second, err)
		}

		// The workflow.
		_, err = env.Orders.SetStatus(op, first.ID, order.Cancelled, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")
		for _, to := range []order.Status{order.InProgress, order.WaitingForCustomer, order.Done} {
			if _, err := env.Orders.SetStatus(op, first.ID, to, ""); err != nil {
				t.Fatalf("to %s: %v", to, err)
			}
		}
		_, err = env.Orders.SetStatus(op, first.ID, order.Open, "again")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		_, err = env.Orders.Update(op, first.ID, order.Values{Title: "Other"}, []string{"title"})
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		done, err := env.Orders.Get(op, first.ID)
		if err != nil || done.Overdue || done.Status != order.Done {
			t.Errorf("done = %+v %v", done, err)
		}
		_, err = env.Orders.SetStatus(op, first.ID, order.InProgress, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")
		seq = env.LastSeq(t)
		if _, err := env.Orders.SetStatus(op, first.ID, order.InProgress, "The quota did not apply"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Orders.SetStatus(op, first.ID, order.InProgress, "twice"); err != nil {
			t.Fatal(err)
		}
		if n := len(env.EventsSince(t, seq)); n != 1 {
			t.Errorf("%d events for one change", n)
		}

		// Changes, and comments.
		changed, err := env.Orders.Update(op, first.ID, order.Values{Priority: order.Critical, DueDate: day("2026-03-20")},
			[]string{"priority", "due_date", "assignee_id"})
		if err != nil || changed.Priority != order.Critical || changed.AssigneeID != nil || changed.Overdue {
			t.Errorf("changed = %+v %v", changed, err)
		}
		if _, err := env.Orders.AddComment(op, first.ID, order.Customer, "Done by tonight"); err != nil {
			t.Fatal(err)
		}
		_, err = env.Orders.AddComment(op, first.ID, "PUBLIC", "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "visibility", "text")
		all, _, err := env.Orders.Comments(op, first.ID, "", 0, "")
		if err != nil || len(all) != 5 {
			t.Fatalf("comments = %+v %v", all, err)
		}
		if all[3].Code != "status-changed" || all[3].Params["reason"] != "The quota did not apply" || all[3].Visibility != order.Internal ||
			all[4].Text != "Done by tonight" || all[4].AuthorEmail != "lead@example.com" {
			t.Errorf("comments = %+v", all[3:])
		}
		customerOnly, _, err := env.Orders.Comments(op, first.ID, order.Customer, 0, "")
		if err != nil || len(customerOnly) != 1 {
			t.Errorf("customer comments = %+v %v", customerOnly, err)
		}

		// The list's filters.
		env.Clock.Set(time.Date(2026, 3, 25, 9, 0, 0, 0, time.UTC))
		count := func(f order.Filter) int {
			t.Helper()
			p, err := env.Orders.List(op, f)
			if err != nil {
				t.Fatal(err)
			}
			return p.TotalSize
		}
		for name, c := range map[string]struct {
			f    order.Filter
			want int
		}{
			"all":          {order.Filter{}, 2},
			"overdue":      {order.Filter{Overdue: true}, 1},
			"unassigned":   {order.Filter{Unassigned: true}, 2},
			"by number":    {order.Filter{Query: "#2"}, 1},
			"by title":     {order.Filter{Query: "onboard"}, 1},
			"of a service": {order.Filter{ServiceInstanceID: &f.service}, 1},
			"critical":     {order.Filter{Priorities: []order.Priority{order.Critical}}, 1},
			"projects":     {order.Filter{Kinds: []order.Kind{order.Project}, Statuses: []order.Status{order.Open}}, 1},
			"of the org":   {order.Filter{OrganizationID: &f.org}, 1},
		} {
			if got := count(c.f); got != c.want {
				t.Errorf("%s: %d orders, want %d", name, got, c.want)
			}
		}
		_, err = env.Orders.List(op, order.Filter{Unassigned: true, AssigneeID: &f.operator})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "filter.unassigned")
		p, err := env.Orders.List(op, order.Filter{PageSize: 1})
		if err != nil || len(p.Items) != 1 || p.Items[0].Number != 2 || p.NextPageToken == "" {
			t.Fatalf("first page = %+v %v", p, err)
		}
		p, err = env.Orders.List(op, order.Filter{PageSize: 1, PageToken: p.NextPageToken})
		if err != nil || len(p.Items) != 1 || p.Items[0].Number != 1 || p.NextPageToken != "" {
			t.Errorf("second page = %+v %v", p, err)
		}
	})
}

// A reseller's staff see only their customers' orders, and the numbers
// they take count across the platform.
func TestOrdersKeepTheirTenants(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		sys := authz.System(t.Context())
		ours, err := env.Orders.Create(sys, f.org, order.Values{Title: "Licensee's", Kind: order.Support})
		if err != nil {
			t.Fatal(err)
		}
		be, owner := env.ResellerOwner(t, "Reseller Nord", "owner@reseller.example")
		theirOrg := env.ResellerOrg(t, be, "Kunde Nord")
		rctx := env.As(t, owner)
		theirs, err := env.Orders.Create(rctx, theirOrg, order.Values{Title: "Reseller's", Kind: order.Support})
		if err != nil || theirs.Number != 2 {
			t.Fatalf("reseller's order = %+v %v", theirs, err)
		}
		_, err = env.Orders.Get(rctx, ours.ID)
		apptest.WantErr(t, err, apierr.ErrNotFound)
		_, err = env.Orders.Create(rctx, f.org, order.Values{Title: "x", Kind: order.Support})
		apptest.WantErr(t, err, apierr.ErrNotFound)
		_, err = env.Orders.AddComment(rctx, ours.ID, order.Internal, "peek")
		apptest.WantErr(t, err, apierr.ErrNotFound)
		p, err := env.Orders.List(rctx, order.Filter{})
		if err != nil || p.TotalSize != 1 || p.Items[0].ID != theirs.ID {
			t.Errorf("reseller's list = %+v %v", p, err)
		}
		if !slices.ContainsFunc(mustList(t, env, sys).Items, func(o order.Order) bool { return o.ID == theirs.ID }) {
			t.Error("the platform does not see the reseller's order")
		}
	})
}

func mustList(t *testing.T, env *apptest.Env, ctx context.Context) *order.Page {
	t.Helper()
	p, err := env.Orders.List(ctx, order.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
