package identity

import (
	"context"
	"github.com/leitstand/leitstand/server/internal/platform/admission"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// hashGate bounds the password checks that run at once: each argon2id
// check holds its memory (19 MiB by default) for tens of milliseconds, so
// a crowd of anonymous sign-ins must queue briefly or be turned away,
// not take the process's memory with it.
type hashGate struct {
	slots chan struct{}
	wait  time.Duration
	// urgent marks a sign-in as running: fewer reads are admitted, and
	// the password hash gets the CPU (see GiveSignInsPriority).
	urgent func() (done func())
}

func newHashGate(n int, wait time.Duration) *hashGate {
	return &hashGate{slots: make(chan struct{}, max(n, 1)), wait: wait}
}

// acquire takes a slot, waiting at most g.wait; release gives it back.
func (g *hashGate) acquire(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.taken(), nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.taken(), nil
	case <-t.C:
		return nil, apierr.ResourceExhausted("too many sign-ins at once; try again in a moment")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// taken returns the release of a slot just taken.
func (g *hashGate) taken() (release func()) {
	done := func() {}
	if g.urgent != nil {
		done = g.urgent()
	}
	return func() {
		done()
		<-g.slots
	}
}

// GiveSignInsPriority makes every sign-in urgent work for reads: while one
// runs, reads admits fewer reads, so that a sign-in's password hash — tens
// of milliseconds of CPU, by design — is not stretched out behind a flood
// of them.
func (s *Service) GiveSignInsPriority(reads *admission.Gate) { s.hashing.urgent = reads.Urgent }
