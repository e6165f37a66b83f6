package hetznersim

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// garbagePage is what a web server at the wrong URL answers.
const garbagePage = `<!DOCTYPE html>
<html><head><title>Welcome to nginx!</title></head>
<body><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed.</p></body></html>
`

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for m := s.maxInFlight.Load(); n > m && !s.maxInFlight.CompareAndSwap(m, n); m = s.maxInFlight.Load() {
	}
	seq := s.requests.Add(1)
	if strings.HasSuffix(strings.TrimSuffix(r.URL.Path, "/"), "/metrics") {
		s.metricsReqs.Add(1)
	}

	if !provider.SimLatency(r, time.Duration(s.latency.Load()), s.done) {
		return
	}
	if s.garbage.Load() {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(garbagePage))
		return
	}

	now := s.now()
	limit, remaining, reset, ok := s.spend(now)
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	h.Set("X-Correlation-Id", fmt.Sprintf("%016x", splitmix(uint64(s.seed)^uint64(seq))))

	// Rate limiting applies to every request, authenticated or not.
	if s.rateLimited.Load() || !ok {
		writeError(w, http.StatusTooManyRequests, "rate_limit_exceeded", fmt.Sprintf("limit of %d requests per hour reached", limit), nil)
		return
	}
	if s.unavailable.Load() {
		writeError(w, http.StatusServiceUnavailable, "service_unavailable", "service is currently unavailable, please try again later", nil)
		return
	}
	if !authorized(r) {
		writeError(w, http.StatusUnauthorized, "unauthorized", "unable to authenticate", nil)
		return
	}

	path, ok := strings.CutPrefix(r.URL.Path, "/v1/")
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", "resource not found", nil)
		return
	}
	parts := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if parts[0] != "servers" || len(parts) > 3 || (len(parts) == 3 && parts[2] != "metrics") {
		writeError(w, http.StatusNotFound, "not_found", "resource not found", nil)
		return
	}
	// The simulator only reads; a write is refused the way the API refuses
	// a read-only token.
	if r.Method != http.MethodGet {
		writeError(w, http.StatusForbidden, "forbidden", "insufficient permissions for this request", nil)
		return
	}
	switch len(parts) {
	case 1:
		s.listServers(w, r)
	case 2:
		s.getServer(w, parts[1])
	default:
		s.serverMetrics(w, r, parts[1], now)
	}
}

func authorized(r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(token), []byte(Token)) == 1
}

type fieldError struct {
	Name     string   `json:"name"`
	Messages []string `json:"messages"`
}

func writeError(w http.ResponseWriter, status int, code, message string, fields []fieldError) {
	var details any = struct{}{}
	if fields != nil {
		details = struct {
			Fields []fieldError `json:"fields"`
		}{fields}
	}
	body := struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Details any    `json:"details"`
		} `json:"error"`
	}{}
	body.Error.Code, body.Error.Message, body.Error.Details = code, message, details
	writeJSON(w, status, body)
}

func invalidInput(w http.ResponseWriter, field, message string) {
	writeError(w, http.StatusBadRequest, "invalid_input", "invalid input in field '"+field+"'", []fieldError{{Name: field, Messages: []string{message}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeRaw(w, status, raw)
}

func writeRaw(w http.ResponseWriter, status int, raw []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(raw)))
	w.WriteHeader(status)
	_, _ = w.Write(raw)
}

const (
	defaultPerPage = 25
	maxPerPage     = 50
)

var serverStatuses = []string{"initializing", "starting", "running", "stopping", "off", "deleting", "migrating", "rebuilding", "unknown"}

// listServers answers GET /servers: filters, sorting and pagination as the
// API does them.
func (s *Server) listServers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, perPage := 1, defaultPerPage
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			invalidInput(w, "page", "must be a positive integer")
			return
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			invalidInput(w, "per_page", "must be a positive integer")
			return
		}
		perPage = min(n, maxPerPage)
	}
	for _, st := range q["status"] {
		if !slices.Contains(serverStatuses, st) {
			invalidInput(w, "status", "must be one of "+strings.Join(serverStatuses, ", "))
			return
		}
	}
	match, err := parseLabelSelector(q.Get("label_selector"))
	if err != nil {
		invalidInput(w, "label_selector", err.Error())
		return
	}

	view := s.list()
	if name, statuses := q.Get("name"), q["status"]; name != "" || len(statuses) > 0 || match != nil {
		filtered := make([]*server, 0, len(view))
		for _, sv := range view {
			if (name == "" || sv.name == name) &&
				(len(statuses) == 0 || slices.Contains(statuses, sv.status)) &&
				(match == nil || match(sv.labels)) {
				filtered = append(filtered, sv)
			}
		}
		view = filtered
	}
	if sorts := q["sort"]; len(sorts) > 0 {
		sorted, err := sortServers(view, sorts)
		if err != nil {
			invalidInput(w, "sort", err.Error())
			return
		}
		view = sorted
	}

	total := len(view)
	last := max(1, (total+perPage-1)/perPage)
	from := min((page-1)*perPage, total)
	to := min(from+perPage, total)

	var b bytes.Buffer
	b.Grow(64 + (to-from)*2600)
	b.WriteString(`{"servers":[`)
	for i, sv := range view[from:to] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(sv.raw)
	}
	b.WriteString(`],"meta":{"pagination":{"page":`)
	b.WriteString(strconv.Itoa(page))
	b.WriteString(`,"per_page":`)
	b.WriteString(strconv.Itoa(perPage))
	b.WriteString(`,"previous_page":`)
	b.WriteString(pageOrNull(page-1, page > 1))
	b.WriteString(`,"next_page":`)
	b.WriteString(pageOrNull(page+1, page < last))
	b.WriteString(`,"last_page":`)
	b.WriteString(strconv.Itoa(last))
	b.WriteString(`,"total_entries":`)
	b.WriteString(strconv.Itoa(total))
	b.WriteString(`}}}`)

	w.Header().Set("Link", linkHeader(r, page, perPage, last))
	writeRaw(w, http.StatusOK, b.Bytes())
}

func pageOrNull(p int, ok bool) string {
	if !ok {
		return "null"
	}
	return strconv.Itoa(p)
}

// linkHeader names the previous, next and last pages the way the API's
// Link header does.
func linkHeader(r *http.Request, page, perPage, last int) string {
	ref := func(p int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		q.Set("per_page", strconv.Itoa(perPage))
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
		return "<" + u.String() + `>; rel="` + rel + `"`
	}
	var links []string
	if page > 1 {
		links = append(links, ref(page-1, "prev"))
	}
	if page < last {
		links = append(links, ref(page+1, "next"))
	}
	links = append(links, ref(last, "last"))
	return strings.Join(links, ", ")
}

// parseLabelSelector understands the equality forms of a label selector:
// "k=v", "k==v", "k!=v", "k" and "!k", comma-separated; nil matches all.
func parseLabelSelector(sel string) (func(map[string]string) bool, error) {
	if sel == "" {
		return nil, nil
	}
	type term struct {
		key, value string
		op         string // "=", "!=", "exists", "!exists"
	}
	var terms []term
	for _, part := range strings.Split(sel, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
			return nil, fmt.Errorf("empty expression in %q", sel)
		case strings.Contains(part, "!="):
			k, v, _ := strings.Cut(part, "!=")
			terms = append(terms, term{strings.TrimSpace(k), strings.TrimSpace(v), "!="})
		case strings.Contains(part, "=="):
			k, v, _ := strings.Cut(part, "==")
			terms = append(terms, term{strings.TrimSpace(k), strings.TrimSpace(v), "="})
		case strings.Contains(part, "="):
			k, v, _ := strings.Cut(part, "=")
			terms = append(terms, term{strings.TrimSpace(k), strings.TrimSpace(v), "="})
		case strings.HasPrefix(part, "!"):
			terms = append(terms, term{key: strings.TrimSpace(part[1:]), op: "!exists"})
		default:
			terms = append(terms, term{key: part, op: "exists"})
		}
	}
	return func(labels map[string]string) bool {
		for _, t := range terms {
			v, ok := labels[t.key]
			switch t.op {
			case "=":
				if !ok || v != t.value {
					return false
				}
			case "!=":
				if ok && v == t.value {
					return false
				}
			case "exists":
				if !ok {
					return false
				}
			case "!exists":
				if ok {
					return false
				}
			}
		}
		return true
	}, nil
}

func sortServers(view []*server, sorts []string) ([]*server, error) {
	type key struct {
		field string
		desc  bool
	}
	var keys []key
	for _, v := range sorts {
		field, dir, _ := strings.Cut(v, ":")
		if !slices.Contains([]string{"id", "name", "created"}, field) || (dir != "" && dir != "asc" && dir != "desc") {
			return nil, fmt.Errorf("unknown sort %q", v)
		}
		keys = append(keys, key{field, dir == "desc"})
	}
	sorted := slices.Clone(view)
	slices.SortStableFunc(sorted, func(a, b *server) int {
		for _, k := range keys {
			var c int
			switch k.field {
			case "id":
				c = cmpInt(a.id, b.id)
			case "name":
				c = strings.Compare(a.name, b.name)
			default:
				c = a.created.Compare(b.created)
			}
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	return sorted, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Server) serverByPath(w http.ResponseWriter, id string) *server {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		invalidInput(w, "id", "must be an integer")
		return nil
	}
	sv := s.lookup(n)
	if sv == nil {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("server with ID '%d' not found", n), nil)
	}
	return sv
}

// getServer answers GET /servers/{id}.
func (s *Server) getServer(w http.ResponseWriter, id string) {
	sv := s.serverByPath(w, id)
	if sv == nil {
		return
	}
	var b bytes.Buffer
	b.WriteString(`{"server":`)
	b.Write(sv.raw)
	b.WriteString(`}`)
	writeRaw(w, http.StatusOK, b.Bytes())
}

const (
	// The API keeps metrics for 30 days and answers at most 500 samples
	// per series, choosing about 200 when no step is given.
	metricsRetention = 30 * 24 * time.Hour
	maxSamples       = 500
	defaultSamples   = 200
)

// serverMetrics answers GET /servers/{id}/metrics.
func (s *Server) serverMetrics(w http.ResponseWriter, r *http.Request, id string, now time.Time) {
	sv := s.serverByPath(w, id)
	if sv == nil {
		return
	}
	q := r.URL.Query()
	var names []string
	for _, v := range q["type"] {
		for _, typ := range strings.Split(v, ",") {
			series, ok := seriesByType[strings.TrimSpace(typ)]
			if !ok {
				invalidInput(w, "type", "must be one of cpu, disk, network")
				return
			}
			for _, name := range series {
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
		}
	}
	if len(names) == 0 {
		invalidInput(w, "type", "is required")
		return
	}
	start, err := time.Parse(time.RFC3339, q.Get("start"))
	if err != nil {
		invalidInput(w, "start", "must be an RFC 3339 timestamp")
		return
	}
	end, err := time.Parse(time.RFC3339, q.Get("end"))
	if err != nil {
		invalidInput(w, "end", "must be an RFC 3339 timestamp")
		return
	}
	if end.Before(start) {
		invalidInput(w, "end", "must not be before start")
		return
	}
	span := end.Sub(start).Seconds()
	step := int64(math.Ceil(span / defaultSamples))
	if v := q.Get("step"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			invalidInput(w, "step", "must be a positive integer")
			return
		}
		step = n
	}
	step = max(step, 1, int64(math.Ceil(span/maxSamples)))

	// There is data only for the past 30 days up to now; a stopped server
	// has none.
	from := max(start.Unix(), now.Add(-metricsRetention).Unix())
	to := min(end.Unix(), now.Unix())
	first := (from + step - 1) / step * step

	var b bytes.Buffer
	b.WriteString(`{"metrics":{"start":`)
	b.WriteString(strconv.Quote(start.UTC().Format(timeFormat)))
	b.WriteString(`,"end":`)
	b.WriteString(strconv.Quote(end.UTC().Format(timeFormat)))
	b.WriteString(`,"step":`)
	b.WriteString(strconv.FormatInt(step, 10))
	b.WriteString(`,"time_series":{`)
	for i, name := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(name))
		b.WriteString(`:{"values":[`)
		if sv.status == "running" {
			for t := first; t <= to; t += step {
				if t > first {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				b.WriteString(strconv.FormatInt(t, 10))
				b.WriteByte(',')
				b.WriteString(strconv.Quote(formatValue(sv.series(name, s.seed, t))))
				b.WriteByte(']')
			}
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`}}}`)
	writeRaw(w, http.StatusOK, b.Bytes())
}
