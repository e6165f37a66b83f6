// Package hetzner reads a Hetzner Cloud project — its servers and their
// latest metrics — through hcloud-go, the official client library.
package hetzner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hetznercloud/hcloud-go/v2/hcloud"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

const (
	// perPage is the API's maximum page size; fewer pages mean fewer
	// requests against the project's hourly budget.
	perPage = 50
	// workers bounds the metrics requests in flight at once.
	workers = 8
	// The metrics window spans a few steps because the newest minute is
	// often not there yet; the latest point in it is what we report.
	metricsWindow = 5 * time.Minute
	metricsStep   = 60
	// maxPages guards against an endpoint whose pagination never ends.
	maxPages = 10_000

	// The project's request budget, as the RateLimit headers of every
	// answer report it: RateLimit-Limit requests per hour, refilled evenly
	// (Hetzner's default is 3600, one per second), RateLimit-Remaining of
	// them left. defaultRateLimit stands in when an answer lacks them.
	defaultRateLimit = 3600
	// snapshotInterval is how often the sync takes a snapshot; a snapshot
	// plans no more requests than the budget regains in that time, so the
	// sync alone never drains it.
	snapshotInterval = time.Minute
	// reservePercent of the budget is left to the operator's other tools
	// (Terraform, the hcloud CLI, scripts): metrics requests stop where
	// they would eat into it.
	reservePercent = 20
)

// tokenHint is where an operator creates or checks a token.
const tokenHint = "in the Hetzner Cloud Console: open the project, then Security → API tokens"

// Provider is a connection to one Hetzner Cloud project. It is safe for
// concurrent use: besides the client, which is, it holds only which servers'
// metrics it read last, under its mutex.
type Provider struct {
	client   *hcloud.Client
	endpoint string
	timeout  time.Duration

	mu sync.Mutex
	// round counts snapshots; fetched is the round in which each server's
	// metrics were last read (absent: never), so that the oldest go first.
	round   uint64
	fetched map[int64]uint64
}

var _ provider.Provider = (*Provider)(nil)

// New validates cfg and builds a client for the project its token belongs
// to; it does not contact the API.
func New(cfg provider.Config) (*Provider, error) {
	if err := cfg.Validate(provider.Hetzner); err != nil {
		return nil, err
	}
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = hcloud.Endpoint
	}
	if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, &provider.FieldError{Field: "endpoint", Reason: "must be an http(s) URL such as " + hcloud.Endpoint + " (or empty for that)"}
	}
	for _, r := range cfg.Token {
		if r < 0x20 || r == 0x7f {
			return nil, &provider.FieldError{Field: "token", Reason: "contains a line break or control character; paste the token alone"}
		}
	}
	timeout := cfg.CallTimeout()
	// hcloud-go retries rate limits, conflicts and gateway errors five
	// times with a backoff of up to a minute by default. Every call here
	// runs under a deadline of one timeout, so the retries must fit into
	// it: two quick ones catch a momentary hiccup (the rate-limit budget
	// refills at one request per second), anything longer is an outage the
	// next sync tick will see anyway.
	backoff := hcloud.ExponentialBackoffWithOpts(hcloud.ExponentialBackoffOpts{
		Base:       min(250*time.Millisecond, timeout/8),
		Multiplier: 2,
		Cap:        min(2*time.Second, timeout/4),
		Jitter:     true,
	})
	client := hcloud.NewClient(
		hcloud.WithToken(cfg.Token),
		hcloud.WithEndpoint(endpoint),
		hcloud.WithHTTPClient(cfg.Client()),
		hcloud.WithApplication("leitstand", ""),
		hcloud.WithRetryOpts(hcloud.RetryOpts{BackoffFunc: backoff, MaxRetries: 2}),
		// Leitstand never waits for actions, but should it ever, polling
		// must not outlast a call either.
		hcloud.WithPollOpts(hcloud.PollOpts{BackoffFunc: hcloud.ConstantBackoff(min(time.Second, timeout/4))}),
	)
	return &Provider{client: client, endpoint: strings.TrimRight(endpoint, "/"), timeout: timeout, fetched: map[int64]uint64{}}, nil
}

// Check lists one server: that shows the API answers, takes the token and
// lets it read servers, which is all Leitstand does (so a read-only token
// is enough). Hetzner Cloud reports no version.
func (p *Provider) Check(ctx context.Context) provider.Check {
	start := time.Now()
	total, err := p.probe(ctx)
	// Only an answer in the API's own shape (a server list, the error
	// object) shows the endpoint to be Hetzner Cloud; a refusal from
	// anything else says nothing about the token.
	recognized := err == nil || errors.Is(err, errFromAPI)
	var (
		c  provider.Check
		rl *rateLimitError
	)
	switch {
	case err == nil:
		c = provider.Check{Reachable: true, Authenticated: true, Authorized: true,
			Message: fmt.Sprintf("Connected to Hetzner Cloud: the token is valid and can read the project's servers (%d).", total)}
	case errors.Is(err, provider.ErrUnauthorized) && recognized:
		c = provider.Check{Reachable: true,
			Message: "Hetzner Cloud rejected the token (401). Create a token " + tokenHint + "; Read permission is enough, as Leitstand only reads."}
	case errors.As(err, &rl):
		c = provider.Check{Reachable: true,
			Message: "Hetzner Cloud answered but is rate limiting this project (429), so the token could not be checked yet" + rl.budget() + ". Try again in a minute; every tool using the project's tokens shares that budget."}
	case errors.Is(err, errAPIFailing):
		c = provider.Check{Reachable: true,
			Message: "Hetzner Cloud answered but is failing right now: " + reason(err, provider.ErrUnreachable) + ". That is on Hetzner's side: see status.hetzner.com and try again later."}
	case errors.Is(err, provider.ErrBadResponse), !recognized && (errors.Is(err, provider.ErrUnauthorized) || errors.Is(err, provider.ErrForbidden)):
		// An error page that refuses the token is no answer of the API.
		c = provider.CheckFrom(err, recognized, tokenHint)
		c.Message = "The endpoint answered, but not like the Hetzner Cloud API: " + reason(err, provider.ErrBadResponse) + ". Check the URL: it is " + hcloud.Endpoint + ", or leave it empty."
	default:
		c = provider.CheckFrom(err, recognized, tokenHint)
	}
	c.Recognized = recognized
	c.Latency = time.Since(start)
	return c
}

// probe lists the first server and returns how many the project has.
func (p *Provider) probe(ctx context.Context) (int, error) {
	_, resp, err := p.listPage(ctx, 1, 1)
	if err != nil {
		return 0, err
	}
	return resp.Meta.Pagination.TotalEntries, nil
}

// listPage reads one page of servers and makes sure the answer came from
// the Hetzner Cloud API: a list without pagination did not.
func (p *Provider) listPage(ctx context.Context, page, size int) ([]*hcloud.Server, *hcloud.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	servers, resp, err := p.client.Server.List(ctx, hcloud.ServerListOpts{ListOpts: hcloud.ListOpts{Page: page, PerPage: size}})
	if err != nil {
		err = classify(err, resp)
		if errors.Is(err, provider.ErrNotFound) {
			// The server list always exists; a 404 means the URL points
			// somewhere else (if the API said so, another path of it).
			nf := fmt.Errorf("%w: %s/servers does not exist (404)", provider.ErrBadResponse, p.endpoint)
			if errors.Is(err, errFromAPI) {
				nf = &markedError{err: nf, mark: errFromAPI}
			}
			err = nf
		}
		return nil, resp, err
	}
	if resp.Meta.Pagination == nil {
		return nil, resp, fmt.Errorf("%w: the server list came without pagination", provider.ErrBadResponse)
	}
	return servers, resp, nil
}

// Snapshot reads every server of the project and, as far as the project's
// request budget allows, the latest metrics of the running ones.
//
// The server list (one request per 50 servers) is always read in full.
// Metrics cost one request per server, so a snapshot reads them only for as
// many servers as the budget allows: no more than the budget regains in a
// minute (the sync's interval) minus the list's requests, and never so many
// that less than 20 % of the budget would be left for the operator's other
// tools; both figures come from the RateLimit headers of the answers (a
// project of 3600 requests per hour when they are missing). Servers take
// turns, those whose metrics are oldest first, so with Hetzner's default
// budget and few other users every one of 340 running servers gets fresh
// metrics every 7 minutes. A running server skipped this time has Metrics
// nil, and the sync keeps its previous sample; so does one whose metrics
// were cut short by a rate limit (429), after which no more metrics are
// asked for in this snapshot.
func (p *Provider) Snapshot(ctx context.Context) (*provider.Snapshot, error) {
	servers, pages, last, err := p.allServers(ctx)
	if err != nil {
		return nil, fmt.Errorf("hetzner: list servers: %w", err)
	}
	taken := time.Now()
	machines := make([]provider.Machine, len(servers))
	for i, s := range servers {
		machines[i] = machineFrom(s)
	}
	plan := p.planMetrics(servers, budgetOf(last).metricsCalls(pages))
	done, err := p.fillMetrics(ctx, servers, machines, plan.picks, taken)
	p.settle(plan, done)
	if err != nil {
		return nil, fmt.Errorf("hetzner: server metrics: %w", err)
	}
	// Hetzner Cloud reports no version of its own, so Version stays empty.
	return &provider.Snapshot{Time: taken, Machines: machines}, nil
}

// allServers reads every page of the server list. It returns how many
// requests that took and the last answer, whose headers tell the budget
// left.
func (p *Provider) allServers(ctx context.Context) ([]*hcloud.Server, int, *hcloud.Response, error) {
	var (
		all   []*hcloud.Server
		last  *hcloud.Response
		pages int
	)
	seen := map[int64]bool{}
	for page := 1; page != 0; {
		if page > maxPages {
			return nil, pages, nil, fmt.Errorf("%w: the server list does not end after %d pages", provider.ErrBadResponse, maxPages)
		}
		servers, resp, err := p.listPage(ctx, page, perPage)
		pages++
		if err != nil {
			return nil, pages, nil, err
		}
		last = resp
		// A server created or deleted while we page shifts the pages by
		// one; keep the first sighting rather than report it twice.
		for _, s := range servers {
			if !seen[s.ID] {
				seen[s.ID] = true
				all = append(all, s)
			}
		}
		next := resp.Meta.Pagination.NextPage
		if next != 0 && next <= page {
			return nil, pages, nil, fmt.Errorf("%w: page %d names page %d as the next", provider.ErrBadResponse, page, next)
		}
		page = next
	}
	return all, pages, last, nil
}

// budget is the project's request budget as an answer's RateLimit headers
// report it.
type budget struct {
	// limit is the requests per hour, refilled evenly over the hour.
	limit int
	// remaining is how many are left; known tells whether the answer
	// said.
	remaining int
	known     bool
}

// budgetOf reads the RateLimit headers of resp, falling back to Hetzner's
// default budget, and to no knowledge of what is left, where they are
// missing or garbled.
func budgetOf(resp *hcloud.Response) budget {
	b := budget{limit: defaultRateLimit}
	if resp == nil || resp.Response == nil {
		return b
	}
	if n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("RateLimit-Limit"))); err == nil && n > 0 {
		b.limit = n
	}
	if n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("RateLimit-Remaining"))); err == nil && n >= 0 {
		b.remaining, b.known = n, true
	}
	return b
}

// reserve is the part of the budget left to the operator's other tools.
func (b budget) reserve() int { return (b.limit*reservePercent + 99) / 100 }

// perInterval is how many requests the budget regains between two
// snapshots.
func (b budget) perInterval() int {
	return int(int64(b.limit) * int64(snapshotInterval/time.Second) / int64(time.Hour/time.Second))
}

// metricsCalls is how many metrics requests a snapshot may make after
// spending spent requests on the server list: what the budget regains
// per interval, less the list, and no more than is left above the reserve.
func (b budget) metricsCalls(spent int) int {
	n := b.perInterval() - spent
	if b.known {
		n = min(n, b.remaining-b.reserve())
	}
	return max(n, 0)
}

// exhausted reports whether an answer says the budget is down to the
// reserve, so that further metrics requests would eat into it (the
// operator's other tools are busy too).
func exhausted(resp *hcloud.Response) bool {
	now := budgetOf(resp)
	return now.known && now.remaining < now.reserve()
}

// metricsPlan is which servers a snapshot reads metrics for.
type metricsPlan struct {
	round   uint64
	servers []*hcloud.Server
	// picks are indexes into the server list; before is the round each
	// pick's metrics were read in until now (0: never).
	picks  []int
	before []uint64
}

// planMetrics picks up to n running servers, those whose metrics were read
// longest ago (or never) first, in list order among equals, and marks them
// read in this round, so that a snapshot taken meanwhile picks others. It
// forgets servers that are gone.
func (p *Provider) planMetrics(servers []*hcloud.Server, n int) metricsPlan {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.round++
	plan := metricsPlan{round: p.round}
	fetched := make(map[int64]uint64, len(servers))
	var running []int
	for i, s := range servers {
		if r, ok := p.fetched[s.ID]; ok {
			fetched[s.ID] = r
		}
		if s.Status == hcloud.ServerStatusRunning {
			running = append(running, i)
		}
	}
	slices.SortStableFunc(running, func(a, b int) int {
		return cmp.Compare(fetched[servers[a].ID], fetched[servers[b].ID])
	})
	plan.picks = running[:min(n, len(running))]
	plan.before = make([]uint64, len(plan.picks))
	for k, i := range plan.picks {
		id := servers[i].ID
		plan.before[k] = fetched[id]
		fetched[id] = plan.round
	}
	// Concurrent snapshots may list different servers; the last one's
	// list wins, which only costs a server its turn.
	p.fetched = fetched
	plan.servers = servers
	return plan
}

// settle gives the servers whose metrics were not read after all (a rate
// limit, an error, cancellation) their turn back, unless a later snapshot
// took it meanwhile.
func (p *Provider) settle(plan metricsPlan, done []bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, i := range plan.picks {
		if done[k] {
			continue
		}
		id := plan.servers[i].ID
		if r, ok := p.fetched[id]; ok && r == plan.round {
			if plan.before[k] == 0 {
				delete(p.fetched, id)
			} else {
				p.fetched[id] = plan.before[k]
			}
		}
	}
}

// memoryBytes is the server type's memory; Hetzner states it in GB and
// means GiB, as the guest's total shows.
func memoryBytes(t *hcloud.ServerType) int64 {
	return int64(math.Round(float64(t.Memory) * (1 << 30)))
}

func machineFrom(s *hcloud.Server) provider.Machine {
	m := provider.Machine{
		ID:     strconv.FormatInt(s.ID, 10),
		Name:   s.Name,
		Kind:   provider.Cloud,
		IP:     primaryIP(s),
		Status: string(s.Status),
		Up:     s.Status == hcloud.ServerStatusRunning,
	}
	if s.Location != nil {
		m.Location = s.Location.Name
	}
	diskGB := s.PrimaryDiskSize
	if t := s.ServerType; t != nil {
		m.Cores = t.Cores
		m.MemoryBytes = memoryBytes(t)
		if diskGB == 0 {
			diskGB = t.Disk
		}
	}
	m.DiskBytes = int64(diskGB) << 30
	return m
}

// primaryIP is the address an operator reaches the server at: its public
// IPv4, else the ::1 of its IPv6 network (where Hetzner's images put the
// server), else its first private address.
func primaryIP(s *hcloud.Server) string {
	if !s.PublicNet.IPv4.IsUnspecified() {
		return s.PublicNet.IPv4.IP.String()
	}
	if n := s.PublicNet.IPv6.Network; n != nil && n.IP.To4() == nil {
		ip := make(net.IP, len(n.IP))
		copy(ip, n.IP)
		ip[len(ip)-1] |= 1
		return ip.String()
	}
	for _, pn := range s.PrivateNet {
		if pn.IP != nil {
			return pn.IP.String()
		}
	}
	return ""
}

// fillMetrics reads the latest metrics of the servers picked (indexes into
// servers), eight at a time, and reports which it read. A server deleted
// meanwhile just has none. Once the project's rate limit is reached, or an
// answer says the budget is down to the reserve, the remaining servers go
// without metrics: the inventory is still right, and more requests would
// only eat into a budget the operator's other tools share.
func (p *Provider) fillMetrics(ctx context.Context, servers []*hcloud.Server, machines []provider.Machine, picks []int, end time.Time) ([]bool, error) {
	done := make([]bool, len(picks))
	if len(picks) == 0 {
		return done, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		limited  atomic.Bool
		errOnce  sync.Once
		firstErr error
		wg       sync.WaitGroup
		next     = make(chan int)
	)
	for range min(workers, len(picks)) {
		wg.Go(func() {
			for k := range next {
				if limited.Load() || ctx.Err() != nil {
					continue
				}
				i := picks[k]
				sample, resp, err := p.metrics(ctx, servers[i], end)
				switch {
				case err == nil:
					machines[i].Metrics = sample
					done[k] = true
					if exhausted(resp) {
						limited.Store(true)
					}
				case hcloud.IsError(err, hcloud.ErrorCodeNotFound):
					done[k] = true
				case hcloud.IsError(err, hcloud.ErrorCodeRateLimitExceeded):
					limited.Store(true)
				default:
					errOnce.Do(func() {
						firstErr = fmt.Errorf("server %d: %w", servers[i].ID, classify(err, nil))
						cancel()
					})
				}
			}
		})
	}
feed:
	for k := range picks {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return done, firstErr
	}
	if err := ctx.Err(); err != nil {
		return done, provider.Unreachable(err)
	}
	return done, nil
}

// metrics reads the latest sample of one server. Hetzner measures only
// CPU, disk I/O and network: memory and disk usage are not known, so they
// stay 0 and only the totals from the server type are filled in.
func (p *Provider) metrics(ctx context.Context, s *hcloud.Server, end time.Time) (*provider.Sample, *hcloud.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	end = end.UTC()
	m, resp, err := p.client.Server.GetMetrics(ctx, s, hcloud.ServerGetMetricsOpts{
		Types: []hcloud.ServerMetricType{hcloud.ServerMetricCPU, hcloud.ServerMetricDisk, hcloud.ServerMetricNetwork},
		Start: end.Add(-metricsWindow),
		End:   end,
		Step:  metricsStep,
	})
	if err != nil {
		return nil, resp, err
	}
	cpu, okCPU := latest(m.TimeSeries["cpu"])
	in, okIn := latest(m.TimeSeries["network.0.bandwidth.in"])
	out, okOut := latest(m.TimeSeries["network.0.bandwidth.out"])
	if !okCPU && !okIn && !okOut {
		return nil, resp, nil // just started: no data yet
	}
	sample := &provider.Sample{
		NetInBytesPerSecond:  in,
		NetOutBytesPerSecond: out,
	}
	if t := s.ServerType; t != nil {
		sample.MemoryTotal = memoryBytes(t)
		// The API counts CPU per vCPU; Leitstand wants the share of the
		// whole server. Hetzner's API reference (docs.hetzner.cloud →
		// Servers → Get Metrics for a Server): "It is calculated per vCPU:
		// a value of 100 represents full utilization on a 1-vCPU server,
		// and 25% utilization on a 4-vCPU server. To calculate the overall
		// CPU usage, divide the metric value by the number of vCPUs."
		if t.Cores > 0 {
			cpu /= float64(t.Cores)
		}
	}
	sample.CPUPercent = max(0, min(100, cpu))
	diskGB := s.PrimaryDiskSize
	if diskGB == 0 && s.ServerType != nil {
		diskGB = s.ServerType.Disk
	}
	sample.DiskTotal = int64(diskGB) << 30
	return sample, resp, nil
}

// latest is the newest value of a series that is a number; a gap in the
// data comes as a missing or non-numeric point.
func latest(series []hcloud.ServerMetricsValue) (float64, bool) {
	best, found := math.Inf(-1), false
	var v float64
	for _, p := range series {
		f, err := strconv.ParseFloat(p.Value, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || p.Timestamp < best {
			continue
		}
		best, v, found = p.Timestamp, f, true
	}
	return v, found
}

// errRateLimited marks a 429; it wraps provider.ErrUnreachable because, to
// the sync, the project is out of reach until its budget refills.
var errRateLimited = errors.New("rate limit exceeded")

// classify turns an error of hcloud-go into one wrapping the provider
// errors. resp is the answer the error came with, where there was one.
func classify(err error, resp *hcloud.Response) error {
	var apiErr hcloud.Error
	if errors.As(err, &apiErr) {
		if apiErr.Code == "" {
			// {"error": {"message": …}} alone is many an API's shape.
			return fromAPIError(apiErr)
		}
		return &markedError{err: fromAPIError(apiErr), mark: errFromAPI}
	}
	var (
		urlErr *url.Error
		netErr net.Error
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &urlErr), errors.As(err, &netErr),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return provider.Unreachable(err)
	case errors.Is(err, hcloud.ErrStatusCode) && resp != nil && resp.Response != nil:
		// An error status without the API's error body: a proxy or
		// load balancer in between, or not the API at all.
		return statusError(resp.StatusCode, "an error page, not the API's error")
	case resp != nil && resp.Response != nil && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"):
		ct := resp.Header.Get("Content-Type")
		if ct == "" {
			ct = "no content type"
		}
		return fmt.Errorf("%w: HTTP %d with %s instead of the API's JSON", provider.ErrBadResponse, resp.StatusCode, ct)
	default:
		// An answer arrived but could not be read as the API's JSON.
		return fmt.Errorf("%w: %v", provider.ErrBadResponse, err)
	}
}

// errAPIFailing marks a 5xx: the API answered, so the network path is fine,
// but it cannot serve the request now.
var errAPIFailing = errors.New("the API is failing")

// errFromAPI marks an error the API gave in its own error object
// ({"error": {"code": "unauthorized", "message": …}}), as opposed to an
// error page from a proxy in between or from another server.
var errFromAPI = errors.New("answered by the Hetzner Cloud API")

// statusError is provider.StatusError, with 5xx also marked errAPIFailing.
func statusError(status int, detail string) error {
	err := provider.StatusError(status, detail)
	if status >= 500 {
		return &markedError{err: err, mark: errAPIFailing}
	}
	return err
}

// markedError is err with a second, unprinted error to match with
// errors.Is.
type markedError struct{ err, mark error }

func (e *markedError) Error() string   { return e.err.Error() }
func (e *markedError) Unwrap() []error { return []error{e.err, e.mark} }

// reason is err's text without the leading sentinel, for sentences that
// say what the sentinel means in their own words.
func reason(err, sentinel error) string {
	msg := err.Error()
	if i := strings.Index(msg, sentinel.Error()+": "); i >= 0 {
		return msg[i+len(sentinel.Error())+2:]
	}
	return msg
}

func fromAPIError(e hcloud.Error) error {
	detail := e.Message + " (" + string(e.Code) + ")"
	status := 0
	if r := e.Response(); r != nil && r.Response != nil {
		status = r.StatusCode
	}
	switch e.Code {
	case hcloud.ErrorCodeRateLimitExceeded:
		rl := &rateLimitError{detail: detail}
		if r := e.Response(); r != nil {
			rl.limit, rl.reset = r.Meta.Ratelimit.Limit, r.Meta.Ratelimit.Reset
		}
		return rl
	case hcloud.ErrorCodeUnauthorized:
		status = 401
	case hcloud.ErrorCodeForbidden:
		status = 403
	case hcloud.ErrorCodeNotFound:
		status = 404
	case "service_unavailable", hcloud.ErrorCodeServerError, hcloud.ErrorCodeBadGateway,
		hcloud.ErrorCodeTimeout, hcloud.ErrorCodeMaintenance, hcloud.ErrorCodeServiceError,
		hcloud.ErrorCodeUnknownError, hcloud.ErrorCodeRobotUnavailable:
		status = max(status, 503)
	}
	if status == 0 {
		status = 400
	}
	return statusError(status, detail)
}

// rateLimitError is a 429 in words, wrapping both provider.ErrUnreachable
// and errRateLimited.
type rateLimitError struct {
	detail string
	limit  int
	reset  time.Time
}

func (e *rateLimitError) Error() string {
	return fmt.Sprintf("%v: Hetzner Cloud %v (429): %s%s", provider.ErrUnreachable, errRateLimited, e.detail, e.budget())
}

// budget explains the project's request budget where the answer told it.
func (e *rateLimitError) budget() string {
	if e.limit <= 0 || e.reset.IsZero() {
		return ""
	}
	return fmt.Sprintf("; the project may send %d requests per hour and gets one more each second, all of them back by %s UTC",
		e.limit, e.reset.UTC().Format("15:04:05"))
}

func (e *rateLimitError) Unwrap() []error { return []error{provider.ErrUnreachable, errRateLimited} }
