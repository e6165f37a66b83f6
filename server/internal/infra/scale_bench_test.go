package infra_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner/hetznersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// scaleEnv is a Postgres-backed app with production sync settings.
func scaleEnv(b *testing.B) *apptest.Env {
	b.Helper()
	saved := apptest.InfraOptions
	apptest.InfraOptions = infra.Options{} // the defaults a deployment runs with
	defer func() { apptest.InfraOptions = saved }()
	return apptest.New(b, testdb.Postgres)
}

// BenchmarkSyncTick syncs 1,000 servers with 10,000 containers from
// simulated providers on loopback: 450 Beszel systems with 22 containers
// each (a few systems are down), 10 Docker engines with 100 each, 340
// Hetzner cloud servers and a
// Proxmox cluster of 4 nodes with 196 VMs. Reported: the duration of a
// tick (first-tick-s: the one that creates every container; s/op: later
// ticks) and the rows it writes per second.
func BenchmarkSyncTick(b *testing.B) {
	env := scaleEnv(b)
	ctx := authz.System(context.Background())
	svc := env.Infra
	sims := []provider.Simulator{
		beszelsim.New(provider.SimOptions{Machines: 450, ContainersPerMachine: 22, Seed: 1}),
		hetznersim.New(provider.SimOptions{Machines: 340, Seed: 2}),
		proxmoxsim.New(provider.SimOptions{Nodes: 4, Machines: 196, Seed: 3}),
	}
	for i := range 10 {
		sims = append(sims, dockersim.New(provider.SimOptions{ContainersPerMachine: 100, Seed: int64(100 + i)}))
	}
	defer func() {
		for _, s := range sims {
			s.Close()
		}
	}()
	servers := 0
	for i, sim := range sims {
		cfg := sim.Config()
		c, err := svc.CreateConnection(ctx, infra.ConnectionSettings{Name: string(sim.Kind()) + " " + string(rune('A'+i)),
			Kind: sim.Kind(), Endpoint: sim.URL(), InsecureSkipVerify: true,
			Credentials: infra.Credentials{Token: cfg.Token, Username: cfg.Username, Password: cfg.Password}})
		if err != nil {
			b.Fatal(err)
		}
		vs, err := svc.ImportServers(ctx, c.ID, sim.MachineIDs())
		if err != nil {
			b.Fatalf("import from %s: %v", c.Name, err)
		}
		servers += len(vs)
	}
	count := func() int {
		n1, _ := env.DB.Client.ServerMetric.Query().Count(ctx)
		n2, _ := env.DB.Client.ContainerMetric.Query().Count(ctx)
		n3, _ := env.DB.Client.ServerEvent.Query().Count(ctx)
		return n1 + n2 + n3
	}

	start := time.Now()
	first, err := svc.Sync(ctx)
	if err != nil || first.FailedConnections > 0 {
		b.Fatalf("first tick: %+v %v", first, err)
	}
	firstTick := time.Since(start)
	if first.Servers < 1000 || first.Containers < 10000 {
		b.Fatalf("first tick saw %d servers and %d containers (imported %d servers)", first.Servers, first.Containers, servers)
	}

	var rows int
	var spent time.Duration
	before := count()
	for b.Loop() {
		env.Clock.Advance(time.Minute)
		t0 := time.Now()
		r, err := svc.Sync(ctx)
		spent += time.Since(t0)
		if err != nil || r.FailedConnections > 0 {
			b.Fatalf("tick: %+v %v", r, err)
		}
		// Upserted: a server and a datasource row per server, a row per
		// container; inserted: samples and events (counted below).
		rows += 2*r.Servers + r.Containers
	}
	rows += count() - before
	// After the loop: b.Loop resets the timer, which drops metrics
	// reported before it.
	b.ReportMetric(float64(rows)/spent.Seconds(), "rows/s")
	b.ReportMetric(firstTick.Seconds(), "first-tick-s")
	b.ReportMetric(float64(first.Servers), "servers")
	b.ReportMetric(float64(first.Containers), "containers")
}

// BenchmarkServerMetricsMonth asks the API for 30 days of one server's
// one-minute samples (43,200 rows, bucketed into 120 six-hour buckets in
// SQL) with 50 servers' month of history in the table, on Postgres.
// Reported: p50 and p99 latency as a client sees it.
func BenchmarkServerMetricsMonth(b *testing.B) {
	env := scaleEnv(b)
	ctx := authz.System(context.Background())
	var target string
	end := env.Clock.Now().Unix()
	for i := range 50 {
		v, err := env.Infra.CreateServer(ctx, infra.ServerValues{Name: "bench-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Provider: "OTHER", Kind: "HOST"})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			target = ids.Format(ids.Server, v.ID)
		}
		// A month of one-minute samples in one statement per server.
		if _, err := env.DB.SQL.ExecContext(ctx, `INSERT INTO server_metrics (server_id, ts, cpu, mem_used, mem_total, disk_used, disk_total, net_in, net_out)
			SELECT $1, g, 20 + 15 * sin(g / 13751.0), 8e9 + 1e9 * sin(g / 9000.0), 16e9, 2e11, 5e11, 1e6, 2e6
			FROM generate_series($2::bigint, $3::bigint, 60) g`, v.ID, end-30*24*3600, end); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := env.DB.SQL.ExecContext(ctx, `ANALYZE server_metrics`); err != nil {
		b.Fatal(err)
	}
	srv := env.Server(b, app.HTTPOptions{})
	owner := env.User(b, "owner@example.com", authz.RoleOwner)
	tok, err := env.Identity.CreateAPIToken(env.As(b, owner), "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	client := adminv1connect.NewServerServiceClient(srv.Client(), srv.URL, apptest.Bearer(tok.Secret))
	req := &adminv1.GetServerMetricsRequest{ServerId: target, Range: adminv1.MetricsRange_METRICS_RANGE_MONTH}
	var lat []time.Duration
	for b.Loop() {
		t0 := time.Now()
		res, err := client.GetServerMetrics(context.Background(), connect.NewRequest(req))
		lat = append(lat, time.Since(t0))
		if err != nil || len(res.Msg.GetBuckets()) < 119 {
			b.Fatalf("metrics: %d buckets, %v", len(res.Msg.GetBuckets()), err)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
