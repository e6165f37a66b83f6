package beszelsim

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// The containers collection (Beszel 0.14+): one record per container an
// agent reported, upserted by its Docker short id at every poll with the
// poll's time in "updated" (unix ms, a number field). Agents list only
// running containers (Docker's /containers/json without all=1), so a
// container that stops simply stops being updated; the hub deletes records
// ten minutes stale in its clean-up at minute 8 of every hour. Agents
// before 0.14 send no container ids, and the hub then writes no records.

// containerFields are the fields a filter or sort may name: the text
// fields. The number fields (cpu, memory, net, health, updated) are left
// out, since the filter parser compares quoted strings only.
var containerFields = map[string]bool{"id": true, "system": true, "name": true, "image": true, "ports": true, "status": true}

// writeLagMs is how long after a poll's system_stats record the hub writes
// its containers records, in the same transaction.
const writeLagMs = 3

// ctrRef is a container with the system it runs on.
type ctrRef struct {
	sys *system
	c   *container
}

// indexContainers gives every container its id and lists them in id order,
// the order Leitstand reads them in. Callers hold mu or own s.
func (s *Server) indexContainers() []ctrRef {
	var refs []ctrRef
	used := map[string]bool{}
	for _, sys := range s.systems {
		for _, c := range sys.ctrs {
			h := mix(s.seed ^ 0xc0417a1e ^ uint64(sys.idx)<<20 ^ uint64(c.idx))
			id := hexID(h)
			for used[id] {
				h = mix(h)
				id = hexID(h)
			}
			used[id] = true
			c.id = id
			refs = append(refs, ctrRef{sys, c})
		}
	}
	slices.SortFunc(refs, func(a, b ctrRef) int { return strings.Compare(a.c.id, b.c.id) })
	return refs
}

// idRange narrows the index to the ids the filter's id bounds admit, so
// that reading in id ranges costs what the range holds; every clause is
// still checked on each record.
func (s *Server) idRange(conds []cond) []ctrRef {
	lo, hi := 0, len(s.index)
	at := func(id string, after bool) int {
		return sort.Search(len(s.index), func(i int) bool {
			if after {
				return s.index[i].c.id > id
			}
			return s.index[i].c.id >= id
		})
	}
	for _, c := range conds {
		if c.field != "id" {
			continue
		}
		switch c.op {
		case ">":
			lo = max(lo, at(c.value, true))
		case ">=":
			lo = max(lo, at(c.value, false))
		case "<":
			hi = min(hi, at(c.value, false))
		case "<=":
			hi = min(hi, at(c.value, true))
		}
	}
	if lo >= hi {
		return nil
	}
	return s.index[lo:hi]
}

// lastSeen is the minute of the last poll that reported container c, and
// whether the hub still keeps its record at nowMs.
func lastSeen(sys *system, c *container, nowMs int64) (int64, bool) {
	if sys.oldAgent || sys.status == "pending" {
		return 0, false
	}
	at := nowMs
	if sys.status != "up" {
		at = min(at, sys.statusAt.UnixMilli())
	}
	m := lastPoll(sys, at)
	if !c.running {
		// Present state: a container stopped now already missed the last poll.
		m = min(m, lastPoll(sys, c.stoppedMs)-1)
	}
	if pollMs(sys, m)+writeLagMs < lastCleanup(nowMs)-10*minuteMs {
		return 0, false
	}
	return m, true
}

func pollMs(sys *system, minute int64) int64 { return minute*minuteMs + sys.phaseMs }

// lastCleanup is when the hub last deleted stale container records: at
// minute 8 of every hour.
func lastCleanup(nowMs int64) int64 {
	const hourMs = 60 * minuteMs
	return floorDiv(nowMs-8*minuteMs, hourMs)*hourMs + 8*minuteMs
}

// seenRecord is a containers record made on request.
type seenRecord struct {
	ctrRef
	minute int64 // of the poll that wrote it
}

func (r seenRecord) value(field string) string {
	switch field {
	case "id":
		return r.c.id
	case "system":
		return r.sys.id
	case "name":
		return r.c.name
	case "image":
		return r.c.image
	case "ports":
		return r.c.ports
	default:
		return ctrStatus(r.sys, r.c, r.minute)
	}
}

func (s *Server) listContainers(q listQuery, nowMs int64) []byte {
	var recs []seenRecord
	for _, ref := range s.idRange(q.conds) {
		if s.byID[ref.sys.id] != ref.sys {
			continue // the system was removed
		}
		m, ok := lastSeen(ref.sys, ref.c, nowMs)
		if !ok {
			continue
		}
		rec := seenRecord{ref, m}
		match := true
		for _, c := range q.conds {
			if !compare(rec.value(c.field), c.op, c.value) {
				match = false
				break
			}
		}
		if match {
			recs = append(recs, rec)
		}
	}
	// The index is in id order, which also serves an unsorted request.
	if len(q.sort) > 0 && (len(q.sort) > 1 || q.sort[0].field != "id" || q.sort[0].desc) {
		slices.SortStableFunc(recs, func(a, b seenRecord) int {
			for _, k := range q.sort {
				c := strings.Compare(a.value(k.field), b.value(k.field))
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
	from, to := pageBounds(len(recs), q)
	var items []byte
	for i, rec := range recs[from:to] {
		if i > 0 {
			items = append(items, ',')
		}
		items = s.appendContainer(items, rec, q.fields)
	}
	return listBody(items, len(recs), q)
}

// appendContainer writes a containers record as PocketBase does: keys in
// alphabetical order, cpu in percent, memory in MB, net in bytes/s sent and
// received together, updated in unix ms.
func (s *Server) appendContainer(b []byte, rec seenRecord, fields map[string]bool) []byte {
	sys, c := rec.sys, rec.c
	var cpu, mem, net float64
	if want(fields, "cpu") || want(fields, "memory") || want(fields, "net") {
		var sent, recv float64
		cpu, mem, sent, recv = s.ctrFigures(sys, c, rec.minute, s.sysFigures(sys, rec.minute))
		net = float64(int64(sent + recv))
	}
	n := 0
	b = append(b, '{')
	if want(fields, "collectionId") {
		b = appendStr(key(b, &n, "collectionId"), containersCollectionID)
	}
	if want(fields, "collectionName") {
		b = appendStr(key(b, &n, "collectionName"), "containers")
	}
	if want(fields, "cpu") {
		b = appendNum(key(b, &n, "cpu"), cpu)
	}
	if want(fields, "health") {
		b = appendInt(key(b, &n, "health"), int64(ctrHealth(sys, c, rec.minute)))
	}
	if want(fields, "id") {
		b = appendStr(key(b, &n, "id"), c.id)
	}
	if want(fields, "image") {
		b = appendStr(key(b, &n, "image"), c.image)
	}
	if want(fields, "memory") {
		b = appendNum(key(b, &n, "memory"), mem)
	}
	if want(fields, "name") {
		b = appendStr(key(b, &n, "name"), c.name)
	}
	if want(fields, "net") {
		b = appendNum(key(b, &n, "net"), net)
	}
	if want(fields, "ports") {
		b = appendStr(key(b, &n, "ports"), c.ports)
	}
	if want(fields, "status") {
		b = appendStr(key(b, &n, "status"), ctrStatus(sys, c, rec.minute))
	}
	if want(fields, "system") {
		b = appendStr(key(b, &n, "system"), sys.id)
	}
	if want(fields, "updated") {
		b = appendInt(key(b, &n, "updated"), pollMs(sys, rec.minute)+writeLagMs)
	}
	return append(b, '}')
}

// ctrStatus is the status the agent reported at the poll: Docker's text
// with the health check's part taken out into "health" and "About "
// dropped ("Up About an hour (healthy)" becomes "Up an hour").
func ctrStatus(sys *system, c *container, minute int64) string {
	return "Up " + strings.Replace(humanDuration(time.Duration(pollMs(sys, minute)-c.startedMs)*time.Millisecond), "About ", "", 1)
}

// ctrHealth is the health check's state at the poll: starting for the
// first minute after a start, then what it is set to.
func ctrHealth(sys *system, c *container, minute int64) uint8 {
	if c.health != healthNone && pollMs(sys, minute)-c.startedMs < minuteMs {
		return healthStarting
	}
	return c.health
}

// humanDuration words d as Docker does in a container's status
// (github.com/docker/go-units HumanDuration).
func humanDuration(d time.Duration) string {
	seconds := int(d.Seconds())
	minutes := int(d.Minutes())
	hours := int(d.Hours() + 0.5)
	switch {
	case seconds < 1:
		return "Less than a second"
	case seconds == 1:
		return "1 second"
	case seconds < 60:
		return fmt.Sprintf("%d seconds", seconds)
	case minutes == 1:
		return "About a minute"
	case minutes < 60:
		return fmt.Sprintf("%d minutes", minutes)
	case hours == 1:
		return "About an hour"
	case hours < 48:
		return fmt.Sprintf("%d hours", hours)
	case hours < 24*7*2:
		return fmt.Sprintf("%d days", hours/24)
	case hours < 24*30*2:
		return fmt.Sprintf("%d weeks", hours/24/7)
	case hours < 24*365*2:
		return fmt.Sprintf("%d months", hours/24/30)
	}
	return fmt.Sprintf("%d years", int(d.Hours())/24/365)
}
