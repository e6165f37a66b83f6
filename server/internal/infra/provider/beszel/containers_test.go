package beszel_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
)

const (
	containersPath = "/api/collections/containers/records"
	oldAgent       = "0.12.10"
)

// systemWith returns an up system whose agent is old (0.12, no containers
// records) or not.
func systemWith(t *testing.T, s *beszelsim.Server, old bool) string {
	t.Helper()
	for _, id := range s.MachineIDs() {
		if s.SystemStatus(id) == "up" && (s.AgentVersion(id) == oldAgent) == old {
			return id
		}
	}
	t.Fatalf("the simulator has no up system with an old agent = %v", old)
	return ""
}

func countStatus(m provider.Machine, st provider.ContainerStatus) int {
	n := 0
	for _, c := range m.Containers {
		if c.Status == st {
			n++
		}
	}
	return n
}

// hubFixture serves answers in the shape a Beszel 0.18.8 hub gives
// (testdata/hub-0.18.8): one file per path whatever the query, with the
// hub's clock at the time the answers describe.
func hubFixture(t *testing.T) provider.Config {
	t.Helper()
	files := map[string]string{
		"/api/health": "health.json",
		"/api/collections/users/auth-with-password": "auth.json",
		"/api/beszel/info":                          "info.json",
		"/api/collections/systems/records":          "systems.json",
		"/api/collections/system_stats/records":     "system_stats.json",
		"/api/collections/container_stats/records":  "container_stats.json",
		containersPath:                              "containers.json",
	}
	hubNow := time.Date(2026, 8, 20, 9, 14, 37, 0, time.UTC)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Date", hubNow.Format(http.TimeFormat))
		name, ok := files[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"data":{},"message":"The requested resource wasn't found.","status":404}`))
			return
		}
		b, err := os.ReadFile(filepath.Join("testdata", "hub-0.18.8", name))
		if err != nil {
			t.Error(err)
		}
		_, _ = w.Write(b)
	}))
	t.Cleanup(ts.Close)
	return provider.Config{Endpoint: ts.URL, Username: "monitoring@example.com", Password: "secret"}
}

// The answers of a real hub's shape: images and health from the containers
// collection, a stopped container as exited, a paused one as paused, a
// container recreated under its name once, and the systems of old agents
// by name from container_stats.
func TestHubAnswers(t *testing.T) {
	snap := providertest.Snapshot(t, newProvider(t, hubFixture(t)))
	if snap.Version != "0.18.8" {
		t.Errorf("Version = %q, want 0.18.8", snap.Version)
	}
	machines := byID(snap)
	type want struct {
		id, image string
		status    provider.ContainerStatus
		health    provider.ContainerHealth
		cpu       float64 // -1: no figures
	}
	check := func(m provider.Machine, wants map[string]want) {
		t.Helper()
		if !m.ContainersKnown || len(m.Containers) != len(wants) {
			t.Fatalf("%s: %d containers (known %v), want %d: %+v", m.Name, len(m.Containers), m.ContainersKnown, len(wants), m.Containers)
		}
		for name, w := range wants {
			c, ok := containerNamed(m, name)
			if !ok {
				t.Errorf("%s: %s missing", m.Name, name)
				continue
			}
			if c.ID != w.id || c.Image != w.image || c.Status != w.status || c.Health != w.health {
				t.Errorf("%s: %s = %s %q %s %q, want %s %q %s %q", m.Name, name, c.ID, c.Image, c.Status, c.Health, w.id, w.image, w.status, w.health)
			}
			switch {
			case w.cpu < 0 && c.Metrics != nil:
				t.Errorf("%s: %s has figures %+v, want none", m.Name, name, c.Metrics)
			case w.cpu >= 0 && (c.Metrics == nil || c.Metrics.CPUPercent != w.cpu):
				t.Errorf("%s: %s has figures %+v, want CPU %v from the newest container_stats", m.Name, name, c.Metrics, w.cpu)
			}
		}
	}

	web := machines["q7x2m9k4r1w8z5p"]
	check(web, map[string]want{
		"shop-nginx-1":    {"2f6a1c9e4b7d", "nginx:1.27-alpine", provider.Running, provider.HealthNone, 0.42},
		"shop-postgres-1": {"8c3d5e7f9a1b", "postgres:16.4", provider.Running, provider.HealthHealthy, 2.13},
		"auth-keycloak-1": {"a4b6c8d0e2f1", "quay.io/keycloak/keycloak:25.0", provider.Running, provider.HealthStarting, 7.9},
		"shop-mailer-1":   {"c1d2e3f4a5b6", "ghcr.io/example/mailer:1.8.0", provider.Running, provider.HealthUnhealthy, 0.05},
		"shop-worker-1":   {"7a8b9c0d1e2f", "ghcr.io/example/shop:2.4.1", provider.Paused, provider.HealthNone, 0},
		"shop-web-1":      {"e9f8a7b6c5d4", "ghcr.io/example/shop:2.4.1", provider.Running, provider.HealthNone, 1.08},
		"backup-restic-1": {"3e4f5a6b7c8d", "restic/restic:0.17.1", provider.Exited, provider.HealthNone, -1},
	})
	mem := 38.61
	if c, _ := containerNamed(web, "shop-nginx-1"); c.Metrics.NetOutBytesPerSecond != 402113 || c.Metrics.MemoryUsed != int64(mem*(1<<20)) {
		t.Errorf("shop-nginx-1 figures %+v, want container_stats' bytes/s and MB", c.Metrics)
	}

	// The last poll found nothing running: the records are there, none updated.
	check(machines["b4n8c2v6x0z3m7q"], map[string]want{
		"db-postgres-1": {"5c6d7e8f9a0b", "postgres:16.4", provider.Exited, provider.HealthNone, -1},
		"db-redis-1":    {"b9a8c7d6e5f4", "redis:7.4-alpine", provider.Exited, provider.HealthNone, -1},
	})

	// An agent before 0.14 writes no records: containers by name only.
	check(machines["m1k5t9p3x7c2v6b"], map[string]want{
		"postfix": {"postfix", "", provider.Running, provider.HealthNone, 0.31},
		"dovecot": {"dovecot", "", provider.Running, provider.HealthNone, 0.12},
	})

	if down := machines["d6f0h4j8l2n5r9t"]; down.Up || down.ContainersKnown || len(down.Containers) != 0 {
		t.Errorf("down system: %+v, want no containers", down)
	}
}

func TestContainerImageAndHealth(t *testing.T) {
	s, c := newSim(t, 8, 14) // every service, so some have health checks
	p := newProvider(t, s.Config())
	id := systemWith(t, s, false)
	names := s.Containers(id)

	m := byID(providertest.Snapshot(t, p))[id]
	if !m.ContainersKnown || len(m.Containers) != 14 {
		t.Fatalf("%d containers (known %v), want 14", len(m.Containers), m.ContainersKnown)
	}
	healthy := 0
	for _, ctr := range m.Containers {
		if ctr.ID != s.ContainerID(id, ctr.Name) || ctr.Image == "" || ctr.Image != s.ContainerImage(id, ctr.Name) {
			t.Errorf("container %s: id %q image %q, want Docker's id %q and image %q",
				ctr.Name, ctr.ID, ctr.Image, s.ContainerID(id, ctr.Name), s.ContainerImage(id, ctr.Name))
		}
		if ctr.Health == provider.HealthHealthy {
			healthy++
		}
	}
	if healthy == 0 || healthy == len(m.Containers) {
		t.Errorf("%d of %d containers healthy, want those with a health check", healthy, len(m.Containers))
	}

	s.SetContainerHealth(id, names[0], "unhealthy")
	s.SetContainerHealth(id, names[1], "healthy")
	s.SetContainerHealth(id, names[2], "none")
	s.RestartContainer(id, names[1]) // checks start over
	c.Advance(30 * time.Second)
	m = byID(providertest.Snapshot(t, p))[id]
	for name, want := range map[string]provider.ContainerHealth{
		names[0]: provider.HealthUnhealthy,
		names[1]: provider.HealthStarting,
		names[2]: provider.HealthNone,
	} {
		if got, _ := containerNamed(m, name); got.Health != want || got.Status != provider.Running {
			t.Errorf("%s: %s %q, want running %q", name, got.Status, got.Health, want)
		}
	}
	c.Advance(2 * time.Minute)
	if got, _ := containerNamed(byID(providertest.Snapshot(t, p))[id], names[1]); got.Health != provider.HealthHealthy {
		t.Errorf("%s two minutes after its start: %q, want healthy", names[1], got.Health)
	}
}

// An agent before 0.14 writes no containers records; its system's
// containers are read from container_stats alone, even on a new hub.
func TestOldAgentContainersByName(t *testing.T) {
	s, _ := newSim(t, 30, 3)
	p := newProvider(t, s.Config())
	id := systemWith(t, s, true)
	names := s.Containers(id)

	m := byID(providertest.Snapshot(t, p))[id]
	if !m.ContainersKnown || len(m.Containers) != 3 {
		t.Fatalf("%d containers (known %v), want 3", len(m.Containers), m.ContainersKnown)
	}
	for _, ctr := range m.Containers {
		if ctr.ID != ctr.Name || ctr.Image != "" || ctr.Status != provider.Running || ctr.Metrics == nil {
			t.Errorf("container %+v: want id = name, no image, running with figures", ctr)
		}
	}
	s.StopContainer(id, names[0])
	if m = byID(providertest.Snapshot(t, p))[id]; len(m.Containers) != 2 || !m.ContainersKnown {
		t.Fatalf("after a stop: %d containers (known %v), want the 2 running", len(m.Containers), m.ContainersKnown)
	}
	for _, n := range names {
		s.StopContainer(id, n)
	}
	if m = byID(providertest.Snapshot(t, p))[id]; m.ContainersKnown || len(m.Containers) != 0 {
		t.Fatalf("all stopped: %d containers, known %v; want unknown", len(m.Containers), m.ContainersKnown)
	}
}

// A hub before 0.14 has no containers collection: containers come from
// container_stats as before, the 404 is not asked again every snapshot,
// and an upgraded hub is noticed within the hour.
func TestOldHubWithoutContainersCollection(t *testing.T) {
	s, _ := newSim(t, 6, 3)
	s.SetVersion("0.13.2")
	p := newProvider(t, s.Config())
	local := clock.NewManual(start)
	p.SetClock(local.Now)
	id := systemWith(t, s, false)
	names := s.Containers(id)

	snap := providertest.Snapshot(t, p)
	if snap.Version != "0.13.2" {
		t.Errorf("Version = %q, want 0.13.2 from /api/beszel/getkey", snap.Version)
	}
	m := byID(snap)[id]
	if !m.ContainersKnown || len(m.Containers) != 3 {
		t.Fatalf("%d containers (known %v), want 3", len(m.Containers), m.ContainersKnown)
	}
	for _, ctr := range m.Containers {
		if ctr.ID != ctr.Name || ctr.Image != "" || ctr.Status != provider.Running {
			t.Errorf("container %+v: want known by name, running", ctr)
		}
	}
	s.StopContainer(id, names[0])
	if m = byID(providertest.Snapshot(t, p))[id]; len(m.Containers) != 2 {
		t.Fatalf("after a stop: %d containers, want the 2 running", len(m.Containers))
	}
	local.Advance(beszel.HubRecheck - time.Minute)
	providertest.Snapshot(t, p)
	if r := s.Requests(containersPath); r != 1 {
		t.Errorf("containers collection asked %d times in three snapshots, want once", r)
	}

	s.SetVersion("0.18.8")
	local.Advance(2 * time.Minute)
	snap = providertest.Snapshot(t, p)
	if snap.Version != "0.18.8" {
		t.Errorf("Version after the upgrade = %q, want 0.18.8", snap.Version)
	}
	m = byID(snap)[id]
	if got, ok := containerNamed(m, names[0]); !ok || got.Status != provider.Exited || got.Image == "" {
		t.Errorf("stopped container after the upgrade: %+v (present %v), want exited with its image", got, ok)
	}
	if r := s.Requests(containersPath); r != 2 {
		t.Errorf("containers collection asked %d times, want once more after the hour", r)
	}
}

// Checking the connection after the hub was upgraded notices the new
// version, and the next snapshot reads the containers collection at once.
func TestCheckNoticesUpgrade(t *testing.T) {
	s, _ := newSim(t, 4, 2)
	s.SetVersion("0.13.2")
	p := newProvider(t, s.Config())
	p.SetClock(clock.NewManual(start).Now)
	id := systemWith(t, s, false)
	providertest.Snapshot(t, p)
	s.SetVersion("0.18.8")
	if c := p.Check(t.Context()); !c.OK() || c.Version != "0.18.8" {
		t.Fatalf("Check = %+v, want OK with the new version", c)
	}
	m := byID(providertest.Snapshot(t, p))[id]
	if len(m.Containers) == 0 || m.Containers[0].Image == "" {
		t.Errorf("containers %+v, want them with images from the containers collection", m.Containers)
	}
}

func TestVersionInSnapshot(t *testing.T) {
	s, _ := newSim(t, 3, 1)
	p := newProvider(t, s.Config())
	local := clock.NewManual(start)
	p.SetClock(local.Now)
	for range 3 {
		if v := providertest.Snapshot(t, p).Version; v != "0.18.8" {
			t.Fatalf("Version = %q, want 0.18.8", v)
		}
	}
	if r := s.Requests("/api/beszel/info"); r != 1 {
		t.Errorf("version asked %d times in three snapshots, want once", r)
	}
	s.SetVersion("0.18.9")
	local.Advance(beszel.HubRecheck)
	if v := providertest.Snapshot(t, p).Version; v != "0.18.9" {
		t.Errorf("Version an hour after an upgrade = %q, want 0.18.9", v)
	}
}

// More containers than a page holds are read in id ranges side by side,
// each exactly once.
func TestContainersPaging(t *testing.T) {
	s, _ := newSim(t, 120, 22)
	p := newProvider(t, s.Config())
	snap := providertest.Snapshot(t, p)
	ids := map[string]string{}
	records := 0
	for _, m := range snap.Machines {
		if !m.Up {
			continue
		}
		if !m.ContainersKnown || len(m.Containers) != 22 {
			t.Fatalf("%s: %d containers (known %v), want 22", m.Name, len(m.Containers), m.ContainersKnown)
		}
		if s.AgentVersion(m.ID) == oldAgent {
			continue
		}
		for _, c := range m.Containers {
			if c.ID != s.ContainerID(m.ID, c.Name) || c.Image == "" || c.Status != provider.Running {
				t.Fatalf("%s/%s: %+v, want its record", m.Name, c.Name, c)
			}
			if other, dup := ids[c.ID]; dup {
				t.Fatalf("container id %s on %s and %s", c.ID, other, m.Name)
			}
			ids[c.ID] = m.Name
			records++
		}
	}
	if records <= 1000 {
		t.Fatalf("%d containers records, want more than a page", records)
	}
	if r := s.Requests(containersPath); r < 3 || r > 17 {
		t.Errorf("containers read in %d requests, want the first page and a few ranges", r)
	}
}
