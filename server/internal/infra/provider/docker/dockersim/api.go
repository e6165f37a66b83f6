package dockersim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// What the simulated daemon says it is.
const (
	engineVersion  = "28.5.1"
	apiVersion     = "1.51"
	minAPIVersion  = "1.24"
	goVersion      = "go1.24.8"
	gitCommit      = "f8215cc"
	authzPlugin    = "opa-docker-authz"
	healthInterval = 30 * time.Second
)

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Api-Version", apiVersion)
	h.Set("Docker-Experimental", "false")
	h.Set("Ostype", "linux")
	h.Set("Server", "Docker/"+engineVersion+" (linux)")

	path := r.URL.Path
	if v, rest, ok := versionPrefix(path); ok {
		if compareVersions(v, apiVersion) > 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("client version %s is too new. Maximum supported API version is %s", v, apiVersion))
			return
		}
		if compareVersions(v, minAPIVersion) < 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("client version %s is too old. Minimum supported API version is %s, please upgrade your client to a newer version", v, minAPIVersion))
			return
		}
		path = rest
	}

	if path == "/_ping" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		s.ping(w, r)
		return
	}

	s.mu.RLock()
	denied := s.denied
	s.mu.RUnlock()
	if denied {
		writeError(w, http.StatusForbidden, "authorization denied by plugin "+authzPlugin+": request rejected by administrative policy")
		return
	}

	switch {
	case r.Method == http.MethodGet && path == "/info":
		s.info(w)
		return
	case r.Method == http.MethodGet && path == "/version":
		s.version(w)
		return
	case r.Method == http.MethodGet && path == "/containers/json":
		s.list(w, r)
		return
	}
	if rest, ok := strings.CutPrefix(path, "/containers/"); ok {
		if i := strings.LastIndexByte(rest, '/'); i > 0 {
			id, op := rest[:i], rest[i+1:]
			switch {
			case r.Method == http.MethodGet && op == "json":
				s.inspect(w, id)
				return
			case r.Method == http.MethodGet && op == "stats":
				s.stats(w, r, id)
				return
			case r.Method == http.MethodPost && (op == "start" || op == "stop" || op == "restart"):
				s.control(w, id, op)
				return
			}
		}
	}
	writeError(w, http.StatusNotFound, "page not found")
}

// versionPrefix splits "/v1.51/info" into "1.51" and "/info".
func versionPrefix(p string) (version, rest string, ok bool) {
	if !strings.HasPrefix(p, "/v") {
		return "", p, false
	}
	end := strings.IndexByte(p[1:], '/')
	if end < 0 {
		return "", p, false
	}
	v := p[2 : end+1]
	major, minor, found := strings.Cut(v, ".")
	if !found || !digits(major) || !digits(minor) {
		return "", p, false
	}
	return v, p[end+1:], true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func compareVersions(a, b string) int {
	am, an, _ := strings.Cut(a, ".")
	bm, bn, _ := strings.Cut(b, ".")
	x, _ := strconv.Atoi(am)
	y, _ := strconv.Atoi(bm)
	if x != y {
		return x - y
	}
	x, _ = strconv.Atoi(an)
	y, _ = strconv.Atoi(bn)
	return x - y
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers with the engine's error body.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, struct {
		Message string `json:"message"`
	}{msg})
}

func noSuchContainer(w http.ResponseWriter, ref string) {
	writeError(w, http.StatusNotFound, "No such container: "+ref)
}

func (s *Server) ping(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Builder-Version", "2")
	h.Set("Cache-Control", "no-cache, no-store, must-revalidate")
	h.Set("Pragma", "no-cache")
	h.Set("Swarm", "inactive")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if r.Method == http.MethodHead {
		h.Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("OK"))
}

// ---- /info and /version ----

type infoJSON struct {
	ID                 string            `json:"ID"`
	Containers         int               `json:"Containers"`
	ContainersRunning  int               `json:"ContainersRunning"`
	ContainersPaused   int               `json:"ContainersPaused"`
	ContainersStopped  int               `json:"ContainersStopped"`
	Images             int               `json:"Images"`
	Driver             string            `json:"Driver"`
	DriverStatus       [][2]string       `json:"DriverStatus"`
	Plugins            pluginsJSON       `json:"Plugins"`
	MemoryLimit        bool              `json:"MemoryLimit"`
	SwapLimit          bool              `json:"SwapLimit"`
	CPUCfsPeriod       bool              `json:"CpuCfsPeriod"`
	CPUCfsQuota        bool              `json:"CpuCfsQuota"`
	CPUShares          bool              `json:"CPUShares"`
	CPUSet             bool              `json:"CPUSet"`
	PidsLimit          bool              `json:"PidsLimit"`
	IPv4Forwarding     bool              `json:"IPv4Forwarding"`
	Debug              bool              `json:"Debug"`
	NFd                int               `json:"NFd"`
	OomKillDisable     bool              `json:"OomKillDisable"`
	NGoroutines        int               `json:"NGoroutines"`
	SystemTime         string            `json:"SystemTime"`
	LoggingDriver      string            `json:"LoggingDriver"`
	CgroupDriver       string            `json:"CgroupDriver"`
	CgroupVersion      string            `json:"CgroupVersion"`
	NEventsListener    int               `json:"NEventsListener"`
	KernelVersion      string            `json:"KernelVersion"`
	OperatingSystem    string            `json:"OperatingSystem"`
	OSVersion          string            `json:"OSVersion"`
	OSType             string            `json:"OSType"`
	Architecture       string            `json:"Architecture"`
	IndexServerAddress string            `json:"IndexServerAddress"`
	RegistryConfig     registryJSON      `json:"RegistryConfig"`
	NCPU               int               `json:"NCPU"`
	MemTotal           int64             `json:"MemTotal"`
	GenericResources   []any             `json:"GenericResources"`
	DockerRootDir      string            `json:"DockerRootDir"`
	HTTPProxy          string            `json:"HttpProxy"`
	HTTPSProxy         string            `json:"HttpsProxy"`
	NoProxy            string            `json:"NoProxy"`
	Name               string            `json:"Name"`
	Labels             []string          `json:"Labels"`
	ExperimentalBuild  bool              `json:"ExperimentalBuild"`
	ServerVersion      string            `json:"ServerVersion"`
	Runtimes           map[string]any    `json:"Runtimes"`
	DefaultRuntime     string            `json:"DefaultRuntime"`
	Swarm              swarmJSON         `json:"Swarm"`
	LiveRestoreEnabled bool              `json:"LiveRestoreEnabled"`
	Isolation          string            `json:"Isolation"`
	InitBinary         string            `json:"InitBinary"`
	ContainerdCommit   commitJSON        `json:"ContainerdCommit"`
	RuncCommit         commitJSON        `json:"RuncCommit"`
	InitCommit         commitJSON        `json:"InitCommit"`
	SecurityOptions    []string          `json:"SecurityOptions"`
	CDISpecDirs        []string          `json:"CDISpecDirs"`
	Containerd         containerdJSON    `json:"Containerd"`
	Warnings           []string          `json:"Warnings"`
	FirewallBackend    map[string]string `json:"FirewallBackend"`
}

type pluginsJSON struct {
	Volume        []string `json:"Volume"`
	Network       []string `json:"Network"`
	Authorization []string `json:"Authorization"`
	Log           []string `json:"Log"`
}

type registryJSON struct {
	InsecureRegistryCIDRs []string                 `json:"InsecureRegistryCIDRs"`
	IndexConfigs          map[string]indexInfoJSON `json:"IndexConfigs"`
	Mirrors               []string                 `json:"Mirrors"`
}

type indexInfoJSON struct {
	Name     string   `json:"Name"`
	Mirrors  []string `json:"Mirrors"`
	Secure   bool     `json:"Secure"`
	Official bool     `json:"Official"`
}

type swarmJSON struct {
	NodeID           string `json:"NodeID"`
	NodeAddr         string `json:"NodeAddr"`
	LocalNodeState   string `json:"LocalNodeState"`
	ControlAvailable bool   `json:"ControlAvailable"`
	Error            string `json:"Error"`
	RemoteManagers   []any  `json:"RemoteManagers"`
}

type commitJSON struct {
	ID string `json:"ID"`
}

type containerdJSON struct {
	Address    string `json:"Address"`
	Namespaces struct {
		Containers string `json:"Containers"`
		Plugins    string `json:"Plugins"`
	} `json:"Namespaces"`
}

func (s *Server) info(w http.ResponseWriter) {
	now := s.now()
	var running, paused, stopped, total int
	images := map[string]bool{}
	s.mu.RLock()
	for _, c := range s.containers {
		total++
		images[c.image] = true
		switch c.state {
		case "running", "restarting":
			running++
		case "paused":
			paused++
		default:
			stopped++
		}
	}
	denied := s.denied
	s.mu.RUnlock()
	e := s.engine
	var authz []string
	if denied {
		authz = []string{authzPlugin}
	}
	in := infoJSON{
		ID: e.id, Containers: total, ContainersRunning: running, ContainersPaused: paused, ContainersStopped: stopped,
		Images: len(images) + 3, Driver: "overlay2",
		DriverStatus: [][2]string{{"Backing Filesystem", "extfs"}, {"Supports d_type", "true"}, {"Using metacopy", "false"}, {"Native Overlay Diff", "true"}, {"userxattr", "false"}},
		Plugins: pluginsJSON{
			Volume:        []string{"local"},
			Network:       []string{"bridge", "host", "ipvlan", "macvlan", "null", "overlay"},
			Authorization: authz,
			Log:           []string{"awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"},
		},
		MemoryLimit: true, SwapLimit: true, CPUCfsPeriod: true, CPUCfsQuota: true, CPUShares: true, CPUSet: true, PidsLimit: true,
		IPv4Forwarding: true, NFd: 40 + 12*total, NGoroutines: 60 + 9*running,
		SystemTime:    now.Format(time.RFC3339Nano),
		LoggingDriver: "json-file", CgroupDriver: "systemd", CgroupVersion: "2",
		KernelVersion: e.kernel, OperatingSystem: e.os, OSVersion: e.osVersion, OSType: "linux", Architecture: "x86_64",
		IndexServerAddress: "https://index.docker.io/v1/",
		RegistryConfig: registryJSON{
			InsecureRegistryCIDRs: []string{"::1/128", "127.0.0.0/8"},
			IndexConfigs:          map[string]indexInfoJSON{"docker.io": {Name: "docker.io", Mirrors: []string{}, Secure: true, Official: true}},
			Mirrors:               nil,
		},
		NCPU: e.ncpu, MemTotal: e.memTotal, DockerRootDir: "/var/lib/docker",
		Name: e.name, Labels: []string{}, ServerVersion: engineVersion,
		Runtimes: map[string]any{
			"io.containerd.runc.v2": map[string]any{"path": "runc", "status": map[string]string{"org.opencontainers.runtime-spec.features": "{}"}},
			"runc":                  map[string]any{"path": "runc", "status": map[string]string{"org.opencontainers.runtime-spec.features": "{}"}},
		},
		DefaultRuntime:   "runc",
		Swarm:            swarmJSON{LocalNodeState: "inactive"},
		InitBinary:       "docker-init",
		ContainerdCommit: commitJSON{ID: "05044ec0a9a75232cad458027ca83437aae3f4da"},
		RuncCommit:       commitJSON{ID: "v1.2.5-0-g59923ef"},
		InitCommit:       commitJSON{ID: "de40ad0"},
		SecurityOptions:  []string{"name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"},
		CDISpecDirs:      []string{"/etc/cdi", "/var/run/cdi"},
		FirewallBackend:  map[string]string{"Driver": "iptables"},
	}
	in.Containerd.Address = "/run/containerd/containerd.sock"
	in.Containerd.Namespaces.Containers = "moby"
	in.Containerd.Namespaces.Plugins = "plugins.moby"
	writeJSON(w, http.StatusOK, in)
}

func (s *Server) version(w http.ResponseWriter) {
	type component struct {
		Name    string            `json:"Name"`
		Version string            `json:"Version"`
		Details map[string]string `json:"Details"`
	}
	writeJSON(w, http.StatusOK, struct {
		Platform      struct{ Name string } `json:"Platform"`
		Components    []component           `json:"Components"`
		Version       string                `json:"Version"`
		APIVersion    string                `json:"ApiVersion"`
		MinAPIVersion string                `json:"MinAPIVersion"`
		GitCommit     string                `json:"GitCommit"`
		GoVersion     string                `json:"GoVersion"`
		Os            string                `json:"Os"`
		Arch          string                `json:"Arch"`
		KernelVersion string                `json:"KernelVersion"`
		BuildTime     string                `json:"BuildTime"`
	}{
		Platform: struct{ Name string }{"Docker Engine - Community"},
		Components: []component{
			{Name: "Engine", Version: engineVersion, Details: map[string]string{"ApiVersion": apiVersion, "Arch": "amd64", "GitCommit": gitCommit, "GoVersion": goVersion, "MinAPIVersion": minAPIVersion, "Os": "linux"}},
			{Name: "containerd", Version: "1.7.28", Details: map[string]string{"GitCommit": "05044ec0a9a75232cad458027ca83437aae3f4da"}},
			{Name: "runc", Version: "1.2.5", Details: map[string]string{"GitCommit": "v1.2.5-0-g59923ef"}},
			{Name: "docker-init", Version: "0.19.0", Details: map[string]string{"GitCommit": "de40ad0"}},
		},
		Version: engineVersion, APIVersion: apiVersion, MinAPIVersion: minAPIVersion, GitCommit: gitCommit, GoVersion: goVersion,
		Os: "linux", Arch: "amd64", KernelVersion: s.engine.kernel, BuildTime: "2025-10-08T12:17:35.000000000+00:00",
	})
}

// ---- /containers/json ----

type portJSON struct {
	IP          string `json:"IP,omitempty"`
	PrivatePort int    `json:"PrivatePort"`
	PublicPort  int    `json:"PublicPort,omitempty"`
	Type        string `json:"Type"`
}

type endpointJSON struct {
	IPAMConfig          *struct{}         `json:"IPAMConfig"`
	Links               []string          `json:"Links"`
	Aliases             []string          `json:"Aliases"`
	MacAddress          string            `json:"MacAddress"`
	DriverOpts          map[string]string `json:"DriverOpts"`
	GwPriority          int               `json:"GwPriority"`
	NetworkID           string            `json:"NetworkID"`
	EndpointID          string            `json:"EndpointID"`
	Gateway             string            `json:"Gateway"`
	IPAddress           string            `json:"IPAddress"`
	IPPrefixLen         int               `json:"IPPrefixLen"`
	IPv6Gateway         string            `json:"IPv6Gateway"`
	GlobalIPv6Address   string            `json:"GlobalIPv6Address"`
	GlobalIPv6PrefixLen int               `json:"GlobalIPv6PrefixLen"`
	DNSNames            []string          `json:"DNSNames"`
}

type mountJSON struct {
	Type        string `json:"Type"`
	Name        string `json:"Name,omitempty"`
	Source      string `json:"Source"`
	Destination string `json:"Destination"`
	Driver      string `json:"Driver,omitempty"`
	Mode        string `json:"Mode"`
	RW          bool   `json:"RW"`
	Propagation string `json:"Propagation"`
}

type summaryJSON struct {
	ID         string            `json:"Id"`
	Names      []string          `json:"Names"`
	Image      string            `json:"Image"`
	ImageID    string            `json:"ImageID"`
	Command    string            `json:"Command"`
	Created    int64             `json:"Created"`
	Ports      []portJSON        `json:"Ports"`
	Labels     map[string]string `json:"Labels"`
	State      string            `json:"State"`
	Status     string            `json:"Status"`
	HostConfig struct {
		NetworkMode string `json:"NetworkMode"`
	} `json:"HostConfig"`
	NetworkSettings struct {
		Networks map[string]endpointJSON `json:"Networks"`
	} `json:"NetworkSettings"`
	Mounts []mountJSON `json:"Mounts"`
}

func (c *ctr) endpoints() map[string]endpointJSON {
	nets := map[string]endpointJSON{
		c.network: {
			Aliases: []string{c.name, c.service}, MacAddress: c.mac, NetworkID: c.networkID, EndpointID: c.endpointID,
			Gateway: c.gateway, IPAddress: c.ip, IPPrefixLen: 24, DNSNames: []string{c.name, c.id[:12], c.service},
		},
	}
	if c.proxyIP != "" {
		nets["proxy"] = endpointJSON{
			Aliases: []string{c.name, c.service}, MacAddress: c.proxyMAC, NetworkID: c.proxyNetID, EndpointID: c.proxyEPID,
			Gateway: "10.19.0.1", IPAddress: c.proxyIP, IPPrefixLen: 16, DNSNames: []string{c.name, c.id[:12], c.service},
		}
	}
	return nets
}

func (c *ctr) mounts() []mountJSON {
	if c.volume == "" {
		return []mountJSON{}
	}
	vol := c.project + "_" + c.service + "-data"
	return []mountJSON{{
		Type: "volume", Name: vol, Source: "/var/lib/docker/volumes/" + vol + "/_data", Destination: c.volume,
		Driver: "local", Mode: "z", RW: true,
	}}
}

func (c *ctr) portSummaries() []portJSON {
	out := make([]portJSON, 0, len(c.ports)*2)
	for _, p := range c.ports {
		public := false
		for _, q := range c.published {
			if p == q {
				public = true
			}
		}
		if public {
			out = append(out, portJSON{IP: "0.0.0.0", PrivatePort: p, PublicPort: p, Type: "tcp"}, portJSON{IP: "::", PrivatePort: p, PublicPort: p, Type: "tcp"})
		} else {
			out = append(out, portJSON{PrivatePort: p, Type: "tcp"})
		}
	}
	return out
}

// statusText is the engine's one-line status ("Up 3 hours (healthy)").
func (s *Server) statusText(c *ctr, now time.Time) string {
	switch c.state {
	case "running":
		t := "Up " + humanDuration(now.Sub(c.startedAt))
		switch h, _ := s.health(c, now); h {
		case "starting":
			t += " (health: starting)"
		case "healthy", "unhealthy":
			t += " (" + h + ")"
		}
		return t
	case "paused":
		return "Up " + humanDuration(now.Sub(c.startedAt)) + " (Paused)"
	case "restarting":
		return fmt.Sprintf("Restarting (%d) %s ago", c.exitCode, humanDuration(now.Sub(c.finishedAt)))
	case "exited":
		return fmt.Sprintf("Exited (%d) %s ago", c.exitCode, humanDuration(now.Sub(c.finishedAt)))
	case "removing":
		return "Removal In Progress"
	case "dead":
		return "Dead"
	default:
		return "Created"
	}
}

// humanDuration words a duration as the engine does in container status.
func humanDuration(d time.Duration) string {
	if sec := int(d.Seconds()); sec < 1 {
		return "Less than a second"
	} else if sec == 1 {
		return "1 second"
	} else if sec < 60 {
		return fmt.Sprintf("%d seconds", sec)
	}
	if m := int(d.Minutes()); m == 1 {
		return "About a minute"
	} else if m < 60 {
		return fmt.Sprintf("%d minutes", m)
	}
	h := int(d.Round(time.Hour).Hours())
	switch {
	case h == 1:
		return "About an hour"
	case h < 48:
		return fmt.Sprintf("%d hours", h)
	case h < 24*7*2:
		return fmt.Sprintf("%d days", h/24)
	case h < 24*30*2:
		return fmt.Sprintf("%d weeks", h/24/7)
	case h < 24*365*2:
		return fmt.Sprintf("%d months", h/24/30)
	default:
		return fmt.Sprintf("%d years", int(d.Hours())/24/365)
	}
}

// boolParam reads a query flag as the engine does: anything but "",
// "0", "no", "false" and "none" is true.
func boolParam(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "no", "false", "none":
		return false
	}
	return true
}

// listFilters is the subset of /containers/json filters the simulator
// applies: status, id (prefix) and name (substring).
type listFilters struct{ status, id, name []string }

func parseFilters(raw string) (listFilters, error) {
	var f listFilters
	if raw == "" {
		return f, nil
	}
	// The engine accepts both {"status":["running"]} and the older
	// {"status":{"running":true}}.
	var asList map[string][]string
	if err := json.Unmarshal([]byte(raw), &asList); err != nil {
		var asMap map[string]map[string]bool
		if err2 := json.Unmarshal([]byte(raw), &asMap); err2 != nil {
			return f, err
		}
		asList = map[string][]string{}
		for k, m := range asMap {
			for v, on := range m {
				if on {
					asList[k] = append(asList[k], v)
				}
			}
		}
	}
	for k, vs := range asList {
		switch k {
		case "status":
			f.status = vs
		case "id":
			f.id = vs
		case "name":
			f.name = vs
		}
	}
	return f, nil
}

func (f listFilters) match(c *ctr) bool {
	if len(f.status) > 0 && !anyOf(f.status, func(v string) bool { return v == c.state }) {
		return false
	}
	if len(f.id) > 0 && !anyOf(f.id, func(v string) bool { return strings.HasPrefix(c.id, v) }) {
		return false
	}
	if len(f.name) > 0 && !anyOf(f.name, func(v string) bool { return strings.Contains(c.name, strings.TrimPrefix(v, "/")) }) {
		return false
	}
	return true
}

func anyOf(vs []string, ok func(string) bool) bool {
	for _, v := range vs {
		if ok(v) {
			return true
		}
	}
	return false
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	all := boolParam(q.Get("all"))
	limit := -1
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("strconv.Atoi: parsing %q: invalid syntax", v))
			return
		}
		if n > 0 {
			limit = n
		}
	}
	f, err := parseFilters(q.Get("filters"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid filter: "+err.Error())
		return
	}
	now := s.now()
	s.mu.RLock()
	out := make([]summaryJSON, 0, len(s.containers))
	for i := len(s.containers) - 1; i >= 0 && (limit < 0 || len(out) < limit); i-- {
		c := s.containers[i]
		// Without all=1 the engine lists what runs, paused ones included.
		if !all && limit < 0 && c.state != "running" && c.state != "paused" && c.state != "restarting" {
			continue
		}
		if !f.match(c) {
			continue
		}
		sj := summaryJSON{
			ID: c.id, Names: []string{"/" + c.name}, Image: c.image, ImageID: c.imageID, Command: c.command,
			Created: c.created.Unix(), Ports: c.portSummaries(), Labels: c.labels, State: c.state, Status: s.statusText(c, now),
			Mounts: c.mounts(),
		}
		sj.HostConfig.NetworkMode = c.network
		sj.NetworkSettings.Networks = c.endpoints()
		out = append(out, sj)
	}
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, out)
}

// ---- /containers/{id}/json ----

type healthLogJSON struct {
	Start    string `json:"Start"`
	End      string `json:"End"`
	ExitCode int    `json:"ExitCode"`
	Output   string `json:"Output"`
}

type healthJSON struct {
	Status        string          `json:"Status"`
	FailingStreak int             `json:"FailingStreak"`
	Log           []healthLogJSON `json:"Log"`
}

type stateJSON struct {
	Status     string      `json:"Status"`
	Running    bool        `json:"Running"`
	Paused     bool        `json:"Paused"`
	Restarting bool        `json:"Restarting"`
	OOMKilled  bool        `json:"OOMKilled"`
	Dead       bool        `json:"Dead"`
	Pid        int         `json:"Pid"`
	ExitCode   int         `json:"ExitCode"`
	Error      string      `json:"Error"`
	StartedAt  string      `json:"StartedAt"`
	FinishedAt string      `json:"FinishedAt"`
	Health     *healthJSON `json:"Health,omitempty"`
}

type portBindingJSON struct {
	HostIP   string `json:"HostIp"`
	HostPort string `json:"HostPort"`
}

type healthcheckJSON struct {
	Test        []string `json:"Test"`
	Interval    int64    `json:"Interval"`
	Timeout     int64    `json:"Timeout"`
	StartPeriod int64    `json:"StartPeriod"`
	Retries     int      `json:"Retries"`
}

type configJSON struct {
	Hostname     string              `json:"Hostname"`
	Domainname   string              `json:"Domainname"`
	User         string              `json:"User"`
	AttachStdin  bool                `json:"AttachStdin"`
	AttachStdout bool                `json:"AttachStdout"`
	AttachStderr bool                `json:"AttachStderr"`
	ExposedPorts map[string]struct{} `json:"ExposedPorts,omitempty"`
	Tty          bool                `json:"Tty"`
	OpenStdin    bool                `json:"OpenStdin"`
	StdinOnce    bool                `json:"StdinOnce"`
	Env          []string            `json:"Env"`
	Cmd          []string            `json:"Cmd"`
	Healthcheck  *healthcheckJSON    `json:"Healthcheck,omitempty"`
	Image        string              `json:"Image"`
	Volumes      map[string]struct{} `json:"Volumes"`
	WorkingDir   string              `json:"WorkingDir"`
	Entrypoint   []string            `json:"Entrypoint"`
	OnBuild      []string            `json:"OnBuild"`
	Labels       map[string]string   `json:"Labels"`
	StopSignal   string              `json:"StopSignal,omitempty"`
}

type hostConfigJSON struct {
	Binds           []string `json:"Binds"`
	ContainerIDFile string   `json:"ContainerIDFile"`
	LogConfig       struct {
		Type   string            `json:"Type"`
		Config map[string]string `json:"Config"`
	} `json:"LogConfig"`
	NetworkMode   string                       `json:"NetworkMode"`
	PortBindings  map[string][]portBindingJSON `json:"PortBindings"`
	RestartPolicy struct {
		Name              string `json:"Name"`
		MaximumRetryCount int    `json:"MaximumRetryCount"`
	} `json:"RestartPolicy"`
	AutoRemove     bool   `json:"AutoRemove"`
	Privileged     bool   `json:"Privileged"`
	ReadonlyRootfs bool   `json:"ReadonlyRootfs"`
	ShmSize        int64  `json:"ShmSize"`
	Runtime        string `json:"Runtime"`
	Isolation      string `json:"Isolation"`
	CPUShares      int64  `json:"CpuShares"`
	Memory         int64  `json:"Memory"`
	NanoCPUs       int64  `json:"NanoCpus"`
	MemorySwap     int64  `json:"MemorySwap"`
	PidsLimit      *int64 `json:"PidsLimit"`
}

type inspectJSON struct {
	ID              string         `json:"Id"`
	Created         string         `json:"Created"`
	Path            string         `json:"Path"`
	Args            []string       `json:"Args"`
	State           stateJSON      `json:"State"`
	Image           string         `json:"Image"`
	ResolvConfPath  string         `json:"ResolvConfPath"`
	HostnamePath    string         `json:"HostnamePath"`
	HostsPath       string         `json:"HostsPath"`
	LogPath         string         `json:"LogPath"`
	Name            string         `json:"Name"`
	RestartCount    int            `json:"RestartCount"`
	Driver          string         `json:"Driver"`
	Platform        string         `json:"Platform"`
	MountLabel      string         `json:"MountLabel"`
	ProcessLabel    string         `json:"ProcessLabel"`
	AppArmorProfile string         `json:"AppArmorProfile"`
	ExecIDs         []string       `json:"ExecIDs"`
	HostConfig      hostConfigJSON `json:"HostConfig"`
	GraphDriver     struct {
		Data map[string]string `json:"Data"`
		Name string            `json:"Name"`
	} `json:"GraphDriver"`
	Mounts          []mountJSON `json:"Mounts"`
	Config          configJSON  `json:"Config"`
	NetworkSettings struct {
		SandboxID  string                       `json:"SandboxID"`
		SandboxKey string                       `json:"SandboxKey"`
		Ports      map[string][]portBindingJSON `json:"Ports"`
		Networks   map[string]endpointJSON      `json:"Networks"`
	} `json:"NetworkSettings"`
}

// zeroTime is how the engine writes a time that has not happened.
const zeroTime = "0001-01-01T00:00:00Z"

func stamp(t time.Time) string {
	if t.IsZero() {
		return zeroTime
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func (s *Server) inspect(w http.ResponseWriter, ref string) {
	now := s.now()
	s.mu.RLock()
	c := s.lookup(ref)
	if c == nil {
		s.mu.RUnlock()
		noSuchContainer(w, ref)
		return
	}
	st := stateJSON{
		Status: c.state, Running: c.state == "running" || c.state == "paused" || c.state == "restarting",
		Paused: c.state == "paused", Restarting: c.state == "restarting", Dead: c.state == "dead",
		Pid: c.pid, ExitCode: c.exitCode, StartedAt: stamp(c.startedAt), FinishedAt: stamp(c.finishedAt),
	}
	if h, streak := s.health(c, now); h != "" {
		st.Health = s.healthLog(c, h, streak, now)
	}
	restarts := c.restartCount
	s.mu.RUnlock()

	var path string
	var args []string
	if len(c.entrypoint) > 0 {
		path, args = c.entrypoint[0], append(append([]string{}, c.entrypoint[1:]...), c.cmd...)
	} else if len(c.cmd) > 0 {
		path, args = c.cmd[0], c.cmd[1:]
	}
	dir := "/var/lib/docker/containers/" + c.id
	in := inspectJSON{
		ID: c.id, Created: stamp(c.created), Path: path, Args: args, State: st, Image: c.imageID,
		ResolvConfPath: dir + "/resolv.conf", HostnamePath: dir + "/hostname", HostsPath: dir + "/hosts",
		LogPath: dir + "/" + c.id + "-json.log", Name: "/" + c.name, RestartCount: restarts,
		Driver: "overlay2", Platform: "linux", AppArmorProfile: "docker-default",
		Mounts: c.mounts(),
	}
	hc := &in.HostConfig
	hc.LogConfig.Type = "json-file"
	hc.LogConfig.Config = map[string]string{"max-size": "10m", "max-file": "3"}
	hc.NetworkMode = c.network
	hc.PortBindings = map[string][]portBindingJSON{}
	hc.RestartPolicy.Name = c.restartPolicy
	if c.restartPolicy == "on-failure" {
		hc.RestartPolicy.MaximumRetryCount = 5
	}
	hc.ShmSize = 64 << 20
	hc.Runtime = "runc"
	hc.Memory = int64(c.memLimit)
	if c.memLimit > 0 {
		hc.MemorySwap = 2 * int64(c.memLimit)
	}
	for _, p := range c.published {
		hc.PortBindings[strconv.Itoa(p)+"/tcp"] = []portBindingJSON{{HostIP: "", HostPort: strconv.Itoa(p)}}
	}
	layer := "/var/lib/docker/overlay2/" + c.layer
	in.GraphDriver.Name = "overlay2"
	in.GraphDriver.Data = map[string]string{
		"LowerDir": layer + "-init/diff", "MergedDir": layer + "/merged", "UpperDir": layer + "/diff", "WorkDir": layer + "/work",
	}
	cfg := &in.Config
	cfg.Hostname = c.id[:12]
	cfg.User = c.user
	cfg.Env = c.env
	cfg.Cmd = c.cmd
	cfg.Image = c.image
	cfg.WorkingDir = c.workdir
	cfg.Entrypoint = c.entrypoint
	cfg.Labels = c.labels
	cfg.StopSignal = c.stopSignal
	if len(c.ports) > 0 {
		cfg.ExposedPorts = map[string]struct{}{}
		for _, p := range c.ports {
			cfg.ExposedPorts[strconv.Itoa(p)+"/tcp"] = struct{}{}
		}
	}
	if c.volume != "" {
		cfg.Volumes = map[string]struct{}{c.volume: {}}
	}
	if c.healthTest != nil {
		cfg.Healthcheck = &healthcheckJSON{Test: c.healthTest, Interval: int64(healthInterval), Timeout: int64(5 * time.Second), StartPeriod: int64(10 * time.Second), Retries: 3}
	}
	ns := &in.NetworkSettings
	ns.SandboxID = c.sandbox
	ns.SandboxKey = "/var/run/docker/netns/" + c.sandbox[:12]
	ns.Ports = map[string][]portBindingJSON{}
	if st.Running {
		for _, p := range c.ports {
			var b []portBindingJSON
			for _, q := range c.published {
				if p == q {
					b = []portBindingJSON{{HostIP: "0.0.0.0", HostPort: strconv.Itoa(p)}, {HostIP: "::", HostPort: strconv.Itoa(p)}}
				}
			}
			ns.Ports[strconv.Itoa(p)+"/tcp"] = b
		}
		ns.Networks = c.endpoints()
	} else {
		ns.SandboxID, ns.SandboxKey = "", ""
		ns.Networks = map[string]endpointJSON{c.network: {Aliases: []string{c.name, c.service}, NetworkID: c.networkID, DNSNames: nil}}
	}
	writeJSON(w, http.StatusOK, in)
}

// healthLog renders the last few probe results; they are derived from
// the check's schedule, so no history is kept.
func (s *Server) healthLog(c *ctr, status string, streak int, now time.Time) *healthJSON {
	h := &healthJSON{Status: status, FailingStreak: streak, Log: []healthLogJSON{}}
	at := now
	if c.state == "paused" {
		at = c.since
	}
	runs := int(at.Sub(c.startedAt) / healthInterval)
	for k := max(1, runs-4); k <= runs; k++ {
		start := c.startedAt.Add(time.Duration(k) * healthInterval)
		e := healthLogJSON{Start: stamp(start), End: stamp(start.Add(time.Duration(40+k%60) * time.Millisecond))}
		if c.badHealth {
			e.ExitCode = 1
			e.Output = "check failed: connection refused (" + strings.Join(c.healthTest, " ") + ")\n"
		} else {
			e.Output = "ok\n"
		}
		h.Log = append(h.Log, e)
	}
	return h
}

// ---- container actions ----

func (s *Server) control(w http.ResponseWriter, ref, op string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.lookup(ref)
	if c == nil {
		noSuchContainer(w, ref)
		return
	}
	now := s.now()
	switch op {
	case "start":
		switch c.state {
		case "running", "restarting":
			w.WriteHeader(http.StatusNotModified)
			return
		case "paused":
			writeError(w, http.StatusConflict, "cannot start a paused container, try unpause instead")
			return
		case "removing", "dead":
			writeError(w, http.StatusConflict, "container is marked for removal and cannot be started")
			return
		}
		s.start(c, now)
	case "stop":
		if c.state != "running" && c.state != "paused" && c.state != "restarting" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		c.state = "exited"
		c.finishedAt = now
		c.since = now
		c.exitCode = 0
		c.pid = 0
	case "restart":
		if c.state == "removing" || c.state == "dead" {
			writeError(w, http.StatusConflict, "Cannot restart container "+ref+": container is marked for removal and cannot be started")
			return
		}
		// A restart asked for through the API is not the restart policy
		// at work, so RestartCount stays as it is.
		if c.state == "running" || c.state == "paused" {
			c.finishedAt = now
		}
		s.start(c, now)
	}
	w.WriteHeader(http.StatusNoContent)
}
