package invoice_test

import (
	"context"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// BenchmarkBillingRun bills BENCH_BILLING_ORGS organizations (100,000 by
// default) on Postgres in one run of the billing run: each on Premium with
// two services, every fourth with five hours of billable work (four above
// the included one), every tenth with 40 GB stored where 10 are included.
// All were created on 2026-03-14 and billed that day, so on 2026-04-14 each
// is due for its second period: base fee and services ahead, hours and
// storage behind. It reports invoices per second, the statements per
// invoice, the CPU time of the server (Go) and of Postgres, and the peak of
// the Go heap while the run runs (sampled every 10 ms). The PDFs are rendered after the run (RenderPending, measured by
// BenchmarkRenderPDFs) and are not part of it.
func BenchmarkBillingRun(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("BENCH_BILLING_ORGS")); err == nil && v > 0 {
		n = v
	}
	for b.Loop() {
		b.StopTimer()
		env := billingFleet(b, n)
		sys := authz.System(b.Context())
		peak, stop := sampleHeap()
		statements := env.Statements.Load()
		pg0 := postgresCPU()
		var ru0, ru1 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
		b.StartTimer()
		start := time.Now()
		r, err := env.Invoices.Run(sys)
		elapsed := time.Since(start)
		b.StopTimer()
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
		goCPU := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
		dbCPU := postgresCPU() - pg0
		stop()
		if err != nil || r.Invoices != n {
			b.Fatalf("run = %+v %v, want %d invoices", r, err, n)
		}
		b.ReportMetric(float64(r.Invoices)/elapsed.Seconds(), "invoices/s")
		b.ReportMetric(elapsed.Seconds(), "run-s")
		b.ReportMetric(float64(env.Statements.Load()-statements)/float64(r.Invoices), "statements/invoice")
		b.ReportMetric(goCPU.Seconds(), "go-cpu-s")
		b.ReportMetric(dbCPU.Seconds(), "postgres-cpu-s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		b.StartTimer()
	}
}

// BenchmarkRenderPDFs renders the PDFs of BENCH_BILLING_PDFS invoices
// (2,000 by default) issued by a billing run, as the billing run's job does
// after the run, on every core.
func BenchmarkRenderPDFs(b *testing.B) {
	n := 2_000
	if v, err := strconv.Atoi(os.Getenv("BENCH_BILLING_PDFS")); err == nil && v > 0 {
		n = v
	}
	for b.Loop() {
		b.StopTimer()
		env := billingFleet(b, n)
		sys := authz.System(b.Context())
		if _, err := env.Invoices.Run(sys); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		done, err := env.Invoices.RenderPending(sys)
		elapsed := time.Since(start)
		if err != nil || done != n {
			b.Fatalf("rendered %d of %d: %v", done, n, err)
		}
		b.ReportMetric(float64(done)/elapsed.Seconds(), "pdfs/s")
	}
}

// billingFleet is n organizations on Postgres as BenchmarkBillingRun
// describes, written with set-based SQL (billing them is measured, not
// making them), the clock on the morning of 2026-04-14.
func billingFleet(b *testing.B, n int) *apptest.Env {
	b.Helper()
	env := apptest.New(b, testdb.Postgres)
	ctx := authz.System(context.Background())
	if _, _, err := env.Settings.Update(ctx, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
		b.Fatal(err)
	}
	p, err := env.Plans.Create(ctx, plan.Values{Name: "Premium", Rank: 30, Terms: plan.Terms{MonthlyFeeCents: 9900,
		IncludedSupportMinutes: 60, HourlyRateCents: 9000, IncludedStorageGB: 10, StorageOverageCentsPerGB: 50}}, "fixture")
	if err != nil {
		b.Fatal(err)
	}
	s := &demo.Seeder{Client: env.DB.Client, Audit: env.Audit, Members: env.Members, Clock: env.Clock}
	if err := s.Synthetic(ctx, n); err != nil {
		b.Fatal(err)
	}
	// The catalog item the services are booked from (and one booked,
	// which leaves one organization with three services).
	ws := env.DB.Client.Workspace.Query().Where(workspace.Name("Production")).FirstX(ctx)
	item, _ := env.BookedService(b, ws.ID, "Nextcloud")
	staff := env.User(b, "lead@example.com", authz.RoleOperator)
	created := time.Date(2026, time.March, 14, 9, 0, 0, 0, time.UTC)
	for _, st := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE organizations SET create_time = $1, status = 'ACTIVE', billing_email = 'rechnung@' || substr(id::text, 1, 8) || '.example'`,
			[]any{created}},
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
		{`INSERT INTO orders (id, create_time, update_time, number, title, kind, status_time, organization_id)
			SELECT gen_random_uuid(), $1, $1, 1000 + o.k, 'Migration', 'PROJECT', $1, o.id
			FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organizations) o WHERE o.k % 4 = 0`, []any{created}},
		{`INSERT INTO time_entries (id, create_time, update_time, organization_id, date, minutes, description, order_id, user_id)
			SELECT gen_random_uuid(), $1, $1, r.organization_id, DATE '2026-03-25' + g * 7, 150, 'Datenübernahme', r.id, $2
			FROM orders r, generate_series(1, 2) g`, []any{created, staff.ID}},
		{`INSERT INTO usage_snapshots (id, create_time, update_time, organization_id, day, source, storage_bytes)
			SELECT gen_random_uuid(), $1, $1, o.id, to_char(DATE '2026-03-14' + g, 'YYYY-MM-DD'), 'REPORTED', 40 * 1000000000::bigint
			FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organizations) o, generate_series(0, 30) g WHERE o.k % 10 = 0`,
			[]any{created}},
		{`ANALYZE`, nil},
	} {
		if _, err := env.DB.SQL.ExecContext(ctx, st.sql, st.args...); err != nil {
			b.Fatalf("%s: %v", st.sql, err)
		}
	}
	env.Clock.Set(time.Date(2026, time.April, 14, 6, 0, 0, 0, time.UTC))
	return env
}

// sampleHeap samples the live Go heap every 10 ms until stop is called,
// keeping the highest.
func sampleHeap() (*atomic.Uint64, func()) {
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(stopped)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return &peak, func() { close(done); <-stopped }
}

// postgresCPU is the CPU time the machine's postgres processes have used
// (user and system, from /proc): the benchmark's cluster, when it runs
// alone.
func postgresCPU() time.Duration {
	dirs, _ := os.ReadDir("/proc")
	var ticks int64
	for _, d := range dirs {
		comm, err := os.ReadFile("/proc/" + d.Name() + "/comm")
		if err != nil || !strings.HasPrefix(string(comm), "postgres") {
			continue
		}
		stat, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// The fields after the command's closing parenthesis; utime and
		// stime are the 14th and 15th of the line.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) > 12 {
			u, _ := strconv.ParseInt(f[11], 10, 64)
			s, _ := strconv.ParseInt(f[12], 10, 64)
			ticks += u + s
		}
	}
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}
