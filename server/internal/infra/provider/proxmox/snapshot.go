package proxmox

import (
	"cmp"
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	pve "github.com/luthermonson/go-proxmox"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Snapshot reads /cluster/resources, which carries every node, guest and
// storage with its latest figures, in one call. Alongside it reads the
// token's permissions, so that a token that lost its audit privileges — and
// so sees no guests — fails instead of reporting every guest gone, and now
// and then /cluster/status for the cluster's name and node addresses.
func (p *Provider) Snapshot(ctx context.Context) (*provider.Snapshot, error) {
	var (
		wg       sync.WaitGroup
		perms    pve.Permissions
		permsErr error
		fresh    *clusterInfo
	)
	wg.Go(func() { perms, permsErr = p.permissions(ctx) })
	if p.clusterStale() {
		wg.Go(func() { fresh = p.readCluster(ctx) })
	}
	rs, ex, err := p.resources(ctx)
	received := time.Now()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if permsErr == nil {
		var lacking []need
		for _, n := range evaluate(perms).missing(true) {
			if n.priv != "VM.PowerMgmt" {
				lacking = append(lacking, n)
			}
		}
		if len(lacking) > 0 {
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
	p.mu.Unlock()

	snap.Time = received
	p.lookupIPs(ctx, snap.Machines, lookups)
	return snap, nil
}

func (p *Provider) clusterStale() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Since(p.cluster.at) > clusterTTL
}

// readCluster returns the cluster's name and node addresses, or nil if
// /cluster/status cannot be read now (it is retried next tick). A single
// node has no cluster name; a token without Sys.Audit on / gets neither.
func (p *Provider) readCluster(ctx context.Context) (info *clusterInfo) {
	// go-proxmox type-asserts fields of /cluster/status; an endpoint that
	// answers JSON of another shape must not take the process down.
	defer func() {
		if recover() != nil {
			info = nil
		}
	}()
	var cl *pve.Cluster
	if _, err := p.call(ctx, "read /cluster/status", func(ctx context.Context) error {
		var err error
		cl, err = p.client.Cluster(ctx)
		return err
	}); err != nil || cl == nil {
		return nil
	}
	info = &clusterInfo{name: cl.Name, nodeIPs: map[string]string{}, at: time.Now()}
	for _, n := range cl.Nodes {
		if n != nil && n.IP != "" {
			info.nodeIPs[n.Name] = n.IP
		}
	}
	return info
}

// ipLookup is a VM config to read: on the node the VM runs on now (the
// machine's ParentID), as the config moves with the VM.
type ipLookup struct {
	machine int
	node    string
	vmid    uint64
}

// build maps resources to machines; it runs under p.mu and replaces the
// counters and start times kept for the next snapshot. It returns the VMs
// whose address is worth a config read.
func (p *Provider) build(rs pve.ClusterResources, at time.Time) (*provider.Snapshot, []ipLookup) {
	counters := make(map[string]counterSample, len(rs))
	starts := make(map[string]time.Time)
	ips := make(map[string]ipEntry, len(p.ips))

	var nodes []provider.Machine
	for _, r := range rs {
		if r.Type != "node" {
			continue
		}
		name := cmp.Or(r.Node, strings.TrimPrefix(r.ID, "node/"))
		m := provider.Machine{
			ID:          "node/" + name,
			Name:        name,
			Kind:        provider.Host,
			IP:          p.cluster.nodeIPs[name],
			Location:    p.cluster.name,
			Cores:       int(r.MaxCPU),
			MemoryBytes: int64(r.MaxMem),
			DiskBytes:   int64(r.MaxDisk),
			Status:      r.Status,
			Up:          r.Status == "online",
			// A token without VM.Audit sees no guests, but then Snapshot
			// has already failed.
			ContainersKnown: true,
		}
		// Without Sys.Audit on the node Proxmox leaves out its figures.
		if m.Up && r.MaxMem > 0 {
			m.Metrics = &provider.Sample{
				CPUPercent:  percent(r.CPU),
				MemoryUsed:  int64(r.Mem),
				MemoryTotal: int64(r.MaxMem),
				DiskUsed:    int64(r.Disk),
				DiskTotal:   int64(r.MaxDisk),
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
	var vms []vm
	for _, r := range rs {
		switch r.Type {
		case "qemu":
			if r.Template != 0 {
				continue
			}
			// vmids are unique within a cluster and stay with a guest
			// that migrates, so the VM's id leaves out its node: a move
			// changes only ParentID.
			key := vmKey(r.VMID)
			m := provider.Machine{
				ID:          key,
				Name:        cmp.Or(r.Name, fmt.Sprintf("VM %d", r.VMID)),
				Kind:        provider.VM,
				ParentID:    "node/" + r.Node,
				Location:    p.cluster.name,
				Cores:       int(r.MaxCPU),
				MemoryBytes: int64(r.MaxMem),
				DiskBytes:   int64(r.MaxDisk),
				Status:      r.Status,
				Up:          r.Status == "running",
			}
			if e, ok := p.ips[key]; ok {
				ips[key] = e
				m.IP = e.ip
			}
			if m.Up {
				in, out := p.rates(key, r, at, counters)
				m.Metrics = &provider.Sample{
					CPUPercent:           percent(r.CPU),
					MemoryUsed:           int64(r.Mem),
					MemoryTotal:          int64(r.MaxMem),
					NetInBytesPerSecond:  in,
					NetOutBytesPerSecond: out,
				}
				// Proxmox cannot look into a VM's disk and reports 0;
				// leave usage unknown rather than empty.
				if r.Disk > 0 {
					m.Metrics.DiskUsed, m.Metrics.DiskTotal = int64(r.Disk), int64(r.MaxDisk)
				}
			}
			vms = append(vms, vm{r.VMID, m})
		case "lxc":
			i, ok := byNode[r.Node]
			if !ok || r.Template != 0 {
				continue
			}
			key := "lxc/" + strconv.FormatUint(r.VMID, 10)
			c := provider.Container{
				ID:     strconv.FormatUint(r.VMID, 10),
				Name:   cmp.Or(r.Name, fmt.Sprintf("CT%d", r.VMID)),
				Image:  "lxc",
				Status: provider.Stopped,
			}
			if r.Status == "running" {
				in, out := p.rates(key, r, at, counters)
				c.Status = provider.Running
				c.StartTime = p.startTime(key, r.Uptime, at, starts)
				c.Metrics = &provider.ContainerSample{
					CPUPercent:           percent(r.CPU),
					MemoryUsed:           int64(r.Mem),
					MemoryLimit:          int64(r.MaxMem),
					DiskUsed:             int64(r.Disk),
					NetInBytesPerSecond:  in,
					NetOutBytesPerSecond: out,
				}
			}
			cts[i] = append(cts[i], ct{r.VMID, c})
		case "storage":
			i, ok := byNode[r.Node]
			if !ok || r.Status != "available" || r.MaxDisk == 0 {
				continue
			}
			nodes[i].Filesystems = append(nodes[i].Filesystems, provider.Filesystem{
				Name: r.Storage, UsedBytes: int64(r.Disk), TotalBytes: int64(r.MaxDisk),
			})
		}
	}

	machines := make([]provider.Machine, 0, len(nodes)+len(vms))
	for i, m := range nodes {
		slices.SortFunc(cts[i], func(a, b ct) int { return cmp.Compare(a.vmid, b.vmid) })
		for _, c := range cts[i] {
			m.Containers = append(m.Containers, c.c)
		}
		slices.SortFunc(m.Filesystems, func(a, b provider.Filesystem) int { return strings.Compare(a.Name, b.Name) })
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
				lookups = append(lookups, ipLookup{machine: len(machines), node: node, vmid: v.vmid})
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
func (p *Provider) rates(key string, r *pve.ClusterResource, at time.Time, next map[string]counterSample) (in, out float64) {
	cur := counterSample{in: r.NetIn, out: r.NetOut, uptime: r.Uptime, at: at}
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

// lookupIPs reads the configs of VMs without a known address, at most
// concurrency at a time, and takes the address of their first cloud-init
// interface. Failures only leave the address empty.
func (p *Provider) lookupIPs(ctx context.Context, machines []provider.Machine, lookups []ipLookup) {
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	for _, l := range lookups {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return
		}
		wg.Go(func() {
			defer func() { <-sem }()
			var cfg pve.VirtualMachineConfig
			_, err := p.call(ctx, "read VM config", func(ctx context.Context) error {
				return p.client.Get(ctx, fmt.Sprintf("/nodes/%s/qemu/%d/config", l.node, l.vmid), &cfg)
			})
			e := ipEntry{at: time.Now(), ok: err == nil}
			if err == nil {
				e.ip = configIP(&cfg)
			}
			p.mu.Lock()
			p.ips[vmKey(l.vmid)] = e
			p.mu.Unlock()
			// Each lookup owns its machine's element.
			machines[l.machine].IP = e.ip
		})
	}
	wg.Wait()
}

// configIP finds the static address in a VM's cloud-init settings
// ("ipconfig0: ip=203.0.113.10/24,gw=203.0.113.1"), IPv4 before IPv6.
func configIP(cfg *pve.VirtualMachineConfig) string {
	keys := make([]string, 0, len(cfg.IPConfigs))
	for k := range cfg.IPConfigs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ai, _ := strconv.Atoi(strings.TrimPrefix(a, "ipconfig"))
		bi, _ := strconv.Atoi(strings.TrimPrefix(b, "ipconfig"))
		return cmp.Compare(ai, bi)
	})
	for _, field := range []string{"ip=", "ip6="} {
		for _, k := range keys {
			for opt := range strings.SplitSeq(cfg.IPConfigs[k], ",") {
				v, ok := strings.CutPrefix(opt, field)
				if !ok {
					continue
				}
				if pfx, err := netip.ParsePrefix(v); err == nil {
					return pfx.Addr().String()
				}
			}
		}
	}
	return ""
}
