package infra_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/datasource"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Docker containers are discovered and controlled through the engine: a
// stop reaches the engine, shows at once, and lands in the audit trail and
// the server's log; an engine restart is noticed; a container removed at
// the engine is refused with the reason and then marked gone.
func TestDockerContainersAreControlled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := dockersim.New(provider.SimOptions{ContainersPerMachine: 6, Seed: 11})
		defer sim.Close()
		vs := f.importAll(t, f.connect(t, "Docker host", sim))
		if len(vs) != 1 || vs[0].Kind != provider.Monitored {
			t.Fatalf("imported %+v", vs)
		}
		f.sync(t)
		sid := vs[0].ID
		page, err := f.svc.ListContainers(f.ctx, infra.ContainerFilter{ServerID: &sid, Statuses: []infra.ContainerStatus{"RUNNING"}}, 50, "")
		if err != nil || len(page.Items) == 0 {
			t.Fatalf("running containers: %+v %v", page, err)
		}
		c := page.Items[0]
		if c.Unavailable.Code != "" || c.Image == "" {
			t.Fatalf("container %s: unavailable %q image %q", c.Name, c.Unavailable.English, c.Image)
		}

		got, err := f.svc.Control(f.ctx, c.ID, provider.Stop, "maintenance window")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status == infra.ContainerRunning {
			t.Errorf("after stop the container shows %s", got.Status)
		}
		st, _ := sim.Container(c.ControlID)
		if st.Status == "running" {
			t.Error("the engine's container still runs")
		}
		acts := f.events(t, sid, infra.EventAction)
		if len(acts) != 1 || !strings.Contains(acts[0], "stopped container "+c.Name) || !strings.Contains(acts[0], "maintenance window") {
			t.Errorf("action events = %v", acts)
		}
		if n := len(f.env.EventsOf(t, "container")); n != 1 {
			t.Errorf("%d audit events for the container", n)
		}
		if _, err := f.svc.Control(f.ctx, c.ID, provider.Start, ""); err != nil {
			t.Fatal(err)
		}

		// The engine restarts a container by its policy.
		other := page.Items[len(page.Items)-1]
		sim.RestartContainer(other.ControlID)
		f.env.Clock.Advance(time.Minute)
		f.sync(t)
		changed := f.events(t, sid, infra.EventContainerChanged)
		if !containsText(changed, other.Name+" was restarted by its engine") {
			t.Errorf("changed events = %v", changed)
		}

		// Removed at the engine: control is refused with the reason, and the
		// next sync marks it gone.
		sim.RemoveContainer(other.ControlID)
		_, err = f.svc.Control(f.ctx, other.ID, provider.Restart, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		f.sync(t)
		if got, _ := f.svc.GetContainer(f.ctx, other.ID); got.GoneTime == nil || got.Unavailable.Code != infra.UnavailableGone {
			t.Errorf("removed container: gone %v unavailable %q", got.GoneTime, got.Unavailable.English)
		}
	})
}

func datasourceOf(t *testing.T, f *fixture, serverID uuid.UUID) string {
	t.Helper()
	d, err := f.env.DB.Client.Datasource.Query().Where(datasource.ServerID(serverID)).Only(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return d.ExternalID
}

func containsText(xs []string, s string) bool {
	for _, x := range xs {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// A Proxmox import creates the nodes and their VMs with the VMs under their
// node; LXC guests become the node's containers, controllable through
// Proxmox. A token without audit privileges fails the test with a message
// naming them.
func TestProxmoxHierarchyAndLXC(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := proxmoxsim.New(provider.SimOptions{Nodes: 2, Machines: 4, ContainersPerMachine: 2, Seed: 3})
		defer sim.Close()
		c := f.connect(t, "Proxmox Falkenstein", sim)
		vs := f.importAll(t, c)
		var hosts, vms int
		for _, v := range vs {
			switch v.Kind {
			case provider.Host:
				hosts++
			case provider.VM:
				vms++
				if v.ParentID == nil || !strings.HasPrefix(v.ParentName, "pve") {
					t.Errorf("VM %s has parent %q", v.Name, v.ParentName)
				}
			}
		}
		if hosts != 2 || vms != 4 {
			t.Fatalf("imported %d hosts and %d VMs", hosts, vms)
		}
		f.sync(t)
		page, err := f.svc.ListContainers(f.ctx, infra.ContainerFilter{}, 50, "")
		if err != nil || page.TotalSize != 4 {
			t.Fatalf("LXC containers: %d %v", page.TotalSize, err)
		}
		var lxc *infra.ContainerView
		for i := range page.Items {
			if page.Items[i].Status == infra.ContainerRunning {
				lxc = &page.Items[i]
			}
		}
		if lxc == nil || lxc.Unavailable.Code != "" {
			t.Fatalf("no controllable running LXC guest: %+v", page.Items)
		}
		got, err := f.svc.Control(f.ctx, lxc.ID, provider.Stop, "")
		if err != nil || got.Status != infra.ContainerStopped {
			t.Fatalf("stop LXC: %+v %v", got, err)
		}

		// A live migration moves the VM under its new node; it stays the
		// same server.
		var vm infra.ServerView
		for _, v := range vs {
			if v.Kind == provider.VM {
				vm = v
				break
			}
		}
		vmid, _ := strconv.Atoi(strings.TrimPrefix(datasourceOf(t, f, vm.ID), "qemu/"))
		var to string
		for _, n := range sim.Nodes() {
			if n != vm.ParentName {
				to = n
			}
		}
		if !sim.MigrateGuest(vmid, to) {
			t.Fatalf("migrate %d to %s", vmid, to)
		}
		f.sync(t)
		moved := f.server(t, vm.ID)
		if moved.ParentName != to || moved.SyncStatus != infra.SyncOK {
			t.Errorf("after migration: parent %s (want %s), sync %s", moved.ParentName, to, moved.SyncStatus)
		}
		if evs := f.events(t, vm.ID, infra.EventStatusChanged); !containsText(evs, "Moved from "+vm.ParentName+" to "+to) {
			t.Errorf("events = %v", evs)
		}

		sim.SetTokenPrivileges(false)
		res, err := f.svc.TestConnection(f.ctx, c.ID)
		if err != nil || res.OK() || !res.Authenticated || !strings.Contains(res.Message, "Audit") {
			t.Errorf("token without privileges: %+v %v", res, err)
		}
	})
}
