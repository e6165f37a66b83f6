package changes

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/google/uuid"
	"golang.org/x/sync/singleflight"
)

// Change is one version's set.
type Change struct {
	Version int64
	*Set
}

// Reader reads the changes after version from up to version to, in order.
type Reader func(ctx context.Context, from, to int64) ([]Change, error)

// Subscriber is told about every change a Feed applies.
type Subscriber interface {
	// Invalidate drops what set touched.
	Invalidate(set *Set)
	// Flush drops everything: the changes since the last version seen are
	// not known.
	Flush()
}

// Deps is what a cached answer was read from.
type Deps struct {
	// IDs are the rows it read.
	IDs []uuid.UUID
	// Types are the types of those rows: a change that wrote rows of one of
	// them without knowing which drops the answer.
	Types []string
	// Whole are the types any row of which, written, changes the answer:
	// a list, a count.
	Whole []string
}

// Touches reports whether set wrote something d depends on.
func (d Deps) Touches(set *Set) bool {
	for _, id := range d.IDs {
		if _, ok := set.IDs[id]; ok {
			return true
		}
	}
	for _, t := range d.Whole {
		if _, ok := set.Types[t]; ok {
			return true
		}
		if _, ok := set.Bulk[t]; ok {
			return true
		}
	}
	for _, t := range d.Types {
		if _, ok := set.Bulk[t]; ok {
			return true
		}
	}
	return false
}

const (
	// recentChanges is how many applied changes a Feed keeps to check an
	// answer read at an older version before it is stored.
	recentChanges = 1024
	// MaxBehind is how far a replica may fall behind before it drops its
	// caches rather than read every change since (a replica that sat idle).
	MaxBehind = 50_000
	// Keep is how many versions of changes the database keeps: more than
	// MaxBehind, so that a replica never reads a pruned range.
	Keep = 100_000
)

// Feed applies the changes since the version a replica last saw to its
// caches, before a request at a newer version reads them.
type Feed struct {
	read    Reader
	flights singleflight.Group

	mu      sync.RWMutex
	applied int64
	recent  []Change // the last recentChanges applied, oldest first
	// complete: recent holds every change after this version.
	complete int64
	subs     []Subscriber
}

// NewFeed returns a feed that reads changes with read.
func NewFeed(read Reader) *Feed { return &Feed{read: read} }

// Subscribe adds s to the subscribers told about every change.
func (f *Feed) Subscribe(s Subscriber) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = append(f.subs, s)
}

// Applied returns the newest version whose changes the subscribers know.
func (f *Feed) Applied() int64 {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.applied
}

// Sync makes sure every change up to version has been applied. Callers that
// find the feed behind together share one read of the changes.
func (f *Feed) Sync(ctx context.Context, version int64) error {
	if version <= 0 || f.Applied() >= version {
		return nil
	}
	_, err, _ := f.flights.Do(strconv.FormatInt(version, 10), func() (any, error) {
		return nil, f.syncTo(context.WithoutCancel(ctx), version)
	})
	return err
}

func (f *Feed) syncTo(ctx context.Context, version int64) error {
	from := f.Applied()
	if from >= version {
		return nil
	}
	if from == 0 || version-from > MaxBehind {
		// Nothing cached yet was checked against a version (a new
		// process), or the replica fell too far behind: start afresh.
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.applied >= version {
			return nil
		}
		for _, s := range f.subs {
			s.Flush()
		}
		f.applied, f.recent, f.complete = version, nil, version
		return nil
	}
	changes, err := f.read(ctx, from, version)
	if err != nil {
		return fmt.Errorf("read data changes: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range changes {
		if c.Version <= f.applied || c.Version > version {
			continue
		}
		for _, s := range f.subs {
			s.Invalidate(c.Set)
		}
		f.recent = append(f.recent, c)
	}
	if n := len(f.recent) - recentChanges; n > 0 {
		f.complete = f.recent[n-1].Version
		f.recent = append(f.recent[:0:0], f.recent[n:]...)
	}
	if version > f.applied {
		f.applied = version
	}
	return nil
}

// Admit calls store if an answer read at version readAt with deps may be
// kept: no change applied since readAt touched deps. It holds the feed while
// store runs, so no change is applied between the check and the store.
func (f *Feed) Admit(readAt int64, deps Deps, store func()) bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if readAt <= 0 || readAt > f.applied {
		return false
	}
	if readAt < f.complete {
		return false // the changes since readAt are no longer all known
	}
	for _, c := range f.recent {
		if c.Version > readAt && deps.Touches(c.Set) {
			return false
		}
	}
	store()
	return true
}
