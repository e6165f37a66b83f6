package beszelsim

import (
	"cmp"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The records API: GET /api/collections/{collection}/records with
// PocketBase's page, perPage, skipTotal, sort, filter and fields.

// Collection ids as in Beszel's collections snapshot.
const (
	systemsCollectionID        = "2hz5ncl8tizk5nx"
	systemStatsCollectionID    = "ej9oowivz8b2mht"
	containerStatsCollectionID = "juohu4jipgc13v7"
	containersCollectionID     = "pbc_1864144027"
)

const (
	defaultPerPage = 30
	maxPerPage     = 1000
	// retentionMs is how long Beszel keeps one-minute records.
	retentionMs = 60 * minuteMs
)

var (
	systemFields = map[string]bool{"id": true, "name": true, "host": true, "port": true, "status": true, "created": true, "updated": true}
	statsFields  = map[string]bool{"id": true, "system": true, "type": true, "created": true, "updated": true}
)

type listQuery struct {
	page, perPage int
	skipTotal     bool
	sort          []sortKey
	conds         []cond
	fields        map[string]bool // nil: every field
}

type sortKey struct {
	field string
	desc  bool
}

type cond struct {
	field, op, value string
	// ms is value as a PocketBase datetime, when it is written exactly in
	// that layout; comparing ms is then the same as comparing strings.
	ms    int64
	exact bool
}

type badRequest struct{}

func (badRequest) Error() string { return "Something went wrong while processing your request." }

func parseList(r *http.Request, known map[string]bool) (listQuery, error) {
	v := r.URL.Query()
	q := listQuery{page: 1, perPage: defaultPerPage}
	if raw := v.Get("skipTotal"); raw != "" {
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return q, badRequest{}
		}
		q.skipTotal = b
	}
	if n, set, err := atoi(v.Get("page")); err != nil {
		return q, badRequest{}
	} else if set && n > 0 {
		q.page = n
	}
	if n, set, err := atoi(v.Get("perPage")); err != nil {
		return q, badRequest{}
	} else if set && n > 0 {
		q.perPage = min(n, maxPerPage)
	}
	if raw := v.Get("sort"); raw != "" {
		for _, part := range strings.Split(raw, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			k := sortKey{field: part}
			switch part[0] {
			case '-':
				k = sortKey{field: part[1:], desc: true}
			case '+':
				k.field = part[1:]
			}
			if !known[k.field] {
				return q, badRequest{}
			}
			q.sort = append(q.sort, k)
		}
	}
	if raw := v.Get("filter"); raw != "" {
		conds, err := parseFilter(raw, known)
		if err != nil {
			return q, err
		}
		q.conds = conds
	}
	if raw := v.Get("fields"); raw != "" {
		q.fields = map[string]bool{}
		for _, f := range strings.Split(raw, ",") {
			f, _, _ = strings.Cut(strings.TrimSpace(f), ":")
			if f == "*" {
				q.fields = nil
				break
			}
			q.fields[f] = true
		}
	}
	return q, nil
}

// parseFilter understands `field op 'value'` clauses joined by &&, where op
// is one of = != > >= < <=, and values are quoted with ' or ".
func parseFilter(s string, known map[string]bool) ([]cond, error) {
	var out []cond
	i := 0
	space := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	for {
		space()
		start := i
		for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		field := s[start:i]
		if !known[field] {
			return nil, badRequest{}
		}
		space()
		var op string
		for _, o := range []string{">=", "<=", "!=", "=", ">", "<"} {
			if strings.HasPrefix(s[i:], o) {
				op = o
				break
			}
		}
		if op == "" {
			return nil, badRequest{}
		}
		i += len(op)
		space()
		if i >= len(s) || (s[i] != '\'' && s[i] != '"') {
			return nil, badRequest{}
		}
		quote := s[i]
		i++
		var val strings.Builder
		for i < len(s) && s[i] != quote {
			if s[i] == '\\' && i+1 < len(s) && (s[i+1] == quote || s[i+1] == '\\') {
				i++
			}
			val.WriteByte(s[i])
			i++
		}
		if i >= len(s) {
			return nil, badRequest{}
		}
		i++
		c := cond{field: field, op: op, value: val.String()}
		if t, err := time.Parse(pbTimeLayout, c.value); err == nil && len(c.value) == len(pbTimeLayout) {
			c.ms, c.exact = t.UnixMilli(), true
		}
		out = append(out, c)
		space()
		if i == len(s) {
			return out, nil
		}
		if !strings.HasPrefix(s[i:], "&&") {
			return nil, badRequest{}
		}
		i += 2
	}
}

func compare[T cmp.Ordered](a T, op string, b T) bool {
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case ">":
		return a > b
	case ">=":
		return a >= b
	case "<":
		return a < b
	default:
		return a <= b
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request, collection string, now time.Time) {
	var known map[string]bool
	switch collection {
	case "systems":
		known = systemFields
	case "system_stats", "container_stats":
		known = statsFields
	case "containers":
		known = containerFields
		s.mu.RLock()
		exists := s.hasContainers()
		s.mu.RUnlock()
		if !exists {
			writeError(w, http.StatusNotFound, "Missing collection context.", nil)
			return
		}
	default:
		writeError(w, http.StatusNotFound, "Missing collection context.", nil)
		return
	}
	q, err := parseList(r, known)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	if !s.authorized(r, now) {
		// Beszel's list rules admit only signed-in users a system is shared
		// with; PocketBase serves a missing or dead token as a guest, whom
		// the rules filter everything from.
		writeJSON(w, http.StatusOK, listBody(nil, 0, q))
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var body []byte
	switch collection {
	case "systems":
		body = s.listSystems(q, now.UnixMilli())
	case "containers":
		body = s.listContainers(q, now.UnixMilli())
	default:
		body = s.listStats(q, collection == "container_stats", now.UnixMilli())
	}
	writeJSON(w, http.StatusOK, body)
}

// listBody wraps rendered items (comma-separated) in PocketBase's envelope.
func listBody(items []byte, total int, q listQuery) []byte {
	b := make([]byte, 0, len(items)+96)
	b = append(b, `{"items":[`...)
	b = append(b, items...)
	b = append(b, `],"page":`...)
	b = strconv.AppendInt(b, int64(q.page), 10)
	b = append(b, `,"perPage":`...)
	b = strconv.AppendInt(b, int64(q.perPage), 10)
	totalItems, totalPages := total, int(math.Ceil(float64(total)/float64(q.perPage)))
	if q.skipTotal {
		totalItems, totalPages = -1, -1
	}
	b = append(b, `,"totalItems":`...)
	b = strconv.AppendInt(b, int64(totalItems), 10)
	b = append(b, `,"totalPages":`...)
	b = strconv.AppendInt(b, int64(totalPages), 10)
	return append(b, '}')
}

func pageBounds(n int, q listQuery) (int, int) {
	from := min(n, (q.page-1)*q.perPage)
	return from, min(n, from+q.perPage)
}

// lastPoll is the minute of system s's newest poll at or before ms.
func lastPoll(s *system, ms int64) int64 {
	return floorDiv(ms-s.phaseMs, minuteMs)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// sysUpdated is when the hub last wrote the system record: at its last
// poll while up, when its status changed otherwise.
func sysUpdated(s *system, nowMs int64) string {
	switch s.status {
	case "up":
		return pbTime(lastPoll(s, nowMs)*minuteMs + s.phaseMs)
	case "pending":
		return s.created
	default:
		return pbTime(s.statusAt.UnixMilli())
	}
}

func sysValue(s *system, field string, nowMs int64) string {
	switch field {
	case "id":
		return s.id
	case "name":
		return s.name
	case "host":
		return s.host
	case "port":
		return agentPort
	case "status":
		return s.status
	case "created":
		return s.created
	default:
		return sysUpdated(s, nowMs)
	}
}

func (s *Server) listSystems(q listQuery, nowMs int64) []byte {
	matched := make([]*system, 0, len(s.systems))
	for _, sys := range s.systems {
		ok := true
		for _, c := range q.conds {
			if !compare(sysValue(sys, c.field, nowMs), c.op, c.value) {
				ok = false
				break
			}
		}
		if ok {
			matched = append(matched, sys)
		}
	}
	if len(q.sort) > 0 {
		slices.SortStableFunc(matched, func(a, b *system) int {
			for _, k := range q.sort {
				c := strings.Compare(sysValue(a, k.field, nowMs), sysValue(b, k.field, nowMs))
				if k.desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			return 0
		})
	}
	from, to := pageBounds(len(matched), q)
	var items []byte
	for i, sys := range matched[from:to] {
		if i > 0 {
			items = append(items, ',')
		}
		items = s.appendSystem(items, sys, nowMs, q.fields)
	}
	return listBody(items, len(matched), q)
}

// record is a system_stats or container_stats record made on request.
type record struct {
	sys    *system
	minute int64
	ms     int64  // created
	salt   uint64 // tells the two collections' ids apart
}

func (s *Server) recordID(rec record) string {
	return hashID(mix(s.seed ^ rec.salt ^ uint64(rec.sys.idx)<<32 ^ uint64(rec.minute)))
}

func (s *Server) listStats(q listQuery, containers bool, nowMs int64) []byte {
	// Narrow the minutes to look at with the created bounds; every clause
	// is still checked on each record below.
	lo, hi := nowMs-retentionMs, nowMs
	for _, c := range q.conds {
		if (c.field != "created" && c.field != "updated") || !c.exact {
			continue
		}
		switch c.op {
		case ">=":
			lo = max(lo, c.ms)
		case ">":
			lo = max(lo, c.ms+1)
		case "<=":
			hi = min(hi, c.ms)
		case "<":
			hi = min(hi, c.ms-1)
		case "=":
			lo, hi = max(lo, c.ms), min(hi, c.ms)
		}
	}
	salt := uint64(0x5157)
	if containers {
		salt = 0xc0417
	}
	var recs []record
	for _, sys := range s.systems {
		if sys.status != "up" || (containers && !anyRunning(sys)) {
			continue
		}
		for m := floorDiv(lo-sys.phaseMs, minuteMs); m <= floorDiv(hi-sys.phaseMs, minuteMs); m++ {
			ms := m*minuteMs + sys.phaseMs
			if ms < lo || ms > hi {
				continue
			}
			rec := record{sys: sys, minute: m, ms: ms, salt: salt}
			if s.statsMatch(rec, q.conds) {
				recs = append(recs, rec)
			}
		}
	}
	slices.SortFunc(recs, func(a, b record) int {
		for _, k := range q.sort {
			var c int
			switch k.field {
			case "created", "updated":
				c = cmp.Compare(a.ms, b.ms)
			case "id":
				c = strings.Compare(s.recordID(a), s.recordID(b))
			case "system":
				c = strings.Compare(a.sys.id, b.sys.id)
			}
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		// Unsorted (and on ties), rows come in insertion order.
		return cmp.Or(cmp.Compare(a.ms, b.ms), cmp.Compare(a.sys.idx, b.sys.idx))
	})
	from, to := pageBounds(len(recs), q)
	var items []byte
	for i, rec := range recs[from:to] {
		if i > 0 {
			items = append(items, ',')
		}
		items = s.appendStats(items, rec, containers, q.fields)
	}
	return listBody(items, len(recs), q)
}

func anyRunning(s *system) bool {
	for _, c := range s.ctrs {
		if c.running {
			return true
		}
	}
	return false
}

func (s *Server) statsMatch(rec record, conds []cond) bool {
	for _, c := range conds {
		var ok bool
		switch c.field {
		case "created", "updated":
			if c.exact {
				ok = compare(rec.ms, c.op, c.ms)
			} else {
				ok = compare(pbTime(rec.ms), c.op, c.value)
			}
		case "id":
			ok = compare(s.recordID(rec), c.op, c.value)
		case "system":
			ok = compare(rec.sys.id, c.op, c.value)
		case "type":
			ok = compare("1m", c.op, c.value)
		}
		if !ok {
			return false
		}
	}
	return true
}

// JSON rendering, by hand because a benchmark lists thousands of records
// per request. Keys come in PocketBase's order (alphabetical for records,
// Beszel's struct order inside stats).

func appendStr(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func appendNum(b []byte, f float64) []byte {
	return strconv.AppendFloat(b, round2(f), 'f', -1, 64)
}

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// key starts the next member of an object whose member count is n.
func key(b []byte, n *int, k string) []byte {
	if *n > 0 {
		b = append(b, ',')
	}
	*n++
	b = appendStr(b, k)
	return append(b, ':')
}

func want(fields map[string]bool, k string) bool { return fields == nil || fields[k] }

func (s *Server) appendSystem(b []byte, sys *system, nowMs int64, fields map[string]bool) []byte {
	n := 0
	b = append(b, '{')
	if want(fields, "collectionId") {
		b = appendStr(key(b, &n, "collectionId"), systemsCollectionID)
	}
	if want(fields, "collectionName") {
		b = appendStr(key(b, &n, "collectionName"), "systems")
	}
	if want(fields, "created") {
		b = appendStr(key(b, &n, "created"), sys.created)
	}
	if want(fields, "host") {
		b = appendStr(key(b, &n, "host"), sys.host)
	}
	if want(fields, "id") {
		b = appendStr(key(b, &n, "id"), sys.id)
	}
	if want(fields, "info") {
		b = s.appendInfo(key(b, &n, "info"), sys, nowMs)
	}
	if want(fields, "name") {
		b = appendStr(key(b, &n, "name"), sys.name)
	}
	if want(fields, "port") {
		b = appendStr(key(b, &n, "port"), agentPort)
	}
	if want(fields, "status") {
		b = appendStr(key(b, &n, "status"), sys.status)
	}
	if want(fields, "updated") {
		b = appendStr(key(b, &n, "updated"), sysUpdated(sys, nowMs))
	}
	if want(fields, "users") {
		b = append(appendStr(append(key(b, &n, "users"), '['), s.userID), ']')
	}
	return append(b, '}')
}

// appendInfo writes the system's "info" as of its last poll; a pending
// system was never polled and has none.
func (s *Server) appendInfo(b []byte, sys *system, nowMs int64) []byte {
	var at int64
	switch sys.status {
	case "pending":
		return append(b, "null"...)
	case "up":
		at = lastPoll(sys, nowMs)
	default:
		at = lastPoll(sys, sys.statusAt.UnixMilli())
	}
	f := s.sysFigures(sys, at)
	pollMs := at*minuteMs + sys.phaseMs
	n := 0
	b = append(b, '{')
	if sys.oldAgent {
		b = appendStr(key(b, &n, "h"), sys.name)
		b = appendStr(key(b, &n, "k"), "5.15.0-119-generic")
		b = appendInt(key(b, &n, "c"), int64(sys.cores))
		b = appendInt(key(b, &n, "t"), int64(sys.threads))
		b = appendStr(key(b, &n, "m"), sys.cpuModel)
	} else {
		b = appendInt(key(b, &n, "t"), int64(sys.threads))
	}
	b = appendInt(key(b, &n, "u"), max(0, (pollMs-sys.bootMs)/1000))
	b = appendNum(key(b, &n, "cpu"), f.cpu)
	b = appendNum(key(b, &n, "mp"), f.memPct)
	b = appendNum(key(b, &n, "dp"), f.diskPct)
	if sys.oldAgent {
		b = appendNum(key(b, &n, "b"), (f.sent+f.recv)/(1<<20))
		b = appendStr(key(b, &n, "v"), oldAgentVersion)
	} else {
		b = appendStr(key(b, &n, "v"), hubVersion)
		b = appendInt(key(b, &n, "bb"), int64(f.sent+f.recv))
		b = append(key(b, &n, "la"), '[')
		b = append(appendNum(append(appendNum(append(appendNum(b, f.load[0]), ','), f.load[1]), ','), f.load[2]), ']')
		b = appendInt(key(b, &n, "ct"), 2)
		if len(f.extra) > 0 {
			b = append(key(b, &n, "efs"), '{')
			m := 0
			for _, e := range f.extra {
				b = appendNum(key(b, &m, e.name), e.used/e.total*100)
			}
			b = append(b, '}')
		}
	}
	return append(b, '}')
}

func (s *Server) appendStats(b []byte, rec record, containers bool, fields map[string]bool) []byte {
	collID, collName := systemStatsCollectionID, "system_stats"
	if containers {
		collID, collName = containerStatsCollectionID, "container_stats"
	}
	created := pbTime(rec.ms)
	n := 0
	b = append(b, '{')
	if want(fields, "collectionId") {
		b = appendStr(key(b, &n, "collectionId"), collID)
	}
	if want(fields, "collectionName") {
		b = appendStr(key(b, &n, "collectionName"), collName)
	}
	if want(fields, "created") {
		b = appendStr(key(b, &n, "created"), created)
	}
	if want(fields, "id") {
		b = appendStr(key(b, &n, "id"), s.recordID(rec))
	}
	if want(fields, "stats") {
		f := s.sysFigures(rec.sys, rec.minute)
		if containers {
			b = s.appendContainerStats(key(b, &n, "stats"), rec, f)
		} else {
			b = appendSystemStats(key(b, &n, "stats"), rec.sys, f)
		}
	}
	if want(fields, "system") {
		b = appendStr(key(b, &n, "system"), rec.sys.id)
	}
	if want(fields, "type") {
		b = appendStr(key(b, &n, "type"), "1m")
	}
	if want(fields, "updated") {
		b = appendStr(key(b, &n, "updated"), created)
	}
	return append(b, '}')
}

// appendSystemStats writes Beszel's system.Stats: sizes in GB (GiB), rates
// in bytes/s ("b", "dio") or, from old agents, MB/s ("ns", "nr", "dr", "dw").
func appendSystemStats(b []byte, sys *system, f figures) []byte {
	n := 0
	b = append(b, '{')
	b = appendNum(key(b, &n, "cpu"), f.cpu)
	b = appendNum(key(b, &n, "m"), sys.memGB)
	b = appendNum(key(b, &n, "mu"), f.memUsed)
	b = appendNum(key(b, &n, "mp"), f.memPct)
	b = appendNum(key(b, &n, "mb"), f.buff)
	b = appendNum(key(b, &n, "d"), sys.diskGB)
	b = appendNum(key(b, &n, "du"), f.diskUsed)
	b = appendNum(key(b, &n, "dp"), f.diskPct)
	if sys.oldAgent {
		b = appendNum(key(b, &n, "dr"), f.read/(1<<20))
		b = appendNum(key(b, &n, "dw"), f.write/(1<<20))
		b = appendNum(key(b, &n, "ns"), f.sent/(1<<20))
		b = appendNum(key(b, &n, "nr"), f.recv/(1<<20))
	}
	if len(f.extra) > 0 {
		b = append(key(b, &n, "efs"), '{')
		m := 0
		for _, e := range f.extra {
			b = append(key(b, &m, e.name), '{')
			k := 0
			b = appendNum(key(b, &k, "d"), e.total)
			b = appendNum(key(b, &k, "du"), e.used)
			b = appendNum(key(b, &k, "r"), e.read/(1<<20))
			b = appendNum(key(b, &k, "w"), e.write/(1<<20))
			if !sys.oldAgent {
				b = appendInt(key(b, &k, "rb"), int64(e.read))
				b = appendInt(key(b, &k, "wb"), int64(e.write))
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	if !sys.oldAgent {
		b = append(key(b, &n, "b"), '[')
		b = append(appendInt(append(appendInt(b, int64(f.sent)), ','), int64(f.recv)), ']')
	}
	b = append(key(b, &n, "la"), '[')
	b = append(appendNum(append(appendNum(append(appendNum(b, f.load[0]), ','), f.load[1]), ','), f.load[2]), ']')
	if !sys.oldAgent {
		b = append(key(b, &n, "dio"), '[')
		b = append(appendInt(append(appendInt(b, int64(f.read)), ','), int64(f.write)), ']')
	}
	return append(b, '}')
}

// appendContainerStats writes the running containers as Beszel's
// container.Stats: name, CPU %, memory MB, network MB/s ("ns", "nr",
// deprecated but still sent) and bytes/s ("b", agents since 0.18.3).
func (s *Server) appendContainerStats(b []byte, rec record, host figures) []byte {
	b = append(b, '[')
	first := true
	for _, c := range rec.sys.ctrs {
		if !c.running {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		cpu, mem, sent, recv := s.ctrFigures(rec.sys, c, rec.minute, host)
		n := 0
		b = append(b, '{')
		b = appendStr(key(b, &n, "n"), c.name)
		b = appendNum(key(b, &n, "c"), cpu)
		b = appendNum(key(b, &n, "m"), mem)
		b = appendNum(key(b, &n, "ns"), sent/(1<<20))
		b = appendNum(key(b, &n, "nr"), recv/(1<<20))
		if !rec.sys.oldAgent {
			b = append(key(b, &n, "b"), '[')
			b = append(appendInt(append(appendInt(b, int64(sent)), ','), int64(recv)), ']')
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// atoi parses an integer query parameter as PocketBase does: empty is unset.
func atoi(v string) (int, bool, error) {
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(v)
	return n, true, err
}
