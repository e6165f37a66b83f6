package identity

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/loginthrottle"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// errBadCredentials is the one answer for an unknown e-mail, a wrong
// password, a user without a password and a disabled user alike.
var errBadCredentials = apierr.Unauthenticated("the e-mail address or password is wrong")

// SignedIn is the result of a successful Login.
type SignedIn struct {
	Principal *authz.Principal
	// Secret goes into the session cookie; it is never stored.
	Secret     string
	ExpireTime time.Time
	// CookieMaxAge is how long the browser should keep the cookie: the
	// longest the session can live; the server ends it earlier when idle.
	CookieMaxAge time.Duration
}

// Login checks the credentials and starts a new session (a new id at every
// sign-in, so a session id planted before sign-in is worthless).
func (s *Service) Login(ctx context.Context, email, password string) (*SignedIn, error) {
	email = NormalizeEmail(email)
	now := s.clock.Now()
	if until, err := s.lockedUntil(ctx, email, now); err != nil {
		return nil, err
	} else if until.After(now) {
		return nil, apierr.ResourceExhausted("too many failed sign-ins for this e-mail address; try again in %s",
			until.Sub(now).Round(time.Second))
	}
	u, err := s.client.User.Query().Where(user.Email(email)).WithGrants().Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("look up user: %w", err)
	}
	if u == nil {
		auth.CheckPassword(s.dummyHash, password)
		return nil, s.failed(ctx, email, now, nil)
	}
	if !auth.CheckPassword(u.PasswordHash, password) || u.Disabled {
		return nil, s.failed(ctx, email, now, u)
	}
	secret, hash := auth.NewSecret(auth.SessionSecretPrefix)
	expire := now.Add(s.policy.SessionIdle)
	info := reqctx.From(ctx)
	var sess *ent.Session
	principal := principalOf(u, authz.MethodSession)
	err = s.audit.Change(authz.WithPrincipal(ctx, principal), func(tx *ent.Tx, log *audit.Log) error {
		var err error
		sess, err = tx.Session.Create().
			SetUserID(u.ID).SetTokenHash(hash).SetCreateTime(now).SetExpireTime(expire).
			SetLastSeenTime(now).SetUserAgent(truncate(info.UserAgent, 500)).SetRemoteAddr(truncate(info.RemoteAddr, 100)).
			Save(ctx)
		if err != nil {
			return err
		}
		if err := tx.User.UpdateOneID(u.ID).SetLastLoginTime(now).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.LoginThrottle.Delete().Where(loginthrottle.ID(email)).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "user", TargetID: ids.Format(ids.User, u.ID),
			After: map[string]any{"session": ids.Format(ids.Session, sess.ID), "remote_addr": info.RemoteAddr}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	principal.SessionID = sess.ID
	return &SignedIn{Principal: principal, Secret: secret, ExpireTime: expire, CookieMaxAge: s.policy.SessionMax}, nil
}

func (s *Service) lockedUntil(ctx context.Context, email string, now time.Time) (time.Time, error) {
	t, err := s.client.LoginThrottle.Get(ctx, email)
	if ent.IsNotFound(err) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read sign-in throttle: %w", err)
	}
	if t.LockedUntil == nil {
		return time.Time{}, nil
	}
	return *t.LockedUntil, nil
}

// failed counts a failed attempt for email and locks it once the free
// attempts are used up, doubling the lock with each further failure. For a
// known user the attempt is also recorded in the audit trail as denied.
func (s *Service) failed(ctx context.Context, email string, now time.Time, u *ent.User) error {
	err := db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		failures := 1
		if t, err := tx.LoginThrottle.Get(ctx, email); err == nil {
			failures = t.Failures + 1
		} else if !ent.IsNotFound(err) {
			return err
		}
		var locked *time.Time
		if over := failures - s.policy.FreeAttempts; over >= 0 {
			d := time.Duration(float64(s.policy.LockBase) * math.Pow(2, float64(min(over, 20))))
			until := now.Add(min(d, s.policy.LockMax))
			locked = &until
		}
		return tx.LoginThrottle.Create().SetID(email).SetFailures(failures).SetLastFailureTime(now).
			SetNillableLockedUntil(locked).
			OnConflictColumns(loginthrottle.FieldID).UpdateNewValues().Exec(ctx)
	})
	if err != nil {
		return fmt.Errorf("count failed sign-in: %w", err)
	}
	if u != nil {
		actor := principalOf(u, authz.MethodNone)
		s.audit.RecordDenied(authz.WithPrincipal(ctx, actor), reqctx.From(ctx).Procedure, "sign-in failed: wrong password or disabled user")
	}
	return errBadCredentials
}

// Logout ends the caller's session.
func (s *Service) Logout(ctx context.Context) error {
	p := authz.FromContext(ctx)
	if p == nil || p.Method != authz.MethodSession {
		return apierr.FailedPrecondition("only a browser session can be signed out; revoke an API token instead")
	}
	now := s.clock.Now()
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := tx.Session.UpdateOneID(p.SessionID).SetRevokeTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "user", TargetID: ids.Format(ids.User, p.UserID),
			After: map[string]any{"session": ids.Format(ids.Session, p.SessionID), "signed_out": true}})
		return nil
	})
}

func principalOf(u *ent.User, m authz.Method) *authz.Principal {
	extra := make([]authz.Permission, 0, len(u.Edges.Grants))
	for _, g := range u.Edges.Grants {
		extra = append(extra, authz.Permission(g.Permission))
	}
	role := authz.Role(u.PlatformRole)
	return &authz.Principal{
		UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: role,
		Permissions: authz.Effective(role, extra), Method: m, BillingEntityID: u.BillingEntityID,
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
