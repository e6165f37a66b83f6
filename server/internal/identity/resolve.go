package identity

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/apitoken"
	"github.com/leitstand/leitstand/server/ent/auditchainhead"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/permissiongrant"
	"github.com/leitstand/leitstand/server/ent/session"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Every request resolves its credential, so the lookup is one statement:
// the credential joined with its user and, left-joined, the user's extra
// grants (one row per grant). A revoked or expired credential or a disabled
// user finds no row.

// ResolveSession implements auth.Resolver.
func (s *Service) ResolveSession(ctx context.Context, secret string) (*authz.Principal, error) {
	now := s.clock.Now()
	c, err := s.lookup(ctx, session.Table, session.FieldUserID, session.FieldTokenHash, session.FieldRevokeTime,
		session.FieldLastSeenTime, session.FieldSecondFactorTime, func(t *entsql.SelectTable, now time.Time) *entsql.Predicate {
			return entsql.GT(t.C(session.FieldExpireTime), now)
		}, auth.HashSecret(secret), now)
	if c == nil || err != nil {
		return nil, err
	}
	// Sliding expiry, written at most once a minute per session so that
	// reads do not turn into writes.
	if now.Sub(c.lastSeen) > time.Minute {
		sess, err := s.client.Session.Get(ctx, c.id)
		if err == nil {
			expire := now.Add(s.policy.SessionIdle)
			if hard := sess.CreateTime.Add(s.policy.SessionMax); expire.After(hard) {
				expire = hard
			}
			err = s.client.Session.UpdateOneID(c.id).SetLastSeenTime(now).SetExpireTime(expire).Exec(ctx)
		}
		if err != nil {
			s.logger.WarnContext(ctx, "extend session", "err", err)
		}
	}
	c.principal.Method = authz.MethodSession
	c.principal.SessionID = c.id
	return c.principal, nil
}

// ResolveToken implements auth.Resolver.
func (s *Service) ResolveToken(ctx context.Context, secret string) (*authz.Principal, error) {
	now := s.clock.Now()
	c, err := s.lookup(ctx, apitoken.Table, apitoken.FieldUserID, apitoken.FieldTokenHash, apitoken.FieldRevokeTime,
		apitoken.FieldLastUseTime, "", func(t *entsql.SelectTable, now time.Time) *entsql.Predicate {
			return entsql.Or(entsql.IsNull(t.C(apitoken.FieldExpireTime)), entsql.GT(t.C(apitoken.FieldExpireTime), now))
		}, auth.HashSecret(secret), now)
	if c == nil || err != nil {
		return nil, err
	}
	if now.Sub(c.lastSeen) > time.Minute {
		if err := s.client.APIToken.UpdateOneID(c.id).SetLastUseTime(now).Exec(ctx); err != nil {
			s.logger.WarnContext(ctx, "record token use", "err", err)
		}
	}
	c.principal.Method = authz.MethodAPIToken
	c.principal.TokenID = c.id
	return c.principal, nil
}

// credentialQuery is the text of a credential lookup with its arguments,
// the credential's hash and the time at the positions given. Every request
// runs one, so the text is built once per kind of credential, not per call.
type credentialQuery struct {
	text          string
	args          []any
	hashAt, nowAt int
}

func (s *Service) credentialQuery(table string, build func() credentialQuery) credentialQuery {
	if q, ok := s.credentialQueries.Load(table); ok {
		return q.(credentialQuery)
	}
	q, _ := s.credentialQueries.LoadOrStore(table, build())
	return q.(credentialQuery)
}

// buildCredentialQuery writes the lookup: the credential joined with its
// user and, left-joined, the user's extra grants (one row per grant), with
// the data version.
func buildCredentialQuery(dialect, table, userCol, hashCol, revokeCol, seenCol, factorCol string,
	valid func(*entsql.SelectTable, time.Time) *entsql.Predicate) credentialQuery {
	b := entsql.Dialect(dialect)
	c := b.Table(table).As("c")
	u := b.Table(user.Table).As("u")
	g := b.Table(permissiongrant.Table).As("g")
	h := b.Table(auditchainhead.Table).As("h")
	be := b.Table(billingentity.Table).As("be")
	sel := b.Select(
		c.C("id"), c.C(seenCol), u.C(user.FieldID), u.C(user.FieldEmail), u.C(user.FieldDisplayName),
		u.C(user.FieldPlatformRole), u.C(user.FieldBillingEntityID), u.C(user.FieldTotpEnabledTime),
	)
	// When the second factor was last confirmed: a session's; an API token
	// has none.
	if factorCol != "" {
		sel.AppendSelect(c.C(factorCol))
	} else {
		sel.AppendSelectExpr(entsql.Raw("NULL"))
	}
	sel.AppendSelect(g.C(permissiongrant.FieldPermission), be.C(billingentity.FieldCapabilities))
	// The data version comes along in the same statement (see readcache).
	sel.AppendSelectExprAs(b.Select(h.C(auditchainhead.FieldSequence)).From(h).Where(entsql.EQ(h.C(auditchainhead.FieldID), 1)), "data_version")
	// Placeholders for the hash and the time, found again by their types:
	// the statement has no other []byte or time.Time argument.
	text, args := sel.From(c).
		Join(u).On(c.C(userCol), u.C(user.FieldID)).
		LeftJoin(g).On(g.C(permissiongrant.FieldUserID), u.C(user.FieldID)).
		LeftJoin(be).On(u.C(user.FieldBillingEntityID), be.C(billingentity.FieldID)).
		Where(entsql.And(
			entsql.EQ(c.C(hashCol), []byte{}),
			entsql.IsNull(c.C(revokeCol)),
			valid(c, time.Time{}),
			entsql.EQ(u.C(user.FieldDisabled), false),
			// A suspended reseller's staff are locked out at once.
			entsql.Or(entsql.IsNull(be.C(billingentity.FieldID)), entsql.EQ(be.C(billingentity.FieldStatus), string(billingentity.StatusACTIVE))),
		)).Query()
	q := credentialQuery{text: text, args: args, hashAt: -1, nowAt: -1}
	for i, a := range args {
		switch a.(type) {
		case []byte:
			q.hashAt = i
		case time.Time:
			q.nowAt = i
		}
	}
	if q.hashAt < 0 || q.nowAt < 0 {
		panic("identity: the credential lookup lost its hash or time argument")
	}
	return q
}

type credential struct {
	id        uuid.UUID
	lastSeen  time.Time
	principal *authz.Principal
}

func (s *Service) lookup(ctx context.Context, table, userCol, hashCol, revokeCol, seenCol, factorCol string,
	valid func(*entsql.SelectTable, time.Time) *entsql.Predicate, hash []byte, now time.Time) (*credential, error) {
	q := s.credentialQuery(table, func() credentialQuery {
		return buildCredentialQuery(s.dialect, table, userCol, hashCol, revokeCol, seenCol, factorCol, valid)
	})
	args := slices.Clone(q.args)
	args[q.hashAt], args[q.nowAt] = hash, now
	rows, err := s.stmts.QueryContext(ctx, q.text, args...)
	if err != nil {
		return nil, fmt.Errorf("resolve credential: %w", err)
	}
	defer rows.Close()
	var (
		cred  *credential
		extra []authz.Permission
		caps  []authz.Capability
	)
	for rows.Next() {
		var (
			id, userID  uuid.UUID
			seen        sql.NullTime
			email, name string
			role        string
			be          uuid.NullUUID
			enrolled    sql.NullTime
			confirmed   sql.NullTime
			perm        sql.NullString
			capsJSON    []byte
			version     sql.NullInt64
		)
		if err := rows.Scan(&id, &seen, &userID, &email, &name, &role, &be, &enrolled, &confirmed, &perm, &capsJSON, &version); err != nil {
			return nil, fmt.Errorf("resolve credential: %w", err)
		}
		if cred == nil {
			cred = &credential{id: id, lastSeen: seen.Time, principal: &authz.Principal{
				UserID: userID, Email: email, DisplayName: name, Role: authz.Role(role), DataVersion: version.Int64,
			}}
			if be.Valid {
				cred.principal.BillingEntityID = &be.UUID
				if caps, err = capabilitiesOf(capsJSON); err != nil {
					return nil, err
				}
			}
			var at *time.Time
			if confirmed.Valid {
				at = &confirmed.Time
			}
			s.secondFactorState(cred.principal, enrolled.Valid, at)
		}
		if perm.Valid {
			extra = append(extra, authz.Permission(perm.String))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resolve credential: %w", err)
	}
	if cred != nil {
		cred.principal.Permissions = permissionsOf(cred.principal.Role, extra, cred.principal.BillingEntityID != nil, caps)
	}
	return cred, nil
}

// permissionsOf is what a user holds: their role's permissions and extra
// grants, less, for a reseller's staff, what their entity's capabilities
// do not allow.
func permissionsOf(role authz.Role, extra []authz.Permission, reseller bool, caps []authz.Capability) []authz.Permission {
	ps := authz.Effective(role, extra)
	if reseller {
		ps = authz.ForReseller(ps, caps)
	}
	return ps
}

// capabilitiesOf reads a billing entity's capabilities column (JSON).
func capabilitiesOf(raw []byte) ([]authz.Capability, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var names []string
	if err := json.Unmarshal(raw, &names); err != nil {
		return nil, fmt.Errorf("read capabilities: %w", err)
	}
	out := make([]authz.Capability, 0, len(names))
	for _, n := range names {
		out = append(out, authz.Capability(n))
	}
	return out, nil
}
