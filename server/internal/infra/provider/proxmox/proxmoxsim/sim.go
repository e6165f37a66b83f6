// Package proxmoxsim serves the part of the Proxmox VE API (/api2/json) that
// the proxmox adapter reaches through go-proxmox, over TLS on loopback: API
// token authentication, /version, /access/permissions, /cluster/status,
// /cluster/resources, LXC status and power actions with their tasks, guest
// configs and the QEMU guest agent's network interfaces. Answers follow
// pveproxy's wire format, including its habit of putting error messages
// into the HTTP reason phrase, and the shapes real clusters send: a
// container limited to half a CPU ("maxcpu": 0.5, "cpus": "0.5"), vmids
// and CPU counts as strings, directory storages on the root filesystem
// beside "local", a backup storage shared by every node, VMs on DHCP whose
// address only their agent knows and agents that are enabled but not
// running.
package proxmoxsim

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// The one API token the simulator accepts, as created in Proxmox under
// Datacenter → Permissions → API Tokens.
const (
	TokenUser   = "root@pam"
	TokenName   = "leitstand"
	TokenID     = TokenUser + "!" + TokenName
	TokenSecret = "7d3f2a91-5c4e-4b8a-9f06-e1b2c3d4a5f6"
)

// The release the simulator claims to be.
const (
	Version = "8.4.1"
	release = "8.4"
	repoID  = "2a5fa54a8503f96d"
)

var _ provider.Simulator = (*Server)(nil)

// Server is a simulated Proxmox VE cluster.
type Server struct {
	ts  *httptest.Server
	now func() time.Time

	latency atomic.Int64
	garbage atomic.Bool
	role    atomic.Int32

	// mu guards the world's mutable parts (guests' state, membership) and
	// the task table; figures are computed from the clock, not stored.
	mu       sync.RWMutex
	w        *world
	byVMID   map[int]*guest
	tasks    map[string]*task
	taskList []string
	nextPID  int
	failNext string
}

type task struct {
	upid      string
	node      string
	typ       string
	vmid      int
	pid       int
	pstart    int64
	start     time.Time
	exit      string
	statusGot int
}

// New starts a simulator sized by opts (defaults: 3 nodes, 12 VMs, 4 LXC
// guests per node).
func New(opts provider.SimOptions) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Server{now: now, tasks: map[string]*task{}, nextPID: 20000 + int(uint64(opts.Seed)%10000)}
	s.w = generate(opts, now())
	s.reindex()
	s.ts = httptest.NewTLSServer(s)
	// Like provider.Config.Client: keep as many connections as a provider
	// runs calls at once, so a TLS handshake is not paid per call.
	if t, ok := s.ts.Client().Transport.(*http.Transport); ok {
		t.MaxIdleConnsPerHost = 8
	}
	return s
}

func (s *Server) reindex() {
	s.byVMID = make(map[int]*guest, len(s.w.guests))
	for _, g := range s.w.guests {
		s.byVMID[g.vmid] = g
	}
}

// Kind reports provider.Proxmox.
func (s *Server) Kind() provider.Kind { return provider.Proxmox }

// URL is the endpoint as an operator would enter it (https://host:port).
func (s *Server) URL() string { return s.ts.URL }

// Config is a connection with the simulator's token and a client that
// trusts its certificate.
func (s *Server) Config() provider.Config {
	return provider.Config{
		Endpoint:   s.ts.URL,
		Token:      TokenID + "=" + TokenSecret,
		HTTPClient: s.ts.Client(),
	}
}

// Close stops the server.
func (s *Server) Close() { s.ts.Close() }

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetGarbage makes every answer an HTML page with status 200.
func (s *Server) SetGarbage(on bool) { s.garbage.Store(on) }

// role is what the token may do; the simulator grants it on / only.
type role int32

const (
	administrator role = iota
	noRole
	auditor
)

// SetTokenPrivileges grants the token Administrator on / (true, the
// default) or nothing at all (false), like a privilege-separated token
// nobody has given a role yet.
func (s *Server) SetTokenPrivileges(ok bool) {
	if ok {
		s.role.Store(int32(administrator))
	} else {
		s.role.Store(int32(noRole))
	}
}

// SetTokenReadOnly grants the token only PVEAuditor on /, as for a
// monitoring-only connection: it reads everything, may not start or stop
// guests and may not ask their agents. SetTokenPrivileges(true) restores
// Administrator.
func (s *Server) SetTokenReadOnly() { s.role.Store(int32(auditor)) }

// FailNextTask makes the next power action's task end with exitStatus
// instead of "OK", leaving the guest as it was.
func (s *Server) FailNextTask(exitStatus string) {
	s.mu.Lock()
	s.failNext = exitStatus
	s.mu.Unlock()
}

// ClusterName is the cluster's name as /cluster/status reports it.
func (s *Server) ClusterName() string { return s.w.cluster }

// Nodes lists the node names.
func (s *Server) Nodes() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.w.nodes))
	for i, n := range s.w.nodes {
		out[i] = n.name
	}
	return out
}

// MachineIDs lists "node/<node>" for each node and "qemu/<vmid>" for each
// VM.
func (s *Server) MachineIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, len(s.w.nodes)+len(s.w.guests))
	for _, n := range s.w.nodes {
		ids = append(ids, "node/"+n.name)
	}
	for _, g := range s.w.guests {
		if g.kind == "qemu" {
			ids = append(ids, g.machineID())
		}
	}
	return ids
}

// RemoveMachine deletes a VM ("qemu/<vmid>") or a node with all its guests
// ("node/<node>").
func (s *Server) RemoveMachine(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name, ok := strings.CutPrefix(id, "node/"); ok {
		s.w.nodes = slices.DeleteFunc(s.w.nodes, func(n *node) bool { return n.name == name })
		s.w.guests = slices.DeleteFunc(s.w.guests, func(g *guest) bool { return g.node.name == name })
	} else {
		s.w.guests = slices.DeleteFunc(s.w.guests, func(g *guest) bool { return g.kind == "qemu" && g.machineID() == id })
	}
	s.reindex()
}

// MigrateGuest moves the VM or LXC guest vmid to the node toNode, as a
// migration in Proxmox would; it reports whether both exist. A running VM
// migrates live and an LXC guest by restart, so either runs on afterwards
// with its uptime and counters starting from zero on the new node. The
// guest keeps its vmid; its config now lives on toNode, and asking the old
// node for it fails as it does in Proxmox.
func (s *Server) MigrateGuest(vmid int, toNode string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, n := s.byVMID[vmid], s.nodeByName(toNode)
	if g == nil || n == nil {
		return false
	}
	if g.node != n {
		g.node = n
		if g.running {
			g.started = s.now()
		}
	}
	return true
}

// GuestNode is the node the VM or LXC guest vmid is on, "" if there is no
// such guest.
func (s *Server) GuestNode(vmid int) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if g := s.byVMID[vmid]; g != nil {
		return g.node.name
	}
	return ""
}

// Containers lists the vmids of the LXC guests on node.
func (s *Server) Containers(node string) []int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []int
	for _, g := range s.w.guests {
		if g.kind == "lxc" && g.node.name == node {
			out = append(out, g.vmid)
		}
	}
	return out
}

// ContainerRunning reports whether the LXC guest vmid on node runs, and
// whether it exists at all.
func (s *Server) ContainerRunning(node string, vmid int) (running, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g := s.lxc(node, vmid)
	if g == nil {
		return false, false
	}
	return g.running, true
}

// RestartContainer restarts an LXC guest: it runs again with its uptime
// starting from zero.
func (s *Server) RestartContainer(node string, vmid int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.lxc(node, vmid); g != nil {
		g.running, g.started = true, s.now()
	}
}

// StopContainer stops an LXC guest.
func (s *Server) StopContainer(node string, vmid int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.lxc(node, vmid); g != nil {
		g.running = false
	}
}

func (s *Server) lxc(node string, vmid int) *guest {
	g := s.byVMID[vmid]
	if g == nil || g.kind != "lxc" || g.node.name != node {
		return nil
	}
	return g
}

func (s *Server) nodeByName(name string) *node {
	for _, n := range s.w.nodes {
		if n.name == name {
			return n
		}
	}
	return nil
}
