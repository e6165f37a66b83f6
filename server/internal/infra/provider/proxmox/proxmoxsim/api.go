package proxmoxsim

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// ServeHTTP answers like pveproxy: authentication before routing, 501 for
// unknown methods, errors in the reason phrase.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !provider.SimLatency(r, time.Duration(s.latency.Load()), nil) {
		return
	}
	now := s.now()
	h := w.Header()
	date := now.UTC().Format(http.TimeFormat)
	h.Set("Date", date)
	h.Set("Expires", date)
	h.Set("Cache-Control", "max-age=0")
	h.Set("Pragma", "no-cache")
	h.Set("Server", "pve-api-daemon/3.0")

	if s.garbage.Load() {
		// Another web server where Proxmox was expected.
		h.Set("Server", "nginx/1.24.0")
		h.Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(garbagePage))
		return
	}
	rel, ok := strings.CutPrefix(r.URL.Path, "/api2/json")
	if !ok || (rel != "" && rel[0] != '/') {
		plainError(w, http.StatusNotImplemented, "no such file '"+r.URL.Path+"'")
		return
	}
	if msg := authenticate(r.Header.Get("Authorization")); msg != "" {
		// pveproxy also holds failed logins back for three seconds; the
		// simulator answers at once so tests stay fast.
		rawResponse(w, http.StatusUnauthorized, msg, "", nil)
		return
	}
	s.route(w, r, rel, now)
}

const garbagePage = `<!DOCTYPE html>
<html><head><title>Welcome to nginx!</title></head>
<body><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed.</p></body></html>
`

// authenticate mirrors PVE::AccessControl::verify_token; it returns the
// message pveproxy puts into its 401, or "" when the token is good.
func authenticate(header string) string {
	value, ok := strings.CutPrefix(header, "PVEAPIToken=")
	if !ok {
		value, ok = strings.CutPrefix(header, "PVEAPIToken ")
	}
	if !ok {
		return "No ticket"
	}
	i := strings.LastIndexByte(value, '=')
	if i < 0 {
		return "no tokenid specified"
	}
	id, secret := value[:i], value[i+1:]
	user, name, ok := strings.Cut(id, "!")
	if !ok || !strings.Contains(user, "@") || name == "" {
		return fmt.Sprintf("'%s' is not a valid token ID - not able to split into user and token parts", id)
	}
	if user != TokenUser {
		return fmt.Sprintf("no such user ('%s')", user)
	}
	if name != TokenName {
		return fmt.Sprintf("no such token '%s' for user '%s'", name, user)
	}
	if secret != TokenSecret {
		return "invalid token value!"
	}
	return ""
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, rel string, now time.Time) {
	seg := strings.Split(strings.Trim(rel, "/"), "/")
	get := r.Method == http.MethodGet
	switch {
	case len(seg) == 1 && seg[0] == "version" && get:
		writeData(w, versionJSON)
		return
	case len(seg) == 2 && seg[0] == "access" && seg[1] == "permissions" && get:
		s.permissions(w, r)
		return
	case len(seg) == 2 && seg[0] == "cluster" && seg[1] == "status" && get:
		s.clusterStatus(w)
		return
	case len(seg) == 2 && seg[0] == "cluster" && seg[1] == "resources" && get:
		s.resources(w, r, now)
		return
	case len(seg) >= 3 && seg[0] == "nodes":
		if s.nodeRoute(w, r, seg, now) {
			return
		}
	}
	apiError(w, http.StatusNotImplemented, fmt.Sprintf("Method '%s %s' not implemented", r.Method, rel))
}

// nodeRoute serves /nodes/{node}/…; it reports false for paths it does not
// know, so the caller can answer 501.
func (s *Server) nodeRoute(w http.ResponseWriter, r *http.Request, seg []string, now time.Time) bool {
	get, post := r.Method == http.MethodGet, r.Method == http.MethodPost
	nodeName := seg[1]
	switch {
	case len(seg) == 5 && seg[2] == "tasks" && seg[4] == "status" && get:
		s.taskStatus(w, nodeName, seg[3], now)
	case len(seg) == 5 && seg[2] == "lxc" && seg[4] == "config" && get:
		s.guestGet(w, nodeName, seg[3], "lxc", false, now)
	case len(seg) == 6 && seg[2] == "lxc" && seg[4] == "status" && seg[5] == "current" && get:
		s.guestGet(w, nodeName, seg[3], "lxc", true, now)
	case len(seg) == 6 && seg[2] == "lxc" && seg[4] == "status" && post &&
		(seg[5] == "start" || seg[5] == "stop" || seg[5] == "shutdown" || seg[5] == "reboot"):
		s.power(w, nodeName, seg[3], seg[5], now)
	case len(seg) == 5 && seg[2] == "qemu" && seg[4] == "config" && get:
		s.guestGet(w, nodeName, seg[3], "qemu", false, now)
	case len(seg) == 6 && seg[2] == "qemu" && seg[4] == "agent" && seg[5] == "network-get-interfaces" && get:
		s.agentInterfaces(w, nodeName, seg[3])
	default:
		return false
	}
	return true
}

var versionJSON = []byte(`{"release":"` + release + `","repoid":"` + repoID + `","version":"` + Version + `"}`)

// privileges is every privilege Proxmox VE 8 knows, as the Administrator
// role carries them.
var privileges = []string{
	"Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit",
	"Group.Allocate", "Mapping.Audit", "Mapping.Modify", "Mapping.Use", "Permissions.Modify",
	"Pool.Allocate", "Pool.Audit", "Realm.Allocate", "Realm.AllocateUser",
	"SDN.Allocate", "SDN.Audit", "SDN.Use",
	"Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming", "Sys.Modify", "Sys.PowerMgmt", "Sys.Syslog",
	"User.Modify", "VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone",
	"VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType",
	"VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Console", "VM.Migrate",
	"VM.Monitor", "VM.PowerMgmt", "VM.Snapshot", "VM.Snapshot.Rollback",
}

// auditorPrivileges are those of the PVEAuditor role: reading, and
// neither controlling guests nor asking their agents.
var auditorPrivileges = []string{"Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit", "Sys.Audit", "VM.Audit"}

// permissionPaths are the top-level paths get_effective_permissions always
// reports.
var permissionPaths = []string{"/", "/access", "/access/groups", "/nodes", "/pool", "/sdn", "/storage", "/vms"}

func privilegeSet(privs []string) []byte {
	b := []byte{'{'}
	for i, p := range privs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p)
		b = append(b, ":1"...)
	}
	return append(b, '}')
}

func permissionsOf(privs []string) []byte {
	set := privilegeSet(privs)
	b := []byte{'{'}
	for i, p := range permissionPaths {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p)
		b = append(b, ':')
		b = append(b, set...)
	}
	return append(b, '}')
}

var (
	adminPermissions   = permissionsOf(privileges)
	auditorPermissions = permissionsOf(auditorPrivileges)
)

// allowed tells whether the token has priv (on every path: the simulator
// grants roles on / only).
func (s *Server) allowed(priv string) bool {
	switch role(s.role.Load()) {
	case administrator:
		return true
	case auditor:
		return slices.Contains(auditorPrivileges, priv)
	default:
		return false
	}
}

func (s *Server) permissions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	granted := role(s.role.Load())
	if u := q.Get("userid"); u != "" && u != TokenID && u != TokenUser && !s.allowed("Sys.Audit") {
		forbidden(w, "/access", "Sys.Audit")
		return
	}
	privs, all := privileges, adminPermissions
	switch granted {
	case noRole:
		writeData(w, []byte("{}"))
		return
	case auditor:
		privs, all = auditorPrivileges, auditorPermissions
	}
	if p := q.Get("path"); p != "" {
		b := appendString([]byte{'{'}, p)
		b = append(b, ':')
		b = append(b, privilegeSet(privs)...)
		writeData(w, append(b, '}'))
		return
	}
	writeData(w, all)
}

func (s *Server) clusterStatus(w http.ResponseWriter) {
	if !s.allowed("Sys.Audit") {
		forbidden(w, "/", "Sys.Audit")
		return
	}
	s.mu.RLock()
	b := []byte(`[{"type":"cluster","id":"cluster","name":`)
	b = appendString(b, s.w.cluster)
	b = fmt.Appendf(b, `,"version":%d,"quorate":1,"nodes":%d}`, 2+len(s.w.nodes), len(s.w.nodes))
	for i, n := range s.w.nodes {
		b = fmt.Appendf(b, `,{"type":"node","id":"node/%s","name":"%s","ip":"%s","online":1,"local":%d,"nodeid":%d,"level":""}`,
			n.name, n.name, n.ip, boolInt(i == 0), n.nodeID)
	}
	s.mu.RUnlock()
	writeData(w, append(b, ']'))
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

func (s *Server) resources(w http.ResponseWriter, r *http.Request, now time.Time) {
	typ := r.URL.Query().Get("type")
	switch typ {
	case "", "vm", "node", "storage", "sdn":
	default:
		paramError(w, "type", fmt.Sprintf("value '%s' does not have a value in the enumeration 'vm, storage, node, sdn'", typ))
		return
	}
	bp := bufPool.Get().(*[]byte)
	b := append((*bp)[:0], `{"data":[`...)
	s.mu.RLock()
	b = s.appendResources(b, typ, now)
	s.mu.RUnlock()
	b = append(b, "]}"...)
	writeJSON(w, b)
	*bp = b
	bufPool.Put(bp)
}

// appendResources renders /cluster/resources like pve-manager's
// API2Tools: guests (only with VM.Audit), nodes (their figures only with
// Sys.Audit), storages per node (only with Datastore.Audit) and SDN zones
// (only with SDN.Audit).
func (s *Server) appendResources(b []byte, typ string, now time.Time) []byte {
	ts := float64(now.UnixNano()) / 1e9
	minute := now.Unix() / 60
	first := true
	sep := func() {
		if !first {
			b = append(b, ',')
		}
		first = false
	}
	if (typ == "" || typ == "vm") && s.allowed("VM.Audit") {
		for _, g := range s.w.guests {
			sep()
			b = appendGuest(b, g, now, ts, minute)
		}
	}
	if typ == "" || typ == "node" {
		for _, n := range s.w.nodes {
			sep()
			b = appendNode(b, n, now, ts, minute, s.allowed("Sys.Audit"))
		}
	}
	if (typ == "" || typ == "storage") && s.allowed("Datastore.Audit") {
		for _, n := range s.w.nodes {
			for _, st := range n.storages {
				sep()
				b = appendStorage(b, n, st, ts)
			}
		}
	}
	if (typ == "" || typ == "sdn") && s.allowed("SDN.Audit") {
		for _, n := range s.w.nodes {
			sep()
			b = append(b, `{"id":"sdn/`...)
			b = append(b, n.name...)
			b = append(b, `/localnetwork","sdn":"localnetwork","node":`...)
			b = appendString(b, n.name)
			b = append(b, `,"type":"sdn","status":"ok"}`...)
		}
	}
	return b
}

func appendGuest(b []byte, g *guest, now time.Time, ts float64, minute int64) []byte {
	b = append(b, `{"id":"`...)
	b = append(b, g.kind...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(g.vmid), 10)
	b = append(b, `","type":"`...)
	b = append(b, g.kind...)
	b = append(b, `","vmid":`...)
	b = appendNumber(b, strconv.Itoa(g.vmid), g.stringy)
	b = append(b, `,"name":`...)
	b = appendString(b, g.name)
	b = append(b, `,"node":`...)
	b = appendString(b, g.node.name)
	b = append(b, `,"template":0,"maxcpu":`...)
	b = appendNumber(b, g.cpus(), g.stringy)
	b = append(b, `,"maxmem":`...)
	b = strconv.AppendInt(b, g.maxmem, 10)
	b = append(b, `,"maxdisk":`...)
	b = strconv.AppendInt(b, g.maxdisk, 10)
	if !g.running {
		return append(b, `,"status":"stopped","uptime":0,"cpu":0,"mem":0,"disk":0,"netin":0,"netout":0,"diskread":0,"diskwrite":0}`...)
	}
	start := float64(g.started.UnixNano()) / 1e9
	p := &g.prof
	var disk int64
	if g.kind == "lxc" {
		// Proxmox sees into a container's filesystem but not into a VM's
		// disk, so it reports 0 for VMs.
		disk = int64(p.disk(ts) * float64(g.maxdisk))
	}
	b = append(b, `,"status":"running","uptime":`...)
	b = strconv.AppendInt(b, max(0, int64(now.Sub(g.started)/time.Second)), 10)
	b = append(b, `,"cpu":`...)
	b = strconv.AppendFloat(b, round6(p.cpu(ts, minute)), 'f', -1, 64)
	b = append(b, `,"mem":`...)
	b = strconv.AppendInt(b, int64(p.mem(ts, minute)*float64(g.maxmem)), 10)
	b = append(b, `,"disk":`...)
	b = strconv.AppendInt(b, disk, 10)
	b = append(b, `,"netin":`...)
	b = strconv.AppendInt(b, p.counter(p.rateIn, ts, start), 10)
	b = append(b, `,"netout":`...)
	b = strconv.AppendInt(b, p.counter(p.rateOut, ts, start), 10)
	b = append(b, `,"diskread":`...)
	b = strconv.AppendInt(b, p.counter(p.readRate, ts, start), 10)
	b = append(b, `,"diskwrite":`...)
	b = strconv.AppendInt(b, p.counter(p.writeRate, ts, start), 10)
	return append(b, '}')
}

func appendNode(b []byte, n *node, now time.Time, ts float64, minute int64, priv bool) []byte {
	b = append(b, `{"id":"node/`...)
	b = append(b, n.name...)
	b = append(b, `","type":"node","node":`...)
	b = appendString(b, n.name)
	b = append(b, `,"status":"online","level":""`...)
	if priv {
		p := &n.prof
		b = append(b, `,"cgroup-mode":2,"uptime":`...)
		b = strconv.AppendInt(b, int64(now.Sub(n.boot)/time.Second), 10)
		b = append(b, `,"cpu":`...)
		b = strconv.AppendFloat(b, round6(p.cpu(ts, minute)), 'f', -1, 64)
		b = append(b, `,"maxcpu":`...)
		b = strconv.AppendInt(b, int64(n.cores), 10)
		b = append(b, `,"mem":`...)
		b = strconv.AppendInt(b, int64(p.mem(ts, minute)*float64(n.memTotal)), 10)
		b = append(b, `,"maxmem":`...)
		b = strconv.AppendInt(b, n.memTotal, 10)
		b = append(b, `,"disk":`...)
		b = strconv.AppendInt(b, int64(p.disk(ts)*float64(n.rootTotal)), 10)
		b = append(b, `,"maxdisk":`...)
		b = strconv.AppendInt(b, n.rootTotal, 10)
	}
	return append(b, '}')
}

func appendStorage(b []byte, n *node, st *storage, ts float64) []byte {
	b = append(b, `{"id":"storage/`...)
	b = append(b, n.name...)
	b = append(b, '/')
	b = append(b, st.name...)
	b = append(b, `","storage":`...)
	b = appendString(b, st.name)
	b = append(b, `,"node":`...)
	b = appendString(b, n.name)
	b = append(b, `,"type":"storage","plugintype":"`...)
	b = append(b, st.plugin...)
	b = append(b, `","status":"available","shared":`...)
	b = strconv.AppendInt(b, int64(boolInt(st.shared)), 10)
	b = append(b, `,"content":"`...)
	b = append(b, st.content...)
	b = append(b, `","disk":`...)
	b = strconv.AppendInt(b, int64(st.prof.disk(ts)*float64(st.total)), 10)
	b = append(b, `,"maxdisk":`...)
	b = strconv.AppendInt(b, st.total, 10)
	return append(b, '}')
}

// guestGet serves an LXC guest's status/current or config, or a VM's
// config.
func (s *Server) guestGet(w http.ResponseWriter, nodeName, vmidStr, kind string, status bool, now time.Time) {
	vmid, ok := s.checkGuestPath(w, nodeName, vmidStr, "VM.Audit")
	if !ok {
		return
	}
	s.mu.RLock()
	g := s.byVMID[vmid]
	if g == nil || g.kind != kind || g.node.name != nodeName {
		s.mu.RUnlock()
		missingConfig(w, nodeName, kind, vmid)
		return
	}
	var b []byte
	switch {
	case status:
		b = appendLXCStatus(nil, g, now)
	case kind == "lxc":
		b = appendLXCConfig(nil, g)
	default:
		b = appendQemuConfig(nil, g)
	}
	s.mu.RUnlock()
	writeData(w, b)
}

// checkGuestPath validates node and vmid the way pveproxy does before a
// handler runs: parameter format, permission, then the node's existence.
func (s *Server) checkGuestPath(w http.ResponseWriter, nodeName, vmidStr, priv string) (int, bool) {
	vmid, err := strconv.Atoi(vmidStr)
	if err != nil || vmid < 100 || vmid > 999999999 {
		paramError(w, "vmid", "invalid format - value does not look like a valid VM ID")
		return 0, false
	}
	if !s.allowed(priv) {
		forbidden(w, fmt.Sprintf("/vms/%d", vmid), priv)
		return 0, false
	}
	s.mu.RLock()
	n := s.nodeByName(nodeName)
	s.mu.RUnlock()
	if n == nil {
		apiError(w, http.StatusInternalServerError,
			fmt.Sprintf("hostname lookup '%s' failed - failed to get address info for: %s: Name or service not known", nodeName, nodeName))
		return 0, false
	}
	return vmid, true
}

func missingConfig(w http.ResponseWriter, nodeName, kind string, vmid int) {
	dir := "lxc"
	if kind == "qemu" {
		dir = "qemu-server"
	}
	apiError(w, http.StatusInternalServerError, fmt.Sprintf("Configuration file 'nodes/%s/%s/%d.conf' does not exist", nodeName, dir, vmid))
}

func appendLXCStatus(b []byte, g *guest, now time.Time) []byte {
	b = fmt.Appendf(b, `{"vmid":%d,"type":"lxc","name":`, g.vmid)
	b = appendString(b, g.name)
	b = append(b, `,"cpus":`...)
	// A CPU limit comes from the config as a string and stays one.
	b = appendNumber(b, g.cpus(), g.cpulimit > 0)
	b = fmt.Appendf(b, `,"maxmem":%d,"maxswap":%d,"maxdisk":%d,"ha":{"managed":0}`, g.maxmem, g.maxswap, g.maxdisk)
	if !g.running {
		return append(b, `,"status":"stopped","uptime":0,"cpu":0,"mem":0,"swap":0,"disk":0,"netin":0,"netout":0,"diskread":0,"diskwrite":0}`...)
	}
	ts := float64(now.UnixNano()) / 1e9
	start := float64(g.started.UnixNano()) / 1e9
	minute := now.Unix() / 60
	p := &g.prof
	return fmt.Appendf(b, `,"status":"running","pid":%d,"uptime":%d,"cpu":%s,"mem":%d,"swap":0,"disk":%d,"netin":%d,"netout":%d,"diskread":%d,"diskwrite":%d}`,
		100000+g.vmid, max(0, int64(now.Sub(g.started)/time.Second)),
		strconv.FormatFloat(round6(p.cpu(ts, minute)), 'f', -1, 64),
		int64(p.mem(ts, minute)*float64(g.maxmem)), int64(p.disk(ts)*float64(g.maxdisk)),
		p.counter(p.rateIn, ts, start), p.counter(p.rateOut, ts, start),
		p.counter(p.readRate, ts, start), p.counter(p.writeRate, ts, start))
}

func appendLXCConfig(b []byte, g *guest) []byte {
	b = append(b, `{"arch":"amd64","hostname":`...)
	b = appendString(b, g.name)
	if g.cpulimit > 0 {
		b = fmt.Appendf(b, `,"cpulimit":"%s"`, g.cpus())
	} else {
		b = fmt.Appendf(b, `,"cores":%d`, g.cores)
	}
	b = fmt.Appendf(b, `,"memory":%d,"swap":%d,"ostype":"%s","onboot":1,"unprivileged":1,"features":"nesting=1"`,
		g.maxmem/mib, g.maxswap/mib, g.ostype)
	b = fmt.Appendf(b, `,"rootfs":"local-lvm:vm-%d-disk-0,size=%dG"`, g.vmid, g.maxdisk/gib)
	b = fmt.Appendf(b, `,"net0":"name=eth0,bridge=vmbr0,firewall=1,gw=%s,hwaddr=%s,ip=%s/24,type=veth"`, g.gateway, g.hwaddr, g.ip)
	return fmt.Appendf(b, `,"digest":"%s"}`, digest(g))
}

func appendQemuConfig(b []byte, g *guest) []byte {
	b = append(b, `{"name":`...)
	b = appendString(b, g.name)
	b = fmt.Appendf(b, `,"cores":%d,"sockets":1,"memory":"%d","cpu":"x86-64-v2-AES","ostype":"%s","scsihw":"virtio-scsi-single","onboot":1,"numa":0`,
		g.cores, g.maxmem/mib, g.ostype)
	switch {
	case g.agent == agentOff:
	case g.dhcp:
		b = append(b, `,"agent":"enabled=1,fstrim_cloned_disks=1"`...)
	default:
		b = append(b, `,"agent":"1"`...)
	}
	b = fmt.Appendf(b, `,"boot":"order=scsi0;ide2;net0","scsi0":"local-lvm:vm-%d-disk-0,iothread=1,size=%dG","ide2":"local-lvm:vm-%d-cloudinit,media=cdrom"`,
		g.vmid, g.maxdisk/gib, g.vmid)
	b = fmt.Appendf(b, `,"net0":"virtio=%s,bridge=vmbr0,firewall=1"`, g.hwaddr)
	if g.dhcp {
		b = append(b, `,"ipconfig0":"ip=dhcp,ip6=auto"`...)
	} else {
		b = fmt.Appendf(b, `,"ipconfig0":"ip=%s/24,gw=%s"`, g.ip, g.gateway)
	}
	b = append(b, `,"ciuser":"deploy"`...)
	return fmt.Appendf(b, `,"smbios1":"uuid=%s","vmgenid":"%s","digest":"%s"}`, g.uuid, g.uuid, digest(g))
}

// agentInterfaces serves a VM's guest agent's network-get-interfaces, or
// the errors qemu-server answers when there is no agent to ask.
func (s *Server) agentInterfaces(w http.ResponseWriter, nodeName, vmidStr string) {
	vmid, ok := s.checkGuestPath(w, nodeName, vmidStr, "VM.Monitor")
	if !ok {
		return
	}
	s.mu.RLock()
	g := s.byVMID[vmid]
	if g == nil || g.kind != "qemu" || g.node.name != nodeName {
		s.mu.RUnlock()
		missingConfig(w, nodeName, "qemu", vmid)
		return
	}
	running, agent := g.running, g.agent
	b := appendAgentInterfaces(nil, g)
	s.mu.RUnlock()
	switch {
	case !running:
		apiError(w, http.StatusInternalServerError, fmt.Sprintf("VM %d is not running", vmid))
	case agent == agentOff:
		apiError(w, http.StatusInternalServerError, "No QEMU guest agent configured")
	case agent == agentDown:
		apiError(w, http.StatusInternalServerError, "QEMU guest agent is not running")
	default:
		writeData(w, b)
	}
}

// appendAgentInterfaces renders what qemu-guest-agent reports: loopback,
// the guest's NIC with its address and an IPv6 link-local one, and for
// some a docker0 bridge.
func appendAgentInterfaces(b []byte, g *guest) []byte {
	mac := strings.ToLower(g.hwaddr)
	b = append(b, `{"result":[{"hardware-address":"00:00:00:00:00:00","ip-addresses":[{"ip-address":"127.0.0.1","ip-address-type":"ipv4","prefix":8},{"ip-address":"::1","ip-address-type":"ipv6","prefix":128}],"name":"lo","statistics":{"rx-bytes":0,"rx-dropped":0,"rx-errs":0,"rx-packets":0,"tx-bytes":0,"tx-dropped":0,"tx-errs":0,"tx-packets":0}}`...)
	b = fmt.Appendf(b, `,{"hardware-address":"%s","ip-addresses":[{"ip-address":"%s","ip-address-type":"ipv4","prefix":24},{"ip-address":"%s","ip-address-type":"ipv6","prefix":64}],"name":"eth0"}`,
		mac, g.ip, linkLocal(mac))
	if g.bridge {
		b = append(b, `,{"hardware-address":"02:42:8c:1d:55:0e","ip-addresses":[{"ip-address":"172.17.0.1","ip-address-type":"ipv4","prefix":16}],"name":"docker0"}`...)
	}
	return append(b, "]}"...)
}

// linkLocal is the EUI-64 IPv6 link-local address of a MAC address.
func linkLocal(mac string) string {
	var o [6]byte
	for i, part := range strings.Split(mac, ":") {
		if i < len(o) {
			v, _ := strconv.ParseUint(part, 16, 8)
			o[i] = byte(v)
		}
	}
	return fmt.Sprintf("fe80::%02x%02x:%02xff:fe%02x:%02x%02x", o[0]^2, o[1], o[2], o[3], o[4], o[5])
}

// digest stands in for the SHA-1 of the guest's config file that Proxmox
// reports for optimistic locking.
func digest(g *guest) string {
	k := g.prof.key
	return fmt.Sprintf("%016x%016x%08x", k, k*0x9e3779b97f4a7c15, uint32(k>>17)^uint32(g.vmid))
}

// power performs an LXC power action the way pve-container's Status.pm
// does: refuse what makes no sense at once, otherwise fork a task.
func (s *Server) power(w http.ResponseWriter, nodeName, vmidStr, action string, now time.Time) {
	vmid, ok := s.checkGuestPath(w, nodeName, vmidStr, "VM.PowerMgmt")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.lxc(nodeName, vmid)
	if g == nil {
		// pve-container loads the config only inside the worker, so the
		// POST succeeds and its task fails.
		writeData(w, s.newTask(nodeName, "vz"+action, vmid, now,
			fmt.Sprintf("Configuration file 'nodes/%s/lxc/%d.conf' does not exist", nodeName, vmid)))
		return
	}
	switch {
	case action == "start" && g.running:
		apiError(w, http.StatusInternalServerError, fmt.Sprintf("CT %d already running", vmid))
		return
	case (action == "stop" || action == "shutdown") && !g.running:
		apiError(w, http.StatusInternalServerError, fmt.Sprintf("CT %d not running", vmid))
		return
	case action == "reboot" && !g.running:
		apiError(w, http.StatusInternalServerError, fmt.Sprintf("VM %d not running", vmid))
		return
	}
	exit := "OK"
	if s.failNext != "" {
		exit, s.failNext = s.failNext, ""
	} else {
		switch action {
		case "start", "reboot":
			g.running, g.started = true, now
		case "stop", "shutdown":
			g.running = false
		}
	}
	writeData(w, s.newTask(nodeName, "vz"+action, vmid, now, exit))
}

// newTask records a worker task and returns its UPID as JSON. Callers hold
// s.mu.
func (s *Server) newTask(nodeName, typ string, vmid int, now time.Time, exit string) []byte {
	s.nextPID++
	t := &task{node: nodeName, typ: typ, vmid: vmid, pid: s.nextPID, start: now, exit: exit}
	if n := s.nodeByName(nodeName); n != nil {
		t.pstart = int64(now.Sub(n.boot)/time.Second) * 100
	}
	t.upid = fmt.Sprintf("UPID:%s:%08X:%08X:%08X:%s:%d:%s:", nodeName, t.pid, t.pstart, now.Unix(), typ, vmid, TokenID)
	s.tasks[t.upid] = t
	s.taskList = append(s.taskList, t.upid)
	if len(s.taskList) > 4096 {
		delete(s.tasks, s.taskList[0])
		s.taskList = s.taskList[1:]
	}
	return appendString(nil, t.upid)
}

// taskStatus reports a task as running on its first read and finished
// afterwards, so clients exercise their polling.
func (s *Server) taskStatus(w http.ResponseWriter, nodeName, upid string, now time.Time) {
	if !strings.HasPrefix(upid, "UPID:") || strings.Count(upid, ":") < 8 {
		paramError(w, "upid", "unable to parse worker upid '"+upid+"'")
		return
	}
	s.mu.Lock()
	t := s.tasks[upid]
	if t == nil || t.node != nodeName {
		s.mu.Unlock()
		paramError(w, "upid", "no such task")
		return
	}
	t.statusGot++
	running := t.statusGot == 1
	b := []byte(`{"upid":`)
	b = appendString(b, t.upid)
	b = fmt.Appendf(b, `,"node":"%s","pid":%d,"pstart":%d,"starttime":%d,"type":"%s","id":"%d","user":"%s","tokenid":"%s"`,
		t.node, t.pid, t.pstart, t.start.Unix(), t.typ, t.vmid, TokenUser, TokenName)
	if running {
		b = append(b, `,"status":"running"}`...)
	} else {
		b = append(b, `,"status":"stopped","exitstatus":`...)
		b = appendString(b, t.exit)
		b = fmt.Appendf(b, `,"endtime":%d}`, max(t.start.Unix(), now.Unix()))
	}
	s.mu.Unlock()
	writeData(w, b)
}

// appendNumber appends a number as Proxmox sends it: bare, or quoted where
// Perl last used it as a string.
func appendNumber(b []byte, n string, quoted bool) []byte {
	if quoted {
		return appendString(b, n)
	}
	return append(b, n...)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func round6(v float64) float64 {
	return float64(int64(v*1e6+0.5)) / 1e6
}
