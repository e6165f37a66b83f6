package infra

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is the infrastructure: servers, provider connections and
// containers, the minute's sync and the clean-up of old metrics, the
// sync's metrics, and servers, containers and connections in the global
// search (all three read with SERVERS_READ, as their pages are).
func Module(s *infra.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "infrastructure",
		Enums:    Enums(),
		Demo:     seed.Infrastructure,
		Prefixes: []ids.Prefix{ids.Server, ids.Connection, ids.Datasource, ids.Container, ids.ServerEvent},
		Services: []module.Service{
			module.Serve[adminv1connect.ServerServiceHandler](adminv1connect.ServerServiceName, adminv1connect.NewServerServiceHandler, NewServers(s)),
			module.Serve[adminv1connect.ConnectionServiceHandler](adminv1connect.ConnectionServiceName, adminv1connect.NewConnectionServiceHandler, NewConnections(s)),
			module.Serve[adminv1connect.ContainerServiceHandler](adminv1connect.ContainerServiceName, adminv1connect.NewContainerServiceHandler, NewContainers(s)),
		},
		Jobs: []jobs.Job{
			{
				Name:  "server-sync",
				Title: "Server Sync",
				Description: "Pulls every provider connection — status, metrics, disk usage and containers of the servers linked to it — " +
					"concurrently and each within its own timeout; records failures per server and connection.",
				Schedule: jobs.MustSchedule("* * * * *"),
				// A missed minute is not made up: the next tick reads the
				// providers' present state.
				CatchUp:   false,
				Summaries: []jobs.SummaryCode{serversSynced},
				Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
					r, err := s.Sync(ctx)
					return serversSynced.Of(r.String(), map[string]string{
						"connections": coded.Int(r.Connections), "failed_connections": coded.Int(r.FailedConnections),
						"servers": coded.Int(r.Servers), "containers": coded.Int(r.Containers), "samples": coded.Int(r.Samples),
						"duration_ms": coded.Int(r.Duration.Milliseconds()),
					}), err
				},
			},
			{
				Name:        "metrics-cleanup",
				Title:       "Metrics Cleanup",
				Description: "Removes server and container metrics older than the retention period (LEITSTAND_METRICS_RETENTION, 30 days by default).",
				Schedule:    jobs.MustSchedule("17 * * * *"),
				CatchUp:     true,
				Summaries:   []jobs.SummaryCode{metricsRemoved},
				Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
					n, err := s.CleanupMetrics(ctx)
					if err != nil {
						return jobs.Summary{}, err
					}
					return metricsRemoved.Of(fmt.Sprintf("removed %d samples older than %s", n, s.Retention()),
						map[string]string{"samples": coded.Int(n), "retention_ms": coded.Int(s.Retention().Milliseconds())}), nil
				},
			},
		},
		Collectors: s.Collectors(),
		Search: []search.Searcher{
			{Kind: "SERVER", Prefix: ids.Server, Permission: authz.ServersRead, Find: s.SearchServers},
			{Kind: "CONTAINER", Prefix: ids.Container, Permission: authz.ServersRead, Find: s.SearchContainers},
			{Kind: "CONNECTION", Prefix: ids.Connection, Permission: authz.ServersRead, Find: s.SearchConnections},
		},
		Names: []audit.Namer{
			{Prefix: ids.Server, Permission: authz.ServersRead, Names: s.ServerNames},
			{Prefix: ids.Container, Permission: authz.ServersRead, Names: s.ContainerNames},
			{Prefix: ids.Connection, Permission: authz.ServersRead, Names: s.ConnectionNames},
		},
	}
}

// What the infrastructure's jobs did. Values ending in _ms are durations in
// milliseconds.
var (
	serversSynced = jobs.SummaryCode{Code: "servers-synced",
		Params: []string{"connections", "failed_connections", "servers", "containers", "samples", "duration_ms"}}
	metricsRemoved = jobs.SummaryCode{Code: "metrics-removed", Params: []string{"samples", "retention_ms"}}
)
