package readcache

import (
	"fmt"
	"sync"
	"testing"
)

func TestVersionsAndEviction(t *testing.T) {
	t.Parallel()
	c := New[string](2)
	c.Put("a", 5, "a@5")
	if v, ok := c.Get("a", 5); !ok || v != "a@5" {
		t.Fatalf("Get(a,5) = %q %v", v, ok)
	}
	if _, ok := c.Get("a", 6); ok {
		t.Error("a value read at version 5 was served at version 6")
	}
	if _, ok := c.Get("a", 0); ok {
		t.Error("an unknown version was served from the cache")
	}
	c.Put("a", 4, "a@4") // an older read does not replace a newer one
	if v, _ := c.Get("a", 5); v != "a@5" {
		t.Errorf("older read replaced newer: %q", v)
	}
	c.Put("b", 5, "b")
	c.Get("a", 5) // a is now the most recently used
	c.Put("c", 5, "c")
	if _, ok := c.Get("b", 5); ok {
		t.Error("the least recently used entry was not evicted")
	}
	if _, ok := c.Get("a", 5); !ok {
		t.Error("a recently used entry was evicted")
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	c := New[int](50)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				k := fmt.Sprint(i % 80)
				c.Put(k, int64(1+w%2), i)
				c.Get(k, int64(1+w%2))
			}
		}()
	}
	wg.Wait()
	if n := c.order.Len(); n > 50 || n != len(c.entries) {
		t.Errorf("cache holds %d entries (%d in the map), want at most 50", n, len(c.entries))
	}
}
