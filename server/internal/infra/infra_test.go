package infra_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner/hetznersim"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// fixture is a test app with a signed-in operator.
type fixture struct {
	env *apptest.Env
	ctx context.Context
	svc *infra.Service
}

func setup(t *testing.T, d testdb.Dialect) *fixture {
	t.Helper()
	env := apptest.New(t, d)
	op := env.User(t, "operator@example.com", authz.RoleOperator)
	return &fixture{env: env, ctx: env.As(t, op), svc: env.Infra}
}

// connect stores a connection to sim with its valid credentials.
func (f *fixture) connect(t *testing.T, name string, sim provider.Simulator) *infra.ConnectionView {
	t.Helper()
	cfg := sim.Config()
	c, err := f.svc.CreateConnection(f.ctx, infra.ConnectionSettings{Name: name, Kind: sim.Kind(), Endpoint: sim.URL(),
		InsecureSkipVerify: true, Credentials: infra.Credentials{Token: cfg.Token, Username: cfg.Username, Password: cfg.Password}})
	if err != nil {
		t.Fatalf("create connection %s: %v", name, err)
	}
	return c
}

// importAll imports every machine the connection sees, except those whose
// names servers already have (simulators with other seeds may repeat a
// name, and an import would link them to the same server).
func (f *fixture) importAll(t *testing.T, c *infra.ConnectionView) []infra.ServerView {
	t.Helper()
	found, _, err := f.svc.DiscoverServers(f.ctx, c.ID)
	if err != nil {
		t.Fatalf("discover: %v", err)
	}
	var ext []string
	for _, d := range found {
		if d.MatchingServer == nil {
			ext = append(ext, d.ID)
		}
	}
	vs, err := f.svc.ImportServers(f.ctx, c.ID, ext)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return vs
}

func (f *fixture) sync(t *testing.T) infra.SyncResult {
	t.Helper()
	r, err := f.svc.Sync(authz.System(context.Background()))
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return r
}

func (f *fixture) server(t *testing.T, id uuid.UUID) *infra.ServerView {
	t.Helper()
	v, err := f.svc.GetServer(f.ctx, id)
	if err != nil {
		t.Fatalf("get server: %v", err)
	}
	return v
}

func (f *fixture) events(t *testing.T, id uuid.UUID, kind infra.EventKind) []string {
	t.Helper()
	evs, _, err := f.svc.ServerEvents(f.ctx, id, kind, 100, "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Message)
	}
	// Whatever wrote them, every event of the server is said with a code.
	all, _, err := f.svc.ServerEvents(f.ctx, id, "", 500, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		infra.CheckEventText(t, coded.Text{Code: e.Code, Params: e.Params, English: e.Message})
	}
	return out
}

func TestConnectionCredentialsAreSealedAndNeverAudited(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := hetznersim.New(provider.SimOptions{Machines: 3})
		defer sim.Close()
		c := f.connect(t, "Hetzner Projekt A", sim)
		if !slices.Equal(c.CredentialsSet, []string{"token"}) {
			t.Errorf("credentials set = %v", c.CredentialsSet)
		}
		row, err := f.env.DB.Client.Connection.Get(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(row.Credentials, []byte(hetznersim.Token)) {
			t.Error("the token is stored in the clear")
		}
		evs := f.env.EventsOf(t, "connection")
		if len(evs) != 1 {
			t.Fatalf("audit events: %d", len(evs))
		}
		if strings.Contains(evs[0].After, hetznersim.Token) {
			t.Error("the audit trail holds the token")
		}

		// The test finds the stored token good; a wrong one is refused with
		// a message that says so, and the connection's health follows.
		res, err := f.svc.TestConnection(f.ctx, c.ID)
		if err != nil || !res.OK() || res.Connection.Health != infra.ConnectionHealthy || res.Code != infra.ConnectionConnected {
			t.Fatalf("test = %+v %v", res, err)
		}
		if _, err := f.svc.UpdateConnection(f.ctx, c.ID, infra.ConnectionSettings{Credentials: infra.Credentials{Token: "wrong"}}, []string{"credentials"}); err != nil {
			t.Fatal(err)
		}
		res, err = f.svc.TestConnection(f.ctx, c.ID)
		if err != nil || res.OK() || !res.Reachable || res.Authenticated || res.Connection.Health != infra.ConnectionFailing {
			t.Fatalf("test with a wrong token = %+v %v", res, err)
		}
		// The code says which step failed, as the connection's health does;
		// the message keeps the provider's words.
		if res.Code != infra.ConnectionCredentialsRejected || res.Connection.HealthCode != res.Code {
			t.Errorf("code = %q, connection's health code %q", res.Code, res.Connection.HealthCode)
		}
		if !strings.Contains(res.Message, "rejected the token") {
			t.Errorf("message = %q", res.Message)
		}
		// Settings not yet saved can be tried too.
		res, err = f.svc.TestSettings(f.ctx, infra.ConnectionSettings{Name: "x", Kind: provider.Hetzner, Endpoint: sim.URL(),
			Credentials: infra.Credentials{Token: hetznersim.Token}})
		if err != nil || !res.OK() || res.Code != infra.ConnectionConnected {
			t.Fatalf("test settings = %+v %v", res, err)
		}
	})
}

func TestConnectionValidation(t *testing.T) {
	f := setup(t, testdb.SQLite)
	cases := []struct {
		name  string
		v     infra.ConnectionSettings
		want  error
		field string
	}{
		{"no token", infra.ConnectionSettings{Name: "a", Kind: provider.Hetzner}, apierr.ErrInvalidArgument, "settings.credentials.token"},
		{"proxmox without endpoint", infra.ConnectionSettings{Name: "a", Kind: provider.Proxmox, Credentials: infra.Credentials{Token: "t"}}, apierr.ErrInvalidArgument, "settings.endpoint"},
		{"docker over ftp", infra.ConnectionSettings{Name: "a", Kind: provider.Docker, Endpoint: "ftp://host"}, apierr.ErrInvalidArgument, "settings.endpoint"},
		{"beszel without password", infra.ConnectionSettings{Name: "a", Kind: provider.Beszel, Endpoint: "https://beszel.example.com", Credentials: infra.Credentials{Username: "u"}}, apierr.ErrInvalidArgument, "settings.credentials.username"},
		{"blank name", infra.ConnectionSettings{Name: " ", Kind: provider.Hetzner, Credentials: infra.Credentials{Token: "t"}}, apierr.ErrInvalidArgument, "settings.name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.CreateConnection(f.ctx, tc.v)
			apptest.WantErr(t, err, tc.want, tc.field)
		})
	}
	if n, _ := f.env.DB.Client.Connection.Query().Count(f.ctx); n != 0 {
		t.Errorf("%d connections stored after bad input", n)
	}
	ok := infra.ConnectionSettings{Name: "Cloud", Kind: provider.Hetzner, Credentials: infra.Credentials{Token: "t"}}
	if _, err := f.svc.CreateConnection(f.ctx, ok); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.CreateConnection(f.ctx, ok)
	apptest.WantErr(t, err, apierr.ErrAlreadyExists)
}

// Import from a connection that pages (60 Hetzner servers: two pages of 50),
// then sync: specs, status and metrics arrive, samples are written, health
// is decided, and the metrics query buckets them.
func TestImportSyncAndMetrics(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := hetznersim.New(provider.SimOptions{Machines: 60, Seed: 7})
		defer sim.Close()
		c := f.connect(t, "Hetzner", sim)
		found, seen, err := f.svc.DiscoverServers(f.ctx, c.ID)
		if err != nil || seen != 60 || len(found) != 60 {
			t.Fatalf("discover: %d of %d, %v", len(found), seen, err)
		}
		vs, err := f.svc.ImportServers(f.ctx, c.ID, []string{found[0].ID, found[1].ID})
		if err != nil || len(vs) != 2 || vs[0].Name != found[0].Name || vs[0].Cores == 0 || vs[0].Location == "" {
			t.Fatalf("import: %+v %v", vs, err)
		}
		// Imported machines are no longer offered.
		again, _, _ := f.svc.DiscoverServers(f.ctx, c.ID)
		if len(again) != 58 {
			t.Errorf("after import %d discovered, want 58", len(again))
		}
		_, err = f.svc.ImportServers(f.ctx, c.ID, []string{found[0].ID})
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		_, err = f.svc.ImportServers(f.ctx, c.ID, []string{"999999"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "external_ids")

		for range 5 {
			r := f.sync(t)
			if r.Servers != 2 || r.FailedConnections != 0 {
				t.Fatalf("sync = %+v", r)
			}
			f.env.Clock.Advance(time.Minute)
		}
		for _, v := range vs {
			got := f.server(t, v.ID)
			if got.SyncStatus != infra.SyncOK || got.Status == "" || got.SampleTime == nil && got.Up {
				t.Errorf("%s after sync: status %q sync %s sample %v", got.Name, got.Status, got.SyncStatus, got.SampleTime)
			}
			if got.Up && got.Health == infra.HealthUnknown {
				t.Errorf("%s is up and synced but its health is unknown: %v", got.Name, got.HealthReasons)
			}
			if !got.Up && got.Health != infra.HealthCritical {
				t.Errorf("%s is %s, health %s", got.Name, got.Status, got.Health)
			}
			w, buckets, err := f.svc.ServerMetrics(f.ctx, v.ID, infra.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if w.Bucket != time.Minute {
				t.Errorf("bucket = %s", w.Bucket)
			}
			if got.Up && (len(buckets) != 5 || buckets[0].Samples != 1 || buckets[0].CPU.Max <= 0 || buckets[0].CPU.Max > 100) {
				t.Errorf("%s buckets = %+v", got.Name, buckets)
			}
		}
		// The day view puts the five minutes in one ten-minute bucket (or
		// two, when they straddle one), averaged and maxed in SQL.
		_, day, _ := f.svc.ServerMetrics(f.ctx, vs[0].ID, infra.Day)
		n := 0
		for _, b := range day {
			n += b.Samples
			if b.CPU.Avg > b.CPU.Max+1e-9 {
				t.Errorf("avg %v > max %v", b.CPU.Avg, b.CPU.Max)
			}
		}
		if f.server(t, vs[0].ID).Up && n != 5 {
			t.Errorf("day buckets hold %d samples, want 5", n)
		}
	})
}

// One provider that answers slower than the sync's timeout and one that
// answers garbage do not hold up a third: its servers are synced, theirs
// are marked failing with events, and recover once the providers do.
func TestSyncIsolatesFailingProviders(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		good := hetznersim.New(provider.SimOptions{Machines: 2, Seed: 1})
		slow := hetznersim.New(provider.SimOptions{Machines: 2, Seed: 2})
		junk := beszelsim.New(provider.SimOptions{Machines: 2, ContainersPerMachine: 2, Seed: 3})
		defer good.Close()
		defer slow.Close()
		defer junk.Close()
		cg, cs, cj := f.connect(t, "good", good), f.connect(t, "slow", slow), f.connect(t, "junk", junk)
		gv, sv, jv := f.importAll(t, cg), f.importAll(t, cs), f.importAll(t, cj)
		f.sync(t)

		slow.SetLatency(time.Minute)
		junk.SetGarbage(true)
		start := time.Now()
		r := f.sync(t)
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("the tick took %s: the slow provider held it up", took)
		}
		if r.FailedConnections != 2 || r.Servers != len(gv) {
			t.Errorf("sync = %+v", r)
		}
		for _, v := range gv {
			if got := f.server(t, v.ID); got.SyncStatus != infra.SyncOK {
				t.Errorf("good %s: %s %s", got.Name, got.SyncStatus, got.LastSyncError)
			}
		}
		for _, v := range append(sv, jv...) {
			got := f.server(t, v.ID)
			if got.SyncStatus != infra.SyncFailing || got.SyncFailures != 1 || got.Health != infra.HealthWarning {
				t.Errorf("%s: %s ×%d %s (%v)", got.Name, got.SyncStatus, got.SyncFailures, got.Health, got.HealthReasons)
			}
			if evs := f.events(t, v.ID, infra.EventSyncFailed); len(evs) != 1 {
				t.Errorf("%s sync-failed events: %v", got.Name, evs)
			}
		}
		if got := f.server(t, jv[0].ID); !strings.Contains(got.LastSyncError, "unexpected response") {
			t.Errorf("garbage reported as %q", got.LastSyncError)
		}
		if got := f.server(t, sv[0].ID); !strings.Contains(got.LastSyncError, "unreachable") {
			t.Errorf("timeout reported as %q", got.LastSyncError)
		}
		// Three failures in a row make a server critical; the connection
		// counts them too.
		f.sync(t)
		f.sync(t)
		if got := f.server(t, sv[0].ID); got.Health != infra.HealthCritical || got.SyncFailures != 3 {
			t.Errorf("after 3 failures: %s ×%d", got.Health, got.SyncFailures)
		}
		cv, _, _ := f.svc.GetConnection(f.ctx, cs.ID)
		if cv.Health != infra.ConnectionFailing || cv.ConsecutiveFailures != 3 {
			t.Errorf("slow connection: %s ×%d", cv.Health, cv.ConsecutiveFailures)
		}
		// The failing ones are what a list of failing connections finds, of
		// any provider or of one.
		names := func(kind provider.Kind, health infra.ConnectionHealth) []string {
			list, err := f.svc.ListConnections(f.ctx, kind, health)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range list {
				out = append(out, c.Name)
			}
			return out
		}
		if got := names("", infra.ConnectionFailing); !slices.Equal(got, []string{"junk", "slow"}) {
			t.Errorf("failing connections = %v", got)
		}
		if got := names(provider.Hetzner, infra.ConnectionFailing); !slices.Equal(got, []string{"slow"}) {
			t.Errorf("failing Hetzner connections = %v", got)
		}
		if got := names("", infra.ConnectionHealthy); !slices.Equal(got, []string{"good"}) {
			t.Errorf("healthy connections = %v", got)
		}
		if got := names("", ""); len(got) != 3 {
			t.Errorf("all connections = %v", got)
		}

		slow.SetLatency(0)
		junk.SetGarbage(false)
		f.sync(t)
		for _, v := range append(sv, jv...) {
			got := f.server(t, v.ID)
			if got.SyncStatus != infra.SyncOK || got.SyncFailures != 0 {
				t.Errorf("%s after recovery: %s ×%d", got.Name, got.SyncStatus, got.SyncFailures)
			}
			if evs := f.events(t, v.ID, infra.EventSyncRecovered); len(evs) != 1 || !strings.Contains(evs[0], "3 failure") {
				t.Errorf("%s recovered events: %v", got.Name, evs)
			}
		}
	})
}

// A machine deleted at the provider: its server is kept, marked failing
// with one MISSING event, and the connection still counts as healthy.
func TestServerThatDisappears(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := hetznersim.New(provider.SimOptions{Machines: 3, Seed: 4})
		defer sim.Close()
		c := f.connect(t, "Hetzner", sim)
		vs := f.importAll(t, c)
		f.sync(t)
		gone := vs[0]
		dss, _ := f.env.DB.Client.Datasource.Query().All(f.ctx)
		var ext string
		for _, ds := range dss {
			if ds.ServerID == gone.ID {
				ext = ds.ExternalID
			}
		}
		sim.RemoveMachine(ext)
		f.sync(t)
		f.sync(t)
		got := f.server(t, gone.ID)
		if got.SyncStatus != infra.SyncFailing || !strings.Contains(got.LastSyncError, "no longer reports") {
			t.Errorf("vanished server: %s %q", got.SyncStatus, got.LastSyncError)
		}
		if evs := f.events(t, gone.ID, infra.EventMissing); len(evs) != 1 {
			t.Errorf("missing events = %v", evs)
		}
		if other := f.server(t, vs[1].ID); other.SyncStatus != infra.SyncOK {
			t.Errorf("the others: %s", other.SyncStatus)
		}
		cv, _, _ := f.svc.GetConnection(f.ctx, c.ID)
		if cv.Health != infra.ConnectionHealthy {
			t.Errorf("connection health %s", cv.Health)
		}
	})
}

// Beszel reports containers: they appear with events, a stopped one is
// marked gone, a restarted one comes back; a Beszel-only container cannot
// be controlled and says why.
func TestContainersFromMonitoring(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := beszelsim.New(provider.SimOptions{Machines: 1, ContainersPerMachine: 4, Seed: 5})
		defer sim.Close()
		c := f.connect(t, "Beszel", sim)
		vs := f.importAll(t, c)
		f.sync(t)
		sid := vs[0].ID
		page, err := f.svc.ListContainers(f.ctx, infra.ContainerFilter{ServerID: &sid}, 50, "")
		if err != nil {
			t.Fatal(err)
		}
		if page.TotalSize == 0 {
			t.Fatal("the simulated system reports no containers")
		}
		if evs := f.events(t, sid, infra.EventContainerAppeared); len(evs) != page.TotalSize {
			t.Errorf("appeared events %d, containers %d", len(evs), page.TotalSize)
		}
		first := page.Items[0]
		if first.Unavailable.Code == "" {
			t.Error("a container only Beszel reports is offered for control")
		}
		_, err = f.svc.Control(f.ctx, first.ID, provider.Restart, "test")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if !strings.Contains(err.Error(), "Docker or Proxmox") {
			t.Errorf("refusal = %v", err)
		}

		ext := sim.MachineIDs()[0]
		sim.StopContainer(ext, first.Name)
		f.env.Clock.Advance(time.Minute)
		f.sync(t)
		// Beszel's containers collection still lists a container that
		// stopped: it shows as exited, with its image, not as gone, and
		// without the health it had while it ran.
		got, err := f.svc.GetContainer(f.ctx, first.ID)
		if err != nil || got.GoneTime != nil || got.Status != infra.ContainerExited || got.Image == "" || got.Health != infra.ContainerHealthNone {
			t.Fatalf("stopped container: %+v %v", got, err)
		}
		if evs := f.events(t, sid, infra.EventContainerGone); len(evs) != 0 {
			t.Errorf("gone events: %v", evs)
		}
		if evs := f.events(t, sid, infra.EventContainerChanged); !containsText(evs, first.Name+" went from running to exited") {
			t.Errorf("changed events: %v", evs)
		}
		sim.RestartContainer(ext, first.Name)
		f.env.Clock.Advance(time.Minute)
		f.sync(t)
		if got, _ := f.svc.GetContainer(f.ctx, first.ID); got.GoneTime != nil || got.Status != "RUNNING" {
			t.Errorf("after restart: gone %v status %s", got.GoneTime, got.Status)
		}
		_, buckets, err := f.svc.ContainerMetrics(f.ctx, first.ID, infra.Hour)
		// Three minutes: running, exited, running again.
		if err != nil || len(buckets) != 3 {
			t.Errorf("container buckets = %+v %v", buckets, err)
		}
	})
}

func TestServerRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		host, err := f.svc.CreateServer(f.ctx, infra.ServerValues{Name: "pve-fsn1-01", Provider: "OTHER", Kind: "HOST", IPAddress: "203.0.113.10", Location: "fsn1"})
		if err != nil {
			t.Fatal(err)
		}
		vm, err := f.svc.CreateServer(f.ctx, infra.ServerValues{Name: "web-01", Provider: "OTHER", Kind: "VM", IPAddress: "203.0.113.11", ParentID: &host.ID})
		if err != nil || vm.ParentName != "pve-fsn1-01" {
			t.Fatalf("vm: %+v %v", vm, err)
		}
		// A host cannot run on its own VM.
		_, err = f.svc.UpdateServer(f.ctx, host.ID, infra.ServerValues{ParentID: &vm.ID}, []string{"parent_id"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "server.parent_id")
		_, err = f.svc.UpdateServer(f.ctx, host.ID, infra.ServerValues{ParentID: &host.ID}, []string{"parent_id"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "server.parent_id")
		_, err = f.svc.CreateServer(f.ctx, infra.ServerValues{Name: "web-01", Provider: "OTHER", Kind: "VM"})
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		_, err = f.svc.CreateServer(f.ctx, infra.ServerValues{Name: "x", Provider: "OTHER", Kind: "VM", IPAddress: "300.1.1.1"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "ip_address")
		// A host with VMs is not deleted.
		err = f.svc.DeleteServer(f.ctx, host.ID)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if h := f.server(t, host.ID); h.Children != 1 {
			t.Errorf("children = %d", h.Children)
		}

		org := f.env.Org(t, "Kunde GmbH")
		ws, err := f.env.Orgs.CreateWorkspace(authz.System(f.ctx), org.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Assign(f.ctx, vm.ID, org.ID, &ws.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Assign(f.ctx, vm.ID, org.ID, &ws.ID)
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		other := f.env.Org(t, "Andere AG")
		_, err = f.svc.Assign(f.ctx, vm.ID, other.ID, &ws.ID)
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "workspace_id")

		// Filters: by organization, by IP, by provider and health.
		page, err := f.svc.ListServers(f.ctx, infra.ServerFilter{OrganizationID: &org.ID}, 50, "")
		if err != nil || len(page.Items) != 1 || page.Items[0].Assignments[0].WorkspaceName != "Produktion" {
			t.Fatalf("by organization: %+v %v", page, err)
		}
		page, _ = f.svc.ListServers(f.ctx, infra.ServerFilter{Query: "113.10"}, 50, "")
		if len(page.Items) != 1 || page.Items[0].Name != "pve-fsn1-01" {
			t.Errorf("by IP: %+v", page.Items)
		}
		page, _ = f.svc.ListServers(f.ctx, infra.ServerFilter{Health: []infra.Health{"UNKNOWN"}, Providers: []provider.Kind{"OTHER"}}, 1, "")
		if len(page.Items) != 1 || page.TotalSize != 2 || page.NextPageToken == "" {
			t.Errorf("paged: %d of %d, next %q", len(page.Items), page.TotalSize, page.NextPageToken)
		}
		next, err := f.svc.ListServers(f.ctx, infra.ServerFilter{Health: []infra.Health{"UNKNOWN"}, Providers: []provider.Kind{"OTHER"}}, 1, page.NextPageToken)
		if err != nil || len(next.Items) != 1 || next.Items[0].ID == page.Items[0].ID {
			t.Errorf("second page: %+v %v", next, err)
		}

		if err := f.svc.DeleteServer(f.ctx, vm.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteServer(f.ctx, host.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.GetServer(f.ctx, host.ID)
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}

// New thresholds re-decide every server's health at once.
func TestThresholdsRecomputeHealth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := hetznersim.New(provider.SimOptions{Machines: 8, Seed: 9})
		defer sim.Close()
		f.importAll(t, f.connect(t, "Hetzner", sim))
		f.sync(t)
		before, err := f.svc.Summary(f.ctx)
		if err != nil || before.Total != 8 {
			t.Fatalf("summary: %+v %v", before, err)
		}
		strict := infra.DefaultThresholds
		strict.CPUWarning, strict.CPUCritical = 1, 2
		if err := f.svc.UpdateThresholds(f.ctx, strict); err != nil {
			t.Fatal(err)
		}
		after, _ := f.svc.Summary(f.ctx)
		if after.Healthy != 0 || after.Critical <= before.Critical {
			t.Errorf("with CPU critical at 2 %%: before %+v, after %+v", before, after)
		}
		bad := infra.DefaultThresholds
		bad.DiskWarning, bad.DiskCritical = 95, 90
		err = f.svc.UpdateThresholds(f.ctx, bad)
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "thresholds.disk_warning_percent")
		if got, _ := f.svc.Thresholds(f.ctx); got != strict {
			t.Errorf("bad thresholds changed the stored ones: %+v", got)
		}
	})
}

func TestMetricsRetention(t *testing.T) {
	f := setup(t, testdb.SQLite)
	sim := hetznersim.New(provider.SimOptions{Machines: 2, Seed: 3})
	defer sim.Close()
	f.importAll(t, f.connect(t, "Hetzner", sim))
	f.sync(t)
	n0, _ := f.env.DB.Client.ServerMetric.Query().Count(f.ctx)
	f.env.Clock.Advance(31 * 24 * time.Hour)
	f.sync(t)
	removed, err := f.svc.CleanupMetrics(f.ctx)
	if err != nil || removed != n0 {
		t.Fatalf("removed %d of %d old samples: %v", removed, n0, err)
	}
	if n, _ := f.env.DB.Client.ServerMetric.Query().Count(f.ctx); n == 0 {
		t.Error("the fresh samples went too")
	}
}

// Two clouds naming a machine alike are two servers; a monitoring agent
// reporting under a server's name is that server. On a server with both,
// the cloud's word on its status counts and the agent's metrics do,
// whichever connection writes last.
func TestNamesAndTwoProvidersOnOneServer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		a := hetznersim.New(provider.SimOptions{Machines: 3, Seed: 1})
		b := hetznersim.New(provider.SimOptions{Machines: 3, Seed: 1})
		defer a.Close()
		defer b.Close()
		ca, cb := f.connect(t, "Projekt A", a), f.connect(t, "Projekt B", b)
		va := f.importAll(t, ca)
		found, _, _ := f.svc.DiscoverServers(f.ctx, cb.ID)
		for _, m := range found {
			if m.MatchingServer != nil {
				t.Errorf("%s of another cloud project offered as the same server", m.Name)
			}
		}
		var ext []string
		for _, m := range found {
			ext = append(ext, m.ID)
		}
		vb, err := f.svc.ImportServers(f.ctx, cb.ID, ext)
		if err != nil || len(vb) != len(va) || !strings.HasSuffix(vb[0].Name, "(Projekt B)") {
			t.Fatalf("second project: %+v %v", vb, err)
		}

		mon := beszelsim.New(provider.SimOptions{Machines: 1, Seed: 8})
		defer mon.Close()
		cm := f.connect(t, "Beszel", mon)
		sys := mon.MachineIDs()[0]
		if _, err := f.svc.CreateDatasource(f.ctx, va[0].ID, cm.ID, sys); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.CreateDatasource(f.ctx, va[1].ID, cm.ID, sys)
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		for range 3 {
			f.sync(t)
		}
		got := f.server(t, va[0].ID)
		if got.Status == "" || got.Status == "up" || len(got.DatasourceKinds) != 2 {
			t.Errorf("status %q from %v: the cloud's status should count", got.Status, got.DatasourceKinds)
		}
		if got.Up && got.Usage.MemoryUsed == 0 {
			t.Errorf("memory used 0: the agent's metrics should count (Hetzner has none)")
		}
	})
}

// A reseller's staff see only the servers assigned to their customers and
// change no infrastructure: servers and connections are the platform's.
func TestResellerStaffSeeTheirCustomersServersOnly(t *testing.T) {
	f := setup(t, testdb.SQLite)
	reseller := f.env.Reseller(t, "Partner Nord")
	staff := f.env.User(t, "ops@partner.example", authz.RoleOperator)
	f.env.JoinReseller(t, reseller, staff.ID)
	customer := f.env.ResellerOrg(t, reseller, "Kunde des Partners")
	theirs, _ := f.svc.CreateServer(f.ctx, infra.ServerValues{Name: "partner-01", Provider: "OTHER", Kind: "HOST"})
	other, _ := f.svc.CreateServer(f.ctx, infra.ServerValues{Name: "platform-01", Provider: "OTHER", Kind: "HOST"})
	if _, err := f.svc.Assign(f.ctx, theirs.ID, customer, nil); err != nil {
		t.Fatal(err)
	}
	partner := f.env.As(t, staff)
	page, err := f.svc.ListServers(partner, infra.ServerFilter{}, 50, "")
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != theirs.ID {
		t.Fatalf("reseller's list = %+v %v", page, err)
	}
	_, err = f.svc.GetServer(partner, other.ID)
	apptest.WantErr(t, err, apierr.ErrNotFound)
	_, err = f.svc.CreateServer(partner, infra.ServerValues{Name: "mine", Provider: "OTHER", Kind: "HOST"})
	apptest.WantErr(t, err, apierr.ErrPermissionDenied)
	_, err = f.svc.CreateConnection(partner, infra.ConnectionSettings{Name: "mine", Kind: provider.Hetzner, Credentials: infra.Credentials{Token: "t"}})
	apptest.WantErr(t, err, apierr.ErrPermissionDenied)
	if n, _ := f.env.DB.Client.Connection.Query().Count(f.ctx); n != 0 {
		t.Errorf("%d connections after refused creation", n)
	}
}
