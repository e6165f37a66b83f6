package identity

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Beyond its slots the gate lets an attempt wait briefly, then turns it
// away with resource_exhausted; a released slot is taken by the next one.
func TestHashGateTurnsAwayTheCrowd(t *testing.T) {
	g := newHashGate(2, time.Millisecond)
	r1, err1 := g.acquire(context.Background())
	r2, err2 := g.acquire(context.Background())
	if err1 != nil || err2 != nil {
		t.Fatalf("free slots refused: %v %v", err1, err2)
	}
	if _, err := g.acquire(context.Background()); !errors.Is(err, apierr.ErrResourceExhausted) {
		t.Fatalf("third at once: %v, want resource_exhausted", err)
	}
	r1()
	r3, err := g.acquire(context.Background())
	if err != nil {
		t.Fatalf("after a release: %v", err)
	}
	r2()
	r3()
}
