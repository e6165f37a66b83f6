package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
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
	// SecondFactorRequired: the password was right but the user has a
	// second factor and no right code came with it; no session was started.
	SecondFactorRequired bool
}

// Login checks the credentials and starts a new session (a new id at every
// sign-in, so a session id planted before sign-in is worthless).
func (s *Service) Login(ctx context.Context, email, password string) (*SignedIn, error) {
	return s.LoginWithCode(ctx, email, password, "")
}

// LoginWithCode is Login for a user who may have a second factor: code is
// the code from the authenticator app or a recovery code. A right password
// without a right code starts no session and says a code is required; the
// attempt stays counted.
func (s *Service) LoginWithCode(ctx context.Context, email, password, code string) (*SignedIn, error) {
	email = NormalizeEmail(email)
	now := s.clock.Now()
	info := reqctx.From(ctx)
	release, err := s.hashing.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	if err := s.reserve(ctx, email, info.RemoteAddr, now); err != nil {
		return nil, err
	}
	u, err := s.client.User.Query().Where(user.Email(email)).WithGrants().WithBillingEntity().Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("look up user: %w", err)
	}
	// Unknown addresses and users without a password are checked against
	// a hash of the same cost, so the answer's timing reveals neither.
	if u == nil || u.PasswordHash == "" {
		s.checkPassword(s.dummyHash, password)
		return nil, s.failed(ctx, u)
	}
	// A suspended reseller's staff are turned away like a disabled user.
	suspended := u.Edges.BillingEntity != nil && u.Edges.BillingEntity.Status != billingentity.StatusACTIVE
	if !s.checkPassword(u.PasswordHash, password) || u.Disabled || suspended {
		return nil, s.failed(ctx, u)
	}
	if u.TotpEnabledTime != nil {
		if code == "" {
			return &SignedIn{SecondFactorRequired: true}, nil
		}
		ok, err := s.consume(ctx, u, code, now)
		if err != nil {
			return nil, err
		}
		if !ok {
			actor := principalOf(u, authz.MethodNone)
			s.audit.RecordDenied(authz.WithPrincipal(ctx, actor), info.Procedure, "sign-in failed: wrong second factor")
			return &SignedIn{SecondFactorRequired: true}, nil
		}
	}
	// A hash made with older parameters is replaced while the password is
	// at hand.
	var rehash string
	if auth.NeedsRehash(u.PasswordHash, s.policy.Argon2) {
		if rehash, err = auth.HashPassword(password, s.policy.Argon2); err != nil {
			return nil, err
		}
	}
	secret, hash := auth.NewSecret(auth.SessionSecretPrefix)
	expire := now.Add(s.policy.SessionIdle)
	var sess *ent.Session
	principal := principalOf(u, authz.MethodSession)
	err = s.audit.Change(authz.WithPrincipal(ctx, principal), func(tx *ent.Tx, log *audit.Log) error {
		var err error
		sc := tx.Session.Create()
		if u.TotpEnabledTime != nil {
			sc.SetSecondFactorTime(now)
		}
		sess, err = sc.
			SetUserID(u.ID).SetTokenHash(hash).SetCreateTime(now).SetExpireTime(expire).
			SetLastSeenTime(now).SetUserAgent(truncate(info.UserAgent, 500)).SetRemoteAddr(truncate(info.RemoteAddr, 100)).
			Save(ctx)
		if err != nil {
			return err
		}
		uu := tx.User.UpdateOneID(u.ID).SetLastLoginTime(now)
		if rehash != "" {
			uu.SetPasswordHash(rehash)
		}
		if err := uu.Exec(ctx); err != nil {
			return err
		}
		if err := succeeded(ctx, tx, email, info.RemoteAddr); err != nil {
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
	var confirmed *time.Time
	if u.TotpEnabledTime != nil {
		confirmed = &now
	}
	s.secondFactorState(principal, u.TotpEnabledTime != nil, confirmed)
	return &SignedIn{Principal: principal, Secret: secret, ExpireTime: expire, CookieMaxAge: s.policy.SessionMax}, nil
}

// failed records a failed attempt of a known user in the audit trail as
// denied; the attempt was counted before the password was checked.
func (s *Service) failed(ctx context.Context, u *ent.User) error {
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
	var caps []authz.Capability
	if be := u.Edges.BillingEntity; be != nil {
		for _, c := range be.Capabilities {
			caps = append(caps, authz.Capability(c))
		}
	}
	return &authz.Principal{
		UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: role,
		Permissions: permissionsOf(role, extra, u.BillingEntityID != nil, caps), Method: m, BillingEntityID: u.BillingEntityID,
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
