package beszelsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// The fleet: systems with containers, all drawn from the seed when the
// server starts, and figures that are a pure function of (seed, system,
// container, minute), so a request costs O(1) per record it returns.

const (
	// hubVersion is the Beszel release the simulator poses as unless
	// SetVersion says otherwise; the agents that are not old run it too.
	hubVersion = "0.18.8"
	// oldAgentVersion is what a few systems run: an agent from before
	// "b" (bytes/s) replaced "ns"/"nr" (MB/s) and cores moved out of info.
	oldAgentVersion = "0.12.10"
	agentPort       = "45876"
	minuteMs        = int64(time.Minute / time.Millisecond)
	dayMs           = 24 * 60 * minuteMs
)

type system struct {
	idx     int
	id      string
	name    string
	host    string
	created string // PocketBase datetime

	status   string
	statusAt time.Time // when status last changed

	threads   int
	cores     int
	oldAgent  bool
	cpuModel  string
	memGB     float64 // "m": usable memory, GiB
	diskGB    float64 // "d": root filesystem, GiB
	hot       bool
	cpuBase   float64
	cpuAmp    float64
	memBase   float64
	diskBase  float64 // used fraction at t0
	diskGrow  float64 // used fraction per day
	netBase   float64 // bytes/s sent at the daily mean
	phaseMs   int64   // offset of this system's poll within the minute
	bootMs    int64   // unix ms
	extraFs   []extraFs
	ctrs      []*container
	ctrWeight float64 // sum of container CPU weights
}

type extraFs struct {
	name    string
	totalGB float64
	base    float64
}

type container struct {
	idx       int
	id        string // Docker's short id: 12 hex digits
	name      string
	image     string
	ports     string  // as the agent writes them: "80, 443", "127.0.0.1:3000"
	health    uint8   // Beszel's number for the health check's state; 0: none
	cpuShare  float64 // share of the host's CPU use
	memMB     float64
	netBase   float64
	running   bool
	startedMs int64 // unix ms of the last (re)start
	stoppedMs int64 // unix ms of the last stop
}

// Beszel's container health numbers (container.DockerHealth).
const (
	healthNone uint8 = iota
	healthStarting
	healthHealthy
	healthUnhealthy
)

type service struct {
	name   string
	cpu    float64 // relative CPU weight
	memMB  float64
	net    float64 // bytes/s
	image  string
	ports  string
	health bool // the image defines a health check
}

var services = []service{
	{"nginx", 1, 42, 420e3, "nginx:1.27-alpine", "80, 443", false},
	{"postgres", 4, 880, 150e3, "postgres:16.4", "", true},
	{"redis", 1.5, 170, 210e3, "redis:7.4-alpine", "", true},
	{"grafana", 1, 230, 45e3, "grafana/grafana:11.2.0", "127.0.0.1:3000", false},
	{"prometheus", 3, 1350, 80e3, "prom/prometheus:v2.54.1", "", false},
	{"traefik", 1.2, 64, 520e3, "traefik:v3.1", "80, 443", true},
	{"mariadb", 3.5, 690, 120e3, "mariadb:11.4", "", true},
	{"php-fpm", 5, 340, 30e3, "php:8.3-fpm-alpine", "", false},
	{"node-exporter", 0.3, 24, 9e3, "prom/node-exporter:v1.8.2", "9100", false},
	{"rabbitmq", 2, 280, 95e3, "rabbitmq:3.13-management", "", true},
	{"minio", 1.5, 410, 310e3, "minio/minio:RELEASE.2024-09-13T20-26-02Z", "9000", true},
	{"keycloak", 2, 640, 38e3, "quay.io/keycloak/keycloak:25.0", "", true},
	{"loki", 2, 460, 62e3, "grafana/loki:3.1.1", "", false},
	{"postfix", 0.5, 88, 48e3, "boky/postfix:v4.3.0", "25", false},
}

var projects = []string{"shop", "crm", "wiki", "monitoring", "mail", "blog", "erp", "portal", "ci", "intranet"}

type weighted struct {
	name   string
	weight int
}

var roles = []weighted{
	{"web", 30}, {"app", 15}, {"db", 12}, {"mail", 8}, {"k8s", 6}, {"cache", 6},
	{"lb", 5}, {"mon", 4}, {"backup", 4}, {"ci", 3}, {"git", 2}, {"dns", 2}, {"files", 2}, {"vpn", 1},
}

var locations = []weighted{{"fsn1", 45}, {"nbg1", 35}, {"hel1", 20}}

var cpuModels = []string{
	"AMD EPYC 7502P 32-Core Processor",
	"AMD Ryzen 9 5950X 16-Core Processor",
	"Intel(R) Xeon(R) E-2276G CPU @ 3.80GHz",
	"AMD EPYC-Rome Processor",
	"Intel Xeon Processor (Skylake, IBRS)",
}

func pick(r *rand.Rand, list []weighted) string {
	total := 0
	for _, w := range list {
		total += w.weight
	}
	n := r.IntN(total)
	for _, w := range list {
		if n < w.weight {
			return w.name
		}
		n -= w.weight
	}
	return list[0].name
}

const idChars = "abcdefghijklmnopqrstuvwxyz0123456789"

// pbID is a PocketBase record id: 15 characters of [a-z0-9].
func pbID(r *rand.Rand) string {
	b := make([]byte, 15)
	for i := range b {
		b[i] = idChars[r.IntN(len(idChars))]
	}
	return string(b)
}

// hexID is a Docker short container id (12 hex digits) derived from a hash
// rather than drawn from the seed's generator, so that the ids leave what
// else a seed draws unchanged.
func hexID(h uint64) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 12)
	for i := range b {
		b[i] = digits[h&15]
		h >>= 4
	}
	return string(b)
}

// hashID is a record id derived from a hash, for records made on request.
func hashID(h uint64) string {
	b := make([]byte, 15)
	for i := range b {
		if i == 12 {
			h = mix(h)
		}
		b[i] = idChars[h%36]
		h /= 36
	}
	return string(b)
}

// host spreads systems over the documentation ranges, then 10.0.0.0/8.
func host(i int) string {
	switch {
	case i < 254:
		return fmt.Sprintf("203.0.113.%d", i+1)
	case i < 508:
		return fmt.Sprintf("198.51.100.%d", i-253)
	case i < 762:
		return fmt.Sprintf("192.0.2.%d", i-507)
	default:
		j := i - 762
		return fmt.Sprintf("10.%d.%d.%d", 1+j/(254*256)%254, j/254%256, j%254+1)
	}
}

func pbTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format(pbTimeLayout)
}

// newFleet draws n systems with perMachine containers each.
func newFleet(r *rand.Rand, n, perMachine int, t0 time.Time) []*system {
	names := map[string]int{}
	used := map[string]bool{}
	out := make([]*system, 0, n)
	t0ms := t0.UnixMilli()
	for i := range n {
		id := pbID(r)
		for used[id] {
			id = pbID(r)
		}
		used[id] = true
		role, loc := pick(r, roles), pick(r, locations)
		names[role+loc]++
		s := &system{
			idx:      i,
			id:       id,
			name:     fmt.Sprintf("%s-%s-%02d", role, loc, names[role+loc]),
			host:     host(i),
			created:  pbTime(t0ms - int64(30+r.IntN(700))*dayMs - r.Int64N(dayMs)),
			status:   "up",
			statusAt: t0,
			oldAgent: r.Float64() < 0.15,
			cpuModel: cpuModels[r.IntN(len(cpuModels))],
			phaseMs:  r.Int64N(minuteMs),
			bootMs:   t0ms - int64(1+r.IntN(90))*dayMs - r.Int64N(dayMs),
		}
		s.threads = []int{2, 4, 4, 8, 8, 8, 16, 16, 32}[r.IntN(9)]
		s.cores = s.threads
		if s.threads >= 8 && r.IntN(2) == 0 {
			s.cores = s.threads / 2 // a dedicated host with SMT
		}
		memGiB := float64(s.threads * []int{2, 4, 4, 8}[r.IntN(4)])
		s.memGB = round2(math.Min(memGiB, 256) * 0.962)
		s.diskGB = []float64{37.19, 74.63, 149.97, 226.7, 453.6, 915.2, 1831.3}[r.IntN(7)]
		s.hot = r.Float64() < 0.08
		if s.hot {
			s.cpuBase, s.cpuAmp = 58+12*r.Float64(), 8+10*r.Float64()
			s.memBase = 72 + 8*r.Float64()
			s.diskBase = 0.86 + 0.05*r.Float64()
		} else {
			s.cpuBase, s.cpuAmp = 3+20*r.Float64(), 5+25*r.Float64()
			s.memBase = 24 + 36*r.Float64()
			s.diskBase = 0.2 + 0.5*r.Float64()
		}
		s.diskGrow = 0.0005 + 0.003*r.Float64()
		s.netBase = 20e3 * math.Pow(10, 2.4*r.Float64())
		if r.Float64() < 0.3 {
			fs := extraFs{name: "sdb1", totalGB: 1831.3, base: 0.3 + 0.5*r.Float64()}
			if r.IntN(2) == 0 {
				fs.name, fs.totalGB = "nvme1n1", 915.2
			}
			s.extraFs = append(s.extraFs, fs)
			if r.Float64() < 0.3 {
				s.extraFs = append(s.extraFs, extraFs{name: "Backups", totalGB: 3662.5, base: 0.4 + 0.5*r.Float64()})
			}
		}
		switch {
		case n >= 10 && i%29 == 7:
			s.status, s.statusAt = "down", t0.Add(-time.Duration(5+r.IntN(600))*time.Minute)
		case n >= 10 && i%41 == 13:
			s.status, s.statusAt = "paused", t0.Add(-time.Duration(60+r.IntN(5000))*time.Minute)
		case n >= 50 && i%97 == 41:
			s.status = "pending"
		}
		s.ctrs = newContainers(r, s, perMachine, t0ms)
		out = append(out, s)
	}
	return out
}

func newContainers(r *rand.Rand, s *system, n int, t0ms int64) []*container {
	out := make([]*container, 0, n)
	first := r.IntN(len(services))
	proj := r.IntN(len(projects))
	var cpu, mem float64
	for j := range n {
		svc := services[(first+j)%len(services)]
		block := j / len(services)
		c := &container{
			idx: j,
			name: fmt.Sprintf("%s-%s-%d", projects[(proj+block)%len(projects)], svc.name,
				1+block/len(projects)),
			image:     svc.image,
			ports:     svc.ports,
			cpuShare:  svc.cpu * (0.7 + 0.6*r.Float64()),
			memMB:     svc.memMB * (0.8 + 0.4*r.Float64()),
			netBase:   svc.net * (0.5 + r.Float64()),
			running:   true,
			startedMs: t0ms - int64(1+r.IntN(40))*dayMs - r.Int64N(dayMs),
		}
		if svc.health {
			c.health = healthHealthy
		}
		cpu += c.cpuShare
		mem += c.memMB
		out = append(out, c)
	}
	// Containers use at most 85 % of what the host uses, and fit in its memory.
	for _, c := range out {
		c.cpuShare = c.cpuShare / cpu * 0.85
	}
	if avail := s.memGB * 1024 * s.memBase / 100 * 0.8; mem > avail {
		for _, c := range out {
			c.memMB *= avail / mem
		}
	}
	return out
}

// figures is a system's state in one minute.
type figures struct {
	cpu, memUsed, memPct, buff, diskUsed, diskPct float64
	sent, recv                                    float64 // bytes/s
	load                                          [3]float64
	read, write                                   float64 // bytes/s
	extra                                         []fsFigures
}

type fsFigures struct {
	name        string
	total, used float64
	read, write float64
}

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// noise is a repeatable value in [-1, 1) for (seed, a, b, c).
func noise(seed, a, b, c uint64) float64 {
	h := mix(seed ^ mix(a^mix(b^mix(c))))
	return float64(h>>11)/float64(1<<53)*2 - 1
}

// daily is 0 at 03:00 and 1 at 15:00 German time (CET), a hosting day.
func daily(ms int64) float64 {
	hour := float64((ms/1000+3600)%86400) / 3600
	return 0.5 - 0.5*math.Cos(2*math.Pi*(hour-3)/24)
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// sysFigures computes system s's figures for the minute starting at minute.
func (srv *Server) sysFigures(s *system, minute int64) figures {
	ms := minute * minuteMs
	d := daily(ms)
	id, m := uint64(s.idx), uint64(minute)
	f := figures{}
	f.cpu = clamp(s.cpuBase+s.cpuAmp*d+3*noise(srv.seed, id, m, 1), 2, 90)
	f.memPct = clamp(s.memBase+6*d+1.5*noise(srv.seed, id, m, 2), 20, 85)
	f.memUsed = s.memGB * f.memPct / 100
	f.buff = (s.memGB - f.memUsed) * 0.55
	days := float64(ms-srv.t0.UnixMilli()) / float64(dayMs)
	frac := clamp(s.diskBase+s.diskGrow*days, 0.02, 0.97)
	f.diskUsed, f.diskPct = s.diskGB*frac, frac*100
	load := (0.3 + d) * (1 + 0.25*noise(srv.seed, id, m, 3))
	f.sent = s.netBase * load
	f.recv = f.sent * (0.45 + 0.2*noise(srv.seed, id, m, 4))
	f.load[0] = f.cpu / 100 * float64(s.threads) * (1 + 0.1*noise(srv.seed, id, m, 5))
	f.load[1], f.load[2] = f.load[0]*0.95, f.load[0]*0.9
	f.read = 2e5 * load * (1 + f.cpu/20)
	f.write = f.read * 1.6
	for i, e := range s.extraFs {
		efrac := clamp(e.base+s.diskGrow*days/2, 0.02, 0.97)
		f.extra = append(f.extra, fsFigures{
			name: e.name, total: e.totalGB, used: e.totalGB * efrac,
			read: f.read * 0.3 * (1 + 0.2*noise(srv.seed, id, m, uint64(10+i))), write: f.write * 0.4,
		})
	}
	return f
}

// ctrFigures computes container c's figures on s for the minute, given the
// host's figures then: CPU %, memory MB and network bytes/s.
func (srv *Server) ctrFigures(s *system, c *container, minute int64, host figures) (cpu, memMB, sent, recv float64) {
	ms := minute * minuteMs
	key := uint64(s.idx)<<20 | uint64(c.idx)
	m := uint64(minute)
	cpu = math.Max(0.01, host.cpu*c.cpuShare*(1+0.3*noise(srv.seed, key, m, 21)))
	warm := 1.0
	if age := ms + s.phaseMs - c.startedMs; age >= 0 && age < 5*minuteMs {
		// A fresh process has not filled its caches yet.
		warm = 0.45 + 0.55*float64(age)/float64(5*minuteMs)
	}
	memMB = c.memMB * (0.95 + 0.05*noise(srv.seed, key, m, 22)) * warm
	sent = c.netBase * (0.3 + daily(ms)) * (1 + 0.3*noise(srv.seed, key, m, 23))
	recv = sent * (0.6 + 0.2*noise(srv.seed, key, m, 24))
	return cpu, memMB, sent, recv
}
