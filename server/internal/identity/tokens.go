package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/apitoken"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// APIToken is a bearer token of a user, without its secret.
type APIToken struct {
	ID   uuid.UUID
	Name string
	// Prefix is the start of the secret, so its owner can tell tokens apart.
	Prefix                              string
	CreateTime                          time.Time
	ExpireTime, LastUseTime, RevokeTime *time.Time
}

func tokenOf(t *ent.APIToken) *APIToken {
	return &APIToken{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreateTime: t.CreateTime,
		ExpireTime: t.ExpireTime, LastUseTime: t.LastUseTime, RevokeTime: t.RevokeTime}
}

// NewToken is a created token and its secret, which is shown once.
type NewToken struct {
	Token  *APIToken
	Secret string
}

// CreateAPIToken creates a bearer token for the caller.
func (s *Service) CreateAPIToken(ctx context.Context, name string, expire *time.Time) (*NewToken, error) {
	p := authz.FromContext(ctx)
	now := s.clock.Now()
	if expire != nil && !expire.After(now) {
		return nil, apierr.Invalid("expire_time", "timestamp.gt_now", "must lie in the future")
	}
	secret, hash := auth.NewSecret(auth.TokenSecretPrefix)
	var tok *ent.APIToken
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var err error
		tok, err = tx.APIToken.Create().SetUserID(p.UserID).SetName(name).SetPrefix(secret[:len(auth.TokenSecretPrefix)+6]).
			SetTokenHash(hash).SetCreateTime(now).SetNillableExpireTime(expire).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "api_token", TargetID: ids.Format(ids.APIToken, tok.ID), After: tokenState(tok)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &NewToken{Token: tokenOf(tok), Secret: secret}, nil
}

// ListAPITokens pages through the caller's tokens, newest first.
func (s *Service) ListAPITokens(ctx context.Context, pageSize int32, pageToken string, showInactive bool) ([]*APIToken, string, error) {
	p := authz.FromContext(ctx)
	fp := paging.Fingerprint("api_tokens", showInactive)
	var cursor uuid.UUID
	q := s.client.APIToken.Query().Where(apitoken.UserID(p.UserID))
	if ok, err := paging.Decode(pageToken, fp, &cursor); err != nil {
		return nil, "", err
	} else if ok {
		q.Where(apitoken.IDLT(cursor))
	}
	if !showInactive {
		now := s.clock.Now()
		q.Where(apitoken.RevokeTimeIsNil(), apitoken.Or(apitoken.ExpireTimeIsNil(), apitoken.ExpireTimeGT(now)))
	}
	size := paging.Size(pageSize)
	toks, err := q.Order(ent.Desc(apitoken.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", err
	}
	toks, next := paging.Cut(toks, size, fp, func(last *ent.APIToken) any { return last.ID })
	out := make([]*APIToken, len(toks))
	for i, t := range toks {
		out[i] = tokenOf(t)
	}
	return out, next, nil
}

// RevokeAPIToken revokes one of the caller's tokens.
func (s *Service) RevokeAPIToken(ctx context.Context, id uuid.UUID) (*APIToken, error) {
	p := authz.FromContext(ctx)
	now := s.clock.Now()
	var tok *ent.APIToken
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := tx.APIToken.Query().Where(apitoken.ID(id), apitoken.UserID(p.UserID)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("API token", ids.Format(ids.APIToken, id))
		}
		if err != nil {
			return err
		}
		if before.RevokeTime != nil {
			return apierr.FailedPrecondition("the API token was already revoked")
		}
		tok, err = tx.APIToken.UpdateOneID(id).SetRevokeTime(now).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "api_token", TargetID: ids.Format(ids.APIToken, id), Before: tokenState(before), After: tokenState(tok)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tokenOf(tok), nil
}

func tokenState(t *ent.APIToken) map[string]any {
	return map[string]any{"name": t.Name, "prefix": t.Prefix, "expire_time": t.ExpireTime, "revoke_time": t.RevokeTime}
}

// TokenNames returns the names of the API tokens with these ids that the
// caller sees, for the audit trail, which shows a token by its name.
func (s *Service) TokenNames(ctx context.Context, tokenIDs []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.APIToken.Query().Where(apitoken.IDIn(tokenIDs...)).
		Select(apitoken.FieldID, apitoken.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name API tokens: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, t := range rows {
		out[t.ID] = t.Name
	}
	return out, nil
}
