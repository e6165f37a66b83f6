package proxmox

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Snapshot reads /cluster/resources, which carries every node, guest and
// storage with its latest figures, in one call. Alongside it reads the
// token's permissions, so that a token that lost its audit privileges — and
// so sees no guests — fails instead of reporting every guest gone, and now
// and then /cluster/status for the cluster's name and node addresses and
// /version for the Proxmox VE version.
func (p *Provider) Snapshot(ctx context.Context) (*provider.Snapshot, error) {
	var (
		wg       sync.WaitGroup
		perms    permissions
		permsErr error
		fresh    *clusterInfo
	)
	wg.Go(func() { perms, permsErr = p.permissions(ctx) })
	clusterDue, versionDue := p.due()
	if clusterDue {
		wg.Go(func() { fresh = p.readCluster(ctx) })
	}
	if versionDue {
		// A failure keeps the version known before; the next tick retries.
		wg.Go(func() { _, _ = p.readVersion(ctx) })
	}
	rs, problems, ex, err := p.resources(ctx)
	received := time.Now()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	p.report(problems)
	if permsErr == nil {
		if lacking := evaluate(perms).missing(reading); len(lacking) > 0 {
			return nil, fmt.Errorf("proxmox: %w: the token %s lacks %s; grant it %s",
				provider.ErrForbidden, p.tokenID, joinNeeds(lacking), permissionsHint)
		}
	}
	// Proxmox's clock, which its counters and uptimes follow; the local
	// one if a proxy dropped the Date header.
	at := received
	if !ex.date.IsZero() {
		at = ex.date
	}

	p.mu.Lock()
	if fresh != nil {
		p.cluster = *fresh
	}
	snap, lookups := p.build(rs, at)
	snap.Version = p.version
	p.mu.Unlock()

	snap.Time = received
	p.lookupIPs(ctx, snap.Machines, lookups)
	return snap, nil
}

// due tells whether the cluster's name and addresses, and the version, are
// to be read again.
func (p *Provider) due() (cluster, version bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Since(p.cluster.at) > clusterTTL, time.Since(p.versionAt) > clusterTTL
}

// readCluster returns the cluster's name and node addresses, or nil if
// /cluster/status cannot be read now (it is retried next tick). A single
// node has no cluster name; a token without Sys.Audit on / gets neither.
func (p *Provider) readCluster(ctx context.Context) *clusterInfo {
	var raw []json.RawMessage
	if _, err := p.call(ctx, "read /cluster/status", func(ctx context.Context) error {
		return p.client.Get(ctx, "/cluster/status", &raw)
	}); err != nil || raw == nil {
		return nil
	}
	info := &clusterInfo{nodeIPs: map[string]string{}, at: time.Now()}
	for _, b := range raw {
		var m clusterMember
		if _, err := decode(b, &m); err != nil {
			continue
		}
		switch m.Type {
		case "cluster":
			info.name = string(m.Name)
		case "node":
			if m.Name != "" && m.IP != "" {
				info.nodeIPs[string(m.Name)] = string(m.IP)
			}
		}
	}
	return info
}

// build maps resources to machines; it runs under p.mu and replaces the
// counters and start times kept for the next snapshot. It returns the VMs
// whose address is worth looking up.
func (p *Provider) build(rs []resource, at time.Time) (*provider.Snapshot, []ipLookup) {
	counters := make(map[string]counterSample, len(rs))
	starts := make(map[string]time.Time)
	ips := make(map[string]ipEntry, len(p.ips))

	var nodes []provider.Machine
	for i := range rs {
		r := &rs[i]
		if r.Type != "node" {
			continue
		}
		name := r.nodeName()
		m := provider.Machine{
			ID:          "node/" + name,
			Name:        name,
			Kind:        provider.Host,
			IP:          p.cluster.nodeIPs[name],
			Location:    p.cluster.name,
			Cores:       r.MaxCPU.cores(),
			MemoryBytes: r.MaxMem.int(),
			DiskBytes:   r.MaxDisk.int(),
			Status:      string(r.Status),
			Up:          r.Status == "online",
			// A token without VM.Audit sees no guests, but then Snapshot
			// has already failed.
			ContainersKnown: true,
		}
		// Without Sys.Audit on the node Proxmox leaves out its figures.
		if m.Up && r.MaxMem > 0 {
			m.Metrics = &provider.Sample{
				CPUPercent:  percent(float64(r.CPU)),
				MemoryUsed:  r.Mem.int(),
				MemoryTotal: r.MaxMem.int(),
				DiskUsed:    r.Disk.int(),
				DiskTotal:   r.MaxDisk.int(),
			}
		}
		nodes = append(nodes, m)
	}
	slices.SortFunc(nodes, func(a, b provider.Machine) int { return strings.Compare(a.Name, b.Name) })
	byNode := make(map[string]int, len(nodes))
	for i := range nodes {
		byNode[nodes[i].Name] = i
	}

	type ct struct {
		vmid uint64
		c    provider.Container
	}
	type vm struct {
		vmid uint64
		m    provider.Machine
	}
	cts := make([][]ct, len(nodes))
	stores := make([][]*resource, len(nodes))
	var vms []vm
	for i := range rs {
		r := &rs[i]
		switch r.Type {
		case "qemu":
			if r.Template != 0 {
				continue
			}
			// vmids are unique within a cluster and stay with a guest
			// that migrates, so the VM's id leaves out its node: a move
			// changes only ParentID.
			key := vmKey(r.vmid())
			m := provider.Machine{
				ID:          key,
				Name:        cmp.Or(string(r.Name), fmt.Sprintf("VM %d", r.vmid())),
				Kind:        provider.VM,
				ParentID:    "node/" + string(r.Node),
				Location:    p.cluster.name,
				Cores:       r.MaxCPU.cores(),
				MemoryBytes: r.MaxMem.int(),
				DiskBytes:   r.MaxDisk.int(),
				Status:      string(r.Status),
				Up:          r.Status == "running",
			}
			if e, ok := p.ips[key]; ok {
				ips[key] = e
				m.IP = e.ip
			}
			if m.Up {
				in, out := p.rates(key, r, at, counters)
				m.Metrics = &provider.Sample{
					CPUPercent:           percent(float64(r.CPU)),
					MemoryUsed:           r.Mem.int(),
					MemoryTotal:          r.MaxMem.int(),
					NetInBytesPerSecond:  in,
					NetOutBytesPerSecond: out,
				}
				// Proxmox cannot look into a VM's disk and reports 0;
				// leave usage unknown rather than empty.
				if r.Disk > 0 {
					m.Metrics.DiskUsed, m.Metrics.DiskTotal = r.Disk.int(), r.MaxDisk.int()
				}
			}
			vms = append(vms, vm{r.vmid(), m})
		case "lxc":
			i, ok := byNode[string(r.Node)]
			if !ok || r.Template != 0 {
				continue
			}
			id := strconv.FormatUint(r.vmid(), 10)
			key := "lxc/" + id
			c := provider.Container{
				ID:     id,
				Name:   cmp.Or(string(r.Name), "CT"+id),
				Image:  "lxc",
				Status: provider.Stopped,
			}
			if r.Status == "running" {
				in, out := p.rates(key, r, at, counters)
				c.Status = provider.Running
				c.StartTime = p.startTime(key, r.Uptime.uint(), at, starts)
				c.Metrics = &provider.ContainerSample{
					CPUPercent:           percent(float64(r.CPU)),
					MemoryUsed:           r.Mem.int(),
					MemoryLimit:          r.MaxMem.int(),
					DiskUsed:             r.Disk.int(),
					NetInBytesPerSecond:  in,
					NetOutBytesPerSecond: out,
				}
			}
			cts[i] = append(cts[i], ct{r.vmid(), c})
		case "storage":
			i, ok := byNode[string(r.Node)]
			if !ok || r.Status != "available" || r.MaxDisk.uint() == 0 {
				continue
			}
			stores[i] = append(stores[i], r)
		}
	}

	fss := filesystems(stores)
	machines := make([]provider.Machine, 0, len(nodes)+len(vms))
	for i, m := range nodes {
		slices.SortFunc(cts[i], func(a, b ct) int { return cmp.Compare(a.vmid, b.vmid) })
		for _, c := range cts[i] {
			m.Containers = append(m.Containers, c.c)
		}
		m.Filesystems = fss[i]
		machines = append(machines, m)
	}
	slices.SortFunc(vms, func(a, b vm) int { return cmp.Compare(a.vmid, b.vmid) })
	var lookups []ipLookup
	now := time.Now()
	for _, v := range vms {
		key := v.m.ID
		if e, ok := ips[key]; !ok || (e.ok && now.Sub(e.at) > ipTTL) || (!e.ok && now.Sub(e.at) > ipRetry) {
			if len(lookups) < ipBudget {
				node := strings.TrimPrefix(v.m.ParentID, "node/")
				lookups = append(lookups, ipLookup{machine: len(machines), node: node, vmid: v.vmid, running: v.m.Up})
			}
		}
		machines = append(machines, v.m)
	}

	p.counters, p.starts, p.ips = counters, starts, ips
	return &provider.Snapshot{Machines: machines}, lookups
}

// vmKey is a VM's machine id, "qemu/<vmid>", which also keys what the
// adapter keeps about it between snapshots (counters, address).
func vmKey(vmid uint64) string { return "qemu/" + strconv.FormatUint(vmid, 10) }

func percent(fraction float64) float64 { return min(max(fraction*100, 0), 100) }

// rates turns a guest's cumulative network counters into bytes per second
// since the previous snapshot. Counters restart with the guest, so a
// smaller counter or uptime gives no rate this time.
func (p *Provider) rates(key string, r *resource, at time.Time, next map[string]counterSample) (in, out float64) {
	cur := counterSample{in: r.NetIn.uint(), out: r.NetOut.uint(), uptime: r.Uptime.uint(), at: at}
	prev, ok := p.counters[key]
	if ok && !at.After(prev.at) && cur.uptime >= prev.uptime {
		// Same second as the last reading: keep the older one, so the
		// next snapshot measures over a real interval.
		next[key] = prev
		return 0, 0
	}
	next[key] = cur
	if !ok || cur.uptime < prev.uptime || cur.in < prev.in || cur.out < prev.out {
		return 0, 0
	}
	dt := at.Sub(prev.at).Seconds()
	return float64(cur.in-prev.in) / dt, float64(cur.out-prev.out) / dt
}

// startTime derives when a container started from its uptime, and keeps
// the previous answer while the two agree within startTolerance, so that
// rounding and Proxmox's ten-second refresh do not look like restarts.
func (p *Provider) startTime(key string, uptime uint64, at time.Time, next map[string]time.Time) time.Time {
	t := at.Add(-time.Duration(uptime) * time.Second).Truncate(time.Second)
	if prev, ok := p.starts[key]; ok && t.Sub(prev).Abs() <= startTolerance {
		t = prev
	}
	next[key] = t
	return t
}
