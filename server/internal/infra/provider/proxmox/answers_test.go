package proxmox_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
)

// These tests replay answers of Proxmox VE 7, 8 and 9 kept under testdata/
// (their shape as captured, their figures made up), one route each.

// reply is one canned answer: a file of testdata/ with status 200, or an
// error with the message pveproxy puts into the reason phrase.
type reply struct {
	file   string
	status int
	reason string
}

// fixture is a Proxmox VE API on loopback that answers from testdata/ and,
// like pveproxy, with 501 to any call it does not know.
type fixture struct {
	t      *testing.T
	ts     *httptest.Server
	mu     sync.Mutex
	routes map[string]reply
	hits   map[string]int
}

// newFixture serves routes ("GET /cluster/resources", paths below
// /api2/json) on top of a single node's /version, /access/permissions and
// /cluster/status.
func newFixture(t *testing.T, routes map[string]reply) *fixture {
	t.Helper()
	f := &fixture{t: t, hits: map[string]int{}, routes: map[string]reply{
		"GET /version":            {file: "version-8.json"},
		"GET /access/permissions": {file: "permissions-admin.json"},
		"GET /cluster/status":     {file: "cluster-status-single.json"},
	}}
	for k, v := range routes {
		f.routes[k] = v
	}
	f.ts = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.ts.Close)
	return f
}

func (f *fixture) serve(w http.ResponseWriter, r *http.Request) {
	route := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/api2/json")
	f.mu.Lock()
	f.hits[route]++
	rep, ok := f.routes[route]
	f.mu.Unlock()
	w.Header().Set("Server", "pve-api-daemon/3.0")
	switch {
	case !ok:
		writeStatus(w, http.StatusNotImplemented, fmt.Sprintf("Method '%s' not implemented", route))
	case rep.status != 0:
		writeStatus(w, rep.status, rep.reason)
	default:
		body, err := os.ReadFile(filepath.Join("testdata", rep.file))
		if err != nil {
			f.t.Errorf("fixture %s: %v", route, err)
			writeStatus(w, http.StatusInternalServerError, err.Error())
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		_, _ = w.Write(body)
	}
}

// writeStatus answers like pveproxy's die(): the message as the reason
// phrase, which net/http cannot send, hence the hijacked connection.
func writeStatus(w http.ResponseWriter, code int, reason string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer func() { _ = conn.Close() }()
	body := `{"data":null,"message":` + strconv.Quote(reason+"\n") + `}`
	_, _ = fmt.Fprintf(buf, "HTTP/1.1 %03d %s\r\nServer: pve-api-daemon/3.0\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		code, reason, len(body), body)
	_ = buf.Flush()
}

func (f *fixture) config() provider.Config {
	return provider.Config{Endpoint: f.ts.URL, Token: "root@pam!leitstand=7d3f2a91-5c4e-4b8a-9f06-e1b2c3d4a5f6", HTTPClient: f.ts.Client()}
}

func (f *fixture) count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[route]
}

// An LXC guest limited to half a CPU is listed with "maxcpu": 0.5, and
// Proxmox VE sends some figures as strings ("maxcpu": "2", "vmid": "106");
// neither may cost the cluster.
func TestFractionalCPULimitKeepsTheCluster(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /version":           {file: "version-7.json"},
		"GET /cluster/resources": {file: "resources-cpulimit-7.json"},
	})
	p := connect(t, f.config())
	c := p.Check(context.Background())
	if !c.OK() || !strings.Contains(c.Message, "1 node, 1 VM and 2 containers") {
		t.Errorf("Check: %+v", c)
	}
	s := providertest.Snapshot(t, p)
	if machine(s, "node/pve1") == nil || machine(s, "qemu/100") == nil {
		t.Fatalf("machines %+v", s.Machines)
	}
	half := container(s, "pve1", 105)
	if half == nil || half.Status != provider.Running || half.Metrics == nil || half.Metrics.MemoryLimit != 536870912 {
		t.Errorf("CT 105 with cpulimit 0.5: %+v", half)
	}
	if stringy := container(s, "pve1", 106); stringy == nil || stringy.Name != "mail" || stringy.Status != provider.Stopped {
		t.Errorf("CT 106 with its vmid as a string: %+v", stringy)
	}
}

// Controlling a container with a CPU limit reads "cpus": "0.5" from its
// status and "cpulimit": "0.5" from its config.
func TestControlContainerWithCPULimit(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /cluster/resources":                        {file: "resources-cpulimit-7.json"},
		"GET /nodes/pve1/lxc/105/status/current":        {file: "lxc-105-status-cpulimit-8.json"},
		"GET /nodes/pve1/lxc/105/config":                {file: "lxc-105-config-cpulimit-8.json"},
		"POST /nodes/pve1/lxc/105/status/stop":          {file: "lxc-105-stop-8.json"},
		"GET /nodes/pve1/tasks/" + stopUPID + "/status": {file: "task-105-stop-8.json"},
	})
	p := connect(t, f.config())
	if err := p.Control(context.Background(), "node/pve1", "105", provider.Stop); err != nil {
		t.Fatalf("Stop CT 105: %v", err)
	}
	if n := f.count("POST /nodes/pve1/lxc/105/status/stop"); n != 1 {
		t.Errorf("%d stop requests, want 1", n)
	}
	if n := f.count("GET /nodes/pve1/tasks/" + stopUPID + "/status"); n == 0 {
		t.Error("the task was not waited for")
	}
}

const stopUPID = "UPID:pve1:0000A1B9:0250F3C4:66F0A1B2:vzstop:105:root@pam!leitstand:"

// One object Leitstand cannot read is named with its field; the rest of
// the cluster, and what could be read of that object, stays.
func TestMalformedObjectIsNamed(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /version":           {file: "version-9.json"},
		"GET /cluster/resources": {file: "resources-malformed-9.json"},
	})
	p := connect(t, f.config())
	c := p.Check(context.Background())
	if !c.OK() {
		t.Errorf("Check: %+v", c)
	}
	if !strings.Contains(c.Message, `CT 105 on pve1: maxmem is "n/a"`) || strings.Contains(c.Message, "Check the URL") {
		t.Errorf("Message does not name the object and its field: %q", c.Message)
	}
	s := providertest.Snapshot(t, p)
	if machine(s, "qemu/100") == nil || container(s, "pve1", 107) == nil {
		t.Errorf("the rest of the cluster is missing: %+v", s.Machines)
	}
	kept := container(s, "pve1", 105)
	if kept == nil || kept.Name != "dns" || kept.Status != provider.Running || kept.Metrics == nil || kept.Metrics.MemoryUsed != 41234432 {
		t.Errorf("CT 105 is not kept with what could be read: %+v", kept)
	}
}

// pveproxy answers 501 to a call it does not offer: the host is there.
func TestNotImplementedIsNotUnreachable(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /cluster/resources": {status: http.StatusNotImplemented, reason: "Method 'GET /cluster/resources' not implemented"},
	})
	p := connect(t, f.config())
	_, err := p.Snapshot(context.Background())
	if err == nil || errors.Is(err, provider.ErrUnreachable) || !errors.Is(err, provider.ErrBadResponse) {
		t.Errorf("Snapshot error = %v, want ErrBadResponse", err)
	}
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable || !strings.Contains(c.Message, "not implemented") ||
		strings.Contains(c.Message, "could not be reached") || strings.Contains(c.Message, "Check the URL") {
		t.Errorf("Check: %+v", c)
	}
}

// Directory storages on the root filesystem are that filesystem once, and
// a shared storage is reported once for the cluster.
func TestStoragesAsTheNodeSeesThem(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /cluster/status":    {file: "cluster-status-two.json"},
		"GET /cluster/resources": {file: "resources-storages-8.json"},
	})
	s := providertest.Snapshot(t, connect(t, f.config()))
	got := map[string][]provider.Filesystem{}
	for _, node := range []string{"pve1", "pve2"} {
		m := machine(s, "node/"+node)
		if m == nil {
			t.Fatalf("node %s missing", node)
		}
		got[node] = m.Filesystems
	}
	want := map[string][]provider.Filesystem{
		"pve1": {
			{Name: "local, cloud-init", UsedBytes: 12884901888, TotalBytes: 100861726720},
			{Name: "local-lvm", UsedBytes: 412316860416, TotalBytes: 1869169767424},
			{Name: "nfs-backup", UsedBytes: 2199023255552, TotalBytes: 8796093022208, Shared: true},
		},
		"pve2": {
			// ceph-rbd is unavailable on pve1, so pve2 reports it.
			{Name: "ceph-rbd", UsedBytes: 3298534883328, TotalBytes: 10995116277760, Shared: true},
			{Name: "local, cloud-init", UsedBytes: 9663676416, TotalBytes: 100861726720},
			{Name: "local-lvm", UsedBytes: 212316860416, TotalBytes: 1869169767424},
		},
	}
	for node, fs := range want {
		if fmt.Sprint(got[node]) != fmt.Sprint(fs) {
			t.Errorf("%s filesystems\n got %+v\nwant %+v", node, got[node], fs)
		}
	}
	if m := machine(s, "node/pve1"); m.Location != "fsn1-prod" || m.IP != "192.0.2.11" {
		t.Errorf("pve1 location %q, IP %q", m.Location, m.IP)
	}
}

// A VM's address comes from the QEMU guest agent where it runs (DHCP
// guests have no other), and from its cloud-init config otherwise.
func TestGuestAgentAddresses(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /cluster/resources":                                {file: "resources-agent-8.json"},
		"GET /nodes/pve1/qemu/100/config":                       {file: "qemu-100-config-dhcp-8.json"},
		"GET /nodes/pve1/qemu/100/agent/network-get-interfaces": {file: "qemu-100-agent-interfaces-8.json"},
		"GET /nodes/pve1/qemu/101/config":                       {file: "qemu-101-config-static-8.json"},
		"GET /nodes/pve1/qemu/101/agent/network-get-interfaces": {status: http.StatusInternalServerError, reason: "QEMU guest agent is not running"},
		"GET /nodes/pve1/qemu/102/config":                       {file: "qemu-102-config-noagent-7.json"},
		"GET /nodes/pve1/qemu/103/config":                       {file: "qemu-103-config-stopped-8.json"},
	})
	p := connect(t, f.config())
	s := providertest.Snapshot(t, p)
	for id, want := range map[string]string{
		"qemu/100": "198.51.100.25", // DHCP: the agent's IPv4, not loopback, link-local, IPv6 or docker0
		"qemu/101": "203.0.113.21",  // the agent does not run: the static cloud-init address
		"qemu/102": "",              // no agent, no cloud-init
		"qemu/103": "",              // stopped, DHCP
	} {
		if m := machine(s, id); m == nil || m.IP != want {
			t.Errorf("%s: %+v, want IP %q", id, m, want)
		}
	}
	for _, vmid := range []string{"102", "103"} {
		if n := f.count("GET /nodes/pve1/qemu/" + vmid + "/agent/network-get-interfaces"); n != 0 {
			t.Errorf("VM %s: the agent was asked %d times, though it is not enabled or the VM does not run", vmid, n)
		}
	}
	// Known addresses are not asked for again every tick.
	providertest.Snapshot(t, p)
	if n := f.count("GET /nodes/pve1/qemu/100/agent/network-get-interfaces"); n != 1 {
		t.Errorf("the agent of VM 100 was asked %d times in two snapshots", n)
	}
}

// A monitoring-only connection passes its check with a read-only token
// and controls nothing.
func TestMonitoringOnly(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /access/permissions": {file: "permissions-auditor.json"},
		"GET /cluster/resources":  {file: "resources-cpulimit-7.json"},
	})
	cfg := f.config()
	c := connect(t, cfg).Check(context.Background())
	if c.OK() || !strings.Contains(c.Message, "VM.PowerMgmt") || !strings.Contains(c.Message, "monitoring-only") {
		t.Errorf("Check of a read-only token for control: %+v", c)
	}

	cfg.MonitoringOnly = true
	p := connect(t, cfg)
	c = p.Check(context.Background())
	if !c.OK() || !strings.Contains(c.Message, "monitoring-only") || !strings.Contains(c.Message, "1 node, 1 VM and 2 containers") {
		t.Errorf("Check monitoring-only: %+v", c)
	}
	if _, err := p.Snapshot(context.Background()); err != nil {
		t.Errorf("Snapshot monitoring-only: %v", err)
	}
	err := p.Control(context.Background(), "node/pve1", "105", provider.Stop)
	if err == nil || !strings.Contains(err.Error(), "monitoring-only") {
		t.Errorf("Control monitoring-only: %v", err)
	}
	if n := f.count("GET /nodes/pve1/lxc/105/status/current") + f.count("POST /nodes/pve1/lxc/105/status/stop"); n != 0 {
		t.Errorf("Control of a monitoring-only connection called Proxmox %d times", n)
	}
}

// The snapshot carries the Proxmox VE version, read once in a while, not
// every tick.
func TestSnapshotVersion(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /version":           {file: "version-9.json"},
		"GET /cluster/resources": {file: "resources-cpulimit-7.json"},
	})
	p := connect(t, f.config())
	for range 3 {
		if s := providertest.Snapshot(t, p); s.Version != "9.0.3" {
			t.Errorf("Version = %q, want 9.0.3", s.Version)
		}
	}
	if n := f.count("GET /version"); n != 1 {
		t.Errorf("/version read %d times in three snapshots", n)
	}
}
