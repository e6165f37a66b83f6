package hetzner_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner/hetznersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
)

func newSim(t *testing.T, machines int) *hetznersim.Server {
	t.Helper()
	sim := hetznersim.New(provider.SimOptions{Machines: machines, Seed: 7})
	t.Cleanup(sim.Close)
	return sim
}

func newProvider(t *testing.T, cfg provider.Config) *hetzner.Provider {
	return providertest.New(t, hetzner.New, cfg)
}

func machineIDs(s *provider.Snapshot) []string {
	ids := make([]string, len(s.Machines))
	for i, m := range s.Machines {
		ids[i] = m.ID
	}
	return ids
}

func TestNewValidates(t *testing.T) {
	var fe *provider.FieldError
	if _, err := hetzner.New(provider.Config{}); !errors.As(err, &fe) || fe.Field != "token" {
		t.Errorf("no token: got %v, want a FieldError for token", err)
	}
	if _, err := hetzner.New(provider.Config{Token: "abc\n"}); !errors.As(err, &fe) || fe.Field != "token" {
		t.Errorf("token with a line break: got %v, want a FieldError for token", err)
	}
	if _, err := hetzner.New(provider.Config{Token: "abc", Endpoint: "api.hetzner.cloud/v1"}); !errors.As(err, &fe) || fe.Field != "endpoint" {
		t.Errorf("endpoint without scheme: got %v, want a FieldError for endpoint", err)
	}
	if _, err := hetzner.New(provider.Config{Token: "abc"}); err != nil {
		t.Errorf("default endpoint: %v", err)
	}
}

func TestCheckOK(t *testing.T) {
	sim := newSim(t, 5)
	c := newProvider(t, sim.Config()).Check(context.Background())
	if !c.OK() {
		t.Fatalf("Check = %+v, want OK", c)
	}
	if c.Version != "" {
		t.Errorf("Version = %q; Hetzner Cloud reports none", c.Version)
	}
	if !strings.Contains(c.Message, "(5)") || c.Latency <= 0 {
		t.Errorf("Check = %+v, want the server count and a latency", c)
	}
}

func TestWrongToken(t *testing.T) {
	sim := newSim(t, 3)
	cfg := sim.Config()
	cfg.Token = strings.Repeat("x", 64)
	p := newProvider(t, cfg)

	c := p.Check(context.Background())
	if !c.Reachable || c.Authenticated || c.Authorized {
		t.Errorf("Check = %+v, want reachable but not authenticated", c)
	}
	if !strings.Contains(c.Message, "Security → API tokens") || !strings.Contains(c.Message, "401") {
		t.Errorf("Message %q should say 401 and where to create a token", c.Message)
	}
	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrUnauthorized) {
		t.Errorf("Snapshot error %v, want ErrUnauthorized", err)
	}
}

func TestSlowerThanTimeout(t *testing.T) {
	sim := newSim(t, 3)
	sim.SetLatency(2 * time.Second)
	cfg := sim.Config()
	cfg.Timeout = 200 * time.Millisecond
	p := newProvider(t, cfg)

	start := time.Now()
	_, err := p.Snapshot(context.Background())
	if took := time.Since(start); took > time.Second {
		t.Errorf("Snapshot took %v, want about the 200 ms timeout", took)
	}
	if !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot error %v, want ErrUnreachable", err)
	}

	start = time.Now()
	c := p.Check(context.Background())
	if took := time.Since(start); took > time.Second {
		t.Errorf("Check took %v, want about the 200 ms timeout", took)
	}
	if c.Reachable || !strings.Contains(c.Message, "timeout") {
		t.Errorf("Check = %+v, want unreachable within the timeout", c)
	}
}

func TestGarbage(t *testing.T) {
	sim := newSim(t, 3)
	sim.SetGarbage(true)
	p := newProvider(t, sim.Config())

	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrBadResponse) {
		t.Errorf("Snapshot error %v, want ErrBadResponse", err)
	}
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable || !strings.Contains(c.Message, "not like the Hetzner Cloud API") {
		t.Errorf("Check = %+v, want a message that the endpoint is not the Hetzner Cloud API", c)
	}

	sim.SetGarbage(false)
	if c := p.Check(context.Background()); !c.OK() {
		t.Errorf("Check after garbage = %+v, want OK", c)
	}
}

func TestJSONWithoutPaginationIsBadResponse(t *testing.T) {
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	p := newProvider(t, provider.Config{Endpoint: "http://" + ln.Addr().String() + "/v1", Token: hetznersim.Token})
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrBadResponse) {
		t.Errorf("Snapshot error %v, want ErrBadResponse", err)
	}
}

func TestClosedSimulator(t *testing.T) {
	sim := newSim(t, 3)
	p := newProvider(t, sim.Config())
	sim.Close()

	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot error %v, want ErrUnreachable", err)
	}
	if c := p.Check(context.Background()); c.Reachable || c.Message == "" {
		t.Errorf("Check = %+v, want unreachable with a message", c)
	}
}

func TestMachineDisappears(t *testing.T) {
	sim := newSim(t, 10)
	p := newProvider(t, sim.Config())
	before := machineIDs(providertest.Snapshot(t, p))
	if !slices.Equal(before, sim.MachineIDs()) {
		t.Fatalf("Snapshot ids %v, want %v", before, sim.MachineIDs())
	}
	gone := before[4]
	sim.RemoveMachine(gone)
	after := machineIDs(providertest.Snapshot(t, p))
	if len(after) != len(before)-1 || slices.Contains(after, gone) {
		t.Errorf("after removing %s: %v", gone, after)
	}
}

func TestPagination(t *testing.T) {
	// 123 servers are three pages of 50 for the adapter.
	sim := newSim(t, 123)
	p := newProvider(t, sim.Config())
	before := sim.Requests()
	snap := providertest.Snapshot(t, p)
	if got := machineIDs(snap); !slices.Equal(got, sim.MachineIDs()) {
		t.Fatalf("got %d machines, want all %d in the API's order", len(got), len(sim.MachineIDs()))
	}
	running := 0
	for _, m := range snap.Machines {
		if m.Up {
			running++
		}
	}
	// Hetzner's default budget regains 60 requests a minute: the three
	// pages and metrics for 57 of the running servers.
	metrics := min(running, 60-3)
	if got, want := sim.Requests()-before, int64(3+metrics); got != want {
		t.Errorf("%d requests, want 3 pages and %d metrics calls", got, metrics)
	}
}

// frozenSim is a simulator whose clock stands still at the test's start, so
// that its request budget does not refill while the test runs.
func frozenSim(t *testing.T, machines int) *hetznersim.Server {
	t.Helper()
	now := time.Now()
	sim := hetznersim.New(provider.SimOptions{Machines: machines, Seed: 7, Now: func() time.Time { return now }})
	t.Cleanup(sim.Close)
	return sim
}

// withMetrics is the set of machines that have metrics.
func withMetrics(s *provider.Snapshot) map[string]bool {
	got := map[string]bool{}
	for _, m := range s.Machines {
		if m.Metrics != nil {
			got[m.ID] = true
		}
	}
	return got
}

func running(s *provider.Snapshot) map[string]bool {
	up := map[string]bool{}
	for _, m := range s.Machines {
		if m.Up {
			up[m.ID] = true
		}
	}
	return up
}

// With a budget of 600 requests per hour the project regains 10 a minute:
// a snapshot of 40 servers spends one on the list and 9 on metrics, and the
// servers take turns, none twice before all had one.
func TestMetricsWithinSmallBudget(t *testing.T) {
	sim := frozenSim(t, 40)
	sim.SetBudget(600, 600)
	sim.EnforceBudget(true)
	p := newProvider(t, sim.Config())

	const perSnapshot = 9
	var (
		rounds []map[string]bool
		up     map[string]bool
	)
	for i := range 12 {
		before, beforeMetrics := sim.Requests(), sim.MetricsRequests()
		snap := providertest.Snapshot(t, p)
		if len(snap.Machines) != 40 {
			t.Fatalf("snapshot %d: %d machines, want all 40", i, len(snap.Machines))
		}
		if got := sim.MetricsRequests() - beforeMetrics; got != perSnapshot {
			t.Errorf("snapshot %d: %d metrics requests, want %d", i, got, perSnapshot)
		}
		if got := sim.Requests() - before; got != 1+perSnapshot {
			t.Errorf("snapshot %d: %d requests, want the list and %d metrics", i, got, perSnapshot)
		}
		got := withMetrics(snap)
		if len(got) != perSnapshot {
			t.Errorf("snapshot %d: %d machines with metrics, want %d", i, len(got), perSnapshot)
		}
		up = running(snap)
		for id := range got {
			if !up[id] {
				t.Errorf("snapshot %d: %s is not running but has metrics", i, id)
			}
		}
		rounds = append(rounds, got)
	}
	// Every window of as many snapshots as a full turn takes covers every
	// running server.
	turn := (len(up) + perSnapshot - 1) / perSnapshot
	for start := 0; start+turn <= len(rounds); start++ {
		seen := map[string]int{}
		for _, r := range rounds[start : start+turn] {
			for id := range r {
				seen[id]++
			}
		}
		for id := range up {
			if seen[id] == 0 {
				t.Errorf("snapshots %d–%d: running server %s got no metrics", start, start+turn-1, id)
			}
		}
		for id, n := range seen {
			if n > 1 && start == 0 {
				t.Errorf("first turn: server %s got metrics %d times before every server had its turn", id, n)
			}
		}
	}
	if left := sim.Budget(); left < 600-12*(1+perSnapshot) {
		t.Errorf("%d requests left, want the budget spent as planned", left)
	}
}

// Metrics stop where the budget would fall below the 20 % reserve; the
// list is still read in full.
func TestMetricsKeepTheReserve(t *testing.T) {
	sim := frozenSim(t, 40)
	// 720 is the reserve of 3600; after the list 9 requests are left above it.
	sim.SetBudget(3600, 730)
	p := newProvider(t, sim.Config())

	snap := providertest.Snapshot(t, p)
	if n := len(withMetrics(snap)); n != 9 || len(snap.Machines) != 40 {
		t.Errorf("%d machines, %d with metrics; want 40 and 9", len(snap.Machines), n)
	}
	if left := sim.Budget(); left != 720 {
		t.Errorf("%d requests left, want the reserve of 720", left)
	}
	before := sim.MetricsRequests()
	snap = providertest.Snapshot(t, p)
	if n := len(withMetrics(snap)); n != 0 || len(snap.Machines) != 40 || sim.MetricsRequests() != before {
		t.Errorf("at the reserve: %d machines, %d with metrics, %d metrics requests; want the list only",
			len(snap.Machines), n, sim.MetricsRequests()-before)
	}
}

// With the budget used up but for the list's three pages, the list is
// complete and no metrics are asked for.
func TestListCompleteWhenBudgetExhausted(t *testing.T) {
	sim := frozenSim(t, 123)
	sim.SetBudget(3600, 3)
	sim.EnforceBudget(true)
	snap := providertest.Snapshot(t, newProvider(t, sim.Config()))
	if got := machineIDs(snap); !slices.Equal(got, sim.MachineIDs()) {
		t.Errorf("got %d machines, want all %d", len(got), len(sim.MachineIDs()))
	}
	if n := len(withMetrics(snap)); n != 0 || sim.MetricsRequests() != 0 {
		t.Errorf("%d machines with metrics after %d metrics requests, want none", n, sim.MetricsRequests())
	}
}

// With a budget that regains more than the project's servers need, every
// running server has metrics every time.
func TestMetricsLargeBudget(t *testing.T) {
	sim := frozenSim(t, 123)
	sim.SetBudget(360_000, 360_000)
	p := newProvider(t, sim.Config())
	for i := range 3 {
		before := sim.MetricsRequests()
		snap := providertest.Snapshot(t, p)
		up, got := running(snap), withMetrics(snap)
		if len(got) != len(up) || int(sim.MetricsRequests()-before) != len(up) {
			t.Errorf("snapshot %d: %d of %d running servers have metrics after %d requests",
				i, len(got), len(up), sim.MetricsRequests()-before)
		}
	}
}

// 340 servers on Hetzner's default budget: 7 pages and 53 metrics requests a
// minute, so the running servers (311 here) take at most 7 minutes for a
// turn, and every one has fresh metrics within 10 minutes.
func TestMetricsRotationDefaultBudget(t *testing.T) {
	t.Parallel()
	sim := frozenSim(t, 340)
	p := newProvider(t, sim.Config())
	var rounds []map[string]bool
	var up map[string]bool
	for range 8 {
		before := sim.MetricsRequests()
		snap := providertest.Snapshot(t, p)
		if len(snap.Machines) != 340 {
			t.Fatalf("%d machines, want 340", len(snap.Machines))
		}
		if n := sim.MetricsRequests() - before; n != 53 {
			t.Errorf("%d metrics requests, want 53", n)
		}
		up = running(snap)
		rounds = append(rounds, withMetrics(snap))
	}
	turn := (len(up) + 52) / 53
	if turn > 7 {
		t.Fatalf("%d running servers take %d snapshots for a turn", len(up), turn)
	}
	for start := 0; start+turn <= len(rounds); start++ {
		seen := map[string]bool{}
		for _, r := range rounds[start : start+turn] {
			for id := range r {
				seen[id] = true
			}
		}
		for id := range up {
			if !seen[id] {
				t.Errorf("minutes %d–%d: running server %s got no metrics", start, start+turn-1, id)
			}
		}
	}
}

// A 429 on the metrics stops them for this snapshot; the servers that went
// without get their turn first next time.
func TestMetricsRateLimitedMidway(t *testing.T) {
	t.Parallel()
	sim := frozenSim(t, 40)
	target, err := url.Parse(sim.URL())
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu      sync.Mutex
		allowed = 5 // metrics answers before the project runs dry
		limited bool
	)
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/metrics") {
			mu.Lock()
			refuse := limited || allowed == 0
			if !refuse {
				allowed--
			}
			limited = limited || refuse
			mu.Unlock()
			if refuse {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("RateLimit-Limit", "3600")
				w.Header().Set("RateLimit-Remaining", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(`{"error":{"code":"rate_limit_exceeded","message":"limit of 3600 requests per hour reached","details":{}}}`))
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	cfg := sim.Config()
	cfg.Endpoint = front.URL + "/v1"
	p := newProvider(t, cfg)

	first := providertest.Snapshot(t, p)
	got := withMetrics(first)
	if len(first.Machines) != 40 || len(got) != 5 {
		t.Fatalf("under a rate limit: %d machines, %d with metrics; want 40 and 5", len(first.Machines), len(got))
	}
	mu.Lock()
	limited, allowed = false, 1000
	mu.Unlock()
	// 20 requests above the reserve after the list: 20 of the 31 servers
	// that went without, none of the 5 that had their turn.
	sim.SetBudget(3600, 720+1+20)
	second := withMetrics(providertest.Snapshot(t, p))
	if len(second) != 20 {
		t.Errorf("%d servers with metrics, want 20", len(second))
	}
	for id := range second {
		if got[id] {
			t.Errorf("server %s had its turn before the rate limit but got it again first", id)
		}
	}
}

func TestSnapshotMapping(t *testing.T) {
	// 60 servers, 55 of them running: the default budget's 58 metrics
	// requests a minute (60 less two pages) cover them all.
	sim := newSim(t, 60)
	snap := providertest.Snapshot(t, newProvider(t, sim.Config()))
	if time.Since(snap.Time) > time.Minute {
		t.Errorf("Snapshot.Time = %v", snap.Time)
	}
	if snap.Version != "" {
		t.Errorf("Snapshot.Version = %q; Hetzner Cloud reports none", snap.Version)
	}
	name := regexp.MustCompile(`^[a-z0-9]+-(fsn1|nbg1|hel1)-\d{2,}$`)
	var off, hot int
	for _, m := range snap.Machines {
		if _, err := strconv.ParseInt(m.ID, 10, 64); err != nil {
			t.Errorf("ID %q is not a Hetzner server id", m.ID)
		}
		if !name.MatchString(m.Name) || !strings.Contains(m.Name, "-"+m.Location+"-") {
			t.Errorf("machine %s: name %q, location %q", m.ID, m.Name, m.Location)
		}
		if m.Kind != provider.Cloud || m.ContainersKnown || m.ParentID != "" {
			t.Errorf("machine %s: kind %s, containers known %v, parent %q", m.Name, m.Kind, m.ContainersKnown, m.ParentID)
		}
		if net.ParseIP(m.IP) == nil {
			t.Errorf("machine %s: IP %q", m.Name, m.IP)
		}
		if m.Cores < 2 || m.MemoryBytes < 4<<30 || m.DiskBytes < 40<<30 {
			t.Errorf("machine %s: %d cores, %d B memory, %d B disk", m.Name, m.Cores, m.MemoryBytes, m.DiskBytes)
		}
		if m.Up != (m.Status == "running") {
			t.Errorf("machine %s: status %q but up %v", m.Name, m.Status, m.Up)
		}
		if !m.Up {
			off++
			if m.Metrics != nil {
				t.Errorf("machine %s is %s but has metrics", m.Name, m.Status)
			}
			continue
		}
		s := m.Metrics
		if s == nil {
			t.Errorf("running machine %s has no metrics", m.Name)
			continue
		}
		if s.CPUPercent < 2 || s.CPUPercent > 90 {
			t.Errorf("machine %s: CPU %.1f %%, want 2–90", m.Name, s.CPUPercent)
		}
		if s.CPUPercent > 60 {
			hot++
		}
		if s.NetInBytesPerSecond <= 0 || s.NetOutBytesPerSecond <= 0 || s.NetInBytesPerSecond > 1e8 {
			t.Errorf("machine %s: network in %.0f out %.0f B/s", m.Name, s.NetInBytesPerSecond, s.NetOutBytesPerSecond)
		}
		if s.MemoryUsed != 0 || s.DiskUsed != 0 || s.MemoryTotal != m.MemoryBytes || s.DiskTotal != m.DiskBytes {
			t.Errorf("machine %s: memory %d/%d, disk %d/%d; Hetzner reports no usage", m.Name, s.MemoryUsed, s.MemoryTotal, s.DiskUsed, s.DiskTotal)
		}
	}
	if off == 0 || off > len(snap.Machines)/4 {
		t.Errorf("%d of %d machines off, want a few", off, len(snap.Machines))
	}
	t.Logf("%d machines, %d off, %d above 60 %% CPU", len(snap.Machines), off, hot)
}

// The API's cpu series is per vCPU (a busy 4-vCPU server reports up to
// 400); a machine's CPUPercent is that value over its cores, the share of
// the whole server.
func TestCPUIsShareOfAllCores(t *testing.T) {
	sim := newSim(t, 30)
	snap := providertest.Snapshot(t, newProvider(t, sim.Config()))
	end := snap.Time.UTC()
	var compared, above100 int
	for _, m := range snap.Machines {
		if m.Metrics == nil {
			continue
		}
		// The series as the adapter asked for it: the same window, so the
		// same latest point.
		u := sim.URL() + "/servers/" + m.ID + "/metrics?type=cpu&step=60&start=" +
			end.Add(-5*time.Minute).Format(time.RFC3339) + "&end=" + end.Format(time.RFC3339)
		_, body := get(t, u, hetznersim.Token)
		values := body["metrics"].(map[string]any)["time_series"].(map[string]any)["cpu"].(map[string]any)["values"].([]any)
		if len(values) == 0 {
			t.Fatalf("machine %s: no cpu values", m.Name)
		}
		raw, err := strconv.ParseFloat(values[len(values)-1].([]any)[1].(string), 64)
		if err != nil {
			t.Fatal(err)
		}
		if raw > 100 {
			above100++
		}
		if want := raw / float64(m.Cores); math.Abs(m.Metrics.CPUPercent-want) > 1e-9 {
			t.Errorf("machine %s (%d cores): CPU %.4f %%, want the API's %.4f over the cores = %.4f", m.Name, m.Cores, m.Metrics.CPUPercent, raw, want)
		}
		compared++
	}
	if compared < 20 || above100 == 0 {
		t.Errorf("compared %d machines, %d with the API's value above 100; want most machines and some above 100", compared, above100)
	}
}

func TestServerStatusChange(t *testing.T) {
	sim := newSim(t, 8)
	p := newProvider(t, sim.Config())
	id := sim.ServerIDs()[0]
	key := strconv.FormatInt(id, 10)
	find := func(s *provider.Snapshot) provider.Machine {
		i := slices.IndexFunc(s.Machines, func(m provider.Machine) bool { return m.ID == key })
		if i < 0 {
			t.Fatalf("machine %s missing", key)
		}
		return s.Machines[i]
	}

	sim.SetServerStatus(id, "off")
	if m := find(providertest.Snapshot(t, p)); m.Status != "off" || m.Up || m.Metrics != nil {
		t.Errorf("after power off: %+v", m)
	}
	sim.SetServerStatus(id, "running")
	if m := find(providertest.Snapshot(t, p)); m.Status != "running" || !m.Up || m.Metrics == nil {
		t.Errorf("after power on: %+v", m)
	}
}

func TestRateLimited(t *testing.T) {
	sim := newSim(t, 3)
	sim.SetRateLimited(true)
	p := newProvider(t, sim.Config())

	start := time.Now()
	_, err := p.Snapshot(context.Background())
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Snapshot took %v under a rate limit, want a quick failure", took)
	}
	if !errors.Is(err, provider.ErrUnreachable) || !strings.Contains(err.Error(), "rate limit") || !strings.Contains(err.Error(), "429") {
		t.Errorf("Snapshot error %v, want ErrUnreachable saying rate limit and 429", err)
	}
	c := p.Check(context.Background())
	if !c.Reachable || c.Authenticated || !strings.Contains(c.Message, "rate limiting") || !strings.Contains(c.Message, "3600") {
		t.Errorf("Check = %+v, want reachable, rate limited, with the budget", c)
	}

	sim.SetRateLimited(false)
	if c := p.Check(context.Background()); !c.OK() {
		t.Errorf("Check after the rate limit = %+v, want OK", c)
	}
}

func TestServiceUnavailable(t *testing.T) {
	sim := newSim(t, 3)
	sim.SetUnavailable(true)
	p := newProvider(t, sim.Config())
	start := time.Now()
	_, err := p.Snapshot(context.Background())
	if !errors.Is(err, provider.ErrUnreachable) || time.Since(start) > 2*time.Second {
		t.Errorf("Snapshot error %v after %v, want a quick ErrUnreachable", err, time.Since(start))
	}
	if c := p.Check(context.Background()); !c.Reachable || c.Authenticated || !strings.Contains(c.Message, "503") {
		t.Errorf("Check = %+v, want reachable but failing with 503", c)
	}
}

func TestEndpointWithoutV1(t *testing.T) {
	sim := newSim(t, 3)
	cfg := sim.Config()
	cfg.Endpoint = strings.TrimSuffix(cfg.Endpoint, "/v1")
	p := newProvider(t, cfg)
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrBadResponse) {
		t.Errorf("Snapshot error %v, want ErrBadResponse", err)
	}
	if c := p.Check(context.Background()); !c.Reachable || c.OK() || !strings.Contains(c.Message, "https://api.hetzner.cloud/v1") {
		t.Errorf("Check = %+v, want a hint at the right URL", c)
	}
}

func TestMetricsConcurrencyIsBounded(t *testing.T) {
	sim := newSim(t, 48)
	sim.SetLatency(5 * time.Millisecond)
	providertest.Snapshot(t, newProvider(t, sim.Config()))
	if n := sim.MaxInFlight(); n > 8 {
		t.Errorf("%d requests in flight at once, want at most 8", n)
	}
}

func TestCanceledContext(t *testing.T) {
	sim := newSim(t, 20)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newProvider(t, sim.Config()).Snapshot(ctx); !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot with a canceled context: %v", err)
	}
}

func TestConcurrentSnapshots(t *testing.T) {
	sim := newSim(t, 30)
	p := newProvider(t, sim.Config())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := p.Snapshot(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			if c := p.Check(context.Background()); !c.OK() {
				t.Errorf("Check = %+v", c)
			}
		})
	}
	wg.Wait()
}

// The tests below speak to the simulator directly, to pin down the wire
// format the client library relies on.

func get(t *testing.T, url, token string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, body
}

func TestSimulatorWireFormat(t *testing.T) {
	sim := newSim(t, 60)
	if len(hetznersim.Token) != 64 {
		t.Errorf("token has %d characters, want 64", len(hetznersim.Token))
	}

	resp, body := get(t, sim.URL()+"/servers", "wrong")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: status %d", resp.StatusCode)
	}
	e, _ := body["error"].(map[string]any)
	if e["code"] != "unauthorized" || e["message"] != "unable to authenticate" || e["details"] == nil {
		t.Errorf("wrong token: body %v", body)
	}
	for _, h := range []string{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}

	// Default page size 25, at most 50, and the API's pagination block.
	_, body = get(t, sim.URL()+"/servers?page=2", hetznersim.Token)
	pg := body["meta"].(map[string]any)["pagination"].(map[string]any)
	want := map[string]any{"page": 2.0, "per_page": 25.0, "previous_page": 1.0, "next_page": 3.0, "last_page": 3.0, "total_entries": 60.0}
	for k, v := range want {
		if pg[k] != v {
			t.Errorf("pagination %s = %v, want %v", k, pg[k], v)
		}
	}
	if n := len(body["servers"].([]any)); n != 25 {
		t.Errorf("page 2 has %d servers, want 25", n)
	}
	resp, body = get(t, sim.URL()+"/servers?per_page=100&page=2", hetznersim.Token)
	pg = body["meta"].(map[string]any)["pagination"].(map[string]any)
	if pg["per_page"] != 50.0 || pg["next_page"] != nil || pg["last_page"] != 2.0 || len(body["servers"].([]any)) != 10 {
		t.Errorf("per_page=100, page 2: %v with %d servers", pg, len(body["servers"].([]any)))
	}
	if !strings.Contains(resp.Header.Get("Link"), `rel="prev"`) {
		t.Errorf("Link header %q", resp.Header.Get("Link"))
	}

	srv := body["servers"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "name", "status", "created", "public_net", "private_net", "server_type", "location", "image", "primary_disk_size", "labels", "protection"} {
		if _, ok := srv[k]; !ok {
			t.Errorf("server lacks %q", k)
		}
	}
	if _, err := time.Parse(time.RFC3339, srv["created"].(string)); err != nil {
		t.Errorf("created: %v", err)
	}

	// Metrics: comma-separated types, [timestamp, "value"] pairs.
	id := sim.ServerIDs()[0]
	sim.SetServerStatus(id, "running")
	end := time.Now().UTC().Truncate(time.Second)
	u := sim.URL() + "/servers/" + strconv.FormatInt(id, 10) + "/metrics?type=cpu,network&step=60&start=" +
		end.Add(-10*time.Minute).Format(time.RFC3339) + "&end=" + end.Format(time.RFC3339)
	_, body = get(t, u, hetznersim.Token)
	series := body["metrics"].(map[string]any)["time_series"].(map[string]any)
	if len(series) != 5 {
		t.Errorf("cpu,network: %d series, want 5", len(series))
	}
	values := series["cpu"].(map[string]any)["values"].([]any)
	if len(values) < 9 {
		t.Fatalf("cpu: %d points over 10 minutes at step 60", len(values))
	}
	point := values[0].([]any)
	if _, ok := point[0].(float64); !ok {
		t.Errorf("timestamp %v is not a number", point[0])
	}
	if _, ok := point[1].(string); !ok {
		t.Errorf("value %v is not a string", point[1])
	}

	resp, body = get(t, sim.URL()+"/servers/1/metrics?type=cpu&start=x&end=y", hetznersim.Token)
	if resp.StatusCode != http.StatusNotFound || body["error"].(map[string]any)["code"] != "not_found" {
		t.Errorf("unknown server: %d %v", resp.StatusCode, body)
	}
}

func TestSimulatorIsDeterministic(t *testing.T) {
	a := hetznersim.New(provider.SimOptions{Machines: 40, Seed: 3})
	defer a.Close()
	b := hetznersim.New(provider.SimOptions{Machines: 40, Seed: 3})
	defer b.Close()
	c := hetznersim.New(provider.SimOptions{Machines: 40, Seed: 4})
	defer c.Close()
	if !slices.Equal(a.MachineIDs(), b.MachineIDs()) {
		t.Error("same seed, different servers")
	}
	if slices.Equal(a.MachineIDs(), c.MachineIDs()) {
		t.Error("different seeds, same servers")
	}
	snapA := providertest.Snapshot(t, newProvider(t, a.Config()))
	snapB := providertest.Snapshot(t, newProvider(t, b.Config()))
	for i := range snapA.Machines {
		ma, mb := snapA.Machines[i], snapB.Machines[i]
		if ma.Name != mb.Name || ma.IP != mb.IP || ma.Status != mb.Status {
			t.Errorf("machine %d differs: %+v vs %+v", i, ma, mb)
		}
	}
}

func BenchmarkSnapshot1000(b *testing.B) {
	sim := hetznersim.New(provider.SimOptions{Machines: 1000, Seed: 1})
	defer sim.Close()
	// A budget that never binds, so every snapshot reads every running
	// server's metrics: the most a snapshot of 1000 servers can cost.
	sim.SetBudget(1<<30, 1<<30)
	p, err := hetzner.New(sim.Config())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		snap, err := p.Snapshot(context.Background())
		if err != nil || len(snap.Machines) != 1000 {
			b.Fatalf("%v, %d machines", err, len(snap.Machines))
		}
	}
}
