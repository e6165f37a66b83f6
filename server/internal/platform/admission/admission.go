// Package admission decides how many reads run at once, so that the work
// that must not wait — writes, and sign-ins, which spend tens of
// milliseconds of CPU on the password hash by design — finds the CPUs free
// enough however many reads arrive.
//
// Reads take a slot before they start (before even their credential is
// resolved) and wait, costing nothing, while none is free. While urgent work
// is running, fewer slots are handed out: reads already running finish, new
// ones wait a little, and the urgent work gets most of the CPUs. Throughput
// is not lost, since the CPUs stay busy either way; a few reads start a few
// milliseconds later.
package admission

import (
	"container/list"
	"context"
	"runtime"
	"sync"
	"time"
)

// ReadsPerCPU is how many reads run at once per CPU unless configured:
// enough to keep the CPUs and the database busy, few enough that the run
// queue stays short.
const ReadsPerCPU = 8

// Gate hands out read slots.
type Gate struct {
	mu      sync.Mutex
	n       int // slots
	urgentN int // slots while urgent work runs
	inUse   int
	urgent  int
	waiting *list.List // of chan struct{}, first come first served
}

// New returns a gate of n slots that hands out only urgentN while urgent
// work runs.
func New(n, urgentN int) *Gate {
	return &Gate{n: max(n, 1), urgentN: max(urgentN, 1), waiting: list.New()}
}

// ForCPUs returns the gate for this process: n read slots (0: ReadsPerCPU
// per CPU), and one per two CPUs (at least one) while urgent work runs.
func ForCPUs(n int) *Gate {
	cpus := runtime.GOMAXPROCS(0)
	if n <= 0 {
		n = ReadsPerCPU * cpus
	}
	return New(n, min(n, max(cpus/2, 1)))
}

func (g *Gate) limit() int {
	if g.urgent > 0 {
		return g.urgentN
	}
	return g.n
}

// Read waits for a read slot and returns the function that gives it back;
// it fails only when ctx ends first.
func (g *Gate) Read(ctx context.Context) (release func(), err error) {
	g.mu.Lock()
	if g.inUse < g.limit() && g.waiting.Len() == 0 {
		g.inUse++
		g.mu.Unlock()
		return g.release, nil
	}
	ready := make(chan struct{})
	el := g.waiting.PushBack(ready)
	g.mu.Unlock()
	select {
	case <-ready:
		return g.release, nil
	case <-ctx.Done():
		g.mu.Lock()
		defer g.mu.Unlock()
		select {
		case <-ready: // granted just now: hand it on
			g.inUse--
			g.grant()
		default:
			g.waiting.Remove(el)
		}
		return nil, ctx.Err()
	}
}

func (g *Gate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inUse--
	g.grant()
}

// grant hands free slots to the readers waiting longest. Called with mu.
func (g *Gate) grant() {
	for g.inUse < g.limit() && g.waiting.Len() > 0 {
		ready := g.waiting.Remove(g.waiting.Front()).(chan struct{})
		g.inUse++
		close(ready)
	}
}

// Urgent marks urgent work as running until the returned function is
// called.
func (g *Gate) Urgent() (done func()) {
	g.mu.Lock()
	g.urgent++
	g.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			g.urgent--
			g.grant()
		})
	}
}

// UrgentFor marks urgent work as running until the returned function is
// called or at most for d: long enough for a write's few statements, short
// enough that one waiting on something slow (a provider's answer) does not
// hold reads back for its whole duration.
func (g *Gate) UrgentFor(d time.Duration) (done func()) {
	end := g.Urgent()
	t := time.AfterFunc(d, end)
	return func() {
		t.Stop()
		end()
	}
}

// Running returns the reads running now and waiting now.
func (g *Gate) Running() (running, waiting int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.inUse, g.waiting.Len()
}

// UrgentWork returns how much urgent work is running now.
func (g *Gate) UrgentWork() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.urgent
}
