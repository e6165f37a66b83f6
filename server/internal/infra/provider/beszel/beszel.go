// Package beszel reads a Beszel hub (github.com/henrygd/beszel): its
// systems, their latest one-minute stats and the containers on them.
//
// The hub is a PocketBase application without a Go client of its own, so
// this package speaks PocketBase's REST API with net/http: it signs in as a
// hub user (auth-with-password), keeps the token for as long as it lives,
// and reads the systems, system_stats, container_stats and containers
// collections. Beszel only monitors, so Provider is not a
// provider.Controller.
//
// What Beszel can tell and what it cannot:
//   - Agents report only running containers. Hubs since 0.14 keep a record
//     per container in the containers collection (its Docker id, image,
//     status text and health), updated at every poll: a record the last
//     poll did not update belongs to a container that stopped, which is
//     reported EXITED (Beszel cannot tell stopped, crashed and removed
//     apart). The hub deletes such records ten minutes to an hour later,
//     and the container is then gone from the snapshot too.
//   - The figures (CPU, memory, network) come from container_stats, which
//     lists the containers running at the poll by name.
//   - Older hubs have no containers collection, and agents before 0.14
//     write no records to it: their systems' containers are known by name
//     only, from container_stats, so a container missing from it is not
//     running and is not reported at all. A system whose last container
//     stopped then gets no container_stats record either, which looks the
//     same as a host without Docker: such a machine has ContainersKnown
//     false. Start times and restart counts are never reported.
//   - Figures exist only for systems that are up; down, paused and pending
//     systems have no Metrics and no containers.
package beszel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

const (
	// perPage is what Leitstand asks for per page: within PocketBase's limit
	// (1000 since v0.23, 500 before), and a page of busy container_stats
	// stays a few megabytes.
	perPage = 500
	// statsWindow is how far back Leitstand looks for the newest one-minute
	// record of each system. The hub polls every system once a minute, so
	// three minutes leave room for a hub that lags without reporting figures
	// that are no longer current.
	statsWindow = 3 * time.Minute
	// maxConcurrent bounds the pages read from the hub at once.
	maxConcurrent = 8
	// maxPages guards against a hub (or something posing as one) that
	// claims an absurd number of pages.
	maxPages = 10_000
	// fallbackTokenLife is assumed when the token's expiry cannot be read;
	// a dead token is noticed and replaced anyway (see Snapshot).
	fallbackTokenLife = time.Hour

	authPath    = "/api/collections/users/auth-with-password"
	systemsPath = "/api/collections/systems/records"
)

// Provider is a connection to one Beszel hub. It is safe for concurrent use.
type Provider struct {
	cfg    provider.Config
	base   string
	client *http.Client

	// signIn admits one sign-in at a time, so that concurrent snapshots
	// share the token it yields instead of each signing in.
	signIn chan struct{}

	// now is the local clock that times hubRecheck.
	now func() time.Time

	mu      sync.Mutex
	token   string
	renewAt time.Time // local clock
	// What Leitstand learnt about the hub, asked again after hubRecheck.
	version           string
	versionAt         time.Time // zero: never read
	noContainersUntil time.Time // the hub answered that it has no containers collection
}

var _ provider.Provider = (*Provider)(nil)

// New returns a Provider for the hub at cfg.Endpoint, signing in as the hub
// user cfg.Username (an e-mail address) with cfg.Password.
func New(cfg provider.Config) (*Provider, error) {
	if err := cfg.Validate(provider.Beszel); err != nil {
		return nil, err
	}
	base := strings.TrimRight(strings.TrimSpace(cfg.Endpoint), "/")
	// Operators often paste the PocketBase admin URL; the API lives beside it.
	base = strings.TrimRight(strings.TrimSuffix(base, "/_"), "/")
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &provider.FieldError{Field: "endpoint", Reason: "must be the Beszel hub's URL, e.g. https://beszel.example.com"}
	}
	return &Provider{
		cfg:    cfg,
		base:   base,
		client: cfg.Client(),
		signIn: make(chan struct{}, 1),
		now:    time.Now,
	}, nil
}

// session returns the token to send. It signs in when there is none, when
// the current one is close to its expiry, or when the current one is stale
// (a token the hub has just ignored). fresh reports a sign-in by this call.
func (p *Provider) session(ctx context.Context, stale string) (token string, fresh bool, err error) {
	if tok, ok := p.current(stale); ok {
		return tok, false, nil
	}
	select {
	case p.signIn <- struct{}{}:
	case <-ctx.Done():
		return "", false, provider.Unreachable(ctx.Err())
	}
	defer func() { <-p.signIn }()
	// Another caller may have signed in while this one waited.
	if tok, ok := p.current(stale); ok {
		return tok, false, nil
	}
	tok, renew, err := p.login(ctx)
	if err != nil {
		p.mu.Lock()
		p.token = ""
		p.mu.Unlock()
		return "", false, err
	}
	p.mu.Lock()
	p.token, p.renewAt = tok, renew
	p.mu.Unlock()
	return tok, true, nil
}

func (p *Provider) current(stale string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.token != "" && p.token != stale && time.Now().Before(p.renewAt) {
		return p.token, true
	}
	return "", false
}

// login signs in and tells when to sign in again: after four fifths of the
// token's life, measured from the hub's clock at issue so that clock skew
// between the hub and Leitstand does not matter.
func (p *Provider) login(ctx context.Context) (string, time.Time, error) {
	var out struct {
		Token  string               `json:"token"`
		Record *struct{ ID string } `json:"record"`
	}
	body := map[string]string{"identity": p.cfg.Username, "password": p.cfg.Password}
	hdr, err := p.call(ctx, http.MethodPost, authPath, nil, "", body, &out)
	if err != nil {
		return "", time.Time{}, signInError(err, p.cfg.Username)
	}
	if out.Token == "" || out.Record == nil {
		return "", time.Time{}, fmt.Errorf("%w: the sign-in answer has no token; is this a Beszel hub?", provider.ErrBadResponse)
	}
	now := time.Now()
	renew := now.Add(fallbackTokenLife)
	if exp, ok := tokenExpiry(out.Token); ok {
		issued := now
		if t, ok := hubTime(hdr); ok {
			issued = t
		}
		renew = now.Add(exp.Sub(issued) * 4 / 5)
	}
	return out.Token, renew, nil
}

// signInError says why the hub refused to sign the user in. PocketBase
// answers a wrong e-mail or password with 400, a user that needs a second
// factor with 401 {"mfaId"}, and a user it will not admit (password sign-in
// disabled, e-mail not verified) with 403.
func signInError(err error, user string) error {
	var he *hubError
	if !errors.As(err, &he) {
		return err
	}
	switch {
	case he.status == http.StatusBadRequest:
		he.err = fmt.Errorf("%w (400): the hub rejected the e-mail %q or its password (%s)", provider.ErrUnauthorized, user, he.message)
	case he.mfa:
		he.err = fmt.Errorf("%w (401): the hub asks %q for a one-time password (MFA), which Leitstand cannot give", provider.ErrUnauthorized, user)
	case he.status == http.StatusForbidden:
		he.err = fmt.Errorf("%w (403): the hub does not let %q sign in with a password (%s)", provider.ErrUnauthorized, user, he.message)
	}
	return he
}

// Snapshot reads every system the hub user sees, with the newest one-minute
// figures of each, its containers and the hub's version.
func (p *Provider) Snapshot(ctx context.Context) (*provider.Snapshot, error) {
	tok, fresh, err := p.session(ctx, "")
	if err != nil {
		return nil, err
	}
	systems, now, err := p.listSystems(ctx, tok)
	if statusOf(err) == http.StatusUnauthorized || (err == nil && len(systems) == 0 && !fresh) {
		// PocketBase serves a request whose token is invalid or expired as a
		// guest's, and Beszel's rules show guests no systems: an empty list
		// on a reused token is as likely a dead session (the password was
		// changed, the token secret rotated) as an empty hub. Sign in afresh
		// once; a real refusal then surfaces as ErrUnauthorized.
		if tok, _, err = p.session(ctx, tok); err != nil {
			return nil, err
		}
		systems, now, err = p.listSystems(ctx, tok)
	}
	if err != nil {
		return nil, err
	}

	from, to := now.Add(-statsWindow), now
	version, versionDue, readContainers := p.hubFacts()
	sem := make(chan struct{}, maxConcurrent)
	// The reads run at once; the first failure cancels the others.
	g, ctx := errgroup.WithContext(ctx)
	var (
		sysStats map[string]latest[systemStats]
		ctrStats map[string]latest[[]containerStat]
		ctrRecs  map[string][]containerRecord
	)
	// retry401 repeats a read once with a new session if the hub answered 401.
	retry401 := func(read func(tok string) error) error {
		err := read(tok)
		if statusOf(err) == http.StatusUnauthorized {
			t, _, serr := p.session(ctx, tok)
			if serr != nil {
				return serr
			}
			err = read(t)
		}
		return err
	}
	g.Go(func() error {
		return retry401(func(tok string) (err error) {
			sysStats, err = newest[systemStats](ctx, p, tok, "system_stats", from, to, sem)
			return err
		})
	})
	g.Go(func() error {
		return retry401(func(tok string) (err error) {
			ctrStats, err = newest[[]containerStat](ctx, p, tok, "container_stats", from, to, sem)
			return err
		})
	})
	if readContainers {
		g.Go(func() error {
			err := retry401(func(tok string) (err error) {
				ctrRecs, err = p.listContainers(ctx, tok, sem)
				return err
			})
			if statusOf(err) == http.StatusNotFound {
				// A hub before 0.14 has no containers collection ("Missing
				// collection context."): its containers are read from
				// container_stats alone, as for old agents.
				ctrRecs = nil
				p.rememberNoContainers()
				return nil
			}
			return err
		})
	}
	if versionDue {
		g.Go(func() error {
			var v string
			err := retry401(func(tok string) (err error) {
				v, err = p.hubVersion(ctx, tok)
				return err
			})
			// The figures do not depend on the version: a failure keeps the
			// one known and asks again next time.
			if err == nil {
				p.rememberVersion(v)
				version = v
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}

	snap := &provider.Snapshot{Time: now, Version: version, Machines: make([]provider.Machine, 0, len(systems))}
	for _, s := range systems {
		snap.Machines = append(snap.Machines, machine(s, sysStats, ctrStats, ctrRecs))
	}
	return snap, nil
}

// hubFacts returns the hub's version as last read, whether to read it
// again, and whether to read the containers collection.
func (p *Provider) hubFacts() (version string, versionDue, readContainers bool) {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.version, p.versionAt.IsZero() || now.Sub(p.versionAt) >= hubRecheck, !now.Before(p.noContainersUntil)
}

func (p *Provider) rememberVersion(v string) {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if v != p.version && !p.versionAt.IsZero() {
		// An upgraded hub may have gained the containers collection.
		p.noContainersUntil = time.Time{}
	}
	p.version, p.versionAt = v, now
}

func (p *Provider) rememberNoContainers() {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.noContainersUntil = now.Add(hubRecheck)
}

func machine(s systemRecord, sysStats map[string]latest[systemStats], ctrStats map[string]latest[[]containerStat], ctrRecs map[string][]containerRecord) provider.Machine {
	m := provider.Machine{
		ID:     s.ID,
		Name:   s.Name,
		Kind:   provider.Monitored,
		IP:     s.Host,
		Status: strings.ToLower(s.Status),
		Cores:  s.Info.Cores,
	}
	if m.Cores == 0 {
		// Newer agents report only logical CPUs here; that is also what
		// Leitstand counts for VMs and cloud servers.
		m.Cores = s.Info.Threads
	}
	m.Up = m.Status == "up"
	sys, polled := sysStats[s.ID]
	if polled {
		st := sys.stats
		m.MemoryBytes = int64(st.MemTotal * gib)
		m.DiskBytes = int64(st.DiskTotal * gib)
		m.Filesystems = filesystems(st)
		if m.Up {
			in, out := rates(st.Bandwidth, st.NetSentMB, st.NetRecvMB)
			m.Metrics = &provider.Sample{
				CPUPercent:           st.CPU,
				MemoryUsed:           int64(st.MemUsed * gib),
				MemoryTotal:          int64(st.MemTotal * gib),
				DiskUsed:             int64(st.DiskUsed * gib),
				DiskTotal:            int64(st.DiskTotal * gib),
				NetInBytesPerSecond:  in,
				NetOutBytesPerSecond: out,
			}
		}
	}
	if !m.Up {
		return m
	}
	ctrs, running := ctrStats[s.ID]
	if recs := ctrRecs[s.ID]; len(recs) > 0 && polled {
		if at, err := time.Parse(pbTimeLayout, sys.created); err == nil {
			m.ContainersKnown = true
			m.Containers = containersOf(recs, at, ctrs.stats)
			return m
		}
	}
	if running {
		m.ContainersKnown = true
		m.Containers = make([]provider.Container, 0, len(ctrs.stats))
		for _, c := range ctrs.stats {
			if c.Name != "" {
				m.Containers = append(m.Containers, runningContainer(c))
			}
		}
		slices.SortFunc(m.Containers, func(a, b provider.Container) int { return strings.Compare(a.Name, b.Name) })
	}
	return m
}

// filesystems lists the root disk as "/" and the extra filesystems under
// the names the agent reports them by (a device like "sdb1" or the label
// given in EXTRA_FILESYSTEMS); Beszel does not report their mount points.
func filesystems(st systemStats) []provider.Filesystem {
	if st.DiskTotal <= 0 && len(st.ExtraFs) == 0 {
		return nil
	}
	fs := make([]provider.Filesystem, 0, 1+len(st.ExtraFs))
	if st.DiskTotal > 0 {
		fs = append(fs, provider.Filesystem{Name: "/", UsedBytes: int64(st.DiskUsed * gib), TotalBytes: int64(st.DiskTotal * gib)})
	}
	names := make([]string, 0, len(st.ExtraFs))
	for name := range st.ExtraFs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		e := st.ExtraFs[name]
		fs = append(fs, provider.Filesystem{Name: name, UsedBytes: int64(e.Used * gib), TotalBytes: int64(e.Total * gib)})
	}
	return fs
}

// listSystems reads every system the user sees, in id order. It pages by
// id ("id > last") rather than by page number, so a system added or
// deleted meanwhile cannot shift another one out of the result; it also
// returns the hub's clock from the first answer.
func (p *Provider) listSystems(ctx context.Context, tok string) ([]systemRecord, time.Time, error) {
	var (
		all  []systemRecord
		now  time.Time
		last string
	)
	for range maxPages {
		q := url.Values{
			"perPage":   {strconv.Itoa(perPage)},
			"sort":      {"id"},
			"skipTotal": {"true"},
			"fields":    {"id,name,host,status,info"},
		}
		if last != "" {
			q.Set("filter", "id > "+quote(last))
		}
		var lp listPage[systemRecord]
		hdr, err := p.call(ctx, http.MethodGet, systemsPath, q, tok, nil, &lp)
		if err != nil {
			return nil, time.Time{}, err
		}
		if lp.Items == nil {
			return nil, time.Time{}, fmt.Errorf("%w: the systems list has no items; is this a Beszel hub?", provider.ErrBadResponse)
		}
		if now.IsZero() {
			if t, ok := hubTime(hdr); ok {
				now = t
			} else {
				now = time.Now().Truncate(time.Second)
			}
		}
		for _, s := range lp.Items {
			if s.ID <= last {
				return nil, time.Time{}, fmt.Errorf("%w: the hub ignored the systems filter (id %q after %q)", provider.ErrBadResponse, s.ID, last)
			}
			last = s.ID
		}
		all = append(all, lp.Items...)
		size := lp.PerPage
		if size <= 0 || size > perPage {
			size = perPage
		}
		if len(lp.Items) < size {
			return all, now, nil
		}
	}
	return nil, time.Time{}, fmt.Errorf("%w: the systems list does not end", provider.ErrBadResponse)
}

// latest is a system's newest record in the stats window: its stats and
// when the hub wrote it (a PocketBase datetime), which is when it last
// polled the system.
type latest[T any] struct {
	created string
	stats   T
}

// newest reads the one-minute records of collection created in [from, to]
// and keeps the newest per system: one pass over the window instead of a
// request per system. The upper bound freezes the result, so pages read in
// parallel cannot shift while the hub adds records.
func newest[T any](ctx context.Context, p *Provider, tok, collection string, from, to time.Time, sem chan struct{}) (map[string]latest[T], error) {
	path := "/api/collections/" + collection + "/records"
	filter := fmt.Sprintf("type='1m' && created >= %s && created <= %s",
		quote(from.UTC().Format(pbTimeLayout)), quote(to.UTC().Format(pbTimeLayout)))
	fetch := func(ctx context.Context, page int) (listPage[statsRecord], error) {
		q := url.Values{
			"page":    {strconv.Itoa(page)},
			"perPage": {strconv.Itoa(perPage)},
			"sort":    {"-created,id"},
			"filter":  {filter},
			"fields":  {"system,created,stats"},
		}
		if page > 1 {
			// The first page already told how many there are.
			q.Set("skipTotal", "true")
		}
		var lp listPage[statsRecord]
		_, err := p.call(ctx, http.MethodGet, path, q, tok, nil, &lp)
		if err == nil && lp.Items == nil {
			err = fmt.Errorf("%w: the %s list has no items; is this a Beszel hub?", provider.ErrBadResponse, collection)
		}
		return lp, err
	}

	kept := make(map[string]statsRecord)
	var mu sync.Mutex
	keep := func(items []statsRecord) {
		mu.Lock()
		defer mu.Unlock()
		for _, it := range items {
			// PocketBase datetimes share one fixed layout, so they order as strings.
			if cur, ok := kept[it.System]; !ok || it.Created > cur.Created {
				kept[it.System] = it
			}
		}
	}

	if err := acquire(ctx, sem); err != nil {
		return nil, err
	}
	first, err := fetch(ctx, 1)
	<-sem
	if err != nil {
		return nil, err
	}
	keep(first.Items)
	pages := first.TotalPages
	if pages > maxPages {
		return nil, fmt.Errorf("%w: the %s list claims %d pages", provider.ErrBadResponse, collection, pages)
	}
	if pages > 1 {
		if err := fetchRest(ctx, pages, sem, fetch, keep); err != nil {
			return nil, err
		}
	}
	out := make(map[string]latest[T], len(kept))
	for system, rec := range kept {
		var st T
		if err := json.Unmarshal(rec.Stats, &st); err != nil {
			return nil, fmt.Errorf("%w: the %s of system %s do not read like Beszel's (%s)", provider.ErrBadResponse, collection, system, shorten(err.Error()))
		}
		out[system] = latest[T]{created: rec.Created, stats: st}
	}
	return out, nil
}

func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return provider.Unreachable(ctx.Err())
	}
}

// fetchRest reads pages 2…pages in parallel, as many at once as sem
// admits, stopping at the first failure.
func fetchRest(ctx context.Context, pages int, sem chan struct{},
	fetch func(context.Context, int) (listPage[statsRecord], error), keep func([]statsRecord)) error {
	g, ctx := errgroup.WithContext(ctx)
	for page := 2; page <= pages; page++ {
		if err := acquire(ctx, sem); err != nil {
			g.Go(func() error { return err })
			break
		}
		g.Go(func() error {
			defer func() { <-sem }()
			lp, err := fetch(ctx, page)
			if err != nil {
				return err
			}
			keep(lp.Items)
			return nil
		})
	}
	return g.Wait()
}

// Check signs in, counts the systems the user sees and reads the hub's
// version, stopping at the first step that fails.
func (p *Provider) Check(ctx context.Context) provider.Check { return provider.Timed(ctx, p.check) }

const usersHint = "in Beszel (user menu → Users opens the hub's user list)"

func (p *Provider) check(ctx context.Context) provider.Check {
	// The health endpoint needs no credentials, so it tells "nothing there"
	// from "something that is not a Beszel hub" before any sign-in.
	var health struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if _, err := p.call(ctx, http.MethodGet, "/api/health", nil, "", nil, &health); err != nil {
		return p.endpointCheck(err, false)
	}
	if health.Code != http.StatusOK || health.Message == "" {
		return p.endpointCheck(fmt.Errorf("%w: /api/health did not answer like PocketBase, which a Beszel hub runs on", provider.ErrBadResponse), false)
	}
	// PocketBase words its health answer so; any other wording leaves it
	// to the sign-in to show the hub.
	recognized := health.Message == healthMessage

	tok, err := p.forceSignIn(ctx)
	if err != nil {
		var he *hubError
		own := recognized || fromHub(err)
		switch {
		case errors.As(err, &he) && he.status == http.StatusBadRequest:
			return provider.Check{Reachable: true, Recognized: own, Message: fmt.Sprintf(
				"The hub rejected the sign-in as %q (%s). Check the hub user's e-mail and password %s; a PocketBase superuser account cannot be used here.",
				p.cfg.Username, he.message, usersHint)}
		case errors.As(err, &he) && he.mfa:
			return provider.Check{Reachable: true, Recognized: own, Message: fmt.Sprintf(
				"The hub asks %q for a one-time password (MFA_OTP is on), which Leitstand cannot give. Use a hub user without MFA, or set MFA_OTP=superusers on the hub.",
				p.cfg.Username)}
		case errors.As(err, &he) && he.status == http.StatusForbidden:
			return provider.Check{Reachable: true, Recognized: own, Message: fmt.Sprintf(
				"The hub does not let %q sign in with a password (%s). Verify the user %s, or remove DISABLE_PASSWORD_AUTH from the hub's environment.",
				p.cfg.Username, he.message, usersHint)}
		default:
			return p.endpointCheck(err, recognized)
		}
	}

	// Signed in: the hub issued a token, so everything from here on is
	// the hub's word.
	var lp listPage[systemRecord]
	q := url.Values{"perPage": {"1"}, "fields": {"id"}}
	if _, err := p.call(ctx, http.MethodGet, systemsPath, q, tok, nil, &lp); err != nil {
		if errors.Is(err, provider.ErrUnreachable) {
			return p.endpointCheck(err, true)
		}
		c := provider.CheckFrom(err, true, usersHint)
		c.Reachable = true
		return c
	}
	if lp.Items == nil {
		return p.endpointCheck(fmt.Errorf("%w: the systems list has no items", provider.ErrBadResponse), true)
	}
	version, err := p.hubVersion(ctx, tok)
	if err == nil {
		p.rememberVersion(version)
	}
	if lp.TotalItems <= 0 {
		return provider.Check{Reachable: true, Recognized: true, Authenticated: true, Version: version, Message: fmt.Sprintf(
			"Signed in to the Beszel hub as %q, but the user sees no systems; share systems with it in Beszel (edit a system → Users), or set SHARE_ALL_SYSTEMS=true on the hub.",
			p.cfg.Username)}
	}
	noun := "systems"
	if lp.TotalItems == 1 {
		noun = "system"
	}
	return provider.Check{Reachable: true, Recognized: true, Authenticated: true, Authorized: true, Version: version, Message: fmt.Sprintf(
		"Signed in to the Beszel hub as %q; the user sees %d %s.", p.cfg.Username, lp.TotalItems, noun)}
}

// healthMessage is how PocketBase's /api/health says it is up.
const healthMessage = "API is healthy."

// endpointCheck explains a failure that is about the URL, not the user.
// recognized tells whether an earlier step showed the endpoint to be a
// Beszel hub; otherwise only an answer in PocketBase's error format does.
func (p *Provider) endpointCheck(err error, recognized bool) provider.Check {
	c := p.endpointFailure(err)
	c.Recognized = recognized || fromHub(err)
	return c
}

func (p *Provider) endpointFailure(err error) provider.Check {
	switch {
	case statusOf(err) == http.StatusUnauthorized || statusOf(err) == http.StatusForbidden:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The hub at %s refused the request before Beszel could sign anyone in (%d), as a reverse proxy's own login does. Let Leitstand reach the hub's /api/ without that login.",
			p.base, statusOf(err))}
	case statusOf(err) >= 500:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"The hub at %s answered with an error (%d %s). If a reverse proxy sits in front of it, the hub behind it may be down; check the hub's logs.",
			p.base, statusOf(err), http.StatusText(statusOf(err)))}
	case errors.Is(err, provider.ErrUnreachable):
		return provider.Check{Message: fmt.Sprintf(
			"The Beszel hub at %s could not be reached: %v. Check the URL, the network path and the firewall.", p.base, err)}
	default:
		return provider.Check{Reachable: true, Message: fmt.Sprintf(
			"%s answered, but not like a Beszel hub: %v. Check the URL: it is the address you open Beszel at, e.g. https://beszel.example.com.", p.base, err)}
	}
}

// forceSignIn signs in even if a token is at hand, since Check is asked
// whether the credentials work now; the new token then serves snapshots.
func (p *Provider) forceSignIn(ctx context.Context) (string, error) {
	p.mu.Lock()
	stale := p.token
	p.mu.Unlock()
	tok, _, err := p.session(ctx, stale)
	return tok, err
}

// hubVersion asks Beszel's own API, since PocketBase's /api/health does not
// report one. Hubs before 0.18.5 answer only the older /getkey path; a hub
// that answers neither reports no version, which is not an error.
func (p *Provider) hubVersion(ctx context.Context, tok string) (string, error) {
	for _, path := range []string{"/api/beszel/info", "/api/beszel/getkey"} {
		var info struct {
			Version string `json:"v"`
		}
		_, err := p.call(ctx, http.MethodGet, path, nil, tok, nil, &info)
		if err == nil {
			return info.Version, nil
		}
		if statusOf(err) != http.StatusNotFound {
			return "", err
		}
	}
	return "", nil
}
