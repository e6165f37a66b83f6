// Package proxmox connects Leitstand to a Proxmox VE cluster through its API
// (github.com/luthermonson/go-proxmox) with an API token: nodes become
// hosts ("node/<node>"), QEMU guests VMs on their node ("qemu/<vmid>": a
// vmid is unique within the cluster and survives migration, so a VM that
// moves keeps its id and only changes its ParentID), LXC guests the
// containers of their node (their vmid) and storages the node's
// filesystems. LXC guests can be started, stopped and restarted, also
// when they migrated since the caller last saw them, unless the connection
// is monitoring-only. go-proxmox carries the requests; the answers are
// decoded here (wire.go), as Proxmox sends figures in more shapes than the
// library's types take.
package proxmox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	pve "github.com/luthermonson/go-proxmox"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

const (
	// concurrency bounds the per-guest calls a snapshot makes at once.
	concurrency = 8
	// clusterTTL is how long the cluster's name, node addresses and
	// Proxmox VE version are trusted; they change when someone edits or
	// upgrades the cluster, not per tick.
	clusterTTL = 10 * time.Minute
	// ipTTL and ipRetry pace the lookups (config, guest agent) that find
	// VMs' addresses: addresses rarely change, and a VM without one
	// should not cost calls every tick.
	ipTTL   = time.Hour
	ipRetry = 10 * time.Minute
	// ipBudget caps the VMs looked up per snapshot, so the first snapshot
	// of a large cluster stays fast; the rest follow on later ticks.
	ipBudget = 32
	// startTolerance absorbs the jitter of start times derived from
	// uptime: Proxmox refreshes guest figures only every ten seconds.
	startTolerance = 15 * time.Second
	// Task polling starts quickly for actions that finish at once and
	// backs off for slow ones; taskWaitLimit bounds a caller without a
	// deadline.
	taskPollFirst = 50 * time.Millisecond
	taskPollMax   = time.Second
	taskWaitLimit = 3 * time.Minute

	tokenHint       = "in Proxmox under Datacenter → Permissions → API Tokens"
	permissionsHint = "in Proxmox under Datacenter → Permissions → Add → API Token Permission"
	urlHint         = "Check the URL: the Proxmox host on port 8006, e.g. https://pve1.example.com:8006."
	monitoringHint  = "To only monitor this cluster, mark the connection monitoring-only: then a read-only token (the PVEAuditor role) is enough."
)

var _ provider.Controller = (*Provider)(nil)

// Provider is one connection to a Proxmox VE cluster (or single node).
type Provider struct {
	client   *pve.Client
	endpoint string
	tokenID  string
	timeout  time.Duration
	// monitoringOnly: Check does not ask for VM.PowerMgmt and Control
	// refuses.
	monitoringOnly bool

	mu        sync.Mutex
	cluster   clusterInfo
	version   string
	versionAt time.Time
	counters  map[string]counterSample
	starts    map[string]time.Time
	ips       map[string]ipEntry
	// reported holds the decoding problems of the last snapshot, so each
	// is logged once while it lasts rather than every tick.
	reported map[string]bool
}

type clusterInfo struct {
	name    string
	nodeIPs map[string]string
	at      time.Time
}

type counterSample struct {
	in, out, uptime uint64
	at              time.Time
}

// ipEntry is a VM's address as last looked up; ok is false when none was
// found, which is asked again sooner.
type ipEntry struct {
	ip string
	at time.Time
	ok bool
}

// New validates cfg and prepares a connection; it does not call Proxmox.
func New(cfg provider.Config) (*Provider, error) {
	if err := cfg.Validate(provider.Proxmox); err != nil {
		return nil, err
	}
	base, err := apiBase(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	tokenID, secret, err := splitToken(cfg.Token)
	if err != nil {
		return nil, err
	}
	// A copy, so the recorder never leaks into a client the caller shares.
	hc := *cfg.Client()
	hc.Transport = &recorder{base: hc.Transport}
	return &Provider{
		client: pve.NewClient(base,
			pve.WithHTTPClient(&hc),
			pve.WithAPIToken(tokenID, secret),
			pve.WithUserAgent("Leitstand"),
		),
		endpoint:       strings.TrimSuffix(base, "/api2/json"),
		tokenID:        tokenID,
		timeout:        cfg.CallTimeout(),
		monitoringOnly: cfg.MonitoringOnly,
		counters:       map[string]counterSample{},
		starts:         map[string]time.Time{},
		ips:            map[string]ipEntry{},
	}, nil
}

func apiBase(endpoint string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", &provider.FieldError{Field: "endpoint", Reason: "must be a URL like https://pve1.example.com:8006"}
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/api2/json") + "/api2/json"
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}

// splitToken splits "user@realm!tokenid=secret" where Proxmox does: at the
// last "=".
func splitToken(token string) (id, secret string, err error) {
	token = strings.TrimSpace(token)
	i := strings.LastIndexByte(token, '=')
	if i > 0 {
		id, secret = token[:i], token[i+1:]
	}
	user, name, ok := strings.Cut(id, "!")
	if !ok || !strings.Contains(user, "@") || name == "" || secret == "" {
		return "", "", &provider.FieldError{Field: "token", Reason: "must look like user@realm!tokenid=secret, as shown when the token was created " + tokenHint}
	}
	return id, secret, nil
}

// call runs one request within the connection's timeout and maps its
// failure to provider's errors.
func (p *Provider) call(ctx context.Context, op string, fn func(context.Context) error) (exchange, error) {
	return p.do(ctx, op, false, fn)
}

// act is call for requests that change something.
func (p *Provider) act(ctx context.Context, op string, fn func(context.Context) error) (exchange, error) {
	return p.do(ctx, op, true, fn)
}

func (p *Provider) do(ctx context.Context, op string, acting bool, fn func(context.Context) error) (exchange, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	ex := &exchange{}
	if err := fn(context.WithValue(ctx, exchangeKey{}, ex)); err != nil {
		return *ex, classify(op, err, ex, p.timeout, acting)
	}
	return *ex, nil
}

// resources reads /cluster/resources. Each element is decoded on its own,
// so one that does not fit — a figure in a shape not seen before — costs
// only what could not be read of it: the element is kept with its other
// fields, or left out where it does not even say what it is, and problems
// names it with the field ("CT 105 on pve1: maxmem is "n/a"").
func (p *Provider) resources(ctx context.Context) (rs []resource, problems []string, ex exchange, err error) {
	const op = "read /cluster/resources"
	var raw []json.RawMessage
	ex, err = p.call(ctx, op, func(ctx context.Context) error {
		return p.client.Get(ctx, "/cluster/resources", &raw)
	})
	if err != nil {
		return nil, nil, ex, err
	}
	if raw == nil {
		// Every node is listed even for a token that may see nothing
		// else; an answer without a list is no cluster's.
		return nil, nil, ex, badAnswer(op, ex, "no list of resources")
	}
	rs = make([]resource, 0, len(raw))
	for _, b := range raw {
		var r resource
		bad, err := decode(b, &r)
		switch {
		case err != nil:
			problems = append(problems, "an entry that is not an object ("+shorten(b)+") was left out")
		case !r.known():
			problems = append(problems, r.what()+": "+strings.Join(bad, ", ")+" (left out)")
		default:
			if len(bad) > 0 {
				problems = append(problems, r.what()+": "+strings.Join(bad, ", "))
			}
			rs = append(rs, r)
		}
	}
	return rs, problems, ex, nil
}

func (p *Provider) permissions(ctx context.Context) (permissions, error) {
	var perms permissions
	_, err := p.call(ctx, "read /access/permissions", func(ctx context.Context) error {
		return p.client.Get(ctx, "/access/permissions", &perms)
	})
	return perms, err
}

// readVersion reads the Proxmox VE version (8.2.4; 7.4-17 on 7.x) and
// keeps it for snapshots. Not Client.Version: that stores the answer in
// the shared client.
func (p *Provider) readVersion(ctx context.Context) (string, error) {
	var v versionAnswer
	if _, err := p.call(ctx, "read /version", func(ctx context.Context) error {
		return p.client.Get(ctx, "/version", &v)
	}); err != nil {
		return "", err
	}
	if v.Version != "" {
		p.mu.Lock()
		p.version, p.versionAt = string(v.Version), time.Now()
		p.mu.Unlock()
	}
	return string(v.Version), nil
}

// report logs the decoding problems that are new since the last snapshot:
// the snapshot goes on without what could not be read, and an operator
// should be able to find out why.
func (p *Provider) report(problems []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := make(map[string]bool, len(problems))
	for _, s := range problems {
		if !p.reported[s] {
			slog.Warn("proxmox: part of an answer could not be read", "endpoint", p.endpoint, "problem", s)
		}
		next[s] = true
	}
	p.reported = next
}

// Check reads the version (reachable, token accepted), the token's
// effective permissions (allowed) and the cluster's resources.
func (p *Provider) Check(ctx context.Context) provider.Check { return provider.Timed(ctx, p.check) }

func (p *Provider) check(ctx context.Context) provider.Check {
	version, err := p.readVersion(ctx)
	if err != nil {
		return p.failedCheck(err, false)
	}
	if version == "" {
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"%s answers, but its /api2/json/version names no Proxmox VE version, so it is not the Proxmox VE API. %s", p.endpoint, urlHint)}
	}
	// A Proxmox VE version: from here on the endpoint is known to be
	// Proxmox, whatever fails next.
	c := p.checkAccess(ctx, version)
	c.Recognized = true
	c.Version = version
	return c
}

// checkAccess is Check after the version: the token's privileges, then
// what it sees.
func (p *Provider) checkAccess(ctx context.Context, version string) provider.Check {
	perms, err := p.permissions(ctx)
	if err != nil {
		return p.failedCheck(err, true)
	}
	c := provider.Check{Reachable: true, Recognized: true, Authenticated: true}
	g := evaluate(perms)
	if missing := g.missing(p.required); len(missing) > 0 {
		role := "for example PVEAuditor to read and PVEVMUser to start and stop guests"
		if p.monitoringOnly {
			role = "for example PVEAuditor"
		}
		c.Message = fmt.Sprintf("Proxmox VE %s accepted the token %s, but it lacks %s. "+
			"Grant it a role with these privileges on path / %s (%s); "+
			"a token with privilege separation does not inherit its user's permissions.",
			version, p.tokenID, joinNeeds(missing), permissionsHint, role)
		if !p.monitoringOnly && slices.ContainsFunc(missing, func(n need) bool { return n.control }) {
			c.Message += " " + monitoringHint
		}
		return c
	}
	rs, problems, _, err := p.resources(ctx)
	if err != nil {
		return p.failedCheck(err, true)
	}
	var nodes, vms, cts int
	for _, r := range rs {
		switch {
		case r.Type == "node":
			nodes++
		case r.Type == "qemu" && r.Template == 0:
			vms++
		case r.Type == "lxc" && r.Template == 0:
			cts++
		}
	}
	c.Authorized = true
	as := p.tokenID
	if p.monitoringOnly {
		as += " (monitoring-only: Leitstand reads the cluster and starts or stops nothing through this connection)"
	}
	c.Message = fmt.Sprintf("Connected to Proxmox VE %s as %s: %s, %s and %s visible.",
		version, as, plural(nodes, "node"), plural(vms, "VM"), plural(cts, "container"))
	if opt := g.missing(optional); len(opt) > 0 {
		c.Message += fmt.Sprintf(" Without %s Leitstand shows no storage usage; grant it %s.", joinNeeds(opt), permissionsHint)
	}
	if partial := g.partial(p.relevant); len(partial) > 0 {
		c.Message += fmt.Sprintf(" The token has %s only on some paths, so Leitstand sees only part of the cluster.", joinNeeds(partial))
	}
	if len(problems) > 0 {
		c.Message += " Leitstand could not read all of it: " + joinProblems(problems) + "."
	}
	return c
}

// joinProblems lists the first few decoding problems.
func joinProblems(problems []string) string {
	const shown = 3
	if len(problems) <= shown {
		return strings.Join(problems, "; ")
	}
	return strings.Join(problems[:shown], "; ") + fmt.Sprintf("; and %d more", len(problems)-shown)
}

// failedCheck words a failed step of Check. recognized tells whether an
// earlier step already showed the endpoint to be Proxmox VE; otherwise the
// failed answer itself must show it (pveproxy's header or wording), or
// the endpoint stays unrecognized and a refusal says nothing about the
// token.
func (p *Provider) failedCheck(err error, recognized bool) provider.Check {
	known := recognized || fromProxmox(err)
	c := p.failure(err, known)
	c.Recognized = known
	return c
}

func (p *Provider) failure(err error, known bool) provider.Check {
	d := detail(err)
	switch {
	case errors.Is(err, provider.ErrUnauthorized) && known:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"Proxmox rejected the API token %s (%s). Check the token ID and secret %s: the secret is shown only once, "+
				"when the token is created, and neither the token nor its user may be expired or disabled.", p.tokenID, d, tokenHint)}
	case errors.Is(err, provider.ErrForbidden) && known:
		privs := "Sys.Audit, VM.Audit and VM.PowerMgmt"
		if p.monitoringOnly {
			privs = "Sys.Audit and VM.Audit"
		}
		return provider.Check{Reachable: true, Authenticated: true, Message: fmt.Sprintf(
			"Proxmox accepted the token %s but refused a read (%s). Grant it %s on path / %s.",
			p.tokenID, d, privs, permissionsHint)}
	case statusOf(err) == http.StatusNotImplemented && known:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"Proxmox VE at %s does not offer a call Leitstand needs: %s answered %s. Leitstand reads Proxmox VE 7, 8 and 9; check the version of the host.",
			p.endpoint, opOf(err), d)}
	case errors.Is(err, provider.ErrBadResponse) && known:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"Proxmox VE at %s answered in a way Leitstand cannot read (%s: %s).", p.endpoint, opOf(err), d)}
	case errors.Is(err, provider.ErrBadResponse), errors.Is(err, provider.ErrNotFound),
		errors.Is(err, provider.ErrUnauthorized), errors.Is(err, provider.ErrForbidden):
		// A refusal that is not pveproxy's (a proxy's login, a web
		// server's) says nothing about the token.
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"%s answered, but not like the Proxmox VE API (%s). %s", p.endpoint, d, urlHint)}
	case statusOf(err) >= 500:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"Proxmox at %s answered but failed (%d %s). Check the cluster's health in Proxmox under Datacenter → Summary and the pveproxy service on the host.",
			p.endpoint, statusOf(err), d)}
	case untrusted(err):
		return provider.Check{Message: fmt.Sprintf(
			"Proxmox at %s could not be reached securely: %s. Proxmox hosts use a self-signed certificate unless one was installed under Node → System → Certificates; "+
				"install a trusted certificate or allow a self-signed certificate for this connection.", p.endpoint, d)}
	default:
		return provider.Check{Message: fmt.Sprintf(
			"Proxmox at %s could not be reached: %s. Check the URL, that the host is up and that port 8006 is open from Leitstand to it.",
			p.endpoint, d)}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// need is a privilege Leitstand relies on, and on which ACL path; control
// marks what only starting and stopping needs, which a monitoring-only
// connection does without.
type need struct {
	priv, path, why   string
	required, control bool
}

var needs = []need{
	{"Sys.Audit", "/nodes", "to read node status and usage", true, false},
	{"VM.Audit", "/vms", "to read VMs and containers", true, false},
	{"VM.PowerMgmt", "/vms", "to start and stop containers", true, true},
	{"Datastore.Audit", "/storage", "to read storage usage", false, false},
}

// relevant selects what the connection uses: all but control for a
// monitoring-only one.
func (p *Provider) relevant(n need) bool { return !n.control || !p.monitoringOnly }

// required selects what the connection cannot do without.
func (p *Provider) required(n need) bool { return n.required && p.relevant(n) }

// reading selects what any snapshot cannot do without.
func reading(n need) bool { return n.required && !n.control }

// optional selects what only adds to a snapshot.
func optional(n need) bool { return !n.required }

type grant int

const (
	none grant = iota
	partial
	full
)

type grants map[need]grant

// evaluate reads /access/permissions, which lists effective privileges per
// path: a privilege on the subtree's root covers every guest or node, one
// found only below it (single guests, pool members) covers some.
func evaluate(perms permissions) grants {
	g := grants{}
	for _, n := range needs {
		if _, ok := perms[n.path][n.priv]; ok {
			g[n] = full
			continue
		}
		if propagate, ok := perms["/"][n.priv]; ok && propagate != 0 {
			g[n] = full
			continue
		}
		for path, privs := range perms {
			if _, ok := privs[n.priv]; ok && strings.HasPrefix(path, n.path+"/") {
				g[n] = partial
				break
			}
		}
	}
	return g
}

// missing lists the needs selected by keep that g lacks.
func (g grants) missing(keep func(need) bool) []need {
	var out []need
	for _, n := range needs {
		if keep(n) && g[n] == none {
			out = append(out, n)
		}
	}
	return out
}

// partial lists the needs selected by keep that g has only on some paths.
func (g grants) partial(keep func(need) bool) []need {
	var out []need
	for _, n := range needs {
		if keep(n) && g[n] == partial {
			out = append(out, n)
		}
	}
	return out
}

func joinNeeds(ns []need) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprintf("%s on %s (%s)", n.priv, n.path, n.why)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
