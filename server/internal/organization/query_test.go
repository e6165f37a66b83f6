package organization_test

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// seedForPaging creates 30 organizations with repeated names and repeated
// creation times, so both orders need the id to break ties. Every fourth is
// suspended. Names are lower-case letters only, so every collation sorts
// them the same way.
func seedForPaging(t *testing.T, env *apptest.Env) []*ent.Organization {
	t.Helper()
	names := []string{
		"nordlicht", "acme", "bergbau", "zeitwerk", "acme", "kanzlei", "bergbau", "hafen", "acme", "delta",
		"quelle", "ufer", "bergbau", "muehle", "eiche", "falke", "acme", "garten", "insel", "jade",
		"lotse", "bergbau", "ofen", "pilot", "rabe", "segel", "turm", "vogel", "welle", "acme",
	}
	for i, n := range names {
		if i%3 != 2 { // every third shares its creation time with the one before
			env.Clock.Advance(time.Minute)
		}
		o := env.Org(t, n)
		if i%4 == 3 {
			forceStatus(t, env, o.ID, organization.StatusSuspended)
		}
	}
	all, err := env.DB.Client.Organization.Query().All(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// sorted is the order a list promises: by name or creation time, ties
// broken by id, all reversed for "desc".
func sorted(all []*ent.Organization, orderBy string, keep func(*ent.Organization) bool) []uuid.UUID {
	var out []*ent.Organization
	for _, o := range all {
		if keep(o) {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b *ent.Organization) int {
		var c int
		if strings.HasPrefix(orderBy, "name") {
			c = strings.Compare(a.Name, b.Name)
		} else {
			c = a.CreateTime.Compare(b.CreateTime)
		}
		c = cmp.Or(c, bytes.Compare(a.ID[:], b.ID[:]))
		if strings.HasSuffix(orderBy, " desc") {
			c = -c
		}
		return c
	})
	ids := make([]uuid.UUID, len(out))
	for i, o := range out {
		ids[i] = o.ID
	}
	return ids
}

func TestListWalksEveryOrder(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		all := seedForPaging(t, env)
		everything := func(*ent.Organization) bool { return true }

		tests := []struct {
			name     string
			query    string
			statuses []string
			keep     func(*ent.Organization) bool
		}{
			{name: "all", keep: everything},
			{name: "query", query: "ERG", keep: func(o *ent.Organization) bool { return strings.Contains(o.Name, "erg") }},
			{name: "suspended", statuses: []string{organization.StatusSuspended}, keep: func(o *ent.Organization) bool {
				return o.Status.String() == organization.StatusSuspended
			}},
			{name: "query and statuses", query: "a", statuses: []string{organization.StatusActive, organization.StatusSuspended}, keep: func(o *ent.Organization) bool {
				return strings.Contains(o.Name, "a")
			}},
		}
		for _, tt := range tests {
			for _, orderBy := range []string{"", "name", "name desc", "create_time", "create_time desc"} {
				t.Run(fmt.Sprintf("%s by %q", tt.name, orderBy), func(t *testing.T) {
					want := sorted(all, cmp.Or(orderBy, "name"), tt.keep)
					var got []uuid.UUID
					token := ""
					for pages := 1; ; pages++ {
						if pages > 10 {
							t.Fatalf("more than 10 pages of 7 for %d organizations", len(want))
						}
						p, err := env.Orgs.List(ctx, organization.ListParams{PageSize: 7, PageToken: token, Query: tt.query, Statuses: tt.statuses, OrderBy: orderBy})
						if err != nil {
							t.Fatalf("page %d: %v", pages, err)
						}
						if p.TotalSize != len(want) {
							t.Errorf("page %d: total size %d, want %d", pages, p.TotalSize, len(want))
						}
						if len(p.Items) > 7 || (p.NextPageToken != "" && len(p.Items) != 7) {
							t.Errorf("page %d has %d items (next page token %q)", pages, len(p.Items), p.NextPageToken)
						}
						for _, o := range p.Items {
							got = append(got, o.ID)
						}
						if token = p.NextPageToken; token == "" {
							break
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("walking pages of 7 gave\n%v\nwant\n%v", names(all, got), names(all, want))
					}
				})
			}
		}
	})
}

func names(all []*ent.Organization, ids []uuid.UUID) []string {
	var out []string
	for _, id := range ids {
		i := slices.IndexFunc(all, func(o *ent.Organization) bool { return o.ID == id })
		out = append(out, fmt.Sprintf("%s@%s/%s", all[i].Name, all[i].CreateTime.UTC().Format("15:04"), id.String()[30:]))
	}
	return out
}

func TestListPageTokenBoundToRequest(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		for i := range 5 {
			env.Org(t, fmt.Sprintf("kunde%d", i))
		}
		first := organization.ListParams{PageSize: 2, Query: "kunde", OrderBy: "name"}
		p, err := env.Orgs.List(ctx, first)
		if err != nil || p.NextPageToken == "" {
			t.Fatalf("first page: %v, next page token %q", err, p.NextPageToken)
		}
		tests := []struct {
			name    string
			change  func(p *organization.ListParams)
			wantErr error
		}{
			{name: "same request", change: func(p *organization.ListParams) {}},
			{name: "other page size", change: func(p *organization.ListParams) { p.PageSize = 3 }},
			{name: "default order is name", change: func(p *organization.ListParams) { p.OrderBy = "" }},
			{name: "other order", change: func(p *organization.ListParams) { p.OrderBy = "name desc" }, wantErr: apierr.ErrInvalidArgument},
			{name: "order by time", change: func(p *organization.ListParams) { p.OrderBy = "create_time" }, wantErr: apierr.ErrInvalidArgument},
			{name: "other query", change: func(p *organization.ListParams) { p.Query = "kund" }, wantErr: apierr.ErrInvalidArgument},
			{name: "added status", change: func(p *organization.ListParams) { p.Statuses = []string{organization.StatusActive} }, wantErr: apierr.ErrInvalidArgument},
			{name: "garbage", change: func(p *organization.ListParams) { p.PageToken = "not-a-token" }, wantErr: apierr.ErrInvalidArgument},
			{name: "truncated", change: func(p *organization.ListParams) { p.PageToken = p.PageToken[:len(p.PageToken)/2] }, wantErr: apierr.ErrInvalidArgument},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				params := first
				params.PageToken = p.NextPageToken
				tt.change(&params)
				_, err := env.Orgs.List(ctx, params)
				if tt.wantErr == nil {
					apptest.WantErr(t, err, nil)
				} else {
					apptest.WantErr(t, err, tt.wantErr, "page_token")
				}
			})
		}
		_, err = env.Orgs.List(ctx, organization.ListParams{OrderBy: "city"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "order_by")
	})
}

func TestListQuery(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		for _, v := range []organization.Values{
			{Name: "Acme", LegalName: "Acme Hosting GmbH"},
			{Name: "Bäckerei Müller", LegalName: "Müller & Söhne KG"},
			{Name: "ÖKOSTROM", LegalName: ""},
			{Name: "Zahnarzt Dr. Weiß", LegalName: "Praxis am Markt"},
			{Name: "Rabatt 50%", LegalName: "Discount_Shop"},
		} {
			if _, err := env.Orgs.Create(ctx, v, uuid.Nil, ""); err != nil {
				t.Fatal(err)
			}
		}
		// Whether the database folds the case of letters beyond ASCII
		// (Postgres does in a UTF-8 locale; SQLite's LOWER and Postgres in
		// the C locale do not).
		var folded string
		if err := env.DB.SQL.QueryRowContext(t.Context(), "SELECT LOWER('ÖÄÜ')").Scan(&folded); err != nil {
			t.Fatal(err)
		}
		foldsUmlauts := folded == "öäü"

		tests := []struct {
			query      string
			want       []string
			needsFolds bool
		}{
			{query: "acme", want: []string{"Acme"}},
			{query: "ACME", want: []string{"Acme"}},
			{query: "hosting", want: []string{"Acme"}}, // legal name
			{query: "gmbh", want: []string{"Acme"}},    // legal name, case folded
			{query: "praxis AM", want: []string{"Zahnarzt Dr. Weiß"}},
			{query: "müller", want: []string{"Bäckerei Müller"}},
			{query: "MÜLLER", want: []string{"Bäckerei Müller"}}, // the pattern is folded
			{query: "söhne", want: []string{"Bäckerei Müller"}},
			{query: "weiß", want: []string{"Zahnarzt Dr. Weiß"}},
			{query: "ökostrom", want: []string{"ÖKOSTROM"}, needsFolds: true}, // the stored name must be folded
			{query: "Ökostrom", want: []string{"ÖKOSTROM"}, needsFolds: true},
			{query: "KOSTROM", want: []string{"ÖKOSTROM"}},
			{query: "50%", want: []string{"Rabatt 50%"}},
			{query: "%", want: []string{"Rabatt 50%"}},
			{query: "50_", want: nil}, // "_" is no wildcard
			{query: "discount_", want: []string{"Rabatt 50%"}},
			{query: "e", want: []string{"Acme", "Bäckerei Müller", "Zahnarzt Dr. Weiß"}},
			{query: "nirgends", want: nil},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				if tt.needsFolds && !foldsUmlauts {
					t.Skipf("%s folds the case of ASCII letters only", d)
				}
				p, err := env.Orgs.List(ctx, organization.ListParams{Query: tt.query})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, o := range p.Items {
					got = append(got, o.Name)
				}
				if !slices.Equal(got, tt.want) || p.TotalSize != len(tt.want) {
					t.Errorf("query %q found %v (total %d), want %v", tt.query, got, p.TotalSize, tt.want)
				}
			})
		}
	})
}

func TestListAndGetCount(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		want := map[string][2]int{"leer": {0, 0}, "klein": {1, 1}, "gross": {4, 3}, "nur mitglieder": {2, 0}}
		n := 0
		for name, c := range want {
			o := env.Org(t, name)
			for i := range c[0] {
				n++
				u := env.User(t, fmt.Sprintf("u%d@example.com", n), authz.RoleUser)
				env.Member(t, o.ID, u.ID, organization.RoleMember)
				if i < c[1] {
					if _, err := env.Orgs.CreateWorkspace(ctx, o.ID, fmt.Sprintf("ws%d", i), &u.ID, ""); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		p, err := env.Orgs.List(ctx, organization.ListParams{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != len(want) {
			t.Fatalf("%d organizations listed, want %d", len(p.Items), len(want))
		}
		for _, o := range p.Items {
			w := want[o.Name]
			if o.MemberCount != w[0] || o.WorkspaceCount != w[1] {
				t.Errorf("list: %s has %d members and %d workspaces, want %d and %d", o.Name, o.MemberCount, o.WorkspaceCount, w[0], w[1])
			}
			g, err := env.Orgs.Get(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if g.MemberCount != w[0] || g.WorkspaceCount != w[1] || len(g.Members) != w[0] || len(g.Workspaces) != w[1] {
				t.Errorf("get: %s has counts %d/%d and lists %d/%d, want %d members and %d workspaces",
					o.Name, g.MemberCount, g.WorkspaceCount, len(g.Members), len(g.Workspaces), w[0], w[1])
			}
		}
	})
}

// TestQueriesDoNotGrowWithSize checks that a list page and an organization's
// details cost a fixed number of statements, however many rows they show.
func TestQueriesDoNotGrowWithSize(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		statements := func(f func() error) int64 {
			t.Helper()
			before := env.Statements.Load()
			if err := f(); err != nil {
				t.Fatal(err)
			}
			return env.Statements.Load() - before
		}
		var small, big uuid.UUID
		for i := range 12 {
			o := env.Org(t, fmt.Sprintf("org%02d", i))
			u := env.User(t, fmt.Sprintf("u%d@example.com", i), authz.RoleUser)
			env.Member(t, o.ID, u.ID, organization.RoleOwner)
			if _, err := env.Orgs.CreateWorkspace(ctx, o.ID, "ws", &u.ID, ""); err != nil {
				t.Fatal(err)
			}
			small = o.ID
		}
		o := env.Org(t, "big")
		big = o.ID
		for i := range 10 {
			u := env.User(t, fmt.Sprintf("big%d@example.com", i), authz.RoleUser)
			env.Member(t, big, u.ID, organization.RoleMember)
			if _, err := env.Orgs.CreateWorkspace(ctx, big, fmt.Sprintf("ws%d", i), &u.ID, ""); err != nil {
				t.Fatal(err)
			}
		}

		list := func(size int32) func() error {
			return func() error {
				p, err := env.Orgs.List(ctx, organization.ListParams{PageSize: size})
				if err == nil && len(p.Items) != min(int(size), 13) {
					err = fmt.Errorf("page of %d has %d items", size, len(p.Items))
				}
				return err
			}
		}
		if s5, s50 := statements(list(5)), statements(list(50)); s5 != s50 {
			t.Errorf("List runs %d statements for 5 organizations and %d for 13", s5, s50)
		}
		get := func(id uuid.UUID) func() error { return func() error { _, err := env.Orgs.Get(ctx, id); return err } }
		if s1, s10 := statements(get(small)), statements(get(big)); s1 != s10 {
			t.Errorf("Get runs %d statements for 1 member and workspace and %d for 10", s1, s10)
		}
		ws := func(size int32) func() error {
			return func() error { _, _, err := env.Orgs.ListWorkspaces(ctx, big, size, ""); return err }
		}
		if s2, s10 := statements(ws(2)), statements(ws(10)); s2 != s10 {
			t.Errorf("ListWorkspaces runs %d statements for 2 workspaces and %d for 10", s2, s10)
		}
	})
}

func TestListWorkspacesPaging(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		o, other := env.Org(t, "viele"), env.Org(t, "andere")
		var want []string
		for i := range 11 {
			name := fmt.Sprintf("ws%02d", (i*7)%11)
			if _, err := env.Orgs.CreateWorkspace(ctx, o.ID, name, nil, ""); err != nil {
				t.Fatal(err)
			}
			want = append(want, name)
		}
		if _, err := env.Orgs.CreateWorkspace(ctx, other.ID, "ws05b", nil, ""); err != nil {
			t.Fatal(err)
		}
		slices.Sort(want)
		var got []string
		token := ""
		for range 10 {
			page, next, err := env.Orgs.ListWorkspaces(ctx, o.ID, 4, token)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range page {
				got = append(got, w.Name)
			}
			if token = next; token == "" {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("workspaces in pages of 4: %v, want %v", got, want)
		}
		_, _, err := env.Orgs.ListWorkspaces(ctx, other.ID, 4, mustToken(t, env, o.ID))
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "page_token")
		_, _, err = env.Orgs.ListWorkspaces(ctx, uuid.Must(uuid.NewV7()), 4, "")
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}

func mustToken(t *testing.T, env *apptest.Env, org uuid.UUID) string {
	t.Helper()
	_, next, err := env.Orgs.ListWorkspaces(system(t), org, 1, "")
	if err != nil || next == "" {
		t.Fatalf("no next page token: %v", err)
	}
	return next
}
