package dockersim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// service is one kind of container a hosting customer runs.
type service struct {
	stem       string
	image      string
	entrypoint []string
	cmd        []string
	env        []string
	ports      []int // container ports, tcp
	published  []int // host ports when published (first stack only)
	health     []string
	stopSignal string
	volume     string // mounted at this path, "" for none
	user       string
	workdir    string
	memMiB     float64 // typical working set
	cpu        float64 // typical cores in use
	rxKiB      float64 // typical KiB/s in
	txKiB      float64 // typical KiB/s out
	pids       uint64
	limitMiB   float64 // memory limit, 0 for none
	twoNets    bool    // also on the shared proxy network
}

var services = []service{
	{stem: "web", image: "nginx:1.27", entrypoint: []string{"/docker-entrypoint.sh"}, cmd: []string{"nginx", "-g", "daemon off;"},
		env: []string{"NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7"}, ports: []int{80}, health: []string{"CMD", "curl", "-fsS", "http://localhost/healthz"},
		stopSignal: "SIGQUIT", memMiB: 28, cpu: 0.12, rxKiB: 180, txKiB: 1400, pids: 5, twoNets: true},
	{stem: "app", image: "php:8.3-fpm", entrypoint: []string{"docker-php-entrypoint"}, cmd: []string{"php-fpm"},
		env: []string{"PHP_VERSION=8.3.14", "PHP_INI_DIR=/usr/local/etc/php"}, ports: []int{9000}, stopSignal: "SIGQUIT",
		workdir: "/var/www/html", memMiB: 260, cpu: 0.3, rxKiB: 90, txKiB: 160, pids: 12, limitMiB: 768},
	{stem: "db", image: "postgres:16", entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"postgres"},
		env: []string{"PG_MAJOR=16", "PGDATA=/var/lib/postgresql/data"}, ports: []int{5432}, health: []string{"CMD-SHELL", "pg_isready -U postgres"},
		stopSignal: "SIGINT", volume: "/var/lib/postgresql/data", memMiB: 820, cpu: 0.22, rxKiB: 60, txKiB: 140, pids: 14, limitMiB: 2048},
	{stem: "cache", image: "redis:7.4", entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"redis-server", "--appendonly", "yes"},
		env: []string{"REDIS_VERSION=7.4.1"}, ports: []int{6379}, health: []string{"CMD", "redis-cli", "ping"},
		volume: "/data", workdir: "/data", memMiB: 190, cpu: 0.08, rxKiB: 40, txKiB: 95, pids: 6, limitMiB: 512},
	{stem: "grafana", image: "grafana/grafana:11.3", entrypoint: []string{"/run.sh"},
		env: []string{"GF_PATHS_DATA=/var/lib/grafana", "GF_PATHS_LOGS=/var/log/grafana"}, ports: []int{3000},
		health: []string{"CMD-SHELL", "wget -qO- http://localhost:3000/api/health || exit 1"}, volume: "/var/lib/grafana", user: "472",
		workdir: "/usr/share/grafana", memMiB: 150, cpu: 0.06, rxKiB: 12, txKiB: 40, pids: 18},
	{stem: "prometheus", image: "prom/prometheus:v2.55.1", entrypoint: []string{"/bin/prometheus"},
		cmd: []string{"--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"}, ports: []int{9090},
		volume: "/prometheus", user: "nobody", workdir: "/prometheus", memMiB: 640, cpu: 0.18, rxKiB: 220, txKiB: 30, pids: 16, limitMiB: 2048},
	{stem: "proxy", image: "traefik:v3.2", entrypoint: []string{"/entrypoint.sh"}, cmd: []string{"traefik"},
		ports: []int{80, 443}, published: []int{80, 443}, health: []string{"CMD", "traefik", "healthcheck", "--ping"},
		memMiB: 70, cpu: 0.1, rxKiB: 1500, txKiB: 1600, pids: 11, twoNets: true},
	{stem: "mariadb", image: "mariadb:11.4", entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"mariadbd"},
		env: []string{"MARIADB_VERSION=1:11.4.4+maria~ubu2404"}, ports: []int{3306},
		health: []string{"CMD", "healthcheck.sh", "--connect", "--innodb_initialized"}, volume: "/var/lib/mysql",
		memMiB: 560, cpu: 0.16, rxKiB: 45, txKiB: 120, pids: 9, limitMiB: 1536},
	{stem: "worker", image: "python:3.12-slim", cmd: []string{"celery", "-A", "shop", "worker", "--loglevel=INFO"},
		env: []string{"PYTHON_VERSION=3.12.8", "LANG=C.UTF-8"}, workdir: "/app", memMiB: 310, cpu: 0.25, rxKiB: 20, txKiB: 18, pids: 9, limitMiB: 1024},
	{stem: "mail", image: "ghcr.io/docker-mailserver/docker-mailserver:14.0", entrypoint: []string{"/usr/bin/dumb-init", "--"},
		cmd: []string{"supervisord", "-c", "/etc/supervisor/supervisord.conf"}, ports: []int{25, 465, 587, 993}, published: []int{25, 465, 587, 993},
		health: []string{"CMD-SHELL", "ss --listening --tcp | grep -P 'LISTEN.+:smtp' || exit 1"}, volume: "/var/mail",
		memMiB: 480, cpu: 0.07, rxKiB: 35, txKiB: 25, pids: 40, limitMiB: 1024},
	{stem: "loki", image: "grafana/loki:3.2", entrypoint: []string{"/usr/bin/loki"}, cmd: []string{"-config.file=/etc/loki/local-config.yaml"},
		ports: []int{3100}, volume: "/loki", user: "10001", memMiB: 290, cpu: 0.09, rxKiB: 140, txKiB: 15, pids: 14},
	{stem: "node-exporter", image: "prom/node-exporter:v1.8.2", entrypoint: []string{"/bin/node_exporter"}, cmd: []string{"--path.rootfs=/host"},
		ports: []int{9100}, user: "nobody", memMiB: 18, cpu: 0.03, rxKiB: 4, txKiB: 22, pids: 7},
	{stem: "minio", image: "minio/minio:RELEASE.2024-11-07T00-52-20Z", entrypoint: []string{"/usr/bin/docker-entrypoint.sh"},
		cmd: []string{"server", "/data", "--console-address", ":9001"}, ports: []int{9000, 9001},
		health: []string{"CMD", "mc", "ready", "local"}, volume: "/data", memMiB: 230, cpu: 0.05, rxKiB: 300, txKiB: 260, pids: 15},
	{stem: "nextcloud", image: "nextcloud:30-apache", entrypoint: []string{"/entrypoint.sh"}, cmd: []string{"apache2-foreground"},
		ports: []int{80}, volume: "/var/www/html", workdir: "/var/www/html", memMiB: 340, cpu: 0.14, rxKiB: 260, txKiB: 520, pids: 22, limitMiB: 2048},
}

// Compose projects of the hosting customers on one engine.
var projects = []string{
	"shop", "wiki", "crm", "baeckerei-mueller", "autohaus-schmidt", "praxis-weber",
	"kanzlei-fischer", "monitoring", "mail", "stadtwerke-portal", "verein-tsv", "hotel-seeblick",
}

var locations = []string{"fsn1", "nbg1", "hel1"}

// engine is what /info says about the host; fixed for a simulator's life.
type engine struct {
	id, name      string
	ncpu          int
	memTotal      int64
	boot          time.Time
	kernel        string
	os, osVersion string
}

// ctr is one container. The fields above the line never change after New
// and are read without the lock; the ones below it change with control
// actions and are guarded by Server.mu.
type ctr struct {
	id, name, image, imageID string
	project, service         string
	entrypoint, cmd, env     []string
	command                  string
	created                  time.Time
	ports                    []int
	published                []int
	healthTest               []string
	badHealth                bool // its check fails once it has run
	stopSignal               string
	volume, user, workdir    string
	restartPolicy            string
	network                  string
	ip, gateway, mac         string
	proxyIP, proxyMAC        string
	labels                   map[string]string
	cpu                      wave
	rx, tx                   wave
	memBase, memAmp          float64
	memPhase                 float64
	cacheFrac                float64
	memLimit                 uint64 // 0: unlimited
	pids                     uint64
	memKey                   uint64
	sandbox                  string
	endpointID, proxyEPID    string
	networkID, proxyNetID    string
	layer                    string

	// ---- mutable, under Server.mu ----
	state        string // created, running, paused, restarting, removing, exited, dead
	startedAt    time.Time
	finishedAt   time.Time
	since        time.Time // when the current state began (paused: counters freeze)
	exitCode     int
	restartCount int
	pid          int
}

// hexID is a 64-digit hex id like the engine's container ids.
func hexID(r *rand.Rand) string {
	return fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
}

func uuid(r *rand.Rand) string {
	a, b := r.Uint64(), r.Uint64()
	a = a&^(0xf<<12) | 0x4<<12 // version 4
	b = b&^(0x3<<62) | 0x2<<62 // RFC 4122 variant
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

func imageDigest(image string) string {
	sum := sha256.Sum256([]byte("image:" + image))
	return "sha256:" + hex.EncodeToString(sum[:])
}

func mac(r *rand.Rand) string {
	v := r.Uint32()
	return fmt.Sprintf("02:42:0a:%02x:%02x:%02x", byte(v>>16), byte(v>>8), byte(v))
}

// build makes the engine and its containers from the seed; now anchors
// creation and start times.
func build(seed int64, n int, now time.Time) (engine, []*ctr) {
	r := rand.New(rand.NewPCG(uint64(seed), 0x646f636b65727369)) //nolint:gosec // repeatable test data, not secrets
	loc := locations[r.IntN(len(locations))]
	cores := []int{8, 12, 16, 24, 32}[r.IntN(5)]
	memGiB := []int64{32, 64, 128}[r.IntN(3)]
	e := engine{
		id:        uuid(r),
		name:      fmt.Sprintf("docker-%s-%02d", loc, 1+r.IntN(9)),
		ncpu:      cores,
		memTotal:  ((memGiB << 30) * 98 / 100) &^ 4095, // the kernel keeps a little for itself
		boot:      now.Add(-time.Duration(3+r.IntN(60))*24*time.Hour - time.Duration(r.IntN(86400))*time.Second),
		kernel:    "6.8.0-" + strconv.Itoa(45+r.IntN(15)) + "-generic",
		os:        "Ubuntu 24.04.2 LTS",
		osVersion: "24.04",
	}

	// Which containers are not simply running: a few exited, one paused,
	// a few running hot, one failing its health check.
	perm := r.Perm(n)
	exited := map[int]bool{}
	paused := -1
	hot := map[int]bool{}
	if n >= 3 {
		for _, i := range perm[:max(1, n/12)] {
			exited[i] = true
		}
	}
	if n >= 2 {
		paused = perm[len(perm)-1]
	}
	for _, i := range perm[len(perm)/2 : len(perm)/2+min(max(1, n/25), n/2)] {
		if !exited[i] && i != paused {
			hot[i] = true
		}
	}

	cs := make([]*ctr, n)
	var checked []int // running with a health check: one of them fails it
	for i := range n {
		svc := services[i%len(services)]
		group := i / len(services)
		project := projects[group%len(projects)]
		if g := group / len(projects); g > 0 {
			project += "-" + strconv.Itoa(g+1)
		}
		c := &ctr{
			id:         hexID(r),
			name:       fmt.Sprintf("%s-%s-1", project, svc.stem),
			image:      svc.image,
			imageID:    imageDigest(svc.image),
			project:    project,
			service:    svc.stem,
			entrypoint: svc.entrypoint,
			cmd:        svc.cmd,
			env:        append([]string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, svc.env...),
			command:    strings.Join(append(append([]string{}, svc.entrypoint...), quoteArgs(svc.cmd)...), " "),
			ports:      svc.ports,
			healthTest: svc.health,
			stopSignal: svc.stopSignal,
			volume:     svc.volume,
			user:       svc.user,
			workdir:    svc.workdir,
			network:    project + "_default",
			mac:        mac(r),
			layer:      hexID(r),
			sandbox:    hexID(r),
			endpointID: hexID(r),
			networkID:  hexID(r),
			memKey:     r.Uint64(),
			pids:       svc.pids + uint64(r.IntN(4)),
		}
		if group == 0 {
			c.published = svc.published
		}
		c.restartPolicy = []string{"unless-stopped", "unless-stopped", "always", "on-failure"}[r.IntN(4)]
		subnet := group % 250
		c.ip = fmt.Sprintf("10.%d.%d.%d", 20+group/250%200, subnet, 2+i%len(services))
		c.gateway = fmt.Sprintf("10.%d.%d.1", 20+group/250%200, subnet)
		if svc.twoNets {
			c.proxyIP = fmt.Sprintf("10.19.%d.%d", (i/200)%250, 2+i%200)
			c.proxyMAC = mac(r)
			c.proxyEPID = hexID(r)
			c.proxyNetID = networkID(seed, "proxy")
		}
		c.networkID = networkID(seed, c.network)
		c.labels = map[string]string{
			"com.docker.compose.project":              project,
			"com.docker.compose.service":              svc.stem,
			"com.docker.compose.container-number":     "1",
			"com.docker.compose.oneoff":               "False",
			"com.docker.compose.version":              "2.29.7",
			"com.docker.compose.project.working_dir":  "/srv/" + project,
			"com.docker.compose.project.config_files": "/srv/" + project + "/compose.yaml",
			"com.docker.compose.image":                imageDigest(svc.image),
		}

		// Figures: the service's typical load, varied per container.
		// CPU is in cores, as the engine's counters give it; the bounds
		// keep every container between 2 % and 90 % of a core.
		v := 0.7 + 0.6*r.Float64()
		if hot[i] {
			c.cpu = wave{mean: 0.78 + 0.04*r.Float64(), amp: 0.06, jitter: 0.02, phase: afternoonPhase(r.Float64()*2 - 1), key: r.Uint64()}
		} else {
			cpu := min(max(svc.cpu*v, 0.08), 0.5)
			c.cpu = wave{mean: cpu, amp: 0.45 * cpu, jitter: 0.02, phase: afternoonPhase(r.Float64()*4 - 2), key: r.Uint64()}
		}
		netPhase := afternoonPhase(r.Float64()*3 - 1)
		c.rx = wave{mean: svc.rxKiB * 1024 * v, amp: 0.5 * svc.rxKiB * 1024 * v, jitter: 0.3 * svc.rxKiB * 1024 * v, phase: netPhase, key: r.Uint64()}
		c.tx = wave{mean: svc.txKiB * 1024 * v, amp: 0.5 * svc.txKiB * 1024 * v, jitter: 0.3 * svc.txKiB * 1024 * v, phase: netPhase, key: r.Uint64()}
		c.memBase = svc.memMiB * (1 << 20) * (0.8 + 0.4*r.Float64())
		c.memAmp = 0.12
		c.memPhase = afternoonPhase(r.Float64()*4 - 2)
		c.cacheFrac = 0.1 + 0.4*r.Float64()
		if svc.limitMiB > 0 {
			c.memLimit = uint64(svc.limitMiB) << 20
			// Keep the peak (base·1.14) under 85 % of the limit; the
			// first hot container with a limit also runs close to it.
			if hot[i] {
				c.memBase = float64(c.memLimit) * 0.72
			} else if c.memBase*1.14 > float64(c.memLimit)*0.8 {
				c.memBase = float64(c.memLimit) * 0.8 / 1.14
			}
		}

		switch {
		case exited[i]:
			c.state = "exited"
			c.exitCode = []int{0, 1, 137, 143}[r.IntN(4)]
			c.finishedAt = now.Add(-time.Duration(30+r.IntN(3*24*60)) * time.Minute)
			c.startedAt = c.finishedAt.Add(-time.Duration(1+r.IntN(20*24)) * time.Hour)
			c.since = c.finishedAt
		case i == paused:
			c.state = "paused"
			c.startedAt = now.Add(-time.Duration(2+r.IntN(10*24)) * time.Hour)
			c.since = now.Add(-time.Duration(5+r.IntN(120)) * time.Minute)
		default:
			c.state = "running"
			c.startedAt = now.Add(-time.Duration(10+r.IntN(40*24*60)) * time.Minute)
			c.since = c.startedAt
			if c.healthTest != nil && !hot[i] {
				checked = append(checked, i)
			}
		}
		if r.IntN(5) == 0 {
			c.restartCount = 1 + r.IntN(3)
		}
		c.created = c.startedAt.Add(-time.Duration(r.IntN(5*24*60)) * time.Minute)
		if c.state != "exited" {
			c.pid = 1000 + r.IntN(4_000_000)
		}
		c.created = c.created.Truncate(time.Second).Add(time.Duration(r.IntN(1e9)))
		cs[i] = c
	}
	if len(checked) > 0 {
		cs[checked[r.IntN(len(checked))]].badHealth = true
	}
	return e, cs
}

func networkID(seed int64, name string) string {
	sum := sha256.Sum256([]byte(strconv.FormatInt(seed, 10) + "/network/" + name))
	return hex.EncodeToString(sum[:])
}

// quoteArgs renders arguments the way the engine shows a command line in
// the container list.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " ;'\"") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}
