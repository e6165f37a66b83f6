package proxmoxsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

const (
	gib = int64(1) << 30
	mib = int64(1) << 20

	daySeconds = 86400.0
	omega      = 2 * math.Pi / daySeconds
	// peakSecond puts the daily curve's top at 19:00 UTC (20:00 in
	// Germany in winter), when hosting customers' traffic is highest.
	peakSecond = 19 * 3600.0
)

var (
	datacenters = []string{"fsn1", "nbg1", "hel1"}
	// Repeated entries make common roles more likely.
	vmRoles    = []string{"web", "web", "web", "app", "app", "api", "db", "db", "cache", "mail", "lb", "mon", "git", "ci", "backup", "dns", "search", "queue", "files", "vpn"}
	ctServices = []string{"nginx", "redis", "postgres", "grafana", "prometheus", "gitea", "mariadb", "haproxy", "unbound", "mosquitto", "minio", "loki", "vaultwarden", "traefik", "memcached", "rabbitmq"}
	lxcOSTypes = []string{"debian", "debian", "ubuntu", "alpine"}
)

// profile makes one resource's figures a pure function of time: a daily
// curve, a per-resource offset and a little noise keyed by seed and minute,
// so that every request costs O(1) per resource and repeats exactly.
type profile struct {
	key      uint64
	phase    float64 // seconds the daily curve is shifted by
	cpuBase  float64
	cpuAmp   float64
	memBase  float64
	memAmp   float64
	diskBase float64
	// growPeriod is how long the disk takes to fill by growSpan before
	// a (simulated) clean-up drops it again.
	growPeriod float64
	growSpan   float64
	rateIn     float64 // mean bytes/s
	rateOut    float64
	readRate   float64
	writeRate  float64
}

func (p *profile) daily(ts float64) float64 {
	return 0.5 + 0.5*math.Cos(omega*(ts-peakSecond+p.phase))
}

func (p *profile) cpu(ts float64, minute int64) float64 {
	return clamp(p.cpuBase+p.cpuAmp*p.daily(ts)+0.03*noise(p.key, minute), 0.02, 0.90)
}

func (p *profile) mem(ts float64, minute int64) float64 {
	return clamp(p.memBase+p.memAmp*p.daily(ts)+0.01*noise(p.key^0x51ed27, minute), 0.20, 0.85)
}

func (p *profile) disk(ts float64) float64 {
	f := (ts + float64(p.key%1_000_000)) / p.growPeriod
	return clamp(p.diskBase+p.growSpan*(f-math.Floor(f)), 0.01, 0.97)
}

// counter integrates a daily-varying rate (mean rate, 30 % swing) from
// start to ts in closed form, so cumulative byte counters rise smoothly and
// never go backwards while the guest runs.
func (p *profile) counter(rate, ts, start float64) int64 {
	if ts <= start {
		return 0
	}
	a := omega * (ts - peakSecond + p.phase)
	b := omega * (start - peakSecond + p.phase)
	return int64(rate * (0.7*(ts-start) + 0.3/omega*(math.Sin(a)-math.Sin(b))))
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// noise is a deterministic value in [-1, 1] for a key and a minute.
func noise(key uint64, minute int64) float64 {
	x := key ^ (uint64(minute) * 0x9e3779b97f4a7c15)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11)/float64(1<<52) - 1
}

type node struct {
	name      string
	nodeID    int
	ip        string
	cores     int
	memTotal  int64
	rootTotal int64
	boot      time.Time
	prof      profile
	storages  []*storage
}

type storage struct {
	name    string
	plugin  string
	content string
	shared  bool
	total   int64
	// prof is shared by storages that are one: a shared storage on every
	// node, and "local" with the root filesystem it lives on.
	prof *profile
}

type guest struct {
	vmid    int
	kind    string // "qemu" or "lxc"
	node    *node
	name    string
	cores   int
	maxmem  int64
	maxdisk int64
	maxswap int64
	running bool
	started time.Time
	ip      string
	gateway string
	hwaddr  string
	ostype  string
	uuid    string
	prof    profile

	// cpulimit caps an LXC guest that has no core count (0: none); Proxmox
	// then lists it with a fractional maxcpu and reports its cpus as a
	// string.
	cpulimit float64
	// stringy guests have their vmid and maxcpu sent as strings, as Perl's
	// JSON encoder does with values it last read from a config file.
	stringy bool
	// dhcp VMs have no static cloud-init address: only their guest agent
	// knows it.
	dhcp  bool
	agent agentState
	// bridge adds a docker0 interface to what the guest agent reports.
	bridge bool
}

// agentState is a VM's QEMU guest agent as Proxmox sees it.
type agentState int

const (
	agentRunning agentState = iota
	// agentDown is enabled in the config, but the guest runs no agent.
	agentDown
	agentOff
)

// cpus is the guest's CPU count as Proxmox reports it: its CPU limit
// where it has one, "0.5", else its cores.
func (g *guest) cpus() string {
	if g.cpulimit > 0 {
		return strconv.FormatFloat(g.cpulimit, 'f', -1, 64)
	}
	return strconv.Itoa(g.cores)
}

// machineID is the id the proxmox adapter gives a VM: "qemu/<vmid>", which
// stays when the VM migrates.
func (g *guest) machineID() string { return fmt.Sprintf("%s/%d", g.kind, g.vmid) }

// world is everything the simulator serves, generated once from the seed.
type world struct {
	dc      string
	cluster string
	nodes   []*node
	guests  []*guest // sorted by vmid, qemu first then lxc
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func counts(opts provider.SimOptions) (nodes, vms, cts int) {
	nodes, vms, cts = opts.Nodes, opts.Machines, opts.ContainersPerMachine
	if nodes <= 0 {
		nodes = 3
	}
	switch {
	case vms == 0:
		vms = 12
	case vms < 0:
		vms = 0
	}
	switch {
	case cts == 0:
		cts = 4
	case cts < 0:
		cts = 0
	}
	return nodes, vms, cts
}

func generate(opts provider.SimOptions, t0 time.Time) *world {
	r := rand.New(rand.NewPCG(uint64(opts.Seed), 0x70766573696d)) //nolint:gosec // simulated data, not security
	nNodes, nVMs, perNode := counts(opts)
	w := &world{dc: pick(r, datacenters)}
	w.cluster = w.dc + "-prod"

	backup := &profile{key: r.Uint64(), diskBase: 0.45 + 0.2*r.Float64(), growPeriod: 21 * daySeconds, growSpan: 0.15}
	for i := range nNodes {
		n := &node{
			name:      fmt.Sprintf("pve-%s-%02d", w.dc, i+1),
			nodeID:    i + 1,
			ip:        nodeIP(i),
			cores:     pick(r, []int{32, 48, 64, 96, 128}),
			memTotal:  int64(pick(r, []int{128, 192, 256, 384, 512})) * gib,
			rootTotal: int64(pick(r, []int{94, 220, 447})) * gib,
			boot:      t0.Add(-time.Duration(2*24+r.IntN(110*24)) * time.Hour),
			prof: profile{
				key: r.Uint64(), phase: (r.Float64() - 0.5) * 3600,
				cpuBase: 0.08 + 0.15*r.Float64(), cpuAmp: 0.15 + 0.15*r.Float64(),
				memBase: 0.40 + 0.25*r.Float64(), memAmp: 0.08,
				diskBase: 0.10 + 0.25*r.Float64(), growPeriod: 60 * daySeconds, growSpan: 0.05,
			},
		}
		// "local" and "cloud-init" are directories on the root filesystem,
		// so they report its figures; the backup storage is shared by every
		// node.
		n.storages = []*storage{
			{name: "local", plugin: "dir", content: "backup,iso,vztmpl", total: n.rootTotal, prof: &n.prof},
			{name: "cloud-init", plugin: "dir", content: "snippets", total: n.rootTotal, prof: &n.prof},
			{name: "local-lvm", plugin: "lvmthin", content: "images,rootdir", total: int64(pick(r, []int{1800, 3500, 7000})) * gib,
				prof: &profile{key: r.Uint64(), diskBase: 0.30 + 0.35*r.Float64(), growPeriod: 90 * daySeconds, growSpan: 0.08}},
			{name: "pbs-nbg1", plugin: "pbs", content: "backup", shared: true, total: 24 * 1024 * gib, prof: backup},
		}
		w.nodes = append(w.nodes, n)
	}

	seen := map[string]int{}
	name := func(role string) string {
		seen[role]++
		return fmt.Sprintf("%s-%s-%02d", role, w.dc, seen[role])
	}
	for i := range nVMs {
		role := pick(r, vmRoles)
		g := &guest{
			vmid:    100 + i,
			kind:    "qemu",
			node:    w.nodes[i%nNodes],
			name:    name(role),
			cores:   pick(r, []int{1, 2, 2, 4, 4, 8, 16}),
			maxmem:  int64(pick(r, []int{2, 4, 4, 8, 8, 16, 32, 64})) * gib,
			maxdisk: int64(pick(r, []int{20, 32, 40, 80, 160, 320})) * gib,
			running: r.Float64() < 0.95,
			hwaddr:  hwaddr(r),
			ostype:  "l26",
			uuid:    uuid(r),
			prof:    guestProfile(r, role == "web" || role == "lb"),
		}
		g.ip, g.gateway = vmIP(i)
		g.started = t0.Add(-uptime(r))
		vmVariety(g, i)
		w.guests = append(w.guests, g)
	}
	base := (100 + nVMs + 99) / 100 * 100
	k := 0
	for _, n := range w.nodes {
		for range perNode {
			svc := pick(r, ctServices)
			g := &guest{
				vmid:    base + k,
				kind:    "lxc",
				node:    n,
				name:    name(svc),
				cores:   pick(r, []int{1, 1, 2, 2, 4}),
				maxmem:  int64(pick(r, []int{512, 1024, 2048, 4096})) * mib,
				maxswap: 512 * mib,
				maxdisk: int64(pick(r, []int{8, 8, 16, 32, 64})) * gib,
				running: r.Float64() < 0.92,
				hwaddr:  hwaddr(r),
				ostype:  pick(r, lxcOSTypes),
				prof:    guestProfile(r, svc == "nginx" || svc == "haproxy" || svc == "traefik"),
			}
			g.ip, g.gateway = ctIP(k)
			g.started = t0.Add(-uptime(r))
			if k%4 == 1 {
				g.cpulimit = 0.5
			}
			g.stringy = g.vmid%6 == 5
			w.guests = append(w.guests, g)
			k++
		}
	}
	return w
}

// vmVariety gives the i-th VM the shapes real clusters show: DHCP guests
// known only to their agent, agents enabled but not running, VMs without
// an agent, numbers sent as strings. It draws nothing from the random
// source, so a seed's names and figures stay the same.
func vmVariety(g *guest, i int) {
	switch {
	case i%5 == 2:
		g.dhcp = true
	case i%7 == 4:
		g.agent = agentDown
	case i%9 == 7:
		g.agent = agentOff
	}
	g.bridge = i%3 == 0
	g.stringy = g.vmid%6 == 5
}

func guestProfile(r *rand.Rand, busyNetwork bool) profile {
	p := profile{
		key:        r.Uint64(),
		phase:      (r.Float64() - 0.5) * 3 * 3600,
		cpuBase:    0.03 + 0.22*r.Float64()*r.Float64(),
		cpuAmp:     0.05 + 0.25*r.Float64(),
		memBase:    0.28 + 0.35*r.Float64(),
		memAmp:     0.06,
		diskBase:   0.20 + 0.45*r.Float64(),
		growPeriod: (30 + 60*r.Float64()) * daySeconds,
		growSpan:   0.06,
		rateIn:     math.Exp(math.Log(20e3) + r.Float64()*(math.Log(4e6)-math.Log(20e3))),
		rateOut:    math.Exp(math.Log(15e3) + r.Float64()*(math.Log(3e6)-math.Log(15e3))),
		readRate:   math.Exp(math.Log(5e3) + r.Float64()*(math.Log(2e6)-math.Log(5e3))),
		writeRate:  math.Exp(math.Log(5e3) + r.Float64()*(math.Log(1e6)-math.Log(5e3))),
	}
	if busyNetwork {
		p.rateIn *= 2
		p.rateOut *= 3
	}
	// A few guests run hot so dashboards have warnings to show.
	switch x := r.Float64(); {
	case x < 0.04:
		p.cpuBase, p.cpuAmp = 0.64+0.08*r.Float64(), 0.16
	case x < 0.07:
		p.memBase, p.memAmp = 0.78+0.04*r.Float64(), 0.03
	}
	return p
}

// uptime is spread from an hour to three months, most guests up for weeks.
func uptime(r *rand.Rand) time.Duration {
	h := math.Exp(r.Float64() * math.Log(90*24))
	return time.Duration(h*3600) * time.Second
}

func hwaddr(r *rand.Rand) string {
	// BC:24:11 is the prefix Proxmox VE assigns to guest NICs.
	return fmt.Sprintf("BC:24:11:%02X:%02X:%02X", r.IntN(256), r.IntN(256), r.IntN(256))
}

func uuid(r *rand.Rand) string {
	a, b := r.Uint64(), r.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xfff, (b>>48)&0x3fff|0x8000, b&0xffffffffffff)
}

func nodeIP(i int) string {
	if i < 200 {
		return fmt.Sprintf("192.0.2.%d", 11+i)
	}
	return fmt.Sprintf("10.255.%d.%d", i/250, i%250+2)
}

// vmIP hands out the public documentation ranges first, then private space.
func vmIP(i int) (ip, gw string) {
	switch {
	case i < 240:
		return fmt.Sprintf("203.0.113.%d", 10+i), "203.0.113.1"
	case i < 480:
		return fmt.Sprintf("198.51.100.%d", 10+i-240), "198.51.100.1"
	default:
		j := i - 480
		return fmt.Sprintf("10.1.%d.%d", j/250, j%250+2), fmt.Sprintf("10.1.%d.1", j/250)
	}
}

func ctIP(k int) (ip, gw string) {
	a := k / 250
	return fmt.Sprintf("10.%d.%d.%d", 20+a/256, a%256, k%250+2), fmt.Sprintf("10.%d.%d.1", 20+a/256, a%256)
}
