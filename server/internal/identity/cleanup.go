package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/apitoken"
	"github.com/leitstand/leitstand/server/ent/loginthrottle"
	"github.com/leitstand/leitstand/server/ent/session"
	"github.com/leitstand/leitstand/server/internal/platform/db"
)

// TokenRetention is how long an expired or revoked API token stays listed
// (with "show inactive") before the cleanup removes it.
const TokenRetention = 30 * 24 * time.Hour

// throttleQuiet is how long after its last failure a sign-in throttle is
// forgotten (once any lock has ended).
const throttleQuiet = 24 * time.Hour

// Cleanup is what CleanupExpired removed.
type Cleanup struct {
	Sessions, Tokens, Throttles int
}

// CleanupExpired removes sessions that can no longer be used (expired,
// idle too long, or signed out), API tokens expired or revoked more than
// TokenRetention ago, and sign-in throttles that have gone quiet. It works
// from the current state, so a run after downtime removes everything that
// ran out meanwhile, and a second run finds nothing left.
func (s *Service) CleanupExpired(ctx context.Context) (Cleanup, error) {
	now := s.clock.Now()
	var c Cleanup
	err := db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		var err error
		c.Sessions, err = tx.Session.Delete().Where(session.Or(
			session.ExpireTimeLTE(now),
			session.LastSeenTimeLTE(now.Add(-s.policy.SessionIdle)),
			session.RevokeTimeNotNil(),
		)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remove sessions: %w", err)
		}
		cutoff := now.Add(-TokenRetention)
		c.Tokens, err = tx.APIToken.Delete().Where(apitoken.Or(
			apitoken.ExpireTimeLTE(cutoff),
			apitoken.RevokeTimeLTE(cutoff),
		)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remove API tokens: %w", err)
		}
		c.Throttles, err = tx.LoginThrottle.Delete().Where(
			loginthrottle.LastFailureTimeLTE(now.Add(-throttleQuiet)),
			loginthrottle.Or(loginthrottle.LockedUntilIsNil(), loginthrottle.LockedUntilLTE(now)),
		).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remove sign-in throttles: %w", err)
		}
		return nil
	})
	return c, err
}
