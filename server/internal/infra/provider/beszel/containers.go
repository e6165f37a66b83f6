package beszel

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

const (
	containersPath = "/api/collections/containers/records"
	// containersPerPage is PocketBase's page limit since 0.23; every hub
	// with the containers collection (0.14+) runs a PocketBase that new.
	containersPerPage = 1000
	// batchSlack: the hub writes all of a poll's containers records with one
	// "updated" time and polls each system once a minute, so a record more
	// than this older than the newest missed the last poll.
	batchSlack = 15 * time.Second
	// hubRecheck is how long what Leitstand learnt about the hub (its
	// version, that it has no containers collection) holds before it asks
	// again: only an upgrade changes it.
	hubRecheck = time.Hour
)

// idSplits cut the id space into sixteen ranges at the hex digits Docker's
// container ids start with, so that a large containers collection is read
// in parallel. Each range is read by id ("id > last") like the systems
// list, so a container added or removed meanwhile cannot shift another one
// out of the result; the first and last range take any id at all.
var idSplits = strings.Split("123456789abcdef", "")

// listContainers reads the containers collection, all systems in one pass,
// and groups its records by system. A hub without the collection answers
// 404 ("Missing collection context.").
func (p *Provider) listContainers(ctx context.Context, tok string, sem chan struct{}) (map[string][]containerRecord, error) {
	out := make(map[string][]containerRecord)
	var mu sync.Mutex
	add := func(items []containerRecord) {
		mu.Lock()
		defer mu.Unlock()
		for _, r := range items {
			out[r.System] = append(out[r.System], r)
		}
	}
	// One page first: most hubs have fewer containers than a page holds.
	first, more, err := p.containersRange(ctx, tok, "", "", "", 1, sem)
	if err != nil {
		return nil, err
	}
	add(first)
	if !more {
		return out, nil
	}
	last := first[len(first)-1].ID

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for i := range len(idSplits) + 1 {
		lo, hi := "", ""
		if i > 0 {
			lo = idSplits[i-1]
		}
		if i < len(idSplits) {
			hi = idSplits[i]
		}
		if hi != "" && hi <= last {
			continue // read with the first page
		}
		after := ""
		if last >= lo {
			after, lo = last, ""
		}
		wg.Go(func() {
			items, _, err := p.containersRange(ctx, tok, after, lo, hi, maxPages, sem)
			if err != nil {
				errOnce.Do(func() { firstErr = err; cancel() })
				return
			}
			add(items)
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

// containersRange reads the records whose id is above after (or, with
// after empty, at least lo) and below hi (empty: no bound), in id order,
// for at most pages pages; more reports that the last page was full.
func (p *Provider) containersRange(ctx context.Context, tok, after, lo, hi string, pages int, sem chan struct{}) (items []containerRecord, more bool, err error) {
	for range pages {
		var conds []string
		switch {
		case after != "":
			conds = append(conds, "id > "+quote(after))
		case lo != "":
			conds = append(conds, "id >= "+quote(lo))
		}
		if hi != "" {
			conds = append(conds, "id < "+quote(hi))
		}
		q := url.Values{
			"perPage":   {strconv.Itoa(containersPerPage)},
			"sort":      {"id"},
			"skipTotal": {"true"},
			"fields":    {"id,system,name,image,status,health,updated"},
		}
		if len(conds) > 0 {
			q.Set("filter", strings.Join(conds, " && "))
		}
		if err := acquire(ctx, sem); err != nil {
			return nil, false, err
		}
		var lp listPage[containerRecord]
		_, err := p.call(ctx, http.MethodGet, containersPath, q, tok, nil, &lp)
		<-sem
		if err != nil {
			return nil, false, err
		}
		if lp.Items == nil {
			return nil, false, fmt.Errorf("%w: the containers list has no items; is this a Beszel hub?", provider.ErrBadResponse)
		}
		for _, r := range lp.Items {
			if (after != "" && r.ID <= after) || r.ID < lo || (hi != "" && r.ID >= hi) {
				return nil, false, fmt.Errorf("%w: the hub ignored the containers filter (id %q outside %q…%q)", provider.ErrBadResponse, r.ID, cmp.Or(after, lo), hi)
			}
			after = r.ID
		}
		items = append(items, lp.Items...)
		size := lp.PerPage
		if size <= 0 || size > containersPerPage {
			size = containersPerPage
		}
		if len(lp.Items) < size {
			return items, false, nil
		}
	}
	if pages == 1 {
		return items, true, nil
	}
	return nil, false, fmt.Errorf("%w: the containers list does not end", provider.ErrBadResponse)
}

// containersOf lists a system's containers from its containers records,
// given when the hub last polled the system (its newest system_stats
// record) and the figures of its newest container_stats record. A record
// that missed the poll that wrote the newest ones belongs to a container
// the agent no longer lists as running; if even the newest records are
// older than the last poll, that poll found no container running at all.
func containersOf(recs []containerRecord, polled time.Time, stats []containerStat) []provider.Container {
	slack := float64(batchSlack.Milliseconds())
	var newest float64
	for _, r := range recs {
		newest = max(newest, r.Updated)
	}
	reported := newest >= float64(polled.UnixMilli())-slack
	figures := make(map[string]containerStat, len(stats))
	for _, st := range stats {
		figures[st.Name] = st
	}
	// A container recreated under its name (a new id) leaves its old record
	// behind: the name is reported once, as its newest record says.
	byName := make(map[string]int, len(recs))
	for i, r := range recs {
		if r.Name == "" {
			continue
		}
		if j, ok := byName[r.Name]; !ok || r.Updated > recs[j].Updated || (r.Updated == recs[j].Updated && r.ID < recs[j].ID) {
			byName[r.Name] = i
		}
	}
	out := make([]provider.Container, 0, len(byName))
	for _, i := range byName {
		r := recs[i]
		// Beszel cannot tell a stopped container from a crashed or removed
		// one; Docker calls a container that ended, either way, exited.
		c := provider.Container{ID: cmp.Or(r.ID, r.Name), Name: r.Name, Image: r.Image, Status: provider.Exited}
		if reported && r.Updated >= newest-slack {
			c.Status, c.Health = containerStatus(r.Status), containerHealth(r.Health)
			if st, ok := figures[r.Name]; ok && (c.Status == provider.Running || c.Status == provider.Paused) {
				c.Metrics = containerSample(st)
			}
		}
		out = append(out, c)
	}
	// A container started while the records were read has figures but no
	// record yet.
	for _, st := range stats {
		if _, ok := byName[st.Name]; !ok && st.Name != "" {
			byName[st.Name] = -1
			out = append(out, runningContainer(st))
		}
	}
	slices.SortFunc(out, func(a, b provider.Container) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// containerStatus reads the status text the agent reported. Agents list
// only running containers, which Docker words "Up 3 hours", "Up 2 hours
// (Paused)" or "Restarting (1) 5 seconds ago" (Docker counts a restarting
// container as running); the other words are read for agents that might
// list more.
func containerStatus(text string) provider.ContainerStatus {
	t := strings.ToLower(strings.TrimSpace(text))
	switch {
	case strings.HasSuffix(t, "(paused)") || strings.HasPrefix(t, "paused"):
		return provider.Paused
	case strings.HasPrefix(t, "exited") || strings.HasPrefix(t, "dead"):
		return provider.Exited
	case strings.HasPrefix(t, "created") || strings.HasPrefix(t, "removal") || strings.HasPrefix(t, "stopped"):
		return provider.Stopped
	default:
		return provider.Running
	}
}

// containerHealth reads Beszel's container.DockerHealth number.
func containerHealth(n float64) provider.ContainerHealth {
	switch n {
	case 1:
		return provider.HealthStarting
	case 2:
		return provider.HealthHealthy
	case 3:
		return provider.HealthUnhealthy
	default:
		return provider.HealthNone
	}
}

// runningContainer is a container known from container_stats alone: by
// name, running, with its figures.
func runningContainer(st containerStat) provider.Container {
	return provider.Container{ID: st.Name, Name: st.Name, Status: provider.Running, Metrics: containerSample(st)}
}

func containerSample(st containerStat) *provider.ContainerSample {
	in, out := rates(st.Bandwidth, st.NetSentMB, st.NetRecvMB)
	return &provider.ContainerSample{
		CPUPercent:           st.CPU,
		MemoryUsed:           int64(st.MemMB * mib),
		NetInBytesPerSecond:  in,
		NetOutBytesPerSecond: out,
	}
}
