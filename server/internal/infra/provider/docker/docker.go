// Package docker connects Leitstand to one Docker Engine through its
// Engine API: the host as one machine, its containers with their state,
// health and resource use, and start, stop and restart.
//
// The engine listens on plain TCP (tcp://host:2375) or behind TLS
// (https://host:2376); a daemon run with --tlsverify admits only clients
// with a certificate from its CA, which the connection carries in
// Config.TLSCA, TLSCert and TLSKey (the client's ca.pem, cert.pem and
// key.pem).
package docker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/system"
	"github.com/moby/moby/client"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// parallel bounds the per-container calls in flight, so a host with many
// containers is not hit with hundreds of requests at once.
const parallel = 8

// Provider is one Docker Engine. It is safe for concurrent use.
type Provider struct {
	cfg      provider.Config
	hc       *http.Client
	host     string // the client's tcp://host:port
	scheme   string
	endpoint string // as the operator wrote it, for messages
	ip       string // the host's address when the endpoint names one

	mu  sync.Mutex
	cli *client.Client
	// negotiated: cli has learnt the engine's API version from a /_ping.
	negotiated bool
	engineID   string
	// prev holds each running container's counters from the last
	// snapshot: the engine reports cumulative CPU time and network bytes,
	// and rates need two readings.
	prev map[string]counters
}

var _ provider.Controller = (*Provider)(nil)

// New prepares a connection; it does not contact the engine.
func New(cfg provider.Config) (*Provider, error) {
	if err := cfg.Validate(provider.Docker); err != nil {
		return nil, err
	}
	host, scheme, ip, err := parseEndpoint(cfg.Endpoint, cfg.TLSCA != "" || cfg.TLSCert != "")
	if err != nil {
		return nil, err
	}
	p := &Provider{cfg: cfg, hc: cfg.Client(), host: host, scheme: scheme, endpoint: strings.TrimSpace(cfg.Endpoint), ip: ip}
	cli, err := p.newClient()
	if err != nil {
		return nil, &provider.FieldError{Field: "endpoint", Reason: "is not usable for Docker: " + err.Error()}
	}
	p.cli = cli
	return p, nil
}

// newClient builds a client for the engine. WithHost comes before
// WithHTTPClient: WithHost rewires the transport it finds for its own
// dialing, and ours must stay as cfg built it, with its TLS config (the
// CA, the client certificate); WithHTTPClient clones that transport, TLS
// config included. WithScheme is explicit, so the client speaks https
// exactly when the endpoint asks for it.
func (p *Provider) newClient() (*client.Client, error) {
	return client.New(
		client.WithHost(p.host),
		client.WithScheme(p.scheme),
		client.WithHTTPClient(p.hc),
		client.WithUserAgent("Leitstand"),
	)
}

// ping asks /_ping, which also settles the API version the client speaks.
// The client takes its newest version when /_ping names none, and keeps
// it for good; an endpoint that answered like that (a proxy's error page,
// a web server) is no engine, and the client is replaced so that the
// engine, once it answers, is asked in its own version.
func (p *Provider) ping(ctx context.Context) (*client.Client, client.PingResult, error) {
	p.mu.Lock()
	cli := p.cli
	p.mu.Unlock()
	ctx, cancel := p.call(ctx)
	defer cancel()
	ping, err := cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true})
	if err != nil {
		return nil, ping, classify(err)
	}
	if ping.APIVersion == "" {
		p.reset(cli)
		return nil, ping, fmt.Errorf("%w: %w: /_ping names no API version", provider.ErrBadResponse, errNotEngine)
	}
	p.mu.Lock()
	if p.cli == cli {
		p.negotiated = true
	}
	p.mu.Unlock()
	return cli, ping, nil
}

// ready is the client to use, once it knows the engine's API version.
func (p *Provider) ready(ctx context.Context) (*client.Client, error) {
	p.mu.Lock()
	cli, ok := p.cli, p.negotiated
	p.mu.Unlock()
	if ok {
		return cli, nil
	}
	cli, _, err := p.ping(ctx)
	return cli, err
}

// reset drops cli for a fresh client that negotiates again. A client's
// version is not changed in place: requests in flight read it unlocked.
func (p *Provider) reset(cli *client.Client) {
	fresh, err := p.newClient()
	if err != nil {
		return // the options were accepted once; keep the old client
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if cli != nil && p.cli != cli {
		return
	}
	old := p.cli
	p.cli, p.negotiated = fresh, false
	_ = old.Close()
}

// fail classifies err from cli; an engine that finds the client's version
// too new (it was downgraded) gets a client that negotiates again.
func (p *Provider) fail(cli *client.Client, err error) error {
	err = classify(err)
	if errors.Is(err, errTooNew) {
		p.reset(cli)
	}
	return err
}

// parseEndpoint turns tcp://host:2375, http://host:2375 or
// https://host:2376 into the client's tcp:// host and the scheme to speak.
// The client would take the TLS decision from the transport, but ours
// carries a TLS config whenever the operator accepts self-signed
// certificates, so the scheme comes from the endpoint, and from certs:
// tcp://host:2376 with a CA or client certificate is how Docker's own
// client is pointed at a --tlsverify daemon (DOCKER_HOST with
// DOCKER_TLS_VERIFY), and means TLS; http:// is plain HTTP regardless.
func parseEndpoint(raw string, certs bool) (host, scheme, ip string, err error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, "://") {
		s = "tcp://" + s
	}
	u, perr := url.Parse(s)
	if perr != nil || u.Host == "" {
		return "", "", "", &provider.FieldError{Field: "endpoint", Reason: "is not a Docker host address (tcp://host:2375 or https://host:2376)"}
	}
	port := ""
	switch u.Scheme {
	case "tcp":
		scheme, port = "http", "2375"
		if certs {
			scheme, port = "https", "2376"
		}
	case "http":
		scheme, port = "http", "2375"
	case "https":
		scheme, port = "https", "2376"
	default:
		return "", "", "", &provider.FieldError{Field: "endpoint", Reason: "must be tcp://host:2375 or https://host:2376: Leitstand reaches the engine over the network, not through " + u.Scheme + "://"}
	}
	hostport := u.Host
	if u.Port() == "" {
		hostport += ":" + port
	}
	if a, aerr := netip.ParseAddr(u.Hostname()); aerr == nil {
		ip = a.String()
	}
	return "tcp://" + hostport + strings.TrimSuffix(u.Path, "/"), scheme, ip, nil
}

// call bounds one request by the configured timeout: the client given in
// cfg.HTTPClient may have no timeout of its own.
func (p *Provider) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, p.cfg.CallTimeout())
}

func (p *Provider) info(ctx context.Context, cli *client.Client) (system.Info, error) {
	ctx, cancel := p.call(ctx)
	defer cancel()
	res, err := cli.Info(ctx, client.InfoOptions{})
	if err != nil {
		return system.Info{}, p.fail(cli, err)
	}
	in := res.Info
	// Any JSON object decodes into Info; an engine always names itself.
	if in.ID == "" || in.ServerVersion == "" {
		return system.Info{}, fmt.Errorf("%w: %w: /info has no engine ID or version", provider.ErrBadResponse, errNotEngine)
	}
	p.mu.Lock()
	p.engineID = in.ID
	p.mu.Unlock()
	return in, nil
}

func (p *Provider) list(ctx context.Context, cli *client.Client, opts client.ContainerListOptions) ([]container.Summary, error) {
	ctx, cancel := p.call(ctx)
	defer cancel()
	res, err := cli.ContainerList(ctx, opts)
	if err != nil {
		return nil, p.fail(cli, err)
	}
	return res.Items, nil
}

// Check asks the engine for /_ping, /info and one container, in that
// order: reachable, not refused, allowed to read.
func (p *Provider) Check(ctx context.Context) provider.Check { return provider.Timed(ctx, p.check) }

func (p *Provider) check(ctx context.Context) provider.Check {
	cli, ping, err := p.ping(ctx)
	if err != nil {
		// An engine names its API version in every answer, also in a
		// refusal of /_ping; an answer without one could be any server's.
		return p.failed(err, ping.APIVersion != "")
	}
	// /_ping answered with an API version: an engine, whatever fails next.
	in, err := p.info(ctx, cli)
	if err != nil {
		return p.failed(err, true)
	}
	// /info can be open while an authorization plugin guards the
	// containers, so read one.
	if _, err := p.list(ctx, cli, client.ContainerListOptions{All: true, Limit: 1}); err != nil {
		c := p.failed(err, true)
		c.Version = in.ServerVersion
		return c
	}
	api := cli.ClientVersion()
	if ping.APIVersion != api {
		api += ", the engine's " + ping.APIVersion
	}
	msg := fmt.Sprintf("Connected to Docker Engine %s (API %s) on %s: %d containers, %d running.",
		in.ServerVersion, api, in.Name, in.Containers, in.ContainersRunning)
	if p.cfg.MonitoringOnly {
		msg += " The connection is monitoring-only: Leitstand reads the containers and never starts, stops or restarts them through it " +
			"(Docker itself has no read-only access)."
	} else {
		msg += " Leitstand reads them and can start, stop and restart them."
	}
	if p.cfg.TLSCert != "" {
		msg += " The daemon admits Leitstand by its client certificate, and any certificate from the same CA has full control of the engine: keep the key safe."
	} else {
		msg += fmt.Sprintf(" The Engine API has no login of its own, and anyone who reaches %s has full control of the engine: keep the port firewalled to Leitstand.", p.endpoint)
	}
	return provider.Check{Reachable: true, Recognized: true, Authenticated: true, Authorized: true, Version: in.ServerVersion, Message: msg}
}

// daemonConfig is where an operator fixes what the daemon itself does.
const daemonConfig = "/etc/docker/daemon.json on the host"

// clientFiles is where an operator finds what a --tlsverify daemon wants
// from its clients.
const clientFiles = "ca.pem, cert.pem and key.pem, the files a docker client uses with --tlsverify for this daemon (DOCKER_CERT_PATH, ~/.docker)"

// failed words a failed step for the operator, by what went wrong.
// recognized tells whether the engine showed itself (an API version from
// /_ping); a refusal from anything else (a proxy, a TLS handshake) says
// nothing about the engine's authorization.
func (p *Provider) failed(err error, recognized bool) provider.Check {
	c := p.failure(err, recognized)
	c.Recognized = recognized
	return c
}

func (p *Provider) failure(err error, recognized bool) provider.Check {
	switch {
	case errors.Is(err, errClientCert) && p.cfg.TLSCert == "":
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The Docker daemon at %s requires a TLS client certificate (it runs with --tlsverify), and this connection has none. "+
				"Set the connection's CA certificate, client certificate and client key from %s.", p.endpoint, clientFiles)}
	case errors.Is(err, errClientCert):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The Docker daemon at %s refused Leitstand's client certificate: %s", p.endpoint, refusedCert(after(err, errClientCert)))}
	case errors.Is(err, errUntrusted) && p.cfg.TLSCA != "":
		return provider.Check{Message: fmt.Sprintf(
			"The Docker daemon at %s presented a TLS certificate that is not signed by the CA given for this connection (%v). "+
				"Set the connection's CA certificate to the ca.pem that signed the daemon's certificate (in Docker's usual setup the file tlscacert names in %s).",
			p.endpoint, after(err, errUntrusted), daemonConfig)}
	case errors.Is(err, errUntrusted):
		return provider.Check{Message: fmt.Sprintf(
			"The Docker daemon at %s answered with a TLS certificate Leitstand does not trust (%v). "+
				"If a CA of your own signed it, set the connection's CA certificate to its ca.pem; if the certificate is self-signed, "+
				"turn on \"Accept self-signed certificate\" for this connection.", p.endpoint, after(err, errUntrusted))}
	case errors.Is(err, errHostname):
		return provider.Check{Message: fmt.Sprintf(
			"The Docker daemon at %s presented a TLS certificate for another name (%v). Write the endpoint with a name or address the certificate "+
				"names, or give the daemon a certificate whose subjectAltName includes this one (tlscert in %s).", p.endpoint, after(err, errHostname), daemonConfig)}
	case errors.Is(err, errCertInvalid):
		return provider.Check{Message: fmt.Sprintf(
			"The Docker daemon at %s presented a TLS certificate that is not valid (%v). Renew the daemon's certificate (tlscert in %s).",
			p.endpoint, after(err, errCertInvalid), daemonConfig)}
	case errors.Is(err, errWantsTLS):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The Docker daemon at %s speaks TLS on this port, but the endpoint asks for plain HTTP. Write the endpoint as https://host:2376.", p.endpoint)}
	case errors.Is(err, errNoTLS):
		why, fix := "the endpoint asks for TLS", "Write the endpoint as tcp://host:2375"
		if !strings.HasPrefix(strings.ToLower(p.endpoint), "https://") {
			why, fix = "the connection has TLS certificates, so Leitstand speaks TLS", "Remove the connection's CA and client certificate"
		}
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The Docker daemon at %s speaks plain HTTP on this port, but %s. %s, "+
				"or give the daemon a certificate (tls, tlscert, tlskey in %s) and keep TLS.", p.endpoint, why, fix, daemonConfig)}
	case errors.Is(err, errTooOld):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The Docker daemon at %s is too old for Leitstand (%s). Upgrade it to Docker 19.03 (API %s) or newer.",
			p.endpoint, after(err, errTooOld), client.MinAPIVersion)}
	case errors.Is(err, errDaemonFailed):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The Docker daemon at %s answered with an error: %s. Look at the daemon's log on the host (journalctl -u docker).", p.endpoint, after(err, errDaemonFailed))}
	case errors.Is(err, provider.ErrForbidden) && recognized:
		needs := "reading /info and /containers, and starting, stopping and restarting containers"
		if p.cfg.MonitoringOnly {
			needs = "reading /info and /containers"
		}
		return provider.Check{Reachable: true, Authenticated: true, Message: fmt.Sprintf(
			"The Docker daemon at %s answered, but refused Leitstand: %s. The Engine API has no login, so this is an authorization plugin "+
				"(\"authorization-plugins\" in %s): allow Leitstand's requests in its policy — %s.", p.endpoint, detailOf(err), daemonConfig, needs)}
	case errors.Is(err, provider.ErrUnauthorized):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The endpoint %s asks for credentials (401: %s). The Docker Engine API has no login of its own, so a proxy in front of the daemon wants them, "+
				"and Leitstand cannot sign in to it: point the endpoint at the daemon itself, or let the proxy admit Leitstand by its address.", p.endpoint, detailOf(err))}
	case errors.Is(err, provider.ErrBadResponse), errors.Is(err, provider.ErrNotFound), errors.Is(err, provider.ErrForbidden):
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The endpoint %s answered, but not like a Docker Engine (%s). Check the URL: it must be the daemon's API address, "+
				"tcp://host:2375 or https://host:2376, not a web page or another service.", p.endpoint, reason(err))}
	default:
		return provider.Check{Message: fmt.Sprintf(
			"The Docker daemon at %s could not be reached (%s). Check the address and port, that the daemon listens on TCP "+
				"(\"hosts\" in %s, e.g. tcp://0.0.0.0:2375), and that the firewall lets Leitstand through.", p.endpoint, reason(err), daemonConfig)}
	}
}

// refusedCert says why the daemon refused the client certificate, by the
// TLS alert it sent, and what to do about it.
func refusedCert(alert string) string {
	switch alert {
	case "unknown certificate authority", "certificate required", "handshake failure":
		// The daemon names the CAs it accepts, and the client presents its
		// certificate only if one of them issued it: a certificate from
		// another CA arrives as none at all.
		return "it is not signed by the CA the daemon trusts (tlscacert in " + daemonConfig + "). " +
			"Use the cert.pem and key.pem issued from the daemon's ca.pem."
	case "expired certificate":
		return "it has expired. Issue a new cert.pem from the daemon's CA."
	default:
		return fmt.Sprintf("the daemon ended the handshake with %q. A client certificate must be signed by the daemon's CA "+
			"(tlscacert in %s) and made for client use (extendedKeyUsage = clientAuth): use the cert.pem and key.pem issued for docker clients of this daemon.",
			alert, daemonConfig)
	}
}

// Snapshot reads the engine and every container. The engine reports no
// host figures (CPU, memory and disk use of the machine), so the machine
// carries no Metrics; its containers do.
func (p *Provider) Snapshot(ctx context.Context) (*provider.Snapshot, error) {
	at := time.Now()
	cli, err := p.ready(ctx)
	if err != nil {
		return nil, fmt.Errorf("docker: reaching the engine: %w", err)
	}
	in, err := p.info(ctx, cli)
	if err != nil {
		return nil, fmt.Errorf("docker: reading the engine's info: %w", err)
	}
	items, err := p.list(ctx, cli, client.ContainerListOptions{All: true})
	if err != nil {
		return nil, fmt.Errorf("docker: listing containers: %w", err)
	}

	p.mu.Lock()
	prev := p.prev
	p.mu.Unlock()

	results := make([]result, len(items))
	err = forEach(ctx, len(items), func(ctx context.Context, i int) error {
		old, ok := prev[items[i].ID]
		r, err := p.container(ctx, cli, items[i], old, ok, in.NCPU, in.MemTotal)
		results[i] = r
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("docker: reading containers: %w", err)
	}

	next := make(map[string]counters, len(results))
	cs := make([]provider.Container, 0, len(results))
	for _, r := range results {
		if r.gone {
			continue
		}
		cs = append(cs, r.c)
		if r.counters != nil {
			next[r.c.ID] = *r.counters
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	p.mu.Lock()
	p.prev = next
	p.mu.Unlock()

	return &provider.Snapshot{
		Time: at,
		// The /info read above names the version, as it does for Check.
		Version: in.ServerVersion,
		Machines: []provider.Machine{{
			ID:              in.ID,
			Name:            in.Name,
			Kind:            provider.Monitored,
			IP:              p.ip,
			Cores:           in.NCPU,
			MemoryBytes:     in.MemTotal,
			Status:          "running",
			Up:              true,
			Containers:      cs,
			ContainersKnown: true,
		}},
	}, nil
}

// forEach runs fn for 0…n-1 with at most parallel calls at once; the
// first error stops the rest.
func forEach(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(parallel, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(ctx, i); err != nil {
					cancel(err)
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return classify(err)
	}
	return nil
}

// result is one container as read, or gone if it vanished meanwhile.
type result struct {
	c        provider.Container
	counters *counters
	gone     bool
}

func (p *Provider) container(ctx context.Context, cli *client.Client, s container.Summary, old counters, hasOld bool, ncpu int, memTotal int64) (result, error) {
	c := provider.Container{
		ID:     s.ID,
		Name:   containerName(s.Names, s.ID),
		Image:  s.Image,
		Status: status(s.State),
	}
	if s.Health != nil {
		c.Health = health(s.Health.Status)
	}

	// The list has neither the start time nor the restart count.
	ictx, cancel := p.call(ctx)
	res, err := cli.ContainerInspect(ictx, s.ID, client.ContainerInspectOptions{})
	cancel()
	if err != nil {
		if err = p.fail(cli, err); errors.Is(err, provider.ErrNotFound) {
			return result{gone: true}, nil // removed since the list
		}
		return result{}, fmt.Errorf("inspecting %s: %w", c.Name, err)
	}
	ins := res.Container
	c.RestartCount = ins.RestartCount
	if c.Image == "" && ins.Config != nil {
		c.Image = ins.Config.Image
	}
	st := ins.State
	if st == nil {
		return result{c: c}, nil
	}
	c.Status = status(st.Status)
	c.StartTime = engineTime(st.StartedAt)
	if c.Health == provider.HealthNone && st.Health != nil {
		c.Health = health(st.Health.Status)
	}
	if c.Status != provider.Running && c.Status != provider.Paused {
		// A check that no longer runs says nothing about the container.
		c.Health = provider.HealthNone
	}
	if !st.Running || st.Paused || st.Restarting {
		return result{c: c}, nil
	}

	// Counters from another run of the container are no baseline.
	if hasOld && !old.started.Equal(c.StartTime) {
		hasOld = false
	}
	sample, cnt, err := p.stats(ctx, cli, s.ID, old, hasOld, ncpu, memTotal)
	if err != nil {
		if errors.Is(err, provider.ErrNotFound) {
			return result{gone: true}, nil
		}
		return result{}, fmt.Errorf("reading stats of %s: %w", c.Name, err)
	}
	c.Metrics = sample
	if cnt != nil {
		cnt.started = c.StartTime
	}
	return result{c: c, counters: cnt}, nil
}

// containerName is the container's own name: the engine also lists the
// names it has through links of other containers ("/web/db").
func containerName(names []string, id string) string {
	for _, n := range names {
		n = strings.TrimPrefix(n, "/")
		if n != "" && !strings.Contains(n, "/") {
			return n
		}
	}
	if len(names) > 0 {
		return strings.TrimPrefix(names[0], "/")
	}
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func status(s container.ContainerState) provider.ContainerStatus {
	switch s {
	case container.StateRunning, container.StateRestarting:
		return provider.Running
	case container.StatePaused:
		return provider.Paused
	case container.StateExited:
		return provider.Exited
	default: // created, dead, removing
		return provider.Stopped
	}
}

func health(s container.HealthStatus) provider.ContainerHealth {
	switch s {
	case container.Starting:
		return provider.HealthStarting
	case container.Healthy:
		return provider.HealthHealthy
	case container.Unhealthy:
		return provider.HealthUnhealthy
	default:
		return provider.HealthNone
	}
}

// engineTime parses the engine's timestamps; it writes year 1 for "never".
func engineTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() <= 1 {
		return time.Time{}
	}
	return t
}

// Control starts, stops or restarts a container on this engine. Starting a
// running container and stopping a stopped one succeed (the engine answers
// 304). A monitoring-only connection refuses before it asks the engine:
// the engine would not refuse, as it has no read-only access.
func (p *Provider) Control(ctx context.Context, machineID, containerID string, action provider.Action) error {
	if p.cfg.MonitoringOnly {
		return fmt.Errorf("docker: %w: the connection is monitoring-only: Leitstand does not %s containers through it", provider.ErrForbidden, action)
	}
	cli, err := p.ready(ctx)
	if err != nil {
		return fmt.Errorf("docker: reaching the engine: %w", err)
	}
	if err := p.isEngine(ctx, cli, machineID); err != nil {
		return err
	}
	if strings.TrimSpace(containerID) == "" {
		return fmt.Errorf("docker: %w: no container id", provider.ErrNotFound)
	}
	ctx, cancel := p.call(ctx)
	defer cancel()
	switch action {
	case provider.Start:
		_, err = cli.ContainerStart(ctx, containerID, client.ContainerStartOptions{})
	case provider.Stop:
		_, err = cli.ContainerStop(ctx, containerID, client.ContainerStopOptions{})
	case provider.Restart:
		_, err = cli.ContainerRestart(ctx, containerID, client.ContainerRestartOptions{})
	default:
		return fmt.Errorf("docker: unknown action %q", action)
	}
	if err != nil {
		return fmt.Errorf("docker: %s %s: %w", action, containerID, p.fail(cli, err))
	}
	return nil
}

// isEngine makes sure machineID is this engine, asking the engine only
// when the last answer does not settle it (a reinstalled host has a new
// ID).
func (p *Provider) isEngine(ctx context.Context, cli *client.Client, machineID string) error {
	p.mu.Lock()
	known := p.engineID
	p.mu.Unlock()
	if known != "" && known == machineID {
		return nil
	}
	in, err := p.info(ctx, cli)
	if err != nil {
		return fmt.Errorf("docker: reading the engine's info: %w", err)
	}
	if in.ID != machineID {
		return fmt.Errorf("docker: %w: machine %q is not this engine (%s, ID %s)", provider.ErrNotFound, machineID, in.Name, in.ID)
	}
	return nil
}
