package account_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// BenchmarkRollup times the first page of a month's rollup over
// BENCH_ACCOUNTS_ORGS organizations (10,000 by default) on Postgres: each
// on Premium with two services and a usage counter, every tenth with 40 GB
// stored against a cap of 50, all billed on 14 April by the billing run
// (so each has an invoice in the month) and every other one paid. The
// organizations are written with set-based SQL; the run and the payments
// are not timed. It reports the milliseconds of one page, ordered by name
// and by MRR.
func BenchmarkRollup(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("BENCH_ACCOUNTS_ORGS")); err == nil && v > 0 {
		n = v
	}
	env := rollupFleet(b, n)
	ctx := authz.System(context.Background())
	for _, order := range []string{"name", "mrr desc", "storage desc"} {
		b.Run(order, func(b *testing.B) {
			for b.Loop() {
				p, err := env.Accounts.List(ctx, account.Query{Month: "2026-04", OrderBy: order, PageSize: 50})
				if err != nil || p.Total != n || len(p.Accounts) != 50 {
					b.Fatalf("page = %d of %d, %v", len(p.Accounts), p.Total, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
		})
	}
}

func rollupFleet(b *testing.B, n int) *apptest.Env {
	b.Helper()
	env := apptest.New(b, testdb.Postgres)
	ctx := authz.System(context.Background())
	if _, _, err := env.Settings.Update(ctx, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
		b.Fatal(err)
	}
	p, err := env.Plans.Create(ctx, plan.Values{Name: "Premium", Rank: 30, Terms: plan.Terms{MonthlyFeeCents: 9900,
		IncludedUsers: 5, MaxUsers: 10, IncludedStorageGB: 10, MaxStorageGB: 50, StorageOverageCentsPerGB: 50}}, "fixture")
	if err != nil {
		b.Fatal(err)
	}
	s := &demo.Seeder{Client: env.DB.Client, Audit: env.Audit, Members: env.Members, Clock: env.Clock}
	if err := s.Synthetic(ctx, n); err != nil {
		b.Fatal(err)
	}
	ws := env.DB.Client.Workspace.Query().Where(workspace.Name("Production")).FirstX(ctx)
	item, _ := env.BookedService(b, ws.ID, "Nextcloud")
	created := time.Date(2026, time.March, 14, 9, 0, 0, 0, time.UTC)
	for _, st := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE organizations SET create_time = $1, status = 'ACTIVE'`, []any{created}},
		{`INSERT INTO contracts (id, create_time, update_time, organization_id, plan_id, plan_version_id, status, start_date)
			SELECT gen_random_uuid(), $1, $1, o.id, $2, $3, 'ACTIVE', '2026-03-14' FROM organizations o`,
			[]any{created, p.ID, p.VersionID}},
		{`INSERT INTO service_instances (id, create_time, update_time, name, status, status_time, monthly_price_cents, currency,
			organization_id, workspace_id, catalog_item_id)
			SELECT gen_random_uuid(), $1, $1, CASE WHEN g = 1 THEN 'Nextcloud' ELSE 'Gitea' END, 'ONLINE', $1,
				CASE WHEN g = 1 THEN 8900 ELSE 1200 END, 'EUR', w.organization_id, w.id, $2
			FROM workspaces w, generate_series(1, 2) g`, []any{created, item}},
		{`INSERT INTO billing_periods (id, organization_id, billing_date, period_end, create_time)
			SELECT gen_random_uuid(), o.id, '2026-03-14', '2026-04-14', $1 FROM organizations o`, []any{created}},
		{`INSERT INTO usage_counters (id, create_time, update_time, organization_id, month, traffic_bytes, peak_storage_bytes)
			SELECT gen_random_uuid(), $1, $1, o.id, '2026-04', 7 * 1000000000::bigint,
				CASE WHEN o.k % 10 = 0 THEN 40 ELSE 4 END * 1000000000::bigint
			FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organizations) o`, []any{created}},
	} {
		if _, err := env.DB.SQL.ExecContext(ctx, st.sql, st.args...); err != nil {
			b.Fatalf("%s: %v", st.sql, err)
		}
	}
	env.Clock.Set(time.Date(2026, time.April, 14, 6, 0, 0, 0, time.UTC))
	if r, err := env.Invoices.Run(ctx); err != nil || r.Invoices != n {
		b.Fatalf("run = %+v %v", r, err)
	}
	for _, st := range []string{
		`INSERT INTO payments (id, create_time, update_time, organization_id, invoice_id, invoice_number, method, status, amount_cents,
			currency, value_date, status_time)
			SELECT gen_random_uuid(), i.create_time, i.create_time, i.organization_id, i.id, i.number, 'BANK_TRANSFER', 'SUCCEEDED',
				i.gross_cents, 'EUR', '2026-04-16', i.create_time
			FROM (SELECT *, row_number() OVER (ORDER BY id) AS k FROM invoices) i WHERE i.k % 2 = 0`,
		`ANALYZE`,
	} {
		if _, err := env.DB.SQL.ExecContext(ctx, st); err != nil {
			b.Fatalf("%s: %v", st, err)
		}
	}
	env.Clock.Set(time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC))
	return env
}
