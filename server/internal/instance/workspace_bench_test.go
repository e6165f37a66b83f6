package instance_test

import (
	"context"
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// BenchmarkCustomerListsServices is the first page of the portal's service
// list for a customer's user, on Postgres, in an organization of 200
// workspaces with 25 services each (5,000) beside 5,000 services of other
// organizations, 1,000 workspace memberships of others: as the
// organization's ADMIN (every workspace) and as a MEMBER of two of its
// workspaces (the workspace rule's subqueries), against the platform's
// staff (no scope) as the baseline.
func BenchmarkCustomerListsServices(b *testing.B) {
	env := apptest.New(b, testdb.Postgres)
	ctx := authz.System(context.Background())
	org, other := env.Org(b, "Bench GmbH"), env.Org(b, "Andere GmbH")
	item, err := env.Catalog.Create(ctx, catalog.Values{Name: "Nextcloud M", Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "")
	if err != nil {
		b.Fatal(err)
	}
	admin := env.User(b, "admin@bench.example", authz.RoleUser)
	member := env.User(b, "member@bench.example", authz.RoleUser)
	env.Member(b, org.ID, admin.ID, organization.RoleAdmin)
	env.Member(b, org.ID, member.ID, organization.RoleMember)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO workspaces (id, organization_id, name, create_time, update_time)
			SELECT gen_random_uuid(), o, 'ws-' || g, now(), now() FROM generate_series(1, 200) g, unnest(ARRAY[$1::uuid, $2::uuid]) o`,
			[]any{org.ID, other.ID}},
		{`INSERT INTO service_instances (id, organization_id, workspace_id, catalog_item_id, name, status, status_time, monthly_price_cents, create_time, update_time)
			SELECT gen_random_uuid(), w.organization_id, w.id, $1, 'Nextcloud ' || w.name || '-' || g, 'ONLINE', now(), 8900, now(), now()
			FROM workspaces w, generate_series(1, 25) g`, []any{item.ID}},
		{`INSERT INTO users (id, email, display_name, platform_role, disabled, create_time, update_time)
			SELECT gen_random_uuid(), 'u' || g || '@bench.example', 'U ' || g, 'USER', false, now(), now() FROM generate_series(1, 1000) g`, nil},
		{`INSERT INTO workspace_members (id, workspace_id, user_id, organization_id, create_time)
			SELECT gen_random_uuid(), w.id, u.id, w.organization_id, now()
			FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM users WHERE email LIKE 'u%@bench.example') u
			JOIN (SELECT id, organization_id, row_number() OVER (ORDER BY id) n FROM workspaces) w ON w.n = u.n % 400 + 1`, nil},
		{`INSERT INTO workspace_members (id, workspace_id, user_id, organization_id, create_time)
			SELECT gen_random_uuid(), id, $1, organization_id, now() FROM workspaces WHERE organization_id = $2 ORDER BY name LIMIT 2`,
			[]any{member.ID, org.ID}},
		{`ANALYZE`, nil},
	} {
		if _, err := env.DB.SQL.ExecContext(ctx, q.sql, q.args...); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		ctx  context.Context
		want int
	}{
		{"staff", ctx, 10000},
		{"admin", env.As(b, admin), 5000},
		{"member", env.As(b, member), 50},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				page, err := env.Services.List(c.ctx, instance.Filter{PageSize: 50})
				if err != nil || page.TotalSize != c.want {
					b.Fatalf("%+v %v, want %d", page.TotalSize, err, c.want)
				}
			}
		})
	}
}
