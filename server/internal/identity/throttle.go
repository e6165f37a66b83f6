package identity

import (
	"context"
	"fmt"
	"math"
	"net/netip"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/loginthrottle"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// The sign-in policy, in full (the README's security section repeats it):
//
//   - Every attempt is counted before its password is checked, in the
//     same transaction that reads the count, so parallel attempts cannot
//     slip past the limit: at most FreeAttempts are evaluated for one
//     e-mail address from one client address, and at most
//     AddressAttempts for all e-mail addresses from one client address
//     (spraying one password across many accounts).
//   - The attempt that uses up an allowance locks it for LockBase; each
//     further one, once a lock ran out, doubles the lock up to LockMax.
//     A locked allowance answers resource_exhausted without checking the
//     password.
//   - The lock of an e-mail address holds only for the client address
//     that failed, so someone guessing an owner's password from elsewhere
//     cannot lock the owner out.
//   - A successful sign-in clears its e-mail address's count and gives its
//     attempt back to its client address. Quiet counts are removed by the
//     Session Cleanup job.
//   - Unknown addresses count like known ones, and every refusal looks
//     alike, so throttling reveals no accounts.

// throttleKeys are the counts an attempt from addr for email uses.
func throttleKeys(email, addr string) (account, address string) {
	a := clientKey(addr)
	return "account:" + a + "|" + email, "address:" + a
}

// clientKey is the part of a client address that identifies a client: the
// IPv4 address, or the IPv6 /64 (one subscriber's network).
func clientKey(addr string) string {
	ap, err := netip.ParseAddrPort(addr)
	ip := ap.Addr()
	if err != nil {
		if ip, err = netip.ParseAddr(addr); err != nil {
			return addr
		}
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// reserve counts an attempt against both allowances and decides whether
// its password may be checked. Each count is raised by one statement
// (an upsert) that also locks its row until the transaction ends, so a
// parallel attempt waits and then sees this one's count and lock.
func (s *Service) reserve(ctx context.Context, email, addr string, now time.Time) error {
	ctx = tenancy.Unscoped(ctx) // the counts are the platform's, kept before anyone is known
	account, address := throttleKeys(email, addr)
	var locked time.Time
	err := db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		locked = time.Time{}
		for _, c := range []struct {
			key  string
			free int
		}{{account, s.policy.FreeAttempts}, {address, s.policy.AddressAttempts}} {
			until, err := s.count(ctx, tx, c.key, c.free, now)
			if err != nil {
				return err
			}
			if until.After(locked) {
				locked = until
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("count sign-in attempt: %w", err)
	}
	if locked.After(now) {
		return apierr.ResourceExhausted("too many failed sign-ins; try again in %s", locked.Sub(now).Round(time.Second))
	}
	return nil
}

// count raises key's attempts and returns the lock that refuses this
// attempt (zero: it may be checked). The attempt that reaches free, and
// each one after a lock ran out, is checked but locks the next ones.
func (s *Service) count(ctx context.Context, tx *ent.Tx, key string, free int, now time.Time) (time.Time, error) {
	ctx = tenancy.Unscoped(ctx)
	err := tx.LoginThrottle.Create().SetID(key).SetFailures(1).SetLastFailureTime(now).
		OnConflictColumns(loginthrottle.FieldID).
		Update(func(u *ent.LoginThrottleUpsert) { u.AddFailures(1).UpdateLastFailureTime() }).
		Exec(ctx)
	if err != nil {
		return time.Time{}, err
	}
	t, err := tx.LoginThrottle.Get(ctx, key)
	if err != nil {
		return time.Time{}, err
	}
	if t.LockedUntil != nil && t.LockedUntil.After(now) {
		return *t.LockedUntil, nil
	}
	if over := t.Failures - free; over >= 0 {
		d := time.Duration(float64(s.policy.LockBase) * math.Pow(2, float64(min(over, 20))))
		if err := tx.LoginThrottle.UpdateOneID(key).SetLockedUntil(now.Add(min(d, s.policy.LockMax))).Exec(ctx); err != nil {
			return time.Time{}, err
		}
	}
	return time.Time{}, nil
}

// succeeded clears the account's count and gives the attempt back to the
// client address, in the sign-in's transaction.
func succeeded(ctx context.Context, tx *ent.Tx, email, addr string) error {
	ctx = tenancy.Unscoped(ctx)
	account, address := throttleKeys(email, addr)
	if _, err := tx.LoginThrottle.Delete().Where(loginthrottle.ID(account)).Exec(ctx); err != nil {
		return err
	}
	return tx.LoginThrottle.Update().Where(loginthrottle.ID(address), loginthrottle.FailuresGT(0)).AddFailures(-1).Exec(ctx)
}
