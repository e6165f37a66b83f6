// Package hetznersim serves the part of the Hetzner Cloud API that
// Leitstand reads — the server list and server metrics — on loopback, in
// the API's wire format, for tests, the demo and the benchmark.
package hetznersim

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Token is the project API token the simulator accepts; like a real one it
// is 64 characters long.
const Token = "LeitstandSimHetznerCloudProjectToken0fsn1nbg1hel1QxVb7Kp2Wm9Rt4Z"

// Hetzner's default budget: 3600 requests per hour and project, refilled
// at one request per second.
const defaultRateLimit = 3600

// Server is a simulated Hetzner Cloud API. It is safe for concurrent use.
type Server struct {
	ts   *httptest.Server
	seed int64
	now  func() time.Time
	// done ends delayed answers when the simulator closes, so Close does
	// not wait out a latency.
	done      chan struct{}
	closeOnce sync.Once

	mu      sync.RWMutex
	servers []*server // ascending by id, as the API lists them
	byID    map[int64]*server

	latency     atomic.Int64
	garbage     atomic.Bool
	rateLimited atomic.Bool
	unavailable atomic.Bool
	requests    atomic.Int64
	metricsReqs atomic.Int64
	inFlight    atomic.Int64
	maxInFlight atomic.Int64

	// The project's request budget: limit requests per hour, refilled
	// evenly (limit/3600 per second) up to limit.
	bucketMu sync.Mutex
	limit    int
	bucket   float64
	bucketAt time.Time
	enforce  bool
}

var _ provider.Simulator = (*Server)(nil)

// New starts a simulator on 127.0.0.1 with opts.Machines servers spread
// over fsn1, nbg1 and hel1.
func New(opts provider.SimOptions) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Server{
		seed:   opts.Seed,
		now:    now,
		done:   make(chan struct{}),
		byID:   map[int64]*server{},
		limit:  defaultRateLimit,
		bucket: defaultRateLimit,
	}
	s.servers = buildFleet(opts.Seed, max(opts.Machines, 0))
	for _, sv := range s.servers {
		s.byID[sv.id] = sv
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// Kind is provider.Hetzner.
func (s *Server) Kind() provider.Kind { return provider.Hetzner }

// URL is the API's base URL, ending in /v1 like https://api.hetzner.cloud/v1.
func (s *Server) URL() string { return s.ts.URL + "/v1" }

// Config is a connection to the simulator with its valid token.
func (s *Server) Config() provider.Config {
	return provider.Config{Endpoint: s.URL(), Token: Token}
}

// MachineIDs lists the ids of the servers it serves now, in the API's
// order.
func (s *Server) MachineIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, len(s.servers))
	for i, sv := range s.servers {
		ids[i] = strconv.FormatInt(sv.id, 10)
	}
	return ids
}

// ServerIDs lists the servers' ids as numbers, in the API's order.
func (s *Server) ServerIDs() []int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]int64, len(s.servers))
	for i, sv := range s.servers {
		ids[i] = sv.id
	}
	return ids
}

// RemoveMachine deletes the server with the decimal id, as if deleted in
// the Cloud Console.
func (s *Server) RemoveMachine(id string) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byID[n]; !ok {
		return
	}
	delete(s.byID, n)
	s.servers = slices.DeleteFunc(slices.Clone(s.servers), func(sv *server) bool { return sv.id == n })
}

// SetServerStatus sets a server's status ("running", "off", "starting",
// "stopping", …), as if it had been powered on or off; it reports whether
// the server exists.
func (s *Server) SetServerStatus(id int64, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.byID[id]
	if !ok {
		return false
	}
	sv := *old
	sv.status = status
	sv.render()
	s.byID[id] = &sv
	i := slices.IndexFunc(s.servers, func(x *server) bool { return x.id == id })
	servers := slices.Clone(s.servers)
	servers[i] = &sv
	s.servers = servers
	return true
}

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetGarbage makes every answer a 200 with an HTML page, as a web server
// at the wrong URL would send.
func (s *Server) SetGarbage(on bool) { s.garbage.Store(on) }

// SetRateLimited makes every answer a 429 rate_limit_exceeded, as when the
// project has used up its request budget.
func (s *Server) SetRateLimited(on bool) { s.rateLimited.Store(on) }

// SetUnavailable makes every answer a 503 service_unavailable.
func (s *Server) SetUnavailable(on bool) { s.unavailable.Store(on) }

// SetBudget sets the project's request budget to limit requests per hour
// (refilled at limit/3600 per second, as Hetzner refills 3600 at one per
// second) with remaining of them left now; the RateLimit headers report
// it. The default is Hetzner's: 3600, all of them left.
func (s *Server) SetBudget(limit, remaining int) {
	s.bucketMu.Lock()
	defer s.bucketMu.Unlock()
	s.limit = max(limit, 1)
	s.bucket = float64(min(max(remaining, 0), s.limit))
	s.bucketAt = s.now()
}

// EnforceBudget makes a request that finds the budget used up a 429
// rate_limit_exceeded, as the API does (true), or lets the budget only
// show in the headers (false, the default: the benchmark reads a thousand
// servers per tick, far beyond what a real project may).
func (s *Server) EnforceBudget(on bool) {
	s.bucketMu.Lock()
	s.enforce = on
	s.bucketMu.Unlock()
}

// Budget is how many requests the project has left now.
func (s *Server) Budget() int {
	s.bucketMu.Lock()
	defer s.bucketMu.Unlock()
	s.refill(s.now())
	return int(s.bucket)
}

// Requests is how many requests it has received.
func (s *Server) Requests() int64 { return s.requests.Load() }

// MetricsRequests is how many metrics requests (GET /servers/{id}/metrics)
// it has answered, refused ones included.
func (s *Server) MetricsRequests() int64 { return s.metricsReqs.Load() }

// MaxInFlight is the most requests it has handled at the same time.
func (s *Server) MaxInFlight() int64 { return s.maxInFlight.Load() }

// Close shuts the simulator down; connections to it are refused after.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.ts.CloseClientConnections()
		s.ts.Close()
	})
}

// list is the server list as of now; callers must not modify it.
func (s *Server) list() []*server {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.servers
}

func (s *Server) lookup(id int64) *server {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byID[id]
}

// spend takes one request from the project's budget and reports what the
// rate-limit headers say; ok is false when the budget is enforced and used
// up, and the request is to be refused. Without enforcement running dry
// refuses nothing (SetRateLimited does).
func (s *Server) spend(now time.Time) (limit, remaining int, reset time.Time, ok bool) {
	s.bucketMu.Lock()
	defer s.bucketMu.Unlock()
	s.refill(now)
	ok = !s.enforce || s.bucket >= 1
	if ok {
		s.bucket = max(0, s.bucket-1)
	}
	if s.rateLimited.Load() {
		s.bucket = 0
	}
	limit, remaining = s.limit, int(s.bucket)
	// Full again after the missing requests have trickled back.
	perSecond := float64(s.limit) / 3600
	return limit, remaining, now.Add(time.Duration(float64(limit-remaining) / perSecond * float64(time.Second))), ok
}

// refill adds what the budget regained since it was last touched. Callers
// hold bucketMu.
func (s *Server) refill(now time.Time) {
	if s.bucketAt.IsZero() {
		s.bucketAt = now
	}
	if dt := now.Sub(s.bucketAt).Seconds(); dt > 0 {
		s.bucket = min(float64(s.limit), s.bucket+dt*float64(s.limit)/3600)
		s.bucketAt = now
	}
}
