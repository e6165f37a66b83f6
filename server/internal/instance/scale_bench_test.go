package instance_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// fleet seeds, on Postgres, servers servers with perServer containers each
// and instances instances in one workspace, each instance linked to two of
// the containers (an application and a database container, both primary),
// all ONLINE and running. It returns the environment and the instances'
// ids.
func fleet(b *testing.B, servers, perServer, instances int) (*apptest.Env, []uuid.UUID) {
	b.Helper()
	env := apptest.New(b, testdb.Postgres)
	ctx := authz.System(context.Background())
	org := env.Org(b, "Bench GmbH")
	ws, err := env.Orgs.CreateWorkspace(ctx, org.ID, "Production", nil, "")
	if err != nil {
		b.Fatal(err)
	}
	item, err := env.Catalog.Create(ctx, catalog.Values{Name: "Nextcloud M", Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "")
	if err != nil {
		b.Fatal(err)
	}
	for i := range servers {
		v, err := env.Infra.CreateServer(ctx, infra.ServerValues{Name: "bench-" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)),
			Provider: "OTHER", Kind: "HOST"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := env.DB.SQL.ExecContext(ctx, `INSERT INTO containers (id, server_id, name, source_connection_id, source, status, health, first_seen_time, last_seen_time)
			SELECT gen_random_uuid(), $1, 'ctr-' || g, gen_random_uuid(), 'DOCKER', 'RUNNING', 'HEALTHY', now(), now()
			FROM generate_series(1, $2) g`, v.ID, perServer); err != nil {
			b.Fatal(err)
		}
	}
	// Instances, and their links to the containers in pairs.
	if _, err := env.DB.SQL.ExecContext(ctx, `INSERT INTO service_instances (id, organization_id, workspace_id, catalog_item_id, name, status, status_time, monthly_price_cents, create_time, update_time)
		SELECT gen_random_uuid(), $1, $2, $3, 'Nextcloud ' || g, 'ONLINE', now(), 8900, now(), now() FROM generate_series(1, $4) g`,
		org.ID, ws.ID, item.ID, instances); err != nil {
		b.Fatal(err)
	}
	if _, err := env.DB.SQL.ExecContext(ctx, `WITH si AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM service_instances),
		c AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM containers)
		INSERT INTO service_container_links (id, organization_id, service_instance_id, container_id, role, "primary", create_time)
		SELECT gen_random_uuid(), $1, si.id, c.id, CASE WHEN c.n % 2 = 0 THEN 'APPLICATION' ELSE 'DATABASE' END, true, now()
		FROM si JOIN c ON (c.n + 1) / 2 = si.n`, org.ID); err != nil {
		b.Fatal(err)
	}
	if _, err := env.DB.SQL.ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	idList, err := env.DB.Client.ServiceInstance.Query().IDs(ctx)
	if err != nil || len(idList) != instances {
		b.Fatalf("%d instances seeded: %v", len(idList), err)
	}
	return env, idList
}

// BenchmarkFollowContainers is the automatic status pass after a sync tick
// for 5,000 instances linked to 10,000 containers, on Postgres: "steady",
// when no container changed (the common tick: one read, no write), and
// "tenth-changed", when one container of every tenth instance stopped or
// started since the last tick (500 instances change status, with history,
// logbook and audit trail).
func BenchmarkFollowContainers(b *testing.B) {
	env, _ := fleet(b, 100, 100, 5000)
	ctx := authz.System(context.Background())
	svc := env.Services
	b.Run("steady", func(b *testing.B) {
		for b.Loop() {
			if n, err := svc.FollowContainers(ctx); err != nil || n != 0 {
				b.Fatalf("changed %d: %v", n, err)
			}
		}
	})
	b.Run("tenth-changed", func(b *testing.B) {
		down := false
		for b.Loop() {
			b.StopTimer()
			down = !down
			status := "RUNNING"
			if down {
				status = "EXITED"
			}
			// One container of every tenth instance, as a sync tick would
			// have written it.
			if _, err := env.DB.SQL.ExecContext(ctx, `UPDATE containers SET status = $1 WHERE id IN (
				SELECT l.container_id FROM service_container_links l
				JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM service_instances) si ON si.id = l.service_instance_id
				WHERE si.n % 10 = 0 AND l.role = 'APPLICATION')`, status); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if n, err := svc.FollowContainers(ctx); err != nil || n != 500 {
				b.Fatalf("changed %d: %v", n, err)
			}
		}
	})
}

// BenchmarkServiceUptimeMonth is GetServiceUptime over 30 days through the
// API, for an instance whose last month holds 240 status changes (eight a
// day: more than any real service has), among 5,000 instances on
// Postgres. Reported: p50 and p99 of the calls.
func BenchmarkServiceUptimeMonth(b *testing.B) {
	env, idList := fleet(b, 10, 1000, 5000)
	ctx := authz.System(context.Background())
	target := idList[0]
	now := env.Clock.Now()
	if _, err := env.DB.SQL.ExecContext(ctx, `INSERT INTO service_status_changes (id, organization_id, service_instance_id, from_status, to_status, change_time, source)
		SELECT gen_random_uuid(), si.organization_id, si.id,
			CASE WHEN g % 2 = 0 THEN 'DISRUPTION' ELSE 'ONLINE' END, CASE WHEN g % 2 = 0 THEN 'ONLINE' ELSE 'DISRUPTION' END,
			$2::timestamptz - (g * interval '3 hours'), 'SYNC'
		FROM service_instances si, generate_series(1, 240) g WHERE si.id = $1`, target, now); err != nil {
		b.Fatal(err)
	}
	// Every other instance has a booking row and a few changes too.
	if _, err := env.DB.SQL.ExecContext(ctx, `INSERT INTO service_status_changes (id, organization_id, service_instance_id, from_status, to_status, change_time, source)
		SELECT gen_random_uuid(), si.organization_id, si.id, '', 'ONLINE', $1::timestamptz - (g * interval '9 days'), 'STAFF'
		FROM service_instances si, generate_series(1, 5) g`, now); err != nil {
		b.Fatal(err)
	}
	if _, err := env.DB.SQL.ExecContext(ctx, `ANALYZE service_status_changes`); err != nil {
		b.Fatal(err)
	}
	srv := env.Server(b, app.HTTPOptions{})
	owner := env.User(b, "owner@example.com", authz.RoleOwner)
	tok, err := env.Identity.CreateAPIToken(env.As(b, owner), "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	client := adminv1connect.NewServiceInstanceServiceClient(srv.Client(), srv.URL, apptest.Bearer(tok.Secret))
	req := &adminv1.GetServiceUptimeRequest{ServiceInstanceId: ids.Format(ids.Service, target), Days: 30}
	var lat []time.Duration
	for b.Loop() {
		t0 := time.Now()
		res, err := client.GetServiceUptime(context.Background(), connect.NewRequest(req))
		lat = append(lat, time.Since(t0))
		if err != nil || len(res.Msg.GetDays()) != 30 || res.Msg.Availability == nil {
			b.Fatalf("uptime: %v %v", res, err)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(float64(len(lat)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
