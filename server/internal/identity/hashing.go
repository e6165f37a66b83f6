package identity

import (
	"context"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
)

// hashGate bounds the password checks that run at once: each argon2id
// check holds its memory (19 MiB by default) for tens of milliseconds, so
// a crowd of anonymous sign-ins must queue briefly or be turned away,
// not take the process's memory with it.
type hashGate struct {
	slots chan struct{}
	wait  time.Duration
}

func newHashGate(n int, wait time.Duration) *hashGate {
	return &hashGate{slots: make(chan struct{}, max(n, 1)), wait: wait}
}

// acquire takes a slot, waiting at most g.wait; release gives it back.
func (g *hashGate) acquire(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.release, nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.release, nil
	case <-t.C:
		return nil, apierr.ResourceExhausted("too many sign-ins at once; try again in a moment")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *hashGate) release() { <-g.slots }

// HashNewPassword checks a password someone chooses for themselves (a
// sign-up) and returns its hash, waiting like a sign-in for a hashing slot.
// A weak password is InvalidArgument at field.
func (s *Service) HashNewPassword(ctx context.Context, field, password, email string) (string, error) {
	if why := auth.WeakPassword(password, NormalizeEmail(email)); why != "" {
		return "", apierr.Invalid(field, "password.strength", "%s", why)
	}
	release, err := s.hashing.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return auth.HashPassword(password, s.policy.Argon2)
}
