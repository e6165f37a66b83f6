package proxmox

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// ipLookup is a VM whose address to look up, on the node it runs on now
// (the machine's ParentID), as its config moves with it.
type ipLookup struct {
	machine int
	node    string
	vmid    uint64
	running bool
}

// lookupIPs looks up the addresses of VMs without a known one, at most
// concurrency at a time. Failures only leave the address empty.
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
			ip, err := p.address(ctx, l)
			e := ipEntry{ip: ip, at: time.Now(), ok: err == nil && ip != ""}
			p.mu.Lock()
			p.ips[vmKey(l.vmid)] = e
			p.mu.Unlock()
			// Each lookup owns its machine's element.
			machines[l.machine].IP = e.ip
		})
	}
	wg.Wait()
}

// address finds a VM's address. Where its config enables the QEMU guest
// agent and the VM runs, the agent reports the guest's interfaces, the
// only source of an address the guest got by DHCP; the static address of
// its cloud-init settings ("ipconfig0: ip=203.0.113.10/24,gw=…") is the
// fallback, as an enabled agent may not be installed or not yet started.
// IPv4 before IPv6.
func (p *Provider) address(ctx context.Context, l ipLookup) (string, error) {
	cfg, err := p.vmConfig(ctx, l.node, l.vmid)
	if err != nil {
		return "", err
	}
	var addrs []netip.Addr
	if l.running && agentEnabled(cfg["agent"]) {
		addrs = p.agentAddresses(ctx, l.node, l.vmid)
	}
	addrs = append(addrs, configAddresses(cfg)...)
	return preferred(addrs), nil
}

// vmConfig reads the options of a VM's config that lead to its address:
// agent and ipconfig0, ipconfig1, …. The rest of the config is not
// decoded, so no option in an unexpected shape can fail the read.
func (p *Provider) vmConfig(ctx context.Context, node string, vmid uint64) (map[string]string, error) {
	var raw map[string]json.RawMessage
	if _, err := p.call(ctx, "read VM config", func(ctx context.Context) error {
		return p.client.Get(ctx, fmt.Sprintf("/nodes/%s/qemu/%d/config", node, vmid), &raw)
	}); err != nil {
		return nil, err
	}
	cfg := map[string]string{}
	for k, v := range raw {
		if k != "agent" && !strings.HasPrefix(k, "ipconfig") {
			continue
		}
		var t text
		if json.Unmarshal(v, &t) == nil {
			cfg[k] = string(t)
		}
	}
	return cfg, nil
}

// agentEnabled reads a config's agent option,
// "[enabled=]<1|0>[,fstrim_cloned_disks=<1|0>][,type=<virtio|isa>]…",
// which is off unless enabled says otherwise.
func agentEnabled(opt string) bool {
	for part := range strings.SplitSeq(opt, ",") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			k, v = "enabled", k
		}
		if strings.TrimSpace(k) == "enabled" {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "1", "yes", "on", "true":
				return true
			}
			return false
		}
	}
	return false
}

// agentAddresses asks the QEMU guest agent for the guest's addresses, in
// the order of its interfaces, leaving out those nobody outside the guest
// reaches it by. An agent that does not answer — not installed, not yet
// started (Proxmox answers 500 "QEMU guest agent is not running"), or a
// token without the privilege to ask it — gives none.
func (p *Provider) agentAddresses(ctx context.Context, node string, vmid uint64) []netip.Addr {
	var ifs agentInterfaces
	if _, err := p.call(ctx, "ask the guest agent of a VM", func(ctx context.Context) error {
		return p.client.Get(ctx, fmt.Sprintf("/nodes/%s/qemu/%d/agent/network-get-interfaces", node, vmid), &ifs)
	}); err != nil {
		return nil
	}
	var out []netip.Addr
	for _, i := range ifs.Result {
		if inner(string(i.Name)) {
			continue
		}
		for _, a := range i.Addresses {
			addr, err := netip.ParseAddr(string(a.Address))
			if err != nil {
				continue
			}
			addr = addr.Unmap().WithZone("")
			if addr.IsLoopback() || addr.IsLinkLocalUnicast() || addr.IsUnspecified() || addr.IsMulticast() {
				continue
			}
			out = append(out, addr)
		}
	}
	return out
}

// innerPrefixes name the interfaces that container runtimes and nested
// hypervisors add inside a guest; their addresses lead nowhere from
// outside it.
var innerPrefixes = []string{"docker", "br-", "veth", "virbr", "lxcbr", "cni", "flannel", "cali", "podman"}

func inner(name string) bool {
	return slices.ContainsFunc(innerPrefixes, func(prefix string) bool { return strings.HasPrefix(name, prefix) })
}

// configAddresses are the static addresses of a VM's cloud-init settings,
// interface by interface ("ip=dhcp" has none).
func configAddresses(cfg map[string]string) []netip.Addr {
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		if strings.HasPrefix(k, "ipconfig") {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		ai, _ := strconv.Atoi(strings.TrimPrefix(a, "ipconfig"))
		bi, _ := strconv.Atoi(strings.TrimPrefix(b, "ipconfig"))
		return cmp.Compare(ai, bi)
	})
	var out []netip.Addr
	for _, k := range keys {
		for opt := range strings.SplitSeq(cfg[k], ",") {
			key, v, _ := strings.Cut(strings.TrimSpace(opt), "=")
			if key != "ip" && key != "ip6" {
				continue
			}
			if pfx, err := netip.ParsePrefix(v); err == nil {
				out = append(out, pfx.Addr())
			}
		}
	}
	return out
}

// preferred is the first IPv4 address, or else the first address.
func preferred(addrs []netip.Addr) string {
	if i := slices.IndexFunc(addrs, netip.Addr.Is4); i >= 0 {
		return addrs[i].String()
	}
	if len(addrs) > 0 {
		return addrs[0].String()
	}
	return ""
}
