// Package proxmox connects Leitstand to a Proxmox VE cluster through its API
// (github.com/luthermonson/go-proxmox) with an API token: nodes become
// hosts ("node/<node>"), QEMU guests VMs on their node ("qemu/<vmid>": a
// vmid is unique within the cluster and survives migration, so a VM that
// moves keeps its id and only changes its ParentID), LXC guests the
// containers of their node (their vmid) and storages the node's
// filesystems. LXC guests can be started, stopped and restarted, also
// when they migrated since the caller last saw them.
package proxmox

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
	// clusterTTL is how long the cluster's name and node addresses are
	// trusted; they change when someone edits the cluster, not per tick.
	clusterTTL = 10 * time.Minute
	// ipTTL and ipRetry pace the config reads that find VMs' addresses:
	// addresses rarely change, and a VM without one should not cost a call
	// every tick.
	ipTTL   = time.Hour
	ipRetry = 10 * time.Minute
	// ipBudget caps the config reads per snapshot, so the first snapshot
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
)

var _ provider.Controller = (*Provider)(nil)

// Provider is one connection to a Proxmox VE cluster (or single node).
type Provider struct {
	client   *pve.Client
	endpoint string
	tokenID  string
	timeout  time.Duration

	mu       sync.Mutex
	cluster  clusterInfo
	counters map[string]counterSample
	starts   map[string]time.Time
	ips      map[string]ipEntry
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
		endpoint: strings.TrimSuffix(base, "/api2/json"),
		tokenID:  tokenID,
		timeout:  cfg.CallTimeout(),
		counters: map[string]counterSample{},
		starts:   map[string]time.Time{},
		ips:      map[string]ipEntry{},
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

func (p *Provider) resources(ctx context.Context) (pve.ClusterResources, exchange, error) {
	var rs pve.ClusterResources
	ex, err := p.call(ctx, "read /cluster/resources", func(ctx context.Context) error {
		var err error
		rs, err = new(pve.Cluster).New(p.client).Resources(ctx)
		return err
	})
	return rs, ex, err
}

func (p *Provider) permissions(ctx context.Context) (pve.Permissions, error) {
	var perms pve.Permissions
	_, err := p.call(ctx, "read /access/permissions", func(ctx context.Context) error {
		var err error
		perms, err = p.client.Permissions(ctx, nil)
		return err
	})
	return perms, err
}

// Check reads the version (reachable, token accepted), the token's
// effective permissions (allowed) and the cluster's resources.
func (p *Provider) Check(ctx context.Context) provider.Check {
	start := time.Now()
	c := p.check(ctx)
	c.Latency = time.Since(start)
	return c
}

func (p *Provider) check(ctx context.Context) provider.Check {
	var v pve.Version
	// Not Client.Version: it stores the answer in the shared client.
	if _, err := p.call(ctx, "read /version", func(ctx context.Context) error {
		return p.client.Get(ctx, "/version", &v)
	}); err != nil {
		return p.failedCheck(err)
	}
	if v.Version == "" {
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"%s answers, but its /api2/json/version names no Proxmox VE version, so it is not the Proxmox VE API. "+
				"Check the URL: the Proxmox host on port 8006, e.g. https://pve1.example.com:8006.", p.endpoint)}
	}
	perms, err := p.permissions(ctx)
	if err != nil {
		c := p.failedCheck(err)
		c.Version = v.Version
		return c
	}
	c := provider.Check{Reachable: true, Authenticated: true, Version: v.Version}
	g := evaluate(perms)
	if missing := g.missing(true); len(missing) > 0 {
		c.Message = fmt.Sprintf("Proxmox VE %s accepted the token %s, but it lacks %s. "+
			"Grant it a role with these privileges on path / %s (for example PVEAuditor to read and PVEVMUser to start and stop guests); "+
			"a token with privilege separation does not inherit its user's permissions.",
			v.Version, p.tokenID, joinNeeds(missing), permissionsHint)
		return c
	}
	rs, _, err := p.resources(ctx)
	if err != nil {
		c := p.failedCheck(err)
		c.Version = v.Version
		return c
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
	c.Message = fmt.Sprintf("Connected to Proxmox VE %s as %s: %s, %s and %s visible.",
		v.Version, p.tokenID, plural(nodes, "node"), plural(vms, "VM"), plural(cts, "container"))
	if opt := g.missing(false); len(opt) > 0 {
		c.Message += fmt.Sprintf(" Without %s Leitstand shows no storage usage; grant it %s.", joinNeeds(opt), permissionsHint)
	}
	if partial := g.partial(); len(partial) > 0 {
		c.Message += fmt.Sprintf(" The token has %s only on some paths, so Leitstand sees only part of the cluster.", joinNeeds(partial))
	}
	return c
}

func (p *Provider) failedCheck(err error) provider.Check {
	d := detail(err)
	switch {
	case errors.Is(err, provider.ErrUnauthorized):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"Proxmox rejected the API token %s (%s). Check the token ID and secret %s: the secret is shown only once, "+
				"when the token is created, and neither the token nor its user may be expired or disabled.", p.tokenID, d, tokenHint)}
	case errors.Is(err, provider.ErrForbidden):
		return provider.Check{Reachable: true, Authenticated: true, Message: fmt.Sprintf(
			"Proxmox accepted the token %s but refused a read (%s). Grant it Sys.Audit, VM.Audit and VM.PowerMgmt on path / %s.",
			p.tokenID, d, permissionsHint)}
	case errors.Is(err, provider.ErrBadResponse), errors.Is(err, provider.ErrNotFound):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"%s answered, but not like the Proxmox VE API (%s). Check the URL: the Proxmox host on port 8006, e.g. https://pve1.example.com:8006.",
			p.endpoint, d)}
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

// need is a privilege Leitstand relies on, and on which ACL path.
type need struct {
	priv, path, why string
	required        bool
}

var needs = []need{
	{"Sys.Audit", "/nodes", "to read node status and usage", true},
	{"VM.Audit", "/vms", "to read VMs and containers", true},
	{"VM.PowerMgmt", "/vms", "to start and stop containers", true},
	{"Datastore.Audit", "/storage", "to read storage usage", false},
}

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
func evaluate(perms pve.Permissions) grants {
	g := grants{}
	for _, n := range needs {
		if _, ok := perms[n.path][n.priv]; ok {
			g[n] = full
			continue
		}
		if propagate, ok := perms["/"][n.priv]; ok && bool(propagate) {
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

func (g grants) missing(required bool) []need {
	var out []need
	for _, n := range needs {
		if n.required == required && g[n] == none {
			out = append(out, n)
		}
	}
	return out
}

func (g grants) partial() []need {
	var out []need
	for _, n := range needs {
		if g[n] == partial {
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
