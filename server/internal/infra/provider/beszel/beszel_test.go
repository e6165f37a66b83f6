package beszel_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
)

var start = time.Date(2026, 3, 10, 14, 30, 27, 0, time.UTC)

// newSim starts a simulator on a clock the test moves.
func newSim(t *testing.T, machines, containers int) (*beszelsim.Server, *clock.Manual) {
	t.Helper()
	c := clock.NewManual(start)
	s := beszelsim.New(provider.SimOptions{Machines: machines, ContainersPerMachine: containers, Seed: 42, Now: c.Now})
	t.Cleanup(s.Close)
	return s, c
}

func newProvider(t *testing.T, cfg provider.Config) *beszel.Provider {
	return providertest.New(t, beszel.New, cfg)
}

func byID(snap *provider.Snapshot) map[string]provider.Machine {
	m := make(map[string]provider.Machine, len(snap.Machines))
	for _, mc := range snap.Machines {
		m[mc.ID] = mc
	}
	return m
}

func containerNamed(m provider.Machine, name string) (provider.Container, bool) {
	for _, c := range m.Containers {
		if c.Name == name {
			return c, true
		}
	}
	return provider.Container{}, false
}

func TestNewValidates(t *testing.T) {
	for _, cfg := range []provider.Config{
		{Username: beszelsim.Email, Password: "x"},
		{Endpoint: "https://beszel.example.com", Username: beszelsim.Email},
		{Endpoint: "beszel.example.com", Username: beszelsim.Email, Password: "x"},
	} {
		if _, err := beszel.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted a broken config", cfg)
		}
	}
}

func TestCheckOK(t *testing.T) {
	s, _ := newSim(t, 12, 2)
	c := newProvider(t, s.Config()).Check(context.Background())
	if !c.OK() {
		t.Fatalf("Check not OK: %+v", c)
	}
	if c.Version != "0.18.8" {
		t.Errorf("Version = %q, want the hub's 0.18.8", c.Version)
	}
	if !strings.Contains(c.Message, "12 systems") || !strings.Contains(c.Message, beszelsim.Email) {
		t.Errorf("Message = %q, want the user and the number of systems", c.Message)
	}
	if c.Latency <= 0 {
		t.Errorf("Latency = %v", c.Latency)
	}
}

func TestCheckAcceptsAdminURL(t *testing.T) {
	s, _ := newSim(t, 2, 0)
	cfg := s.Config()
	cfg.Endpoint = s.URL() + "/_/"
	if c := newProvider(t, cfg).Check(context.Background()); !c.OK() {
		t.Fatalf("Check with the PocketBase admin URL: %+v", c)
	}
}

func TestWrongCredentials(t *testing.T) {
	s, _ := newSim(t, 3, 1)
	for name, mutate := range map[string]func(*provider.Config){
		"password": func(c *provider.Config) { c.Password = "wrong" },
		"e-mail":   func(c *provider.Config) { c.Username = "nobody@demo.leitstand.test" },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := s.Config()
			mutate(&cfg)
			p := newProvider(t, cfg)
			c := p.Check(context.Background())
			if c.OK() || !c.Reachable || c.Authenticated {
				t.Fatalf("Check = %+v, want reachable but not authenticated", c)
			}
			if !strings.Contains(c.Message, "e-mail and password in Beszel") {
				t.Errorf("Message = %q, want a hint at the hub user's e-mail and password", c.Message)
			}
			_, err := p.Snapshot(context.Background())
			if !errors.Is(err, provider.ErrUnauthorized) {
				t.Fatalf("Snapshot error = %v, want ErrUnauthorized", err)
			}
		})
	}
	if s.AuthCount() != 0 {
		t.Errorf("AuthCount = %d, want no successful sign-in", s.AuthCount())
	}
}

func TestNoSystemsShared(t *testing.T) {
	s, _ := newSim(t, 0, 0)
	p := newProvider(t, s.Config())
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable || !c.Authenticated || c.Authorized {
		t.Fatalf("Check = %+v, want signed in but not authorized", c)
	}
	if !strings.Contains(c.Message, "sees no systems") {
		t.Errorf("Message = %q, want it to say the user sees no systems", c.Message)
	}
	for range 2 {
		if snap := providertest.Snapshot(t, p); len(snap.Machines) != 0 {
			t.Fatalf("Snapshot has %d machines, want none", len(snap.Machines))
		}
	}
}

func TestTimeout(t *testing.T) {
	s, _ := newSim(t, 3, 1)
	s.SetLatency(2 * time.Second)
	cfg := s.Config()
	cfg.Timeout = 200 * time.Millisecond
	p := newProvider(t, cfg)

	began := time.Now()
	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrUnreachable) {
		t.Fatalf("Snapshot error = %v, want ErrUnreachable", err)
	}
	if d := time.Since(began); d > time.Second {
		t.Errorf("Snapshot took %v, want about the 200 ms timeout", d)
	}

	began = time.Now()
	c := p.Check(context.Background())
	if c.Reachable || c.OK() {
		t.Fatalf("Check = %+v, want unreachable", c)
	}
	if d := time.Since(began); d > time.Second {
		t.Errorf("Check took %v, want about the 200 ms timeout", d)
	}
}

func TestGarbage(t *testing.T) {
	s, _ := newSim(t, 3, 1)
	s.SetGarbage(true)
	p := newProvider(t, s.Config())
	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrBadResponse) {
		t.Fatalf("Snapshot error = %v, want ErrBadResponse", err)
	}
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable {
		t.Fatalf("Check = %+v, want reachable but not OK", c)
	}
	if !strings.Contains(c.Message, "not like a Beszel hub") {
		t.Errorf("Message = %q, want it to say the endpoint is not a Beszel hub", c.Message)
	}

	s.SetGarbage(false)
	if c := p.Check(context.Background()); !c.OK() {
		t.Fatalf("Check after garbage stopped: %+v", c)
	}
}

func TestClosed(t *testing.T) {
	s, _ := newSim(t, 3, 1)
	p := newProvider(t, s.Config())
	s.Close()
	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrUnreachable) {
		t.Fatalf("Snapshot error = %v, want ErrUnreachable", err)
	}
	if c := p.Check(context.Background()); c.Reachable {
		t.Fatalf("Check = %+v, want unreachable", c)
	}
}

func TestTokenReused(t *testing.T) {
	s, _ := newSim(t, 5, 2)
	p := newProvider(t, s.Config())
	providertest.Snapshot(t, p)
	providertest.Snapshot(t, p)
	if n := s.AuthCount(); n != 1 {
		t.Fatalf("AuthCount after two snapshots = %d, want 1", n)
	}

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			if _, err := p.Snapshot(context.Background()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Snapshot: %v", err)
	}
	if n := s.AuthCount(); n != 1 {
		t.Errorf("AuthCount after concurrent snapshots = %d, want 1", n)
	}
}

// PocketBase answers a dead token with an empty list rather than 401; the
// adapter must notice and sign in again instead of reporting no machines.
func TestDeadTokenIsReplaced(t *testing.T) {
	s, c := newSim(t, 5, 2)
	p := newProvider(t, s.Config())
	providertest.Snapshot(t, p)

	s.ExpireTokens()
	if snap := providertest.Snapshot(t, p); len(snap.Machines) != 5 {
		t.Fatalf("after the token secret rotated: %d machines, want 5", len(snap.Machines))
	}
	if n := s.AuthCount(); n != 2 {
		t.Errorf("AuthCount = %d, want a second sign-in", n)
	}

	c.Advance(6 * 24 * time.Hour) // past the token's five days on the hub's clock
	if snap := providertest.Snapshot(t, p); len(snap.Machines) != 5 {
		t.Fatalf("after the token expired: %d machines, want 5", len(snap.Machines))
	}
	if n := s.AuthCount(); n != 3 {
		t.Errorf("AuthCount = %d, want a third sign-in", n)
	}
}

func TestPasswordChanged(t *testing.T) {
	s, _ := newSim(t, 5, 2)
	p := newProvider(t, s.Config())
	providertest.Snapshot(t, p)

	s.SetPassword("Neues-Passwort-2026")
	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrUnauthorized) {
		t.Fatalf("Snapshot after the password changed: %v, want ErrUnauthorized", err)
	}
	if snap := providertest.Snapshot(t, newProvider(t, s.Config())); len(snap.Machines) != 5 {
		t.Fatalf("with the new password: %d machines, want 5", len(snap.Machines))
	}
}

func TestRemovedMachineDisappears(t *testing.T) {
	s, _ := newSim(t, 6, 1)
	p := newProvider(t, s.Config())
	ids := s.MachineIDs()
	if got := byID(providertest.Snapshot(t, p)); len(got) != 6 {
		t.Fatalf("%d machines, want 6", len(got))
	}
	s.RemoveMachine(ids[2])
	got := byID(providertest.Snapshot(t, p))
	if _, ok := got[ids[2]]; ok {
		t.Fatalf("removed machine %s is still in the snapshot", ids[2])
	}
	if len(got) != 5 {
		t.Fatalf("%d machines, want 5", len(got))
	}
}

func TestContainers(t *testing.T) {
	s, c := newSim(t, 12, 4)
	p := newProvider(t, s.Config())
	id := systemWith(t, s, false)
	names := s.Containers(id)

	m := byID(providertest.Snapshot(t, p))[id]
	if !m.ContainersKnown || len(m.Containers) != 4 {
		t.Fatalf("machine has %d containers (known %v), want 4", len(m.Containers), m.ContainersKnown)
	}
	for _, ctr := range m.Containers {
		if ctr.ID != s.ContainerID(id, ctr.Name) || ctr.Status != provider.Running || ctr.Metrics == nil {
			t.Errorf("container %+v: want Docker's id, running, with metrics", ctr)
		}
	}
	before, _ := containerNamed(m, names[1])

	// The hub keeps the record of a stopped container, no longer updated:
	// it is reported exited, with its image, not gone.
	s.StopContainer(id, names[1])
	m = byID(providertest.Snapshot(t, p))[id]
	stopped, ok := containerNamed(m, names[1])
	if !ok || stopped.Status != provider.Exited || stopped.Metrics != nil || stopped.Image != s.ContainerImage(id, names[1]) {
		t.Fatalf("stopped container: %+v (present %v), want exited with its image and no figures", stopped, ok)
	}
	if !m.ContainersKnown || len(m.Containers) != 4 || countStatus(m, provider.Running) != 3 {
		t.Fatalf("after stop: %d containers, %d running (known %v), want 4 with 3 running", len(m.Containers), countStatus(m, provider.Running), m.ContainersKnown)
	}

	// Beszel reports neither start times nor restart counts; a restarted
	// container shows as running again, using the memory of a fresh process.
	s.RestartContainer(id, names[1])
	c.Advance(time.Minute)
	m = byID(providertest.Snapshot(t, p))[id]
	after, ok := containerNamed(m, names[1])
	if !ok || after.Status != provider.Running || after.Metrics == nil {
		t.Fatalf("restarted container: %+v (present %v), want running with metrics", after, ok)
	}
	if after.Metrics.MemoryUsed >= before.Metrics.MemoryUsed*3/4 {
		t.Errorf("restarted container uses %d bytes, before %d: want a fresh process's lower use",
			after.Metrics.MemoryUsed, before.Metrics.MemoryUsed)
	}
	if !after.StartTime.IsZero() || after.RestartCount != 0 {
		t.Errorf("start time / restart count %v / %d: Beszel reports neither", after.StartTime, after.RestartCount)
	}

	// With nothing running the hub writes no container_stats record, but
	// the records stay: every container is exited, and that is known.
	for _, n := range names {
		s.StopContainer(id, n)
	}
	m = byID(providertest.Snapshot(t, p))[id]
	if !m.ContainersKnown || len(m.Containers) != 4 || countStatus(m, provider.Exited) != 4 {
		t.Fatalf("all stopped: %d containers, %d exited, known %v; want 4 exited", len(m.Containers), countStatus(m, provider.Exited), m.ContainersKnown)
	}

	// The hub's hourly clean-up deletes records ten minutes stale; then
	// nothing is known of the containers any more.
	c.Advance(75 * time.Minute)
	if m = byID(providertest.Snapshot(t, p))[id]; m.ContainersKnown || len(m.Containers) != 0 {
		t.Fatalf("after the clean-up: %d containers, known %v; want unknown", len(m.Containers), m.ContainersKnown)
	}
}

func TestSystemStatus(t *testing.T) {
	s, _ := newSim(t, 3, 2)
	p := newProvider(t, s.Config())
	id := s.MachineIDs()[1]

	s.SetSystemStatus(id, "paused")
	m := byID(providertest.Snapshot(t, p))[id]
	if m.Up || m.Status != "paused" || m.Metrics != nil || m.ContainersKnown {
		t.Fatalf("paused machine: %+v", m)
	}
	s.SetSystemStatus(id, "up")
	m = byID(providertest.Snapshot(t, p))[id]
	if !m.Up || m.Status != "up" || m.Metrics == nil || !m.ContainersKnown {
		t.Fatalf("machine up again: %+v", m)
	}
}

func TestPagination(t *testing.T) {
	const n = 1203
	s, _ := newSim(t, n, 1)
	p := newProvider(t, s.Config())
	snap := providertest.Snapshot(t, p)
	if len(snap.Machines) != n {
		t.Fatalf("%d machines, want %d", len(snap.Machines), n)
	}
	got := byID(snap)
	for _, id := range s.MachineIDs() {
		m, ok := got[id]
		if !ok {
			t.Fatalf("machine %s missing", id)
		}
		if m.Up && (m.Metrics == nil || !m.ContainersKnown || len(m.Containers) != 1) {
			t.Fatalf("machine %s is up but has metrics %v, containers %d", id, m.Metrics, len(m.Containers))
		}
	}
	if r := s.Requests("/api/collections/systems/records"); r != 3 {
		t.Errorf("systems read in %d requests, want 3 pages of 500", r)
	}
	if r := s.Requests("/api/collections/system_stats/records"); r < 4 {
		t.Errorf("system_stats read in %d requests, want several pages", r)
	}
	if c := p.Check(context.Background()); !c.OK() || !strings.Contains(c.Message, "1203 systems") {
		t.Errorf("Check = %+v", c)
	}
}

func TestMetricsPlausible(t *testing.T) {
	s, _ := newSim(t, 60, 5)
	snap := providertest.Snapshot(t, newProvider(t, s.Config()))
	if !snap.Time.Equal(start) {
		t.Errorf("snapshot time %v, want the hub's clock %v", snap.Time, start)
	}
	statuses := map[string]int{}
	var extraFs, busy, netIn int
	for _, m := range snap.Machines {
		statuses[m.Status]++
		if m.Kind != provider.Monitored || m.Name == "" || m.IP == "" || (m.Cores <= 0 && m.Status != "pending") {
			t.Errorf("machine %+v: want kind, name, address and (unless never polled) cores", m)
		}
		if m.Up != (m.Status == "up") {
			t.Errorf("machine %s: Up %v with status %q", m.Name, m.Up, m.Status)
		}
		if !m.Up {
			if m.Metrics != nil || m.ContainersKnown {
				t.Errorf("machine %s is %s but has metrics or containers", m.Name, m.Status)
			}
			continue
		}
		x := m.Metrics
		if x == nil {
			t.Fatalf("machine %s is up without metrics", m.Name)
		}
		if x.CPUPercent < 2 || x.CPUPercent > 90 {
			t.Errorf("%s: CPU %.2f %%", m.Name, x.CPUPercent)
		}
		if x.MemoryTotal < 1<<30 || x.MemoryUsed <= 0 || x.MemoryUsed >= x.MemoryTotal || x.MemoryTotal != m.MemoryBytes {
			t.Errorf("%s: memory %d of %d (machine %d)", m.Name, x.MemoryUsed, x.MemoryTotal, m.MemoryBytes)
		}
		if x.DiskTotal < 10<<30 || x.DiskUsed <= 0 || x.DiskUsed >= x.DiskTotal {
			t.Errorf("%s: disk %d of %d", m.Name, x.DiskUsed, x.DiskTotal)
		}
		if x.NetInBytesPerSecond < 0 || x.NetOutBytesPerSecond < 0 || x.NetOutBytesPerSecond > 1e9 {
			t.Errorf("%s: network in %.0f out %.0f B/s", m.Name, x.NetInBytesPerSecond, x.NetOutBytesPerSecond)
		}
		if x.NetInBytesPerSecond > 0 {
			netIn++
		}
		if x.CPUPercent > 60 {
			busy++
		}
		if len(m.Filesystems) == 0 || m.Filesystems[0].Name != "/" || m.Filesystems[0].TotalBytes != x.DiskTotal {
			t.Errorf("%s: filesystems %+v, want the root disk first", m.Name, m.Filesystems)
		}
		for _, fs := range m.Filesystems[1:] {
			extraFs++
			if fs.UsedBytes <= 0 || fs.UsedBytes >= fs.TotalBytes {
				t.Errorf("%s: filesystem %+v", m.Name, fs)
			}
		}
		if !m.ContainersKnown || len(m.Containers) != 5 {
			t.Errorf("%s: %d containers (known %v), want 5", m.Name, len(m.Containers), m.ContainersKnown)
		}
		var ctrCPU float64
		for _, c := range m.Containers {
			if c.Metrics == nil || c.Metrics.CPUPercent < 0 || c.Metrics.MemoryUsed <= 0 || c.Metrics.MemoryUsed > x.MemoryUsed {
				t.Errorf("%s/%s: metrics %+v", m.Name, c.Name, c.Metrics)
				continue
			}
			ctrCPU += c.Metrics.CPUPercent
		}
		if ctrCPU > x.CPUPercent*1.3 {
			t.Errorf("%s: containers use %.1f %% CPU of the host's %.1f %%", m.Name, ctrCPU, x.CPUPercent)
		}
	}
	if statuses["up"] == 0 || statuses["down"] == 0 || statuses["paused"] == 0 || statuses["pending"] == 0 {
		t.Errorf("statuses %v, want some of each", statuses)
	}
	if extraFs == 0 || busy == 0 || netIn < statuses["up"]/2 {
		t.Errorf("extra filesystems %d, busy machines %d, machines with traffic %d: want some of each", extraFs, busy, netIn)
	}
}

func TestFiguresMoveWithClock(t *testing.T) {
	s, c := newSim(t, 10, 2)
	p := newProvider(t, s.Config())
	first := byID(providertest.Snapshot(t, p))
	c.Advance(7 * time.Minute)
	snap := providertest.Snapshot(t, p)
	if !snap.Time.Equal(start.Add(7 * time.Minute)) {
		t.Errorf("snapshot time %v, want %v", snap.Time, start.Add(7*time.Minute))
	}
	moved := 0
	for id, m := range byID(snap) {
		if m.Metrics != nil && first[id].Metrics != nil && m.Metrics.CPUPercent != first[id].Metrics.CPUPercent {
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("no machine's CPU changed in seven minutes")
	}
}

func TestSimulatorIsDeterministic(t *testing.T) {
	a := beszelsim.New(provider.SimOptions{Machines: 20, ContainersPerMachine: 3, Seed: 7, Now: func() time.Time { return start }})
	defer a.Close()
	b := beszelsim.New(provider.SimOptions{Machines: 20, ContainersPerMachine: 3, Seed: 7, Now: func() time.Time { return start }})
	defer b.Close()
	sa := providertest.Snapshot(t, newProvider(t, a.Config()))
	sb := providertest.Snapshot(t, newProvider(t, b.Config()))
	for i := range sa.Machines {
		ma, mb := sa.Machines[i], sb.Machines[i]
		if ma.ID != mb.ID || ma.Name != mb.Name || ma.IP != mb.IP || (ma.Metrics == nil) != (mb.Metrics == nil) ||
			(ma.Metrics != nil && *ma.Metrics != *mb.Metrics) {
			t.Fatalf("same seed, different machines: %+v vs %+v", ma, mb)
		}
	}
}

// The simulator answers a filter it does not understand as PocketBase
// answers one it cannot parse.
func TestSimulatorRejectsUnknownFilter(t *testing.T) {
	s, _ := newSim(t, 2, 0)
	q := url.Values{"filter": {"name ~ 'web'"}}
	resp, err := http.Get(s.URL() + "/api/collections/systems/records?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Status  int            `json:"status"`
		Message string         `json:"message"`
		Data    map[string]any `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusBadRequest || body.Status != 400 || body.Message == "" || body.Data == nil {
		t.Fatalf("answer %d %+v, want PocketBase's 400 body", resp.StatusCode, body)
	}
}

// BenchmarkSnapshot reads a hub of 1,000 systems with 10 containers each.
func BenchmarkSnapshot(b *testing.B) {
	s := beszelsim.New(provider.SimOptions{Machines: 1000, ContainersPerMachine: 10, Seed: 1})
	defer s.Close()
	p, err := beszel.New(s.Config())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		snap, err := p.Snapshot(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(snap.Machines) != 1000 {
			b.Fatalf("%d machines", len(snap.Machines))
		}
	}
}
