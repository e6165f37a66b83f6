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
	"sync"
)

// Cache is a bounded LRU of values tagged with the version they were read at.
type Cache[V any] struct {
	mu      sync.Mutex
	max     int
	order   *list.List // front: most recently used
	entries map[string]*list.Element
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
