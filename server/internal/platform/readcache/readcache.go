// Package readcache keeps answers to frequent reads in memory, valid for one
// data version: the sequence of the audit chain's head, which every change
// moves in its own transaction. A request learns the current version in the
// same statement that resolves its credential, so a hit costs no query and
// can never be older than the data at the start of the request. Each replica
// has its own cache and checks it against the shared database, so replicas
// never serve each other's stale answers.
package readcache

import (
	"container/list"
	"context"
	"errors"
	"strconv"
	"sync"

	"golang.org/x/sync/singleflight"
)

// Cache is a bounded LRU of values tagged with the version they were read at.
type Cache[V any] struct {
	mu      sync.Mutex
	max     int
	order   *list.List // front: most recently used
	entries map[string]*list.Element
	// flights joins the callers that miss the same key at the same version:
	// once writes move the version, every reader misses, and without it 64
	// callers of the same page would each build it.
	flights singleflight.Group
}

type entry[V any] struct {
	key     string
	version int64
	value   V
}

// New returns a cache holding at most max entries.
func New[V any](max int) *Cache[V] {
	return &Cache[V]{max: max, order: list.New(), entries: make(map[string]*list.Element, max)}
}

// Get returns the value stored under key if it was read at version.
func (c *Cache[V]) Get(key string, version int64) (V, bool) {
	var zero V
	if version <= 0 {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return zero, false
	}
	e := el.Value.(*entry[V])
	if e.version != version {
		return zero, false
	}
	c.order.MoveToFront(el)
	return e.value, true
}

// Put stores value under key as read at version, evicting the least recently
// used entry when full. A version of 0 (unknown) stores nothing.
func (c *Cache[V]) Put(key string, version int64, value V) {
	if version <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*entry[V])
		if version >= e.version {
			e.version, e.value = version, value
		}
		c.order.MoveToFront(el)
		return
	}
	c.entries[key] = c.order.PushFront(&entry[V]{key: key, version: version, value: value})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*entry[V]).key)
	}
}

// Load returns the value under key read at version, from the cache or from
// load, which runs once for all the callers that miss the same key at the
// same version together; what it returns is stored. A version of 0
// (unknown) always loads, alone.
func (c *Cache[V]) Load(ctx context.Context, key string, version int64, load func(context.Context) (V, error)) (V, error) {
	if v, ok := c.Get(key, version); ok {
		return v, nil
	}
	if version <= 0 {
		return load(ctx)
	}
	shared, err, _ := c.flights.Do(key+"@"+strconv.FormatInt(version, 10), func() (any, error) {
		// A flight that ended between this caller's miss and now has
		// stored what it read.
		if v, ok := c.Get(key, version); ok {
			return v, nil
		}
		v, err := load(ctx)
		if err == nil {
			c.Put(key, version, v)
		}
		return v, err
	})
	if err != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// The caller whose load was shared gave up; this one has not, and
		// reads for itself.
		v, err := load(ctx)
		if err == nil {
			c.Put(key, version, v)
		}
		return v, err
	}
	if err != nil {
		var zero V
		return zero, err
	}
	return shared.(V), nil
}
