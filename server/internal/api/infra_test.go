package api_test

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A Docker host from connection to container control, over Connect and
// gRPC: create, test, discover, import, sync (the job), list, metrics,
// stop; bad input is refused at its field and changes nothing.
func TestInfrastructureOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		for name, opts := range map[string][]connect.ClientOption{"connect": nil, "grpc": {connect.WithGRPC()}} {
			t.Run(name, func(t *testing.T) {
				sim := dockersim.New(provider.SimOptions{ContainersPerMachine: 5, Seed: 3})
				defer sim.Close()
				conns := adminv1connect.NewConnectionServiceClient(hc, srv.URL, opts...)
				servers := adminv1connect.NewServerServiceClient(hc, srv.URL, opts...)
				ctrs := adminv1connect.NewContainerServiceClient(hc, srv.URL, opts...)
				jobs := adminv1connect.NewJobServiceClient(hc, srv.URL, opts...)

				// Bad input first: each refused with the field, nothing stored.
				countConns := func() int {
					list, err := conns.ListConnections(ctx, connect.NewRequest(&adminv1.ListConnectionsRequest{}))
					if err != nil {
						t.Fatal(err)
					}
					return len(list.Msg.GetConnections())
				}
				before := countConns()
				_, err := conns.CreateConnection(ctx, connect.NewRequest(&adminv1.CreateConnectionRequest{Settings: &adminv1.ConnectionSettings{
					Name: "Docker " + name, Kind: adminv1.ProviderKind_PROVIDER_KIND_DOCKER, Endpoint: "ftp://" + sim.URL()[6:]}}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["settings.endpoint"] == "" {
					t.Fatalf("ftp endpoint = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = conns.CreateConnection(ctx, connect.NewRequest(&adminv1.CreateConnectionRequest{Settings: &adminv1.ConnectionSettings{
					Name: "Other " + name, Kind: adminv1.ProviderKind_PROVIDER_KIND_OTHER}}))
				if _, ok := fieldsOf(err)["settings.kind"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Fatalf("kind OTHER = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = servers.GetServer(ctx, connect.NewRequest(&adminv1.GetServerRequest{Id: "org_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument {
					t.Fatalf("an organization id as server id = %v", err)
				}
				_, err = servers.CreateServer(ctx, connect.NewRequest(&adminv1.CreateServerRequest{Name: "x", Provider: adminv1.ProviderKind_PROVIDER_KIND_OTHER,
					Kind: adminv1.ServerKind_SERVER_KIND_HOST, IpAddress: "10.0.0.300"}))
				if _, ok := fieldsOf(err)["ip_address"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Fatalf("bad IP = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = servers.UpdateHealthThresholds(ctx, connect.NewRequest(&adminv1.UpdateHealthThresholdsRequest{Thresholds: &adminv1.HealthThresholds{
					CpuWarningPercent: 90, CpuCriticalPercent: 80, MemoryWarningPercent: 85, MemoryCriticalPercent: 95,
					DiskWarningPercent: 80, DiskCriticalPercent: 90, SyncFailuresCritical: 3, StaleAfterMinutes: 10}}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument {
					t.Fatalf("CPU warning above critical = %v", err)
				}
				if n := countConns(); n != before {
					t.Fatalf("bad input stored %d connections", n-before)
				}

				created, err := conns.CreateConnection(ctx, connect.NewRequest(&adminv1.CreateConnectionRequest{Settings: &adminv1.ConnectionSettings{
					Name: "Docker " + name, Kind: adminv1.ProviderKind_PROVIDER_KIND_DOCKER, Endpoint: sim.URL()}}))
				if err != nil {
					t.Fatal(err)
				}
				cid := created.Msg.GetConnection().GetId()
				test, err := conns.TestConnection(ctx, connect.NewRequest(&adminv1.TestConnectionRequest{Target: &adminv1.TestConnectionRequest_ConnectionId{ConnectionId: cid}}))
				if err != nil || !test.Msg.GetOk() || test.Msg.GetProviderVersion() == "" || test.Msg.GetConnection().GetHealth() != adminv1.ConnectionHealth_CONNECTION_HEALTH_HEALTHY {
					t.Fatalf("test = %v %v", test.Msg, err)
				}
				// What the test found, also as a code clients word themselves.
				if code := test.Msg.GetConnection().GetHealthCode(); code != "connected" || test.Msg.GetCode() != code {
					t.Errorf("health code after a passed test = %q, the test's code %q, want connected", code, test.Msg.GetCode())
				}
				found, err := conns.DiscoverServers(ctx, connect.NewRequest(&adminv1.DiscoverServersRequest{ConnectionId: cid}))
				if err != nil || len(found.Msg.GetServers()) != 1 {
					t.Fatalf("discover = %v %v", found, err)
				}
				imported, err := conns.ImportServers(ctx, connect.NewRequest(&adminv1.ImportServersRequest{ConnectionId: cid,
					ExternalIds: []string{found.Msg.GetServers()[0].GetExternalId()}}))
				if err != nil || len(imported.Msg.GetServers()) != 1 {
					t.Fatalf("import = %v %v", imported, err)
				}
				sid := imported.Msg.GetServers()[0].GetId()
				tr, err := jobs.TriggerJob(ctx, connect.NewRequest(&adminv1.TriggerJobRequest{JobName: "server-sync", Reason: "api test"}))
				if err != nil {
					t.Fatal(err)
				}
				deadline := time.Now().Add(10 * time.Second)
				for run := tr.Msg.GetJobRun(); run.GetOutcome() == adminv1.JobRunOutcome_JOB_RUN_OUTCOME_RUNNING; {
					if time.Now().After(deadline) {
						t.Fatal("the sync did not finish")
					}
					time.Sleep(5 * time.Millisecond)
					res, err := jobs.GetJobRun(ctx, connect.NewRequest(&adminv1.GetJobRunRequest{Id: run.GetId()}))
					if err != nil {
						t.Fatal(err)
					}
					run = res.Msg.GetJobRun()
					if run.GetOutcome() == adminv1.JobRunOutcome_JOB_RUN_OUTCOME_FAILED {
						t.Fatalf("sync failed: %s", run.GetError())
					}
				}

				got, err := servers.GetServer(ctx, connect.NewRequest(&adminv1.GetServerRequest{Id: sid}))
				if err != nil || got.Msg.GetServer().GetSync().GetStatus() != adminv1.SyncStatus_SYNC_STATUS_OK ||
					got.Msg.GetServer().GetContainerCount() != 5 || len(got.Msg.GetDatasources()) != 1 {
					t.Fatalf("server after sync = %v %v", got.Msg, err)
				}
				// Each health reason comes as a code with its English beside it.
				sv := got.Msg.GetServer()
				if len(sv.GetHealthReasonDetails()) != len(sv.GetHealthReasons()) {
					t.Errorf("reasons %q but details %v", sv.GetHealthReasons(), sv.GetHealthReasonDetails())
				}
				for i, r := range sv.GetHealthReasonDetails() {
					if r.GetCode() == "" || r.GetText() != sv.GetHealthReasons()[i] {
						t.Errorf("reason %d = %v, want a code and the text %q", i, r, sv.GetHealthReasons()[i])
					}
				}
				conn, err := conns.GetConnection(ctx, connect.NewRequest(&adminv1.GetConnectionRequest{Id: cid}))
				if err != nil || conn.Msg.GetConnection().GetHealthCode() != "synced" ||
					conn.Msg.GetConnection().GetHealthParams()["machines"] != "1" || conn.Msg.GetConnection().GetHealthParams()["linked"] != "1" {
					t.Errorf("connection after sync = %v %v, want code synced with 1 machine, 1 linked", conn, err)
				}
				synced, err := jobs.GetJobRun(ctx, connect.NewRequest(&adminv1.GetJobRunRequest{Id: tr.Msg.GetJobRun().GetId()}))
				if err != nil || synced.Msg.GetJobRun().GetSummaryCode() != "servers-synced" ||
					synced.Msg.GetJobRun().GetSummaryParams()["servers"] == "" || synced.Msg.GetJobRun().GetSummary() == "" {
					t.Errorf("sync run = %v %v, want summary code servers-synced with its values and the English", synced, err)
				}
				running, err := ctrs.ListContainers(ctx, connect.NewRequest(&adminv1.ListContainersRequest{Filter: &adminv1.ContainerFilter{
					ServerId: sid, Statuses: []adminv1.ContainerStatus{adminv1.ContainerStatus_CONTAINER_STATUS_RUNNING}}}))
				if err != nil || len(running.Msg.GetContainers()) == 0 || !running.Msg.GetContainers()[0].GetControllable() {
					t.Fatalf("running containers = %v %v", running, err)
				}
				stopped, err := ctrs.StopContainer(ctx, connect.NewRequest(&adminv1.StopContainerRequest{Id: running.Msg.GetContainers()[0].GetId(), Reason: "api test"}))
				if err != nil || stopped.Msg.GetContainer().GetStatus() == adminv1.ContainerStatus_CONTAINER_STATUS_RUNNING {
					t.Fatalf("stop = %v %v", stopped, err)
				}
				evs, err := servers.ListServerEvents(ctx, connect.NewRequest(&adminv1.ListServerEventsRequest{ServerId: sid,
					Kind: adminv1.ServerEventKind_SERVER_EVENT_KIND_ACTION}))
				if err != nil || len(evs.Msg.GetEvents()) != 1 || evs.Msg.GetEvents()[0].GetActorEmail() != "operator@example.com" {
					t.Fatalf("action events = %v %v", evs, err)
				}
				// The event says it as a code with its values, too, for clients
				// that word it in their own language; the English stays.
				if ev := evs.Msg.GetEvents()[0]; ev.GetMessageCode() != "stopped-container" || ev.GetMessageParams()["reason"] != "api test" ||
					ev.GetMessageParams()["container"] == "" || !strings.HasSuffix(ev.GetMessage(), ": api test") {
					t.Errorf("action event = %v, want the code stopped-container with the container and the reason", ev)
				}
				m, err := servers.GetServerMetrics(ctx, connect.NewRequest(&adminv1.GetServerMetricsRequest{ServerId: sid, Range: adminv1.MetricsRange_METRICS_RANGE_DAY}))
				if err != nil || m.Msg.GetWindow().GetBucketSeconds() != 600 {
					t.Fatalf("metrics = %v %v", m, err)
				}
				// Alerting sees the provider's syncs and the servers' health.
				res, err := hc.Get(srv.URL + "/metrics")
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				for _, want := range []string{
					`leitstand_sync_connection_runs_total{connection="Docker ` + name + `",kind="DOCKER",outcome="ok"}`,
					`leitstand_servers{health="HEALTHY"}`,
				} {
					if !strings.Contains(string(body), want) {
						t.Errorf("/metrics lacks %s", want)
					}
				}
				// A connection with a linked server is not deleted.
				_, err = conns.DeleteConnection(ctx, connect.NewRequest(&adminv1.DeleteConnectionRequest{Id: cid}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Fatalf("delete linked connection = %v", err)
				}
			})
		}
	})
}

// The connections whose last test or sync failed are asked for by health
// (the start page lists them); a health that does not exist is refused at
// its field.
func TestListConnectionsByHealth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		for name, opts := range map[string][]connect.ClientOption{"connect": nil, "grpc": {connect.WithGRPC()}} {
			t.Run(name, func(t *testing.T) {
				conns := adminv1connect.NewConnectionServiceClient(hc, srv.URL, opts...)
				up := dockersim.New(provider.SimOptions{Seed: 1})
				defer up.Close()
				down := dockersim.New(provider.SimOptions{Seed: 2})
				downURL := down.URL()
				down.Close()
				ids := map[string]string{}
				for label, url := range map[string]string{"up": up.URL(), "down": downURL} {
					c, err := conns.CreateConnection(ctx, connect.NewRequest(&adminv1.CreateConnectionRequest{Settings: &adminv1.ConnectionSettings{
						Name: "Docker " + label + " " + name, Kind: adminv1.ProviderKind_PROVIDER_KIND_DOCKER, Endpoint: url}}))
					if err != nil {
						t.Fatal(err)
					}
					ids[label] = c.Msg.GetConnection().GetId()
					if _, err := conns.TestConnection(ctx, connect.NewRequest(&adminv1.TestConnectionRequest{
						Target: &adminv1.TestConnectionRequest_ConnectionId{ConnectionId: ids[label]}})); err != nil {
						t.Fatal(err)
					}
				}
				listed := func(health adminv1.ConnectionHealth) []string {
					list, err := conns.ListConnections(ctx, connect.NewRequest(&adminv1.ListConnectionsRequest{Health: health}))
					if err != nil {
						t.Fatal(err)
					}
					var out []string
					for _, c := range list.Msg.GetConnections() {
						if c.GetHealth() != health && health != adminv1.ConnectionHealth_CONNECTION_HEALTH_UNSPECIFIED {
							t.Errorf("%s listed as %s", c.GetName(), health)
						}
						out = append(out, c.GetId())
					}
					return out
				}
				failing := listed(adminv1.ConnectionHealth_CONNECTION_HEALTH_FAILING)
				if !slices.Contains(failing, ids["down"]) || slices.Contains(failing, ids["up"]) {
					t.Errorf("failing = %v, want %s and not %s", failing, ids["down"], ids["up"])
				}
				healthy := listed(adminv1.ConnectionHealth_CONNECTION_HEALTH_HEALTHY)
				if !slices.Contains(healthy, ids["up"]) || slices.Contains(healthy, ids["down"]) {
					t.Errorf("healthy = %v, want %s and not %s", healthy, ids["up"], ids["down"])
				}
				if all := listed(adminv1.ConnectionHealth_CONNECTION_HEALTH_UNSPECIFIED); !slices.Contains(all, ids["up"]) || !slices.Contains(all, ids["down"]) {
					t.Errorf("any health = %v", all)
				}
				_, err := conns.ListConnections(ctx, connect.NewRequest(&adminv1.ListConnectionsRequest{Health: 42}))
				if _, ok := fieldsOf(err)["health"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Fatalf("health 42 = %v (fields %v)", err, fieldsOf(err))
				}
			})
		}
	})
}
