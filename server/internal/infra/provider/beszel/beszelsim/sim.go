// Package beszelsim is a Beszel hub on loopback: the PocketBase REST API a
// hub serves, with the users, systems, system_stats, container_stats and
// containers collections Beszel defines, for tests, the demo and the
// benchmark.
//
// It serves plain HTTP on 127.0.0.1 and speaks the real wire format: the
// PocketBase list envelope and paging, filter/sort/fields/skipTotal query
// parameters, PocketBase's error bodies, JWT auth tokens that expire and
// die when the password changes, and Beszel's JSON field names inside the
// stats. One hub user exists, Email with Password; every system is shared
// with it.
//
// Records are not stored: the hub "polls" each up system once a minute at
// its own second, and the system_stats and container_stats records of the
// last hour (Beszel's retention for one-minute records) are made on request
// from the seed and the clock (SimOptions.Now). The containers collection
// (hubs since 0.14) holds one record per container as of the last poll that
// reported it: a stopped container keeps its record, no longer updated,
// until the hub's hourly clean-up (at minute 8) finds it ten minutes stale.
// Systems with an old agent (0.12) have container_stats but no containers
// records, as on a real hub. SetVersion poses as an older hub: before 0.14
// the containers collection does not exist, before 0.18.5 the version is
// only at /api/beszel/getkey.
//
// Known deviations from a real hub: only the filter forms Leitstand sends
// are understood (comparisons of a text field with a quoted string, joined
// by &&); anything else is answered 400 as PocketBase answers a filter it
// cannot parse, even where a real hub would accept it. Only "1m" records
// exist, and they follow the present state: a container stopped now is
// missing from the older records of the hour too, its containers record
// missed the last poll already, and a container (re)started now is in the
// last poll. Collections other than these four answer 404.
package beszelsim

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// The hub user the simulator knows.
const (
	Email    = "monitoring@demo.leitstand.test"
	Password = "Leitstand-Demo-2026"
)

const (
	usersCollectionID = "_pb_users_auth_"
	tokenLifetime     = 432000 * time.Second // PocketBase's default for auth collections
	pbTimeLayout      = "2006-01-02 15:04:05.000Z"
	hubPublicKey      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoLeitstandBeszelHubKeyForSimulatorUse0"
)

// Server is a simulated Beszel hub.
type Server struct {
	ts     *httptest.Server
	now    func() time.Time
	seed   uint64
	t0     time.Time
	userID string

	latency atomic.Int64
	garbage atomic.Bool
	auths   atomic.Int64

	reqMu    sync.Mutex
	requests map[string]int

	mu       sync.RWMutex
	version  string
	password string
	tokenKey string // the user's; changes with the password
	secret   string // the collection's; ExpireTokens changes it
	keyGen   uint64
	systems  []*system // in creation order
	byID     map[string]*system
	index    []ctrRef // every container, in id order
}

var _ provider.Simulator = (*Server)(nil)

// New starts a hub with opts.Machines systems running
// opts.ContainersPerMachine containers each.
func New(opts provider.SimOptions) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	seed := uint64(opts.Seed)
	r := rand.New(rand.NewPCG(seed, 0xbe52e1))
	t0 := now()
	s := &Server{
		now:      now,
		seed:     seed,
		t0:       t0,
		userID:   pbID(r),
		requests: map[string]int{},
		version:  hubVersion,
		password: Password,
		byID:     map[string]*system{},
	}
	s.tokenKey = s.newKey()
	s.secret = s.newKey()
	s.systems = newFleet(r, max(opts.Machines, 0), max(opts.ContainersPerMachine, 0), t0)
	for _, sys := range s.systems {
		s.byID[sys.id] = sys
	}
	s.index = s.indexContainers()
	s.ts = httptest.NewServer(s)
	return s
}

func (s *Server) newKey() string {
	s.keyGen++
	return hashID(mix(s.seed^s.keyGen)) + hashID(mix(s.seed+s.keyGen*7)) + hashID(s.seed*31+s.keyGen)
}

// Kind is provider.Beszel.
func (s *Server) Kind() provider.Kind { return provider.Beszel }

// URL is the hub's base URL.
func (s *Server) URL() string { return s.ts.URL }

// Config signs in as the hub user with the current password.
func (s *Server) Config() provider.Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return provider.Config{Endpoint: s.ts.URL, Username: Email, Password: s.password}
}

// MachineIDs lists the system ids in creation order.
func (s *Server) MachineIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, len(s.systems))
	for i, sys := range s.systems {
		ids[i] = sys.id
	}
	return ids
}

// RemoveMachine deletes a system, and with it its stats.
func (s *Server) RemoveMachine(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byID[id]; !ok {
		return
	}
	delete(s.byID, id)
	for i, sys := range s.systems {
		if sys.id == id {
			s.systems = append(s.systems[:i:i], s.systems[i+1:]...)
			break
		}
	}
}

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetGarbage makes every answer a 200 with an HTML body.
func (s *Server) SetGarbage(on bool) { s.garbage.Store(on) }

// Close shuts the server down.
func (s *Server) Close() { s.ts.Close() }

// SetPassword changes the hub user's password, which, as in PocketBase,
// also invalidates every token issued to it.
func (s *Server) SetPassword(pw string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.password = pw
	s.tokenKey = s.newKey()
}

// ExpireTokens invalidates every token issued so far, as rotating the
// users collection's token secret does; the password stays.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secret = s.newKey()
}

// SetSystemStatus sets a system's status: "up", "down", "paused" or
// "pending". Only up systems get new stats records.
func (s *Server) SetSystemStatus(id, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sys, ok := s.byID[id]; ok && sys.status != status {
		sys.status, sys.statusAt = status, s.now()
	}
}

// SetVersion poses as Beszel release v, e.g. "0.13.2": a hub before 0.14
// has no containers collection, one before 0.18.5 reports its version
// only at /api/beszel/getkey.
func (s *Server) SetVersion(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version = v
}

// hasContainers tells whether the hub has the containers collection.
// Callers hold mu.
func (s *Server) hasContainers() bool { return !older(s.version, "0.14.0") }

// older reports whether release v comes before release than ("0.13.2"
// before "0.14.0").
func older(v, than string) bool {
	a, b := strings.Split(v, "."), strings.Split(than, ".")
	for i := range max(len(a), len(b)) {
		var x, y int
		if i < len(a) {
			x, _ = strconv.Atoi(a[i])
		}
		if i < len(b) {
			y, _ = strconv.Atoi(b[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// StopContainer stops a container: it vanishes from container_stats, and
// its containers record stays as of the last poll that saw it running.
func (s *Server) StopContainer(systemID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.container(systemID, name); c != nil && c.running {
		c.running, c.stoppedMs = false, s.now().UnixMilli()
	}
}

// SetContainerHealth sets the state of a container's health check as
// Docker words it: "starting", "healthy", "unhealthy", or "none" for a
// container without one.
func (s *Server) SetContainerHealth(systemID, name, health string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.container(systemID, name)
	if c == nil {
		return
	}
	switch health {
	case "starting":
		c.health = healthStarting
	case "healthy":
		c.health = healthHealthy
	case "unhealthy":
		c.health = healthUnhealthy
	default:
		c.health = healthNone
	}
}

// RestartContainer (re)starts a container: it runs again, with the low
// memory use of a fresh process for a few minutes.
func (s *Server) RestartContainer(systemID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.container(systemID, name); c != nil {
		c.running, c.startedMs = true, s.now().UnixMilli()
	}
}

func (s *Server) container(systemID, name string) *container {
	sys, ok := s.byID[systemID]
	if !ok {
		return nil
	}
	for _, c := range sys.ctrs {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Containers lists the names of all containers on a system, running or not.
func (s *Server) Containers(systemID string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sys, ok := s.byID[systemID]
	if !ok {
		return nil
	}
	names := make([]string, len(sys.ctrs))
	for i, c := range sys.ctrs {
		names[i] = c.name
	}
	return names
}

// ContainerID is the Docker short id of a container, "" if there is none
// by that name.
func (s *Server) ContainerID(systemID, name string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if c := s.container(systemID, name); c != nil {
		return c.id
	}
	return ""
}

// ContainerImage is the image a container runs, "" if there is none by
// that name.
func (s *Server) ContainerImage(systemID, name string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if c := s.container(systemID, name); c != nil {
		return c.image
	}
	return ""
}

// AgentVersion is the Beszel agent a system runs: the hub's release, or
// 0.12.10 on a few systems (whose containers have no containers records).
func (s *Server) AgentVersion(systemID string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sys, ok := s.byID[systemID]
	switch {
	case !ok:
		return ""
	case sys.oldAgent:
		return oldAgentVersion
	default:
		return hubVersion
	}
}

// SystemStatus is a system's status, "" if there is no such system.
func (s *Server) SystemStatus(id string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sys, ok := s.byID[id]; ok {
		return sys.status
	}
	return ""
}

// AuthCount is how many sign-ins succeeded.
func (s *Server) AuthCount() int { return int(s.auths.Load()) }

// Requests is how many requests reached path (e.g.
// "/api/collections/systems/records").
func (s *Server) Requests(path string) int {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	return s.requests[path]
}

const garbageBody = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>It works!</h1><p>This is the default web page for this server.</p></body></html>\n"

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d := time.Duration(s.latency.Load()); d > 0 {
		// net/http notices a client that gave up only once the request body
		// has been read, so read it before waiting.
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !provider.SimLatency(r, d, nil) {
			return
		}
	}
	s.reqMu.Lock()
	s.requests[r.URL.Path]++
	s.reqMu.Unlock()
	if s.garbage.Load() {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, garbageBody)
		return
	}
	now := s.now()
	// The hub's clock, which clients use to place their stats window.
	w.Header().Set("Date", now.UTC().Format(http.TimeFormat))

	path := r.URL.Path
	switch {
	case path == "/api/health" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, []byte(`{"message":"API is healthy.","code":200,"data":{}}`))
	case path == "/api/collections/users/auth-with-password" && r.Method == http.MethodPost:
		s.authWithPassword(w, r, now)
	case (path == "/api/beszel/info" || path == "/api/beszel/getkey") && r.Method == http.MethodGet:
		s.mu.RLock()
		version := s.version
		s.mu.RUnlock()
		if path == "/api/beszel/info" && older(version, "0.18.5") {
			writeError(w, http.StatusNotFound, "The requested resource wasn't found.", nil)
			return
		}
		if !s.authorized(r, now) {
			writeError(w, http.StatusUnauthorized, "The request requires valid record authorization token.", nil)
			return
		}
		writeJSON(w, http.StatusOK, []byte(`{"key":"`+hubPublicKey+`","v":"`+version+`","cu":false}`))
	case strings.HasPrefix(path, "/api/collections/") && strings.HasSuffix(path, "/records") && r.Method == http.MethodGet:
		name := strings.TrimSuffix(strings.TrimPrefix(path, "/api/collections/"), "/records")
		s.list(w, r, name, now)
	default:
		writeError(w, http.StatusNotFound, "The requested resource wasn't found.", nil)
	}
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError writes PocketBase's error body.
func writeError(w http.ResponseWriter, status int, message string, data map[string]any) {
	if data == nil {
		data = map[string]any{}
	}
	b, _ := json.Marshal(struct {
		Data    map[string]any `json:"data"`
		Message string         `json:"message"`
		Status  int            `json:"status"`
	}{data, message, status})
	writeJSON(w, status, b)
}

func (s *Server) authWithPassword(w http.ResponseWriter, r *http.Request, now time.Time) {
	var form struct {
		Identity string `json:"identity"`
		Password string `json:"password"`
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded", "multipart/form-data":
		if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
			writeError(w, http.StatusBadRequest, "An error occurred while loading the submitted data.", nil)
			return
		}
		form.Identity, form.Password = r.FormValue("identity"), r.FormValue("password")
	default:
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&form); err != nil {
			writeError(w, http.StatusBadRequest, "An error occurred while loading the submitted data.", nil)
			return
		}
	}
	invalid := map[string]any{}
	blank := map[string]string{"code": "validation_required", "message": "Cannot be blank."}
	if form.Identity == "" {
		invalid["identity"] = blank
	}
	if form.Password == "" {
		invalid["password"] = blank
	}
	if len(invalid) > 0 {
		writeError(w, http.StatusBadRequest, "An error occurred while validating the submitted data.", invalid)
		return
	}

	s.mu.RLock()
	ok := form.Identity == Email && subtle.ConstantTimeCompare([]byte(form.Password), []byte(s.password)) == 1
	token := s.token(now)
	s.mu.RUnlock()
	if !ok {
		writeError(w, http.StatusBadRequest, "Failed to authenticate.", nil)
		return
	}
	s.auths.Add(1)
	created := pbTime(s.t0.UnixMilli() - 400*dayMs)
	b, _ := json.Marshal(map[string]any{
		"record": map[string]any{
			"collectionId":    usersCollectionID,
			"collectionName":  "users",
			"created":         created,
			"email":           Email,
			"emailVisibility": false,
			"id":              s.userID,
			"role":            "readonly",
			"updated":         created,
			"username":        "monitoring",
			"verified":        true,
		},
		"token": token,
	})
	writeJSON(w, http.StatusOK, b)
}

var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

// token issues an auth token the way PocketBase does: an HS256 JWT signed
// with the user's token key plus the collection's secret. Callers hold mu.
func (s *Server) token(now time.Time) string {
	claims, _ := json.Marshal(map[string]any{
		"collectionId": usersCollectionID,
		"exp":          now.Add(tokenLifetime).Unix(),
		"id":           s.userID,
		"refreshable":  true,
		"type":         "auth",
	})
	unsigned := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(claims)
	return unsigned + "." + s.sign(unsigned)
}

func (s *Server) sign(unsigned string) string {
	mac := hmac.New(sha256.New, []byte(s.tokenKey+s.secret))
	mac.Write([]byte(unsigned))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// authorized reports whether the request carries a live token. Like
// PocketBase it takes the bare token or "Bearer <token>".
func (s *Server) authorized(r *http.Request, now time.Time) bool {
	tok := r.Header.Get("Authorization")
	if len(tok) > 7 && strings.EqualFold(tok[:7], "Bearer ") {
		tok = tok[7:]
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return false
	}
	s.mu.RLock()
	want := s.sign(parts[0] + "." + parts[1])
	s.mu.RUnlock()
	if !hmac.Equal([]byte(want), []byte(parts[2])) {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return false
	}
	var claims struct {
		Exp  int64  `json:"exp"`
		ID   string `json:"id"`
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &claims) != nil {
		return false
	}
	return claims.Type == "auth" && claims.ID == s.userID && now.Unix() < claims.Exp
}
