// Command loadgen drives OrganizationService with the generated Connect client
// over HTTP/2 without TLS (h2c): N workers send requests back to back for a
// warm-up and then for a fixed measured duration, and it reports requests per
// second and latency percentiles of the measured part.
//
//	loadgen -url http://127.0.0.1:8080 -token SECRET -procedure get -ids-file ids.txt
//	loadgen -url http://127.0.0.1:8080 -token SECRET -procedure list -page-size 50
//	loadgen -url http://127.0.0.1:8080 -token SECRET -fetch-ids ids.txt
//
// Beside the reads, it can keep a steady stream of writes going, as a real
// installation always has: -update-rate UpdateOrganization calls on random
// organizations and -signin-rate sign-ins (each audited) per second. They are
// paced by the clock, not by their answers (a slow write does not slow the
// stream), and reported apart from the reads with their own latencies.
//
//	loadgen -procedure get -update-rate 16 -signin-rate 4 -signin-email bench@… (password in $BENCH_SIGNIN_PASSWORD)
//
// It only talks to loopback addresses (unless -allow-remote), and it stops by
// itself: after warm-up plus duration, and at the latest after -max-requests
// measured requests.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
)

type options struct {
	url         string
	token       string
	procedure   string
	concurrency int
	connections int
	warmup      time.Duration
	duration    time.Duration
	timeout     time.Duration
	maxRequests int64
	pageSize    int
	idsFile     string
	fetchIDs    string
	maxIDs      int
	protocol    string
	label       string
	jsonOut     string
	allowRemote bool
	gzip        bool
	cpuPids     []cpuTarget
	updateRate  float64
	signinRate  float64
	signinEmail string
	signinPass  string
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "http://127.0.0.1:8080", "base URL of the server (http://, spoken as HTTP/2 cleartext)")
	flag.StringVar(&o.token, "token", os.Getenv("BENCH_TOKEN"), "API token sent as Authorization: Bearer (default $BENCH_TOKEN); empty sends none")
	flag.StringVar(&o.procedure, "procedure", "get", "get (GetOrganization on random ids) or list (ListOrganizations, first page)")
	flag.IntVar(&o.concurrency, "concurrency", 64, "number of workers, each with one request in flight")
	flag.IntVar(&o.connections, "connections", 1, "number of HTTP/2 connections the workers share")
	flag.DurationVar(&o.warmup, "warmup", 3*time.Second, "load before measuring; not counted")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measured duration")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout of a single request")
	flag.Int64Var(&o.maxRequests, "max-requests", 5_000_000, "stop measuring after this many requests")
	flag.IntVar(&o.pageSize, "page-size", 50, "page size of ListOrganizations")
	flag.StringVar(&o.idsFile, "ids-file", "", "organization ids (org_…), one a line, for get; fetched with ListOrganizations when empty")
	flag.StringVar(&o.fetchIDs, "fetch-ids", "", "only fetch the organization ids with ListOrganizations, write them to this file and exit")
	flag.IntVar(&o.maxIDs, "max-ids", 10_000, "fetch at most this many ids")
	flag.StringVar(&o.protocol, "protocol", "connect", "connect, grpc or grpcweb")
	flag.StringVar(&o.label, "label", "", "label of the run in the report, e.g. sqlite/server")
	flag.StringVar(&o.jsonOut, "json", "", "also write the result as JSON to this file")
	flag.BoolVar(&o.allowRemote, "allow-remote", false, "allow a server that is not on a loopback address")
	flag.BoolVar(&o.gzip, "gzip", true, "accept gzip-compressed responses, as the generated client does by default")
	flag.Float64Var(&o.updateRate, "update-rate", 0, "UpdateOrganization calls per second on random organizations, beside the reads")
	flag.Float64Var(&o.signinRate, "signin-rate", 0, "sign-ins per second (AuthService/Login as -signin-email), beside the reads")
	flag.StringVar(&o.signinEmail, "signin-email", "", "the account the sign-ins use; its password comes from $BENCH_SIGNIN_PASSWORD")
	cpuPids := flag.String("cpu-pids", "", "also measure the CPU time per request of these processes and their descendants, e.g. server=123,db=456 (Linux)")
	flag.Parse()
	o.signinPass = os.Getenv("BENCH_SIGNIN_PASSWORD")
	var err error
	if o.cpuPids, err = parseCPUPids(*cpuPids); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if err := checkOptions(&o); err != nil {
		return err
	}
	clients := make([]adminv1connect.OrganizationServiceClient, o.connections)
	for i := range clients {
		clients[i], _ = newClients(o)
	}
	setupCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	if o.fetchIDs != "" {
		ids, err := fetchIDs(setupCtx, clients[0], o.maxIDs)
		if err != nil {
			return err
		}
		if err := os.WriteFile(o.fetchIDs, []byte(strings.Join(ids, "\n")+"\n"), 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %d organization ids to %s\n", len(ids), o.fetchIDs)
		return nil
	}

	var ids []string
	if o.procedure == "get" || o.updateRate > 0 {
		var err error
		if ids, err = loadIDs(setupCtx, o, clients[0]); err != nil {
			return err
		}
	}
	var call func(ctx context.Context, c adminv1connect.OrganizationServiceClient, rng *rand.Rand) error
	switch o.procedure {
	case "get":
		call = func(ctx context.Context, c adminv1connect.OrganizationServiceClient, rng *rand.Rand) error {
			_, err := c.GetOrganization(ctx, connect.NewRequest(&adminv1.GetOrganizationRequest{Id: ids[rng.IntN(len(ids))]}))
			return err
		}
	case "list":
		size := int32(o.pageSize)
		call = func(ctx context.Context, c adminv1connect.OrganizationServiceClient, _ *rand.Rand) error {
			res, err := c.ListOrganizations(ctx, connect.NewRequest(&adminv1.ListOrganizationsRequest{PageSize: size}))
			if err == nil && len(res.Msg.GetOrganizations()) == 0 {
				err = errors.New("empty page")
			}
			return err
		}
	}
	// The writes come from other people than the reads: a connection of
	// their own, as another browser or script would have.
	writeClient, writeAuth := newClients(o)
	writes := writeMix(o, ids, []adminv1connect.OrganizationServiceClient{writeClient}, []adminv1connect.AuthServiceClient{writeAuth})
	// One request of each kind before the clock starts: it fails fast on a
	// wrong URL, token or password instead of after the whole run.
	if err := call(setupCtx, clients[0], rand.New(rand.NewPCG(1, 2))); err != nil {
		return fmt.Errorf("first request: %w", err)
	}
	for _, w := range writes {
		if err := w.call(setupCtx, 0, rand.New(rand.NewPCG(3, 4))); err != nil {
			return fmt.Errorf("first %s: %w", w.name, err)
		}
	}
	cancel()

	r := load(o, clients, call, writes)
	fmt.Println(r.line())
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(r, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if r.Requests == 0 {
		return fmt.Errorf("no request succeeded (%d errors; first: %s)", r.Errors, r.FirstError)
	}
	return nil
}

func checkOptions(o *options) error {
	if o.procedure != "get" && o.procedure != "list" {
		return fmt.Errorf("-procedure must be get or list, not %q", o.procedure)
	}
	if o.concurrency < 1 || o.concurrency > 4096 {
		return errors.New("-concurrency must be between 1 and 4096")
	}
	if o.connections < 1 || o.connections > o.concurrency {
		return errors.New("-connections must be between 1 and -concurrency")
	}
	if o.duration <= 0 || o.duration > 10*time.Minute || o.warmup < 0 || o.warmup > 10*time.Minute {
		return errors.New("-duration must be positive and, like -warmup, at most 10m")
	}
	if o.updateRate < 0 || o.updateRate > 1000 || o.signinRate < 0 || o.signinRate > 100 {
		return errors.New("-update-rate must be between 0 and 1000, -signin-rate between 0 and 100")
	}
	if o.signinRate > 0 && (o.signinEmail == "" || o.signinPass == "") {
		return errors.New("-signin-rate needs -signin-email and $BENCH_SIGNIN_PASSWORD")
	}
	if o.pageSize < 1 || o.pageSize > 500 {
		return errors.New("-page-size must be between 1 and 500")
	}
	u, err := url.Parse(o.url)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("-url must be http://host:port (HTTP/2 cleartext), not %q", o.url)
	}
	if !o.allowRemote && !isLoopback(u.Hostname()) {
		return fmt.Errorf("%s is not a loopback address (say -allow-remote to load it anyway)", u.Hostname())
	}
	if o.label == "" {
		o.label = o.url
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newClients returns the clients of one HTTP/2 cleartext connection.
func newClients(o options) (adminv1connect.OrganizationServiceClient, adminv1connect.AuthServiceClient) {
	p := new(http.Protocols)
	p.SetUnencryptedHTTP2(true)
	hc := &http.Client{Transport: &http.Transport{Protocols: p}}
	opts := []connect.ClientOption{}
	if !o.gzip {
		opts = append(opts, connect.WithAcceptCompression("gzip", nil, nil))
	}
	switch o.protocol {
	case "grpc":
		opts = append(opts, connect.WithGRPC())
	case "grpcweb":
		opts = append(opts, connect.WithGRPCWeb())
	}
	if o.token != "" {
		bearer := "Bearer " + o.token
		opts = append(opts, connect.WithInterceptors(connect.UnaryInterceptorFunc(func(next connect.UnaryFunc) connect.UnaryFunc {
			return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
				req.Header().Set("Authorization", bearer)
				return next(ctx, req)
			}
		})))
	}
	base := strings.TrimRight(o.url, "/")
	return adminv1connect.NewOrganizationServiceClient(hc, base, opts...), adminv1connect.NewAuthServiceClient(hc, base, opts...)
}

// loadIDs reads -ids-file, or fetches the ids when it is not given.
func loadIDs(ctx context.Context, o options, c adminv1connect.OrganizationServiceClient) ([]string, error) {
	if o.idsFile == "" {
		return fetchIDs(ctx, c, o.maxIDs)
	}
	f, err := os.Open(o.idsFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ids []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if id := strings.TrimSpace(s.Text()); id != "" {
			ids = append(ids, id)
		}
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s holds no ids", o.idsFile)
	}
	return ids, nil
}

// fetchIDs pages through ListOrganizations.
func fetchIDs(ctx context.Context, c adminv1connect.OrganizationServiceClient, limit int) ([]string, error) {
	var ids []string
	token := ""
	for len(ids) < limit {
		res, err := c.ListOrganizations(ctx, connect.NewRequest(&adminv1.ListOrganizationsRequest{
			PageSize: int32(min(500, limit-len(ids))), PageToken: token,
		}))
		if err != nil {
			return nil, fmt.Errorf("list organizations: %w", err)
		}
		for _, org := range res.Msg.GetOrganizations() {
			ids = append(ids, org.GetId())
		}
		if token = res.Msg.GetNextPageToken(); token == "" {
			break
		}
	}
	if len(ids) == 0 {
		return nil, errors.New("the server has no organizations")
	}
	return ids, nil
}

// result is the outcome of one run.
type result struct {
	Label       string  `json:"label"`
	URL         string  `json:"url"`
	Procedure   string  `json:"procedure"`
	Protocol    string  `json:"protocol"`
	Concurrency int     `json:"concurrency"`
	Connections int     `json:"connections"`
	AcceptGzip  bool    `json:"accept_gzip"`
	PageSize    int     `json:"page_size,omitempty"`
	WarmupS     float64 `json:"warmup_s"`
	DurationS   float64 `json:"duration_s"`
	Requests    int     `json:"requests"`
	Errors      int64   `json:"errors"`
	RPS         float64 `json:"rps"`
	MeanMS      float64 `json:"mean_ms"`
	P50MS       float64 `json:"p50_ms"`
	P90MS       float64 `json:"p90_ms"`
	P99MS       float64 `json:"p99_ms"`
	MaxMS       float64 `json:"max_ms"`
	// CPUus is the CPU time spent per measured request, in microseconds,
	// by the load generator and each process named by -cpu-pids; "total"
	// sums them.
	CPUus      map[string]float64 `json:"cpu_us_per_request,omitempty"`
	FirstError string             `json:"first_error,omitempty"`
	// The writes beside the reads (-update-rate, -signin-rate), counted in
	// the same window; WritesSkipped were not started because too many
	// were still unanswered.
	Writes          int     `json:"writes,omitempty"`
	WriteErrors     int64   `json:"write_errors,omitempty"`
	WritesSkipped   int64   `json:"writes_skipped,omitempty"`
	WriteRPS        float64 `json:"write_rps,omitempty"`
	WriteP50MS      float64 `json:"write_p50_ms,omitempty"`
	WriteP99MS      float64 `json:"write_p99_ms,omitempty"`
	WriteMaxMS      float64 `json:"write_max_ms,omitempty"`
	WriteFirstError string  `json:"write_first_error,omitempty"`
	// Each kind of write alone: updates and sign-ins.
	UpdateP50MS float64 `json:"update_p50_ms,omitempty"`
	UpdateP99MS float64 `json:"update_p99_ms,omitempty"`
	SigninP50MS float64 `json:"signin_p50_ms,omitempty"`
	SigninP99MS float64 `json:"signin_p99_ms,omitempty"`
}

func (r result) line() string {
	s := fmt.Sprintf("%-24s %-5s c=%d rps=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms requests=%d errors=%d",
		r.Label, r.Procedure, r.Concurrency, r.RPS, r.P50MS, r.P90MS, r.P99MS, r.MaxMS, r.Requests, r.Errors)
	if t, ok := r.CPUus["total"]; ok {
		s += fmt.Sprintf(" cpu=%.0fus/req", t)
		for _, name := range slices.Sorted(maps.Keys(r.CPUus)) {
			if name != "total" {
				s += fmt.Sprintf(" %s=%.0f", name, r.CPUus[name])
			}
		}
	}
	if r.Writes > 0 || r.WriteErrors > 0 {
		s += fmt.Sprintf(" | writes=%d (%.1f/s) p50=%.2fms p99=%.2fms errors=%d skipped=%d",
			r.Writes, r.WriteRPS, r.WriteP50MS, r.WriteP99MS, r.WriteErrors, r.WritesSkipped)
		s += fmt.Sprintf(" (updates p50=%.2fms p99=%.2fms, sign-ins p50=%.2fms p99=%.2fms)",
			r.UpdateP50MS, r.UpdateP99MS, r.SigninP50MS, r.SigninP99MS)
	}
	if r.FirstError != "" {
		s += " first_error=" + strconvQuote(r.FirstError)
	}
	if r.WriteFirstError != "" {
		s += " write_first_error=" + strconvQuote(r.WriteFirstError)
	}
	return s
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// load runs the workers. A request counts when it both started and ended
// within the measured window [warm-up end, warm-up end + duration]; requests
// in flight when the window closes are finished but not counted.
func load(o options, clients []adminv1connect.OrganizationServiceClient, call func(context.Context, adminv1connect.OrganizationServiceClient, *rand.Rand) error, writes []write) result {
	start := time.Now()
	from := start.Add(o.warmup)
	until := from.Add(o.duration)
	var (
		wg         sync.WaitGroup
		errCount   atomic.Int64
		counted    atomic.Int64
		firstError atomic.Pointer[string]
		stop       atomic.Bool
	)
	lat := make([][]time.Duration, o.concurrency)
	var ws writeStats
	var writers sync.WaitGroup
	for _, w := range writes {
		writers.Go(func() { ws.pace(w, from, until, o.timeout) })
	}
	// CPU snapshots at the edges of the window.
	var cpuBefore, cpuAfter cpuSnapshot
	cpuDone := make(chan struct{})
	halt := make(chan struct{})
	var haltOnce sync.Once
	go func() {
		defer close(cpuDone)
		select {
		case <-time.After(time.Until(from)):
			cpuBefore = takeCPU(o.cpuPids)
		case <-halt:
			return
		}
		select {
		case <-time.After(time.Until(until)):
			cpuAfter = takeCPU(o.cpuPids)
		case <-halt:
		}
	}()
	for w := range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := clients[w%len(clients)]
			rng := rand.New(rand.NewPCG(uint64(w), 0x6c6f6164))
			mine := make([]time.Duration, 0, 4096)
			for !stop.Load() {
				t0 := time.Now()
				if !t0.Before(until) {
					break
				}
				ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
				err := call(ctx, c, rng)
				cancel()
				t1 := time.Now()
				inWindow := !t0.Before(from) && !t1.After(until)
				if err != nil {
					if inWindow {
						errCount.Add(1)
					}
					msg := err.Error()
					firstError.CompareAndSwap(nil, &msg)
					continue
				}
				if inWindow {
					mine = append(mine, t1.Sub(t0))
					if counted.Add(1) >= o.maxRequests {
						stop.Store(true)
						haltOnce.Do(func() { close(halt) })
					}
				}
			}
			lat[w] = mine
		}()
	}
	wg.Wait()
	writers.Wait()
	<-cpuDone
	end := until
	if now := time.Now(); stop.Load() && now.Before(until) {
		end = now // stopped early by -max-requests
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	r := result{
		Label: o.label, URL: o.url, Procedure: o.procedure, Protocol: o.protocol,
		Concurrency: o.concurrency, Connections: o.connections, AcceptGzip: o.gzip,
		WarmupS: o.warmup.Seconds(), DurationS: end.Sub(from).Seconds(),
		Requests: len(all), Errors: errCount.Load(),
	}
	if o.procedure == "list" {
		r.PageSize = o.pageSize
	}
	if p := firstError.Load(); p != nil {
		r.FirstError = *p
	}
	ws.fill(&r, end.Sub(from).Seconds())
	if len(all) > 0 {
		var sum time.Duration
		for _, d := range all {
			sum += d
		}
		r.RPS = float64(len(all)) / end.Sub(from).Seconds()
		r.MeanMS = ms(sum / time.Duration(len(all)))
		r.P50MS = ms(percentile(all, 0.50))
		r.P90MS = ms(percentile(all, 0.90))
		r.P99MS = ms(percentile(all, 0.99))
		r.MaxMS = ms(all[len(all)-1])
		if r.CPUus = cpuPerRequest(cpuBefore, cpuAfter, len(all)); r.CPUus != nil {
			var total float64
			for _, v := range r.CPUus {
				total += v
			}
			r.CPUus["total"] = total
		}
	}
	return r
}

// percentile returns the q-quantile of sorted (nearest rank).
func percentile(sorted []time.Duration, q float64) time.Duration {
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
