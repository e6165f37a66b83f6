package admission

import (
	"context"
	"testing"
	"time"
)

func read(t *testing.T, g *Gate) func() {
	t.Helper()
	release, err := g.Read(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return release
}

// waiter starts a read that waits; its channel closes once it has a slot.
func waiter(ctx context.Context, g *Gate) (admitted chan func(), failed chan error) {
	admitted, failed = make(chan func(), 1), make(chan error, 1)
	go func() {
		release, err := g.Read(ctx)
		if err != nil {
			failed <- err
			return
		}
		admitted <- release
	}()
	return admitted, failed
}

func waitingNow(g *Gate, n int) {
	for {
		if _, w := g.Running(); w == n {
			return
		}
	}
}

// Reads beyond the slots wait, first come first served; one that gives up
// leaves the queue without taking a slot.
func TestReadsWaitForASlot(t *testing.T) {
	t.Parallel()
	g := New(2, 1)
	r1, r2 := read(t, g), read(t, g)
	giveUp, cancel := context.WithCancel(t.Context())
	_, failed := waiter(giveUp, g)
	waitingNow(g, 1)
	second, _ := waiter(t.Context(), g)
	waitingNow(g, 2)
	cancel()
	if err := <-failed; err == nil {
		t.Fatal("a read that gave up got a slot")
	}
	r1()
	release := <-second
	if running, waiting := g.Running(); running != 2 || waiting != 0 {
		t.Errorf("running %d, waiting %d; want 2 and 0", running, waiting)
	}
	r2()
	release()
	if running, _ := g.Running(); running != 0 {
		t.Errorf("%d slots still taken after every read ended", running)
	}
}

// While urgent work runs, only the urgent number of reads is admitted; the
// rest wait until it ends.
func TestUrgentWorkShrinksTheReads(t *testing.T) {
	t.Parallel()
	g := New(4, 1)
	done := g.Urgent()
	r1 := read(t, g)
	admitted, _ := waiter(t.Context(), g)
	waitingNow(g, 1)
	done()
	r2 := <-admitted
	r3, r4 := read(t, g), read(t, g)
	if running, _ := g.Running(); running != 4 {
		t.Errorf("after the urgent work: %d running, want 4", running)
	}
	done() // a second call changes nothing
	for _, r := range []func(){r1, r2, r3, r4} {
		r()
	}
	if g.urgent != 0 {
		t.Errorf("urgent count %d after done twice", g.urgent)
	}
}

// Urgency with a limit ends by itself; ending it early is fine too.
func TestUrgentForEndsByItself(t *testing.T) {
	t.Parallel()
	g := New(2, 1)
	done := g.UrgentFor(time.Millisecond)
	r1 := read(t, g)
	r2 := read(t, g) // admitted once the millisecond has passed
	r1()
	r2()
	done()
	g.UrgentFor(time.Hour)()
	if g.urgent != 0 {
		t.Errorf("urgent count %d after both ended", g.urgent)
	}
}
