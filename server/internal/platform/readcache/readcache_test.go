package readcache

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
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

// Callers that miss the same key at the same version together share one
// load; the next version loads anew.
func TestLoadSharesOneReadPerVersion(t *testing.T) {
	t.Parallel()
	c := New[string](10)
	var loads atomic.Int32
	release := make(chan struct{})
	load := func(context.Context) (string, error) {
		loads.Add(1)
		<-release
		return "page", nil
	}
	const callers = 16
	var started, done sync.WaitGroup
	got := make([]string, callers)
	for i := range callers {
		started.Add(1)
		done.Go(func() {
			started.Done()
			v, err := c.Load(t.Context(), "list", 7, load)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	started.Wait()
	// Let the callers reach the flight before the load finishes.
	for loads.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	done.Wait()
	// Callers that arrived after the load ended found it in the cache; at
	// most the one load ran.
	if n := loads.Load(); n != 1 {
		t.Errorf("%d loads for one key at one version, want 1", n)
	}
	for i, v := range got {
		if v != "page" {
			t.Errorf("caller %d got %q", i, v)
		}
	}
	if _, err := c.Load(t.Context(), "list", 8, func(context.Context) (string, error) { loads.Add(1); return "page@8", nil }); err != nil || loads.Load() != 2 {
		t.Errorf("a new version did not load anew: %v, %d loads", err, loads.Load())
	}
}

// A shared load that failed because its caller gave up is read again by a
// caller that has not.
func TestLoadRetriesWhenTheSharingCallerGaveUp(t *testing.T) {
	t.Parallel()
	c := New[string](10)
	var calls int
	v, err := c.Load(t.Context(), "k2", 3, func(context.Context) (string, error) {
		calls++
		if calls == 1 {
			return "", context.Canceled
		}
		return "fresh", nil
	})
	if err != nil || v != "fresh" || calls != 2 {
		t.Errorf("Load = %q, %v after %d calls, want fresh after 2", v, err, calls)
	}
}
