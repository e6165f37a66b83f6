// Package dockersim is a Docker Engine on loopback: it speaks the Engine
// API (version 1.51, Docker 28.5) for the calls Leitstand's Docker adapter
// makes, with one engine, seeded containers whose figures follow the clock,
// and container actions that really change state.
package dockersim

import (
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// defaultContainers is the container count when SimOptions leaves it zero.
const defaultContainers = 12

// Server is a simulated Docker Engine.
type Server struct {
	srv     *httptest.Server
	client  *http.Client
	now     func() time.Time
	tls     bool
	files   TLSFiles // NewTLSVerify's CA and certificates
	engine  engine
	latency atomic.Int64
	garbage atomic.Bool
	done    chan struct{}
	closing sync.Once

	mu         sync.RWMutex
	containers []*ctr // in creation order; the list answers newest first
	byID       map[string]*ctr
	byName     map[string]*ctr
	gone       bool
	denied     bool
}

var _ provider.Simulator = (*Server)(nil)

// New starts a plain-HTTP engine, as a daemon with "hosts":
// ["tcp://0.0.0.0:2375"] serves it.
func New(opts provider.SimOptions) *Server {
	s := newServer(opts)
	s.srv = s.unstarted()
	s.srv.Start()
	s.client = s.newClient()
	return s
}

// NewTLS starts an engine behind TLS with httptest's self-signed
// certificate, which Config's client trusts, and no client verification:
// a daemon with "tls": true but not "tlsverify".
func NewTLS(opts provider.SimOptions) *Server {
	s := newServer(opts)
	s.tls = true
	s.srv = s.unstarted()
	s.srv.TLS = &tls.Config{MinVersion: tls.VersionTLS12}
	s.srv.StartTLS()
	s.client = s.newClient()
	return s
}

// NewTLSVerify starts an engine that behaves like a daemon run with
// --tlsverify: it presents a certificate for 127.0.0.1 from a CA made for
// it, and completes the handshake only with a client that presents a
// certificate from the same CA. Config carries the CA and a client
// certificate (TLSFiles has them all), and no HTTP client of its own: the
// connection builds its transport from them, as it does for a real daemon.
func NewTLSVerify(opts provider.SimOptions) *Server {
	s := newServer(opts)
	s.tls = true
	s.files = newTLSFiles(s.engine.name)
	s.srv = s.unstarted()
	s.srv.TLS = s.files.daemonTLS()
	s.srv.StartTLS()
	s.client = &http.Client{}
	return s
}

// TLSFiles are the PEM files of an engine started with NewTLSVerify; empty
// otherwise.
func (s *Server) TLSFiles() TLSFiles { return s.files }

// newClient is httptest's client (which trusts the server's certificate)
// with room for the adapter's parallel requests in its idle pool, so that a
// benchmark measures requests rather than new connections.
func (s *Server) newClient() *http.Client {
	t := s.srv.Client().Transport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: t}
}

// unstarted is the HTTP server; refused handshakes are the point of some
// tests, so the server does not log them.
func (s *Server) unstarted() *httptest.Server {
	srv := httptest.NewUnstartedServer(s)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	return srv
}

func newServer(opts provider.SimOptions) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	n := opts.ContainersPerMachine
	if n <= 0 {
		n = defaultContainers
	}
	e, cs := build(opts.Seed, n, now())
	s := &Server{
		now:        now,
		engine:     e,
		done:       make(chan struct{}),
		containers: cs,
		byID:       make(map[string]*ctr, n),
		byName:     make(map[string]*ctr, n),
	}
	for _, c := range cs {
		s.byID[c.id] = c
		s.byName[c.name] = c
	}
	return s
}

// Kind is provider.Docker.
func (s *Server) Kind() provider.Kind { return provider.Docker }

// URL is the engine's address as an operator writes it: tcp://127.0.0.1:port,
// or https://127.0.0.1:port for NewTLS and NewTLSVerify.
func (s *Server) URL() string {
	if s.tls {
		return s.srv.URL
	}
	return "tcp://" + s.srv.Listener.Addr().String()
}

// Config reaches the engine: with a client that trusts httptest's
// certificate, or, for NewTLSVerify, with ca.pem, cert.pem and key.pem as
// an operator would paste them.
func (s *Server) Config() provider.Config {
	if s.files.CA != "" {
		return provider.Config{Endpoint: s.URL(), TLSCA: s.files.CA, TLSCert: s.files.ClientCert, TLSKey: s.files.ClientKey}
	}
	return provider.Config{Endpoint: s.URL(), HTTPClient: s.client}
}

// MachineIDs is the engine's ID, or nothing once the host is gone.
func (s *Server) MachineIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.gone {
		return nil
	}
	return []string{s.engine.id}
}

// RemoveMachine with the engine's ID takes the host away: the simulator
// stops answering, as a deleted server would.
func (s *Server) RemoveMachine(id string) {
	s.mu.Lock()
	hit := id == s.engine.id && !s.gone
	if hit {
		s.gone = true
	}
	s.mu.Unlock()
	if hit {
		s.Close()
	}
}

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetGarbage makes every answer a 200 with a web server's welcome page.
func (s *Server) SetGarbage(on bool) { s.garbage.Store(on) }

// Close stops the server; requests still waiting out a latency are
// dropped rather than waited for.
func (s *Server) Close() {
	s.closing.Do(func() { close(s.done) })
	s.srv.Close()
	s.client.CloseIdleConnections()
}

// SetAuthzDenied puts an authorization plugin in front of the API whose
// policy refuses everything but /_ping, as opa-docker-authz does with a
// deny-by-default policy that leaves the health check open.
func (s *Server) SetAuthzDenied(on bool) {
	s.mu.Lock()
	s.denied = on
	s.mu.Unlock()
}

// EngineName is the host name /info reports.
func (s *Server) EngineName() string { return s.engine.name }

// ContainerIDs lists the containers' ids in creation order.
func (s *Server) ContainerIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, len(s.containers))
	for i, c := range s.containers {
		ids[i] = c.id
	}
	return ids
}

// ContainerState is what the engine knows about one container now.
type ContainerState struct {
	ID, Name     string
	Status       string // created, running, paused, restarting, removing, exited, dead
	StartedAt    time.Time
	FinishedAt   time.Time
	ExitCode     int
	RestartCount int
	// Health is "", "starting", "healthy" or "unhealthy".
	Health string
}

// Container reports one container's state; ok is false if there is none.
func (s *Server) Container(id string) (st ContainerState, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.lookup(id)
	if c == nil {
		return ContainerState{}, false
	}
	h, _ := s.health(c, s.now())
	return ContainerState{
		ID: c.id, Name: c.name, Status: c.state, StartedAt: c.startedAt, FinishedAt: c.finishedAt,
		ExitCode: c.exitCode, RestartCount: c.restartCount, Health: h,
	}, true
}

// Containers lists every container's state, sorted by name.
func (s *Server) Containers() []ContainerState {
	ids := s.ContainerIDs()
	out := make([]ContainerState, 0, len(ids))
	for _, id := range ids {
		if st, ok := s.Container(id); ok {
			out = append(out, st)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// RestartContainer is a restart by the engine's restart policy after the
// container's process died: RestartCount goes up and it starts afresh.
func (s *Server) RestartContainer(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookup(id)
	if c == nil {
		return
	}
	now := s.now()
	c.restartCount++
	c.finishedAt = now
	s.start(c, now)
}

// SetContainerStatus forces a container into an engine state ("running",
// "paused", "exited", "created", "restarting", "removing", "dead").
func (s *Server) SetContainerStatus(id, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookup(id)
	if c == nil {
		return
	}
	now := s.now()
	switch status {
	case "running":
		if c.state != "running" && c.state != "paused" {
			s.start(c, now)
			return
		}
	case "exited", "dead":
		if c.state == "running" || c.state == "paused" || c.state == "restarting" {
			c.finishedAt = now
		}
		c.pid = 0
	case "created":
		c.startedAt, c.finishedAt, c.pid = time.Time{}, time.Time{}, 0
	case "paused", "restarting", "removing":
	default:
		return
	}
	c.state = status
	c.since = now
}

// RemoveContainer deletes a container, as docker rm -f does.
func (s *Server) RemoveContainer(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookup(id)
	if c == nil {
		return
	}
	delete(s.byID, c.id)
	delete(s.byName, c.name)
	for i, x := range s.containers {
		if x == c {
			s.containers = append(s.containers[:i:i], s.containers[i+1:]...)
			break
		}
	}
}

// start runs a container from now on; the caller holds mu.
func (s *Server) start(c *ctr, now time.Time) {
	c.state = "running"
	c.startedAt = now
	c.since = now
	c.exitCode = 0
	c.pid = 1000 + int(mix(uint64(now.UnixNano())^c.memKey)%4_000_000)
}

// lookup finds a container the way the engine does: by full id, by name
// (with or without the leading slash), or by a unique id prefix. The
// caller holds mu.
func (s *Server) lookup(ref string) *ctr {
	if c := s.byID[ref]; c != nil {
		return c
	}
	if len(ref) > 0 && ref[0] == '/' {
		ref = ref[1:]
	}
	if c := s.byName[ref]; c != nil {
		return c
	}
	if ref == "" {
		return nil
	}
	var found *ctr
	for _, c := range s.containers {
		if len(c.id) >= len(ref) && c.id[:len(ref)] == ref {
			if found != nil {
				return nil
			}
			found = c
		}
	}
	return found
}

// health is the container's health status at now ("" without a check)
// and its failing streak. A check runs every healthInterval; until the
// first has run the status is "starting".
func (s *Server) health(c *ctr, now time.Time) (string, int) {
	if c.healthTest == nil || (c.state != "running" && c.state != "paused") {
		return "", 0
	}
	at := now
	if c.state == "paused" {
		at = c.since
	}
	runs := int(at.Sub(c.startedAt) / healthInterval)
	switch {
	case runs < 1:
		return "starting", 0
	case c.badHealth:
		return "unhealthy", runs
	default:
		return "healthy", 0
	}
}

// ServeHTTP answers like the engine, after the configured latency.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !provider.SimLatency(r, time.Duration(s.latency.Load()), s.done) {
		panic(http.ErrAbortHandler)
	}
	if s.garbage.Load() {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write([]byte(welcomePage))
		}
		return
	}
	s.route(w, r)
}

const welcomePage = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`
