package readcache

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/changes"
)

// log is a change log in memory: what each version wrote.
type log struct {
	mu    sync.Mutex
	sets  map[int64]*changes.Set
	reads atomic.Int32
	fail  bool
}

func newLog() *log { return &log{sets: map[int64]*changes.Set{}} }

func (l *log) write(version int64, typ string, ids ...uuid.UUID) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := changes.NewSet()
	s.Types[typ] = struct{}{}
	for _, id := range ids {
		s.IDs[id] = struct{}{}
	}
	l.sets[version] = s
}

func (l *log) bulk(version int64, typ string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := changes.NewSet()
	s.Types[typ] = struct{}{}
	s.Bulk[typ] = struct{}{}
	l.sets[version] = s
}

func (l *log) read(_ context.Context, from, to int64) ([]changes.Change, error) {
	l.reads.Add(1)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail {
		return nil, errors.New("database gone")
	}
	var out []changes.Change
	for v := from + 1; v <= to; v++ {
		if s, ok := l.sets[v]; ok {
			out = append(out, changes.Change{Version: v, Set: s})
		}
	}
	return out, nil
}

// loader counts its loads and answers with the version it was called at.
type loader struct {
	loads atomic.Int32
	deps  changes.Deps
}

func (l *loader) at(version int64) func(context.Context) (string, changes.Deps, error) {
	return func(context.Context) (string, changes.Deps, error) {
		l.loads.Add(1)
		return fmt.Sprintf("read at %d", version), l.deps, nil
	}
}

func load(t *testing.T, c *Cache[string], l *loader, key string, version int64) string {
	t.Helper()
	v, err := c.Load(t.Context(), key, version, l.at(version))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// An answer stays cached while changes write other rows, and is read anew
// once a change writes one of its own.
func TestAnswerIsKeptUntilItsRowsChange(t *testing.T) {
	t.Parallel()
	lg := newLog()
	c := New[string](changes.NewFeed(lg.read), 10)
	acme, other := uuid.New(), uuid.New()
	l := &loader{deps: changes.Deps{IDs: []uuid.UUID{acme}, Types: []string{"Organization"}}}

	load(t, c, l, "acme", 1)
	lg.write(2, "Organization", other)
	lg.write(3, "Session", uuid.New())
	if got := load(t, c, l, "acme", 3); got != "read at 1" || l.loads.Load() != 1 {
		t.Errorf("after changes to other rows: %q after %d loads, want the cached answer", got, l.loads.Load())
	}
	lg.write(4, "Organization", acme)
	if got := load(t, c, l, "acme", 4); got != "read at 4" {
		t.Errorf("after a change to its row: %q, want it read anew", got)
	}
	if lg.reads.Load() != 2 {
		t.Errorf("the feed read the log %d times for two new versions, want 2", lg.reads.Load())
	}
}

// A list depends on every row of its types; a change that wrote rows of a
// type without knowing which drops everything read from that type.
func TestWholeTypesAndBulkChanges(t *testing.T) {
	t.Parallel()
	lg := newLog()
	c := New[string](changes.NewFeed(lg.read), 10)
	list := &loader{deps: changes.Deps{Whole: []string{"Organization"}}}
	page := &loader{deps: changes.Deps{IDs: []uuid.UUID{uuid.New()}, Types: []string{"User"}}}
	load(t, c, list, "list", 1)
	load(t, c, page, "page", 1)

	lg.write(2, "Organization", uuid.New()) // a new organization
	load(t, c, list, "list", 2)
	load(t, c, page, "page", 2)
	if list.loads.Load() != 2 || page.loads.Load() != 1 {
		t.Errorf("a new organization: list loaded %d times (want 2), page %d (want 1)", list.loads.Load(), page.loads.Load())
	}
	lg.bulk(3, "User") // some users, unknown which
	load(t, c, list, "list", 3)
	load(t, c, page, "page", 3)
	if list.loads.Load() != 2 || page.loads.Load() != 2 {
		t.Errorf("a bulk change of users: list loaded %d times (want 2), page %d (want 2)", list.loads.Load(), page.loads.Load())
	}
}

// An answer read at one version is not kept when a change applied while it
// was read touched it: it may show the rows from before that change.
func TestAnswerReadBeforeAChangeIsNotKept(t *testing.T) {
	t.Parallel()
	lg := newLog()
	feed := changes.NewFeed(lg.read)
	c := New[string](feed, 10)
	acme := uuid.New()
	deps := changes.Deps{IDs: []uuid.UUID{acme}}
	load(t, c, &loader{deps: deps}, "warm", 1) // the feed is at version 1

	lg.write(2, "Organization", acme)
	v, err := c.Load(t.Context(), "acme", 1, func(ctx context.Context) (string, changes.Deps, error) {
		// Another request applies version 2 while this one reads.
		if err := feed.Sync(ctx, 2); err != nil {
			t.Fatal(err)
		}
		return "old name", deps, nil
	})
	if err != nil || v != "old name" {
		t.Fatal(v, err)
	}
	l := &loader{deps: deps}
	if got := load(t, c, l, "acme", 2); got != "read at 2" {
		t.Errorf("a request at version 2 got %q: an answer that may predate the change was kept", got)
	}

	// An answer read at version 2 while version 3 (another row) was applied
	// is kept.
	lg.write(3, "Organization", uuid.New())
	if _, err := c.Load(t.Context(), "acme2", 2, func(ctx context.Context) (string, changes.Deps, error) {
		return "fine", deps, feed.Sync(ctx, 3)
	}); err != nil {
		t.Fatal(err)
	}
	if got := load(t, c, &loader{deps: deps}, "acme2", 3); got != "fine" {
		t.Errorf("an answer untouched by the change applied meanwhile was not kept: %q", got)
	}
}

// Without the log (a new process, or one too far behind), the feed starts
// afresh and drops what it kept; when the log cannot be read, requests read
// without the cache and still get answers.
func TestFeedStartsAfreshAndSurvivesAnUnreadableLog(t *testing.T) {
	t.Parallel()
	lg := newLog()
	feed := changes.NewFeed(lg.read)
	c := New[string](feed, 10)
	l := &loader{deps: changes.Deps{IDs: []uuid.UUID{uuid.New()}}}
	load(t, c, l, "k", 5)
	if lg.reads.Load() != 0 || feed.Applied() != 5 {
		t.Errorf("a new feed read the log %d times and is at %d, want 0 and 5", lg.reads.Load(), feed.Applied())
	}
	load(t, c, l, "k", 5+changes.MaxBehind+1)
	if lg.reads.Load() != 0 || l.loads.Load() != 2 || c.Len() != 1 {
		t.Errorf("far behind: %d log reads, %d loads, %d kept; want the cache dropped without reading the log", lg.reads.Load(), l.loads.Load(), c.Len())
	}
	lg.fail = true
	if got := load(t, c, l, "k", 6+changes.MaxBehind+1); got == "" || l.loads.Load() != 3 {
		t.Errorf("with the log unreadable: %q after %d loads", got, l.loads.Load())
	}
}

func TestEvictionKeepsTheIndexesSmall(t *testing.T) {
	t.Parallel()
	lg := newLog()
	c := New[string](changes.NewFeed(lg.read), 2)
	for i := range 10 {
		load(t, c, &loader{deps: changes.Deps{IDs: []uuid.UUID{uuid.New()}, Types: []string{"T"}}}, fmt.Sprint(i), 1)
	}
	if c.Len() != 2 || len(c.byID) != 2 || len(c.byType["T"]) != 2 {
		t.Errorf("after 10 puts into 2 places: %d entries, %d ids indexed, %d under T", c.Len(), len(c.byID), len(c.byType["T"]))
	}
}

// Callers that miss the same key at the same version together share one
// load.
func TestLoadSharesOneReadPerVersion(t *testing.T) {
	t.Parallel()
	c := New[string](changes.NewFeed(newLog().read), 10)
	var loads atomic.Int32
	release := make(chan struct{})
	slow := func(context.Context) (string, changes.Deps, error) {
		loads.Add(1)
		<-release
		return "page", changes.Deps{Whole: []string{"Organization"}}, nil
	}
	const callers = 16
	var started, done sync.WaitGroup
	got := make([]string, callers)
	for i := range callers {
		started.Add(1)
		done.Go(func() {
			started.Done()
			v, err := c.Load(t.Context(), "list", 7, slow)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	started.Wait()
	for loads.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	done.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("%d loads for one key at one version, want 1", n)
	}
	for i, v := range got {
		if v != "page" {
			t.Errorf("caller %d got %q", i, v)
		}
	}
}

// A shared load that failed because its caller gave up is read again by a
// caller that has not.
func TestLoadRetriesWhenTheSharingCallerGaveUp(t *testing.T) {
	t.Parallel()
	c := New[string](changes.NewFeed(newLog().read), 10)
	var calls int
	v, err := c.Load(t.Context(), "k2", 3, func(context.Context) (string, changes.Deps, error) {
		calls++
		if calls == 1 {
			return "", changes.Deps{}, context.Canceled
		}
		return "fresh", changes.Deps{}, nil
	})
	if err != nil || v != "fresh" || calls != 2 {
		t.Errorf("Load = %q, %v after %d calls, want fresh after 2", v, err, calls)
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	lg := newLog()
	feed := changes.NewFeed(lg.read)
	c := New[string](feed, 50)
	ids := make([]uuid.UUID, 80)
	for i := range ids {
		ids[i] = uuid.New()
	}
	for v := int64(2); v <= 40; v++ {
		lg.write(v, "Organization", ids[v%80])
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 400 {
				k := i % 80
				version := int64(1 + (i+w)%40)
				if _, err := c.Load(context.Background(), fmt.Sprint(k), version, (&loader{deps: changes.Deps{IDs: ids[k : k+1]}}).at(version)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if n := c.Len(); n > 50 || n != len(c.entries) {
		t.Errorf("cache holds %d entries (%d in the map), want at most 50", n, len(c.entries))
	}
}
