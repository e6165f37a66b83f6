package proxmox_test

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
)

// newClock is a simulated time the test moves by hand.
func newClock() *clock.Manual { return clock.NewManual(time.Date(2026, 3, 10, 18, 30, 0, 0, time.UTC)) }

func newSim(t *testing.T, opts provider.SimOptions) *proxmoxsim.Server {
	t.Helper()
	s := proxmoxsim.New(opts)
	t.Cleanup(s.Close)
	return s
}

func connect(t *testing.T, cfg provider.Config) *proxmox.Provider {
	return providertest.New(t, proxmox.New, cfg)
}

func machine(s *provider.Snapshot, id string) *provider.Machine {
	for i := range s.Machines {
		if s.Machines[i].ID == id {
			return &s.Machines[i]
		}
	}
	return nil
}

func container(s *provider.Snapshot, node string, vmid int) *provider.Container {
	m := machine(s, "node/"+node)
	if m == nil {
		return nil
	}
	for i := range m.Containers {
		if m.Containers[i].ID == strconv.Itoa(vmid) {
			return &m.Containers[i]
		}
	}
	return nil
}

// runningContainer picks a running LXC guest in the simulator.
func runningContainer(t *testing.T, sim *proxmoxsim.Server) (string, int) {
	t.Helper()
	for _, n := range sim.Nodes() {
		for _, id := range sim.Containers(n) {
			if running, _ := sim.ContainerRunning(n, id); running {
				return n, id
			}
		}
	}
	t.Fatal("no running container in the simulator")
	return "", 0
}

func TestNewRejectsBrokenConfig(t *testing.T) {
	for _, cfg := range []provider.Config{
		{Token: "root@pam!x=secret"},
		{Endpoint: "https://pve1:8006"},
		{Endpoint: "pve1:8006", Token: "root@pam!x=secret"},
		{Endpoint: "https://pve1:8006", Token: "just-a-secret"},
		{Endpoint: "https://pve1:8006", Token: "root@pam=secret"},
	} {
		if _, err := proxmox.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted a broken config", cfg)
		}
	}
}

func TestCheckOK(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 1})
	c := connect(t, sim.Config()).Check(context.Background())
	if !c.OK() {
		t.Fatalf("Check not OK: %+v", c)
	}
	if c.Version != proxmoxsim.Version {
		t.Errorf("Version = %q, want %q", c.Version, proxmoxsim.Version)
	}
	if !strings.Contains(c.Message, "3 nodes, 12 VMs and 12 containers") {
		t.Errorf("Message does not say what the token sees: %q", c.Message)
	}
	if c.Latency <= 0 {
		t.Errorf("Latency = %v", c.Latency)
	}
}

// A token with PVEAuditor only suits a monitoring-only connection; its
// snapshots leave out what only the guest agents know.
func TestReadOnlyToken(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 15})
	sim.SetTokenReadOnly()
	if c := connect(t, sim.Config()).Check(context.Background()); c.OK() || !strings.Contains(c.Message, "monitoring-only") {
		t.Errorf("Check for control: %+v", c)
	}
	cfg := sim.Config()
	cfg.MonitoringOnly = true
	p := connect(t, cfg)
	if c := p.Check(context.Background()); !c.OK() || !strings.Contains(c.Message, "monitoring-only") {
		t.Errorf("Check monitoring-only: %+v", c)
	}
	s := providertest.Snapshot(t, p)
	var vms, withIP int
	for _, m := range s.Machines {
		if m.Kind == provider.VM {
			vms++
			if m.IP != "" {
				withIP++
			}
		}
	}
	if vms != 12 || withIP == 0 || withIP == vms {
		t.Errorf("%d of %d VMs with an address; want the static ones only", withIP, vms)
	}
	node, vmid := runningContainer(t, sim)
	if err := p.Control(context.Background(), "node/"+node, strconv.Itoa(vmid), provider.Stop); !errors.Is(err, provider.ErrForbidden) {
		t.Errorf("Control: %v, want ErrForbidden", err)
	}
	if running, _ := sim.ContainerRunning(node, vmid); !running {
		t.Error("a monitoring-only connection stopped a container")
	}
}

func TestWrongToken(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 2})
	for _, token := range []string{
		proxmoxsim.TokenID + "=00000000-0000-0000-0000-000000000000",
		"root@pam!other=" + proxmoxsim.TokenSecret,
	} {
		cfg := sim.Config()
		cfg.Token = token
		p := connect(t, cfg)
		c := p.Check(context.Background())
		if c.OK() || !c.Reachable || c.Authenticated {
			t.Errorf("Check with token %q: %+v", token, c)
		}
		if !strings.Contains(c.Message, "Datacenter → Permissions → API Tokens") {
			t.Errorf("Message does not say where to fix the token: %q", c.Message)
		}
		if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnauthorized) {
			t.Errorf("Snapshot error = %v, want ErrUnauthorized", err)
		}
	}
}

func TestTokenWithoutPrivileges(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 3})
	sim.SetTokenPrivileges(false)
	p := connect(t, sim.Config())
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable || !c.Authenticated || c.Authorized {
		t.Fatalf("Check: %+v", c)
	}
	for _, want := range []string{"Sys.Audit", "VM.Audit", "VM.PowerMgmt", "Datacenter → Permissions"} {
		if !strings.Contains(c.Message, want) {
			t.Errorf("Message lacks %q: %q", want, c.Message)
		}
	}
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrForbidden) {
		t.Errorf("Snapshot error = %v, want ErrForbidden", err)
	}
	node, vmid := runningContainer(t, sim)
	if err := p.Control(context.Background(), "node/"+node, strconv.Itoa(vmid), provider.Stop); !errors.Is(err, provider.ErrForbidden) {
		t.Errorf("Control error = %v, want ErrForbidden", err)
	}
	sim.SetTokenPrivileges(true)
	if c := p.Check(context.Background()); !c.OK() {
		t.Errorf("Check after granting: %+v", c)
	}
}

func TestSlowerThanTimeout(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 4})
	sim.SetLatency(2 * time.Second)
	defer sim.SetLatency(0)
	cfg := sim.Config()
	cfg.Timeout = 200 * time.Millisecond
	p := connect(t, cfg)

	start := time.Now()
	_, err := p.Snapshot(context.Background())
	elapsed := time.Since(start)
	if !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot error = %v, want ErrUnreachable", err)
	}
	if elapsed < 150*time.Millisecond || elapsed > time.Second {
		t.Errorf("Snapshot gave up after %v, want about 200ms", elapsed)
	}

	start = time.Now()
	c := p.Check(context.Background())
	if c.Reachable || !strings.Contains(c.Message, "no answer within 200ms") {
		t.Errorf("Check: %+v", c)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("Check took %v", elapsed)
	}
}

func TestGarbage(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 5})
	sim.SetGarbage(true)
	p := connect(t, sim.Config())
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrBadResponse) {
		t.Errorf("Snapshot error = %v, want ErrBadResponse", err)
	}
	c := p.Check(context.Background())
	if c.OK() || !c.Reachable || !strings.Contains(c.Message, "not like the Proxmox VE API") {
		t.Errorf("Check: %+v", c)
	}
	sim.SetGarbage(false)
	if _, err := p.Snapshot(context.Background()); err != nil {
		t.Errorf("Snapshot after garbage: %v", err)
	}
}

func TestClosedSimulator(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 6})
	p := connect(t, sim.Config())
	sim.Close()
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnreachable) {
		t.Errorf("Snapshot error = %v, want ErrUnreachable", err)
	}
	if c := p.Check(context.Background()); c.Reachable || c.Message == "" {
		t.Errorf("Check: %+v", c)
	}
}

func TestSnapshotMapsTheCluster(t *testing.T) {
	clk := newClock()
	sim := newSim(t, provider.SimOptions{Seed: 7, Nodes: 3, Machines: 12, ContainersPerMachine: 5, Now: clk.Now})
	p := connect(t, sim.Config())
	first := providertest.Snapshot(t, p)
	if got, want := len(first.Machines), 3+12; got != want {
		t.Fatalf("%d machines, want %d", got, want)
	}
	clk.Advance(time.Minute)
	s := providertest.Snapshot(t, p)

	var hosts, vms, containers, rated, shared int
	for i, m := range s.Machines {
		if m.Location != sim.ClusterName() {
			t.Errorf("%s: Location = %q, want %q", m.ID, m.Location, sim.ClusterName())
		}
		switch m.Kind {
		case provider.Host:
			hosts++
			if !strings.HasPrefix(m.ID, "node/") || !m.Up || !m.ContainersKnown || m.Cores == 0 {
				t.Errorf("node %+v", m)
			}
			if _, err := netip.ParseAddr(m.IP); err != nil {
				t.Errorf("%s: IP %q", m.ID, m.IP)
			}
			// The root filesystem with the directory storages on it and
			// local-lvm; the first node also reports the shared backup
			// storage.
			names := []string{"local, cloud-init", "local-lvm"}
			if i == 0 {
				names = append(names, "pbs-nbg1")
			}
			if len(m.Filesystems) != len(names) {
				t.Errorf("%s: filesystems %+v, want %q", m.ID, m.Filesystems, names)
			}
			for j, fs := range m.Filesystems {
				if fs.TotalBytes <= 0 || fs.UsedBytes <= 0 || fs.UsedBytes > fs.TotalBytes || j >= len(names) || fs.Name != names[j] {
					t.Errorf("%s: filesystem %+v", m.ID, fs)
				}
				if fs.Shared {
					shared++
				}
			}
			checkSample(t, m)
			for _, c := range m.Containers {
				containers++
				if c.Image != "lxc" || c.Name == "" {
					t.Errorf("%s: container %+v", m.ID, c)
				}
				if c.Status == provider.Running {
					if c.StartTime.IsZero() || c.Metrics == nil || c.Metrics.MemoryUsed <= 0 || c.Metrics.MemoryUsed > c.Metrics.MemoryLimit ||
						c.Metrics.CPUPercent < 0 || c.Metrics.CPUPercent > 100 || c.Metrics.DiskUsed <= 0 {
						t.Errorf("%s: running container %+v %+v", m.ID, c, c.Metrics)
					}
				} else if c.Metrics != nil {
					t.Errorf("%s: stopped container with metrics %+v", m.ID, c)
				}
			}
		case provider.VM:
			vms++
			if vmid, ok := strings.CutPrefix(m.ID, "qemu/"); !ok || strings.Contains(vmid, "/") || machine(s, m.ParentID) == nil {
				t.Errorf("VM %s has parent %q, want id qemu/<vmid> under a node", m.ID, m.ParentID)
			}
			// A stopped VM on DHCP has no address anyone knows.
			if a, err := netip.ParseAddr(m.IP); (err != nil && m.Up) || (err == nil && !netip.MustParsePrefix("203.0.113.0/24").Contains(a)) {
				t.Errorf("VM %s: IP %q", m.ID, m.IP)
			}
			if m.Up {
				checkSample(t, m)
				in, out := m.Metrics.NetInBytesPerSecond, m.Metrics.NetOutBytesPerSecond
				if in > 0 && out > 0 {
					rated++
				}
				if in > 1e9 || out > 1e9 {
					t.Errorf("VM %s: implausible rates %v/%v", m.ID, in, out)
				}
			}
		default:
			t.Errorf("unexpected kind %q", m.Kind)
		}
	}
	if hosts != 3 || vms != 12 || containers != 15 || shared != 1 {
		t.Errorf("%d hosts, %d VMs, %d containers, %d shared filesystems", hosts, vms, containers, shared)
	}
	if s.Version != proxmoxsim.Version {
		t.Errorf("Version = %q, want %q", s.Version, proxmoxsim.Version)
	}
	if rated == 0 {
		t.Error("no VM has network rates on the second snapshot")
	}
	for _, m := range first.Machines {
		if m.Metrics != nil && (m.Metrics.NetInBytesPerSecond != 0 || m.Metrics.NetOutBytesPerSecond != 0) {
			t.Errorf("%s has rates on the first snapshot", m.ID)
		}
	}
}

func checkSample(t *testing.T, m provider.Machine) {
	t.Helper()
	s := m.Metrics
	if s == nil {
		t.Errorf("%s: no metrics", m.ID)
		return
	}
	if s.CPUPercent < 2 || s.CPUPercent > 90 {
		t.Errorf("%s: CPU %.1f%%", m.ID, s.CPUPercent)
	}
	if used := float64(s.MemoryUsed) / float64(s.MemoryTotal); used < 0.2 || used > 0.85 {
		t.Errorf("%s: memory %.2f used", m.ID, used)
	}
	if s.DiskUsed > s.DiskTotal {
		t.Errorf("%s: disk %d of %d", m.ID, s.DiskUsed, s.DiskTotal)
	}
}

func TestRemovedMachineDisappears(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 8})
	p := connect(t, sim.Config())
	before := providertest.Snapshot(t, p)
	ids := sim.MachineIDs()
	vm, node := ids[len(ids)-1], ids[0]
	if machine(before, vm) == nil || machine(before, node) == nil {
		t.Fatalf("%s or %s missing before removal", vm, node)
	}
	sim.RemoveMachine(vm)
	if machine(providertest.Snapshot(t, p), vm) != nil {
		t.Errorf("%s still there after removal", vm)
	}
	sim.RemoveMachine(node)
	after := providertest.Snapshot(t, p)
	for _, m := range after.Machines {
		if m.ID == node || m.ParentID == node {
			t.Errorf("%s still there after removing its node", m.ID)
		}
	}
	if len(after.Machines) != len(sim.MachineIDs()) {
		t.Errorf("%d machines, simulator serves %d", len(after.Machines), len(sim.MachineIDs()))
	}
}

// otherNode is a node of the simulator other than node.
func otherNode(t *testing.T, sim *proxmoxsim.Server, node string) string {
	t.Helper()
	for _, n := range sim.Nodes() {
		if n != node {
			return n
		}
	}
	t.Fatal("the simulator has a single node")
	return ""
}

// A VM that migrates keeps its id and moves to its new node; its address,
// read from its config on the node it runs on, stays known.
func TestMigratedVMKeepsItsID(t *testing.T) {
	clk := newClock()
	sim := newSim(t, provider.SimOptions{Seed: 13, Nodes: 3, Machines: 6, ContainersPerMachine: 1, Now: clk.Now})
	p := connect(t, sim.Config())
	const vmid = 101
	id := "qemu/" + strconv.Itoa(vmid)
	before := providertest.Snapshot(t, p)
	vm := machine(before, id)
	if vm == nil {
		t.Fatalf("%s missing from %v", id, sim.MachineIDs())
	}
	from := sim.GuestNode(vmid)
	if vm.ParentID != "node/"+from || vm.IP == "" {
		t.Fatalf("before migration: parent %q, IP %q; want node/%s and an address", vm.ParentID, vm.IP, from)
	}
	to := otherNode(t, sim, from)
	if !sim.MigrateGuest(vmid, to) {
		t.Fatal("MigrateGuest failed")
	}
	clk.Advance(time.Minute)

	check := func(name string, s *provider.Snapshot) {
		t.Helper()
		m := machine(s, id)
		if m == nil {
			t.Fatalf("%s: %s gone after migrating from %s to %s", name, id, from, to)
		}
		if m.ParentID != "node/"+to || m.Name != vm.Name || m.IP != vm.IP || m.Up != vm.Up {
			t.Errorf("%s: after migration %+v, want parent node/%s, name %q, IP %q", name, m, to, vm.Name, vm.IP)
		}
		if len(s.Machines) != len(before.Machines) {
			t.Errorf("%s: %d machines after migration, %d before", name, len(s.Machines), len(before.Machines))
		}
		if m.Metrics != nil && (m.Metrics.NetInBytesPerSecond < 0 || m.Metrics.NetInBytesPerSecond > 1e9) {
			t.Errorf("%s: rate %v across the migration", name, m.Metrics.NetInBytesPerSecond)
		}
	}
	check("same connection", providertest.Snapshot(t, p))
	// A new connection reads the address from the VM's config on its new
	// node.
	check("new connection", providertest.Snapshot(t, connect(t, sim.Config())))
	if ids := sim.MachineIDs(); !slices.Contains(ids, id) {
		t.Errorf("simulator ids %v lack %s", ids, id)
	}
}

// An LXC guest that migrated is still controlled through the node the
// caller knew it on: Control finds it on its new node.
func TestControlMigratedContainer(t *testing.T) {
	clk := newClock()
	sim := newSim(t, provider.SimOptions{Seed: 14, Now: clk.Now})
	p := connect(t, sim.Config())
	ctx := context.Background()
	from, vmid := runningContainer(t, sim)
	to := otherNode(t, sim, from)
	if !sim.MigrateGuest(vmid, to) {
		t.Fatal("MigrateGuest failed")
	}
	if c := container(providertest.Snapshot(t, p), to, vmid); c == nil || c.Status != provider.Running {
		t.Fatalf("container %d not running on %s after migration: %+v", vmid, to, c)
	}
	if container(providertest.Snapshot(t, p), from, vmid) != nil {
		t.Errorf("container %d still on %s", vmid, from)
	}
	running := func() bool {
		r, ok := sim.ContainerRunning(to, vmid)
		if !ok {
			t.Fatalf("container %d not on %s", vmid, to)
		}
		return r
	}
	machineID, id := "node/"+from, strconv.Itoa(vmid)
	if err := p.Control(ctx, machineID, id, provider.Stop); err != nil || running() {
		t.Fatalf("Stop through the old node: %v, running %v", err, running())
	}
	if err := p.Control(ctx, machineID, id, provider.Start); err != nil || !running() {
		t.Fatalf("Start through the old node: %v, running %v", err, running())
	}
	clk.Advance(time.Hour)
	if err := p.Control(ctx, machineID, id, provider.Restart); err != nil || !running() {
		t.Fatalf("Restart through the old node: %v", err)
	}
	if err := p.Control(ctx, "node/"+to, id, provider.Stop); err != nil || running() {
		t.Fatalf("Stop on the new node: %v, running %v", err, running())
	}
	// A node that is not in the cluster still does not run it.
	if err := p.Control(ctx, "node/pve-nowhere-99", id, provider.Start); !errors.Is(err, provider.ErrNotFound) {
		t.Errorf("Control through an unknown node: %v, want ErrNotFound", err)
	}
	// A VM is not a container, wherever it runs.
	if err := p.Control(ctx, machineID, "100", provider.Start); !errors.Is(err, provider.ErrNotFound) {
		t.Errorf("Control of a VM's vmid: %v, want ErrNotFound", err)
	}
}

func TestContainerRestartAndStop(t *testing.T) {
	clk := newClock()
	sim := newSim(t, provider.SimOptions{Seed: 9, Now: clk.Now})
	p := connect(t, sim.Config())
	node, vmid := runningContainer(t, sim)

	before := *container(providertest.Snapshot(t, p), node, vmid)
	clk.Advance(20 * time.Second)
	if again := container(providertest.Snapshot(t, p), node, vmid); !again.StartTime.Equal(before.StartTime) {
		t.Errorf("start time moved without a restart: %v → %v", before.StartTime, again.StartTime)
	}

	clk.Advance(10 * time.Minute)
	restart := clk.Now()
	sim.RestartContainer(node, vmid)
	clk.Advance(30 * time.Second)
	after := container(providertest.Snapshot(t, p), node, vmid)
	if after.Status != provider.Running || !after.StartTime.Equal(restart) {
		t.Errorf("after restart: %+v, want start %v", after, restart)
	}

	sim.StopContainer(node, vmid)
	stopped := container(providertest.Snapshot(t, p), node, vmid)
	if stopped.Status != provider.Stopped || stopped.Metrics != nil {
		t.Errorf("after stop: %+v", stopped)
	}
}

func TestControl(t *testing.T) {
	clk := newClock()
	sim := newSim(t, provider.SimOptions{Seed: 10, Now: clk.Now})
	p := connect(t, sim.Config())
	ctx := context.Background()
	node, vmid := runningContainer(t, sim)
	machineID, id := "node/"+node, strconv.Itoa(vmid)

	running := func() bool {
		r, ok := sim.ContainerRunning(node, vmid)
		if !ok {
			t.Fatalf("container %d gone", vmid)
		}
		return r
	}
	if err := p.Control(ctx, machineID, id, provider.Stop); err != nil || running() {
		t.Fatalf("Stop: %v, running %v", err, running())
	}
	if err := p.Control(ctx, machineID, id, provider.Stop); err != nil {
		t.Errorf("Stop of a stopped container: %v", err)
	}
	if err := p.Control(ctx, machineID, id, provider.Start); err != nil || !running() {
		t.Fatalf("Start: %v, running %v", err, running())
	}
	before := container(providertest.Snapshot(t, p), node, vmid).StartTime
	clk.Advance(time.Hour)
	if err := p.Control(ctx, machineID, id, provider.Restart); err != nil || !running() {
		t.Fatalf("Restart: %v", err)
	}
	if after := container(providertest.Snapshot(t, p), node, vmid).StartTime; !after.After(before) {
		t.Errorf("start time after restart %v, before %v", after, before)
	}

	const failure = "command 'lxc-stop -n 1' failed: exit code 1"
	sim.FailNextTask(failure)
	if err := p.Control(ctx, machineID, id, provider.Stop); err == nil || !strings.Contains(err.Error(), failure) || !running() {
		t.Errorf("failed task: error %v, running %v", err, running())
	}

	for _, c := range []struct{ machine, container string }{
		{machineID, "999999"},
		{machineID, "not-a-vmid"},
		{"node/pve-nowhere-99", id},
		{"qemu/100", id},
		{"qemu/" + node + "/100", id},
	} {
		if err := p.Control(ctx, c.machine, c.container, provider.Start); !errors.Is(err, provider.ErrNotFound) {
			t.Errorf("Control(%s, %s) error = %v, want ErrNotFound", c.machine, c.container, err)
		}
	}
}

// The Proxmox API does not page: /cluster/resources answers with every
// resource at once, so a large cluster is one call.
func TestLargeCluster(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 11, Nodes: 10, Machines: 1000, ContainersPerMachine: 100})
	p := connect(t, sim.Config())
	s := providertest.Snapshot(t, p)
	var vms, cts, withIP int
	for _, m := range s.Machines {
		cts += len(m.Containers)
		if m.Kind == provider.VM {
			vms++
			if m.IP != "" {
				withIP++
			}
		}
	}
	if vms != 1000 || cts != 1000 || len(s.Machines) != 1010 {
		t.Errorf("%d machines, %d VMs, %d containers", len(s.Machines), vms, cts)
	}
	// Addresses come from per-VM config reads, a bounded number per tick.
	if withIP == 0 || withIP == vms {
		t.Errorf("%d of %d VMs have an address after the first snapshot", withIP, vms)
	}
}

func TestConcurrentUse(t *testing.T) {
	sim := newSim(t, provider.SimOptions{Seed: 12})
	p := connect(t, sim.Config())
	node, vmid := runningContainer(t, sim)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			switch i % 3 {
			case 0:
				if _, err := p.Snapshot(context.Background()); err != nil {
					t.Errorf("Snapshot: %v", err)
				}
			case 1:
				if c := p.Check(context.Background()); !c.OK() {
					t.Errorf("Check: %+v", c)
				}
			default:
				if err := p.Control(context.Background(), "node/"+node, strconv.Itoa(vmid), provider.Restart); err != nil {
					t.Errorf("Control: %v", err)
				}
			}
		})
	}
	wg.Wait()
}
