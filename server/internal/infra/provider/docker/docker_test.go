package docker_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
)

// newSim starts a simulator on a clock the test moves.
func newSim(t *testing.T, containers int) (*dockersim.Server, *clock.Manual) {
	t.Helper()
	clk := clock.NewManual(time.Date(2025, 3, 12, 13, 30, 0, 0, time.UTC))
	sim := dockersim.New(provider.SimOptions{ContainersPerMachine: containers, Seed: 42, Now: clk.Now})
	t.Cleanup(sim.Close)
	return sim, clk
}

func newProvider(t *testing.T, cfg provider.Config) *docker.Provider {
	return providertest.New(t, docker.New, cfg)
}

func snapshot(t *testing.T, p *docker.Provider) *provider.Snapshot {
	t.Helper()
	s := providertest.Snapshot(t, p)
	if len(s.Machines) != 1 {
		t.Fatalf("Snapshot has %d machines, want the one engine", len(s.Machines))
	}
	return s
}

func find(t *testing.T, s *provider.Snapshot, id string) provider.Container {
	t.Helper()
	for _, c := range s.Machines[0].Containers {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("container %s not in snapshot", id)
	return provider.Container{}
}

// firstWith is the first container in the simulator in the given state.
func firstWith(t *testing.T, sim *dockersim.Server, status string) dockersim.ContainerState {
	t.Helper()
	for _, c := range sim.Containers() {
		if c.Status == status {
			return c
		}
	}
	t.Fatalf("simulator has no %s container", status)
	return dockersim.ContainerState{}
}

func TestNewValidatesEndpoint(t *testing.T) {
	var fe *provider.FieldError
	if _, err := docker.New(provider.Config{}); !errors.As(err, &fe) || fe.Field != "endpoint" {
		t.Errorf("empty endpoint: err = %v, want a FieldError for endpoint", err)
	}
	if _, err := docker.New(provider.Config{Endpoint: "unix:///var/run/docker.sock"}); !errors.As(err, &fe) {
		t.Errorf("unix socket: err = %v, want a FieldError", err)
	}
	for _, ep := range []string{"tcp://docker-fsn1-01:2375", "https://203.0.113.10:2376", "198.51.100.7"} {
		if _, err := docker.New(provider.Config{Endpoint: ep}); err != nil {
			t.Errorf("%s: %v", ep, err)
		}
	}
}

func TestCheckOK(t *testing.T) {
	sim, _ := newSim(t, 12)
	c := newProvider(t, sim.Config()).Check(context.Background())
	if !c.OK() {
		t.Fatalf("Check not OK: %+v", c)
	}
	if c.Version != "28.5.1" {
		t.Errorf("Version = %q, want 28.5.1", c.Version)
	}
	if !strings.Contains(c.Message, sim.EngineName()) || !strings.Contains(c.Message, "API 1.51") {
		t.Errorf("Message %q does not name the host and the negotiated API", c.Message)
	}
	if !strings.Contains(c.Message, "can start, stop and restart") || !strings.Contains(c.Message, "firewalled") {
		t.Errorf("Message %q does not say what Leitstand may do and who else can", c.Message)
	}
	if c.Latency <= 0 {
		t.Errorf("Latency = %v", c.Latency)
	}
}

// A daemon with "tls" but not "tlsverify": a self-signed certificate and
// no client certificates.
func TestTLS(t *testing.T) {
	sim := dockersim.NewTLS(provider.SimOptions{ContainersPerMachine: 4, Seed: 1})
	defer sim.Close()
	if !strings.HasPrefix(sim.URL(), "https://") {
		t.Fatalf("URL = %s", sim.URL())
	}
	if c := newProvider(t, sim.Config()).Check(context.Background()); !c.OK() {
		t.Fatalf("Check over TLS not OK: %+v", c)
	}

	// Without the simulator's client the certificate is unknown.
	cfg := sim.Config()
	cfg.HTTPClient = nil
	cfg.Timeout = 2 * time.Second
	c := newProvider(t, cfg).Check(context.Background())
	if c.Reachable || !strings.Contains(c.Message, "does not trust") || !strings.Contains(c.Message, "CA certificate") {
		t.Errorf("untrusted certificate: %+v", c)
	}
	cfg.InsecureSkipVerify = true
	if c := newProvider(t, cfg).Check(context.Background()); !c.OK() {
		t.Errorf("accepting the self-signed certificate: %+v", c)
	}

	// Plain HTTP to the TLS port.
	cfg = sim.Config()
	cfg.Endpoint = strings.Replace(cfg.Endpoint, "https://", "tcp://", 1)
	c = newProvider(t, cfg).Check(context.Background())
	if c.OK() || !strings.Contains(c.Message, "https://") {
		t.Errorf("HTTP to a TLS port: %+v", c)
	}
}

func TestAuthorizationPluginDenies(t *testing.T) {
	sim, _ := newSim(t, 6)
	sim.SetAuthzDenied(true)
	p := newProvider(t, sim.Config())
	c := p.Check(context.Background())
	if !c.Reachable || !c.Authenticated || c.Authorized {
		t.Fatalf("Check = %+v, want reachable, authenticated, not authorized", c)
	}
	if !strings.Contains(c.Message, "authorization denied by plugin") || !strings.Contains(c.Message, "authorization-plugins") {
		t.Errorf("Message %q does not name the plugin and where it is configured", c.Message)
	}
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrForbidden) {
		t.Errorf("Snapshot err = %v, want ErrForbidden", err)
	}
	sim.SetAuthzDenied(false)
	if c := p.Check(context.Background()); !c.OK() {
		t.Errorf("Check after the policy allows: %+v", c)
	}
}

func TestSlowerThanTimeout(t *testing.T) {
	sim, _ := newSim(t, 4)
	sim.SetLatency(2 * time.Second)
	cfg := sim.Config()
	cfg.Timeout = 200 * time.Millisecond
	p := newProvider(t, cfg)
	start := time.Now()
	_, err := p.Snapshot(context.Background())
	took := time.Since(start)
	if !errors.Is(err, provider.ErrUnreachable) {
		t.Fatalf("Snapshot err = %v, want ErrUnreachable", err)
	}
	if took > time.Second {
		t.Errorf("Snapshot took %v, want about the 200 ms timeout", took)
	}
	if !strings.Contains(err.Error(), "timeout") {
		t.Errorf("err %q does not say it timed out", err)
	}
}

func TestGarbage(t *testing.T) {
	sim, _ := newSim(t, 4)
	sim.SetGarbage(true)
	p := newProvider(t, sim.Config())
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrBadResponse) {
		t.Fatalf("Snapshot err = %v, want ErrBadResponse", err)
	}
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable || !strings.Contains(c.Message, "not like a Docker Engine") {
		t.Errorf("Check = %+v, want the endpoint not answering like Docker", c)
	}
	sim.SetGarbage(false)
	snapshot(t, p)
}

func TestClosed(t *testing.T) {
	sim, _ := newSim(t, 4)
	p := newProvider(t, sim.Config())
	snapshot(t, p)
	sim.Close()
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnreachable) {
		t.Fatalf("Snapshot err = %v, want ErrUnreachable", err)
	}
	if c := p.Check(context.Background()); c.Reachable {
		t.Errorf("Check = %+v, want unreachable", c)
	}
}

func TestHostAndContainersDisappear(t *testing.T) {
	sim, _ := newSim(t, 8)
	p := newProvider(t, sim.Config())
	s := snapshot(t, p)
	if len(s.Machines[0].Containers) != 8 {
		t.Fatalf("%d containers, want 8", len(s.Machines[0].Containers))
	}

	gone := sim.ContainerIDs()[3]
	sim.RemoveContainer(gone)
	for _, c := range snapshot(t, p).Machines[0].Containers {
		if c.ID == gone {
			t.Fatalf("removed container %s still in the snapshot", gone)
		}
	}

	// The engine is the machine: when the host goes, nothing answers.
	ids := sim.MachineIDs()
	if len(ids) != 1 || ids[0] != s.Machines[0].ID {
		t.Fatalf("MachineIDs = %v, snapshot machine %s", ids, s.Machines[0].ID)
	}
	sim.RemoveMachine(ids[0])
	if len(sim.MachineIDs()) != 0 {
		t.Errorf("MachineIDs after removal = %v", sim.MachineIDs())
	}
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot after the host is gone: err = %v, want ErrUnreachable", err)
	}
}

func TestEngineRestartShows(t *testing.T) {
	sim, clk := newSim(t, 8)
	p := newProvider(t, sim.Config())
	target := firstWith(t, sim, "running")
	before := find(t, snapshot(t, p), target.ID)

	clk.Advance(90 * time.Second)
	sim.RestartContainer(target.ID)
	after := find(t, snapshot(t, p), target.ID)
	if after.RestartCount != before.RestartCount+1 {
		t.Errorf("RestartCount %d → %d, want +1", before.RestartCount, after.RestartCount)
	}
	if !after.StartTime.After(before.StartTime) || !after.StartTime.Equal(clk.Now()) {
		t.Errorf("StartTime %v → %v, want the restart time %v", before.StartTime, after.StartTime, clk.Now())
	}
	if after.Status != provider.Running {
		t.Errorf("Status = %s", after.Status)
	}
}

func TestSnapshotContent(t *testing.T) {
	sim, clk := newSim(t, 24)
	p := newProvider(t, sim.Config())
	s := snapshot(t, p)
	m := s.Machines[0]
	if m.ID != sim.MachineIDs()[0] || m.Name != sim.EngineName() || m.Kind != provider.Monitored {
		t.Errorf("machine = %s %s %s", m.ID, m.Name, m.Kind)
	}
	if m.Cores < 8 || m.MemoryBytes < 16<<30 || !m.Up || m.Status != "running" || !m.ContainersKnown || m.IP != "127.0.0.1" {
		t.Errorf("machine facts: %+v", m)
	}
	if m.Metrics != nil {
		t.Errorf("the engine reports no host metrics, got %+v", m.Metrics)
	}
	if len(m.Containers) != 24 {
		t.Fatalf("%d containers, want 24", len(m.Containers))
	}

	count := map[provider.ContainerStatus]int{}
	healths := map[provider.ContainerHealth]int{}
	for _, c := range m.Containers {
		count[c.Status]++
		healths[c.Health]++
		if strings.HasPrefix(c.Name, "/") || c.Image == "" || len(c.ID) != 64 {
			t.Errorf("container %+v", c)
		}
		st, _ := sim.Container(c.ID)
		if st.Name != c.Name {
			t.Errorf("name %q, simulator has %q", c.Name, st.Name)
		}
		switch c.Status {
		case provider.Running:
			if c.StartTime.IsZero() || c.Metrics == nil {
				t.Errorf("running %s without start time or metrics", c.Name)
				continue
			}
			x := c.Metrics
			// The first snapshot takes CPU from the engine's own
			// previous sample; rates need a second snapshot.
			if x.CPUPercent < 1 || x.CPUPercent > 95 {
				t.Errorf("%s CPU %.1f %%", c.Name, x.CPUPercent)
			}
			if x.MemoryUsed <= 0 || x.MemoryLimit <= 0 || float64(x.MemoryUsed) > 0.9*float64(x.MemoryLimit) {
				t.Errorf("%s memory %d of %d", c.Name, x.MemoryUsed, x.MemoryLimit)
			}
			if x.MemoryLimit > m.MemoryBytes {
				t.Errorf("%s limit %d above the host's %d", c.Name, x.MemoryLimit, m.MemoryBytes)
			}
			if x.NetInBytesPerSecond != 0 || x.NetOutBytesPerSecond != 0 {
				t.Errorf("%s has rates on the first snapshot", c.Name)
			}
		default:
			if c.Metrics != nil {
				t.Errorf("%s %s has metrics", c.Name, c.Status)
			}
		}
	}
	if count[provider.Paused] != 1 || count[provider.Exited] < 1 || count[provider.Running] < 18 {
		t.Errorf("status mix %v, want one paused, some exited, most running", count)
	}
	if healths[provider.HealthUnhealthy] != 1 || healths[provider.HealthHealthy] < 3 {
		t.Errorf("health mix %v, want one unhealthy and several healthy", healths)
	}

	// Thirty seconds on, the counters have moved: rates appear.
	clk.Advance(30 * time.Second)
	s2 := snapshot(t, p)
	var moving int
	for _, c := range s2.Machines[0].Containers {
		if c.Status != provider.Running {
			continue
		}
		x := c.Metrics
		if x.NetInBytesPerSecond > 0 && x.NetOutBytesPerSecond > 0 {
			moving++
		}
		if x.NetInBytesPerSecond > 50<<20 || x.NetOutBytesPerSecond > 50<<20 {
			t.Errorf("%s rates %.0f/%.0f B/s", c.Name, x.NetInBytesPerSecond, x.NetOutBytesPerSecond)
		}
		if x.CPUPercent < 1 || x.CPUPercent > 95 {
			t.Errorf("%s CPU %.1f %% against the previous snapshot", c.Name, x.CPUPercent)
		}
	}
	if moving < 18 {
		t.Errorf("%d running containers with network rates, want all", moving)
	}
}

func TestStatusMapping(t *testing.T) {
	sim, _ := newSim(t, 8)
	ids := sim.ContainerIDs()
	want := map[string]provider.ContainerStatus{
		"created": provider.Stopped, "dead": provider.Stopped, "removing": provider.Stopped,
		"restarting": provider.Running, "exited": provider.Exited, "paused": provider.Paused, "running": provider.Running,
	}
	order := []string{"created", "dead", "removing", "restarting", "exited", "paused", "running"}
	for i, st := range order {
		sim.SetContainerStatus(ids[i], st)
	}
	s := snapshot(t, newProvider(t, sim.Config()))
	for i, st := range order {
		if got := find(t, s, ids[i]).Status; got != want[st] {
			t.Errorf("%s → %s, want %s", st, got, want[st])
		}
	}
}

func TestControl(t *testing.T) {
	sim, clk := newSim(t, 8)
	p := newProvider(t, sim.Config())
	ctx := context.Background()
	engine := sim.MachineIDs()[0]
	target := firstWith(t, sim, "running")

	if err := p.Control(ctx, engine, target.ID, provider.Stop); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if st, _ := sim.Container(target.ID); st.Status != "exited" {
		t.Fatalf("after stop the engine has %s", st.Status)
	}
	if c := find(t, snapshot(t, p), target.ID); c.Status != provider.Exited || c.Metrics != nil {
		t.Errorf("after stop the snapshot has %s, metrics %v", c.Status, c.Metrics)
	}
	// Stopping again is the engine's 304, not an error.
	if err := p.Control(ctx, engine, target.ID, provider.Stop); err != nil {
		t.Errorf("second stop: %v", err)
	}

	clk.Advance(time.Minute)
	if err := p.Control(ctx, engine, target.ID, provider.Start); err != nil {
		t.Fatalf("start: %v", err)
	}
	st, _ := sim.Container(target.ID)
	if st.Status != "running" || !st.StartedAt.Equal(clk.Now()) {
		t.Fatalf("after start: %+v", st)
	}
	if err := p.Control(ctx, engine, target.ID, provider.Start); err != nil {
		t.Errorf("starting a running container: %v", err)
	}

	clk.Advance(time.Minute)
	if err := p.Control(ctx, engine, target.ID, provider.Restart); err != nil {
		t.Fatalf("restart: %v", err)
	}
	after, _ := sim.Container(target.ID)
	if !after.StartedAt.Equal(clk.Now()) || after.RestartCount != st.RestartCount {
		t.Errorf("restart: started %v (want %v), restart count %d → %d (a manual restart does not count)",
			after.StartedAt, clk.Now(), st.RestartCount, after.RestartCount)
	}

	if err := p.Control(ctx, engine, "0123456789ab", provider.Restart); !errors.Is(err, provider.ErrNotFound) {
		t.Errorf("unknown container: err = %v, want ErrNotFound", err)
	}
	if err := p.Control(ctx, "another-engine", target.ID, provider.Stop); !errors.Is(err, provider.ErrNotFound) {
		t.Errorf("unknown machine: err = %v, want ErrNotFound", err)
	}
	if st, _ := sim.Container(target.ID); st.Status != "running" {
		t.Errorf("a refused action changed the container: %s", st.Status)
	}
}

// A monitoring-only connection reads everything and refuses to act before
// it asks the engine, which would not refuse.
func TestMonitoringOnly(t *testing.T) {
	sim, _ := newSim(t, 8)
	cfg := sim.Config()
	cfg.MonitoringOnly = true
	p := newProvider(t, cfg)
	ctx := context.Background()

	c := p.Check(ctx)
	if !c.OK() {
		t.Fatalf("Check = %+v", c)
	}
	if !strings.Contains(c.Message, "monitoring-only") || strings.Contains(c.Message, "can start") {
		t.Errorf("Message %q does not say the connection is monitoring-only", c.Message)
	}
	snapshot(t, p)

	engine := sim.MachineIDs()[0]
	target := firstWith(t, sim, "running")
	for _, a := range []provider.Action{provider.Stop, provider.Restart, provider.Start} {
		err := p.Control(ctx, engine, target.ID, a)
		if !errors.Is(err, provider.ErrForbidden) || !strings.Contains(err.Error(), "monitoring-only") {
			t.Errorf("%s: err = %v, want ErrForbidden saying the connection is monitoring-only", a, err)
		}
	}
	if st, _ := sim.Container(target.ID); st.Status != "running" || !st.StartedAt.Equal(target.StartedAt) {
		t.Errorf("a monitoring-only connection changed the container: %+v", st)
	}

	// The same engine through a connection that controls.
	if err := newProvider(t, sim.Config()).Control(ctx, engine, target.ID, provider.Stop); err != nil {
		t.Errorf("stop through a controlling connection: %v", err)
	}
}

// The snapshot names the engine's version as Check does, from the /info
// it reads anyway.
func TestSnapshotVersion(t *testing.T) {
	sim, _ := newSim(t, 4)
	p := newProvider(t, sim.Config())
	c := p.Check(context.Background())
	s := snapshot(t, p)
	if s.Version == "" || s.Version != c.Version || s.Version != "28.5.1" {
		t.Errorf("Snapshot.Version = %q, Check.Version = %q, want both 28.5.1", s.Version, c.Version)
	}
}

func TestConcurrentSnapshots(t *testing.T) {
	sim, clk := newSim(t, 30)
	p := newProvider(t, sim.Config())
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				if _, err := p.Snapshot(context.Background()); err != nil {
					t.Error(err)
				}
				clk.Advance(10 * time.Second)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		ids := sim.ContainerIDs()
		for i := range 10 {
			sim.RestartContainer(ids[i])
			_ = p.Control(context.Background(), sim.MachineIDs()[0], ids[i+10], provider.Restart)
		}
	}()
	wg.Wait()
}

func TestCanceledContext(t *testing.T) {
	sim, _ := newSim(t, 4)
	p := newProvider(t, sim.Config())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Snapshot(ctx); !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot with a canceled context: %v", err)
	}
}

// Without room for the engine's wait for a previous sample, CPU comes
// from the second snapshot, against the first.
func TestCPUWithShortTimeout(t *testing.T) {
	sim, clk := newSim(t, 6)
	cfg := sim.Config()
	cfg.Timeout = 2 * time.Second
	p := newProvider(t, cfg)
	for _, c := range snapshot(t, p).Machines[0].Containers {
		if c.Metrics != nil && c.Metrics.CPUPercent != 0 {
			t.Errorf("%s has CPU %.1f %% without a baseline", c.Name, c.Metrics.CPUPercent)
		}
	}
	clk.Advance(time.Minute)
	for _, c := range snapshot(t, p).Machines[0].Containers {
		if c.Metrics != nil && (c.Metrics.CPUPercent < 1 || c.Metrics.CPUPercent > 95) {
			t.Errorf("%s CPU %.1f %%", c.Name, c.Metrics.CPUPercent)
		}
	}
}

// The simulator answers in the engine's wire format where the adapter
// does not look: headers, versions, error bodies.
func TestSimulatorWire(t *testing.T) {
	sim, _ := newSim(t, 4)
	base := "http://" + strings.TrimPrefix(sim.URL(), "tcp://")
	hc := sim.Config().HTTPClient
	get := func(method, path string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	message := func(body string) string {
		var m struct{ Message string }
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Errorf("error body %q: %v", body, err)
		}
		return m.Message
	}

	resp, body := get(http.MethodGet, "/_ping")
	if resp.StatusCode != 200 || body != "OK" || resp.Header.Get("Api-Version") != "1.51" || resp.Header.Get("Ostype") != "linux" {
		t.Errorf("/_ping: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, body = get(http.MethodGet, "/v1.99/info")
	if resp.StatusCode != 400 || !strings.Contains(message(body), "too new") {
		t.Errorf("/v1.99/info: %d %s", resp.StatusCode, body)
	}
	resp, body = get(http.MethodGet, "/v1.51/containers/nope/json")
	if resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/json" || message(body) != "No such container: nope" {
		t.Errorf("unknown container: %d %s", resp.StatusCode, body)
	}
	resp, _ = get(http.MethodPost, "/v1.51/containers/"+firstWith(t, sim, "running").Name+"/start")
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("starting a running container by name: %d", resp.StatusCode)
	}
	resp, body = get(http.MethodGet, "/v1.51/containers/json")
	var list []struct{ State string }
	_ = json.Unmarshal([]byte(body), &list)
	for _, c := range list {
		if c.State == "exited" {
			t.Errorf("without all=1 the list has an exited container")
		}
	}
	resp, body = get(http.MethodGet, "/v1.51/containers/json?all=1&limit=2")
	if _ = json.Unmarshal([]byte(body), &list); resp.StatusCode != 200 || len(list) != 2 {
		t.Errorf("limit=2: %d, %d containers", resp.StatusCode, len(list))
	}
	resp, body = get(http.MethodGet, "/v1.51/nothing")
	if resp.StatusCode != 404 || message(body) != "page not found" {
		t.Errorf("unknown route: %d %s", resp.StatusCode, body)
	}
}

func BenchmarkSnapshot(b *testing.B) {
	sim := dockersim.New(provider.SimOptions{ContainersPerMachine: 1000, Seed: 3})
	defer sim.Close()
	p, err := docker.New(sim.Config())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := p.Snapshot(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
