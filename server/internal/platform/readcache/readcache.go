// Package readcache keeps answers to frequent reads in memory for as long as
// nothing they were read from has changed.
//
// A request learns the data version (the audit chain's head, which every
// change moves in its own transaction) in the same statement that resolves
// its credential. Before it looks into a cache, the replica's change feed
// (platform/changes) applies every change up to that version: it drops the
// answers whose rows a change wrote, and only those. A hit therefore costs no
// query and is never older than the data at the start of the request, while
// an edit of one organization leaves the cached pages of the others alone.
// Each replica keeps its own caches and follows the shared database's
// changes, so replicas never serve each other's stale answers.
package readcache

import (
	"container/list"
	"context"
	"errors"
	"strconv"
	"sync"

	"github.com/google/uuid"
	"golang.org/x/sync/singleflight"

	"github.com/leitstand/leitstand/server/internal/platform/changes"
)

// Cache is a bounded LRU of answers with what they were read from.
type Cache[V any] struct {
	feed *changes.Feed

	mu      sync.Mutex
	max     int
	order   *list.List // front: most recently used
	entries map[string]*list.Element
	// The entries by what they depend on, for Invalidate.
	byID    map[uuid.UUID]map[string]struct{}
	byType  map[string]map[string]struct{} // Deps.Types
	byWhole map[string]map[string]struct{} // Deps.Whole

	// flights joins the callers that miss the same key at the same version:
	// 64 callers of a page that was just dropped build it once.
	flights singleflight.Group
}

type entry[V any] struct {
	key   string
	value V
	deps  changes.Deps
}

// New returns a cache of at most max entries that follows feed.
func New[V any](feed *changes.Feed, max int) *Cache[V] {
	c := &Cache[V]{feed: feed, max: max, order: list.New(), entries: make(map[string]*list.Element, max),
		byID: map[uuid.UUID]map[string]struct{}{}, byType: map[string]map[string]struct{}{}, byWhole: map[string]map[string]struct{}{}}
	feed.Subscribe(c)
	return c
}

// Len is the number of answers kept.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Load returns the answer under key for a request at version: from the
// cache when nothing it was read from changed up to version, otherwise from
// load, which runs once for all the callers that miss the same key at the
// same version together and says what the answer was read from. An unknown
// version (0) or a feed that cannot be read loads without the cache.
func (c *Cache[V]) Load(ctx context.Context, key string, version int64, load func(context.Context) (V, changes.Deps, error)) (V, error) {
	uncached := func(ctx context.Context) (V, error) {
		v, _, err := load(ctx)
		return v, err
	}
	if version <= 0 || c.feed.Sync(ctx, version) != nil {
		return uncached(ctx)
	}
	if v, ok := c.get(key); ok {
		return v, nil
	}
	read := func(ctx context.Context) (V, error) {
		v, deps, err := load(ctx)
		if err == nil {
			c.feed.Admit(version, deps, func() { c.put(key, v, deps) })
		}
		return v, err
	}
	shared, err, _ := c.flights.Do(key+"@"+strconv.FormatInt(version, 10), func() (any, error) {
		// A flight that ended between this caller's miss and now has
		// stored what it read.
		if v, ok := c.get(key); ok {
			return v, nil
		}
		return read(ctx)
	})
	if err != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// The caller whose load was shared gave up; this one has not, and
		// reads for itself.
		return read(ctx)
	}
	if err != nil {
		var zero V
		return zero, err
	}
	return shared.(V), nil
}

func (c *Cache[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry[V]).value, true
}

// put stores an answer, evicting the least recently used when full. The
// feed holds its lock while put runs (see changes.Feed.Admit).
func (c *Cache[V]) put(key string, value V, deps changes.Deps) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.remove(el)
	}
	e := &entry[V]{key: key, value: value, deps: deps}
	c.entries[key] = c.order.PushFront(e)
	for _, id := range deps.IDs {
		index(c.byID, id, key)
	}
	for _, t := range deps.Types {
		index(c.byType, t, key)
	}
	for _, t := range deps.Whole {
		index(c.byWhole, t, key)
	}
	for c.order.Len() > c.max {
		c.remove(c.order.Back())
	}
}

func (c *Cache[V]) remove(el *list.Element) {
	e := el.Value.(*entry[V])
	c.order.Remove(el)
	delete(c.entries, e.key)
	for _, id := range e.deps.IDs {
		unindex(c.byID, id, e.key)
	}
	for _, t := range e.deps.Types {
		unindex(c.byType, t, e.key)
	}
	for _, t := range e.deps.Whole {
		unindex(c.byWhole, t, e.key)
	}
}

// Invalidate implements changes.Subscriber: it drops the answers that set
// touched (the same rule as changes.Deps.Touches, through the indexes).
func (c *Cache[V]) Invalidate(set *changes.Set) {
	c.mu.Lock()
	defer c.mu.Unlock()
	drop := map[string]struct{}{}
	for id := range set.IDs {
		for k := range c.byID[id] {
			drop[k] = struct{}{}
		}
	}
	for t := range set.Types {
		for k := range c.byWhole[t] {
			drop[k] = struct{}{}
		}
	}
	for t := range set.Bulk {
		for k := range c.byWhole[t] {
			drop[k] = struct{}{}
		}
		for k := range c.byType[t] {
			drop[k] = struct{}{}
		}
	}
	for k := range drop {
		if el, ok := c.entries[k]; ok {
			c.remove(el)
		}
	}
}

// Flush implements changes.Subscriber: it drops every answer.
func (c *Cache[V]) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	c.entries = make(map[string]*list.Element, c.max)
	c.byID = map[uuid.UUID]map[string]struct{}{}
	c.byType = map[string]map[string]struct{}{}
	c.byWhole = map[string]map[string]struct{}{}
}

func index[K comparable](m map[K]map[string]struct{}, k K, key string) {
	s := m[k]
	if s == nil {
		s = map[string]struct{}{}
		m[k] = s
	}
	s[key] = struct{}{}
}

func unindex[K comparable](m map[K]map[string]struct{}, k K, key string) {
	if s := m[k]; s != nil {
		delete(s, key)
		if len(s) == 0 {
			delete(m, k)
		}
	}
}
