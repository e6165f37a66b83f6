package member

import (
	"context"

	"github.com/google/uuid"
	"net/mail"
	"strings"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// NewUser describes a user to create with a password.
type NewUser struct {
	Email, DisplayName, Password string
	Role                         authz.Role
	// BillingEntity makes the user a reseller's staff member; nil for the
	// platform's.
	BillingEntity *uuid.UUID
}

// CreateUser creates a user who can sign in with a password (the command
// line's create-owner, the demo seed).
func (s *Service) CreateUser(ctx context.Context, nu NewUser, reason string) (*User, error) {
	email := strings.ToLower(strings.TrimSpace(nu.Email))
	var vs []apierr.FieldViolation
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		vs = append(vs, apierr.FieldViolation{Field: "email", Rule: "string.email", Message: "must be an e-mail address"})
	}
	if why := auth.WeakPassword(nu.Password, email); why != "" {
		vs = append(vs, apierr.FieldViolation{Field: "password", Rule: "password.strength", Message: why})
	}
	if !nu.Role.Valid() {
		vs = append(vs, apierr.FieldViolation{Field: "platform_role", Rule: "enum.defined_only", Message: "choose a platform role"})
	}
	if len(vs) > 0 {
		return nil, apierr.InvalidFields(vs...)
	}
	hash, err := auth.HashPassword(nu.Password, s.argon2)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var u *ent.User
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		taken, err := tx.User.Query().Where(user.Email(email)).Exist(ctx)
		if err != nil {
			return err
		}
		if taken {
			return apierr.AlreadyExists("a user with the e-mail address %s exists", email)
		}
		u, err = tx.User.Create().SetEmail(email).SetDisplayName(strings.TrimSpace(nu.DisplayName)).
			SetPasswordHash(hash).SetPlatformRole(user.PlatformRole(nu.Role)).SetNillableBillingEntityID(nu.BillingEntity).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		after := userState(u, []string{})
		if nu.BillingEntity != nil {
			after["billing_entity"] = ids.Format(ids.BillingEntity, *nu.BillingEntity)
		}
		log.Record(audit.Event{Action: audit.ActionUserCreate, TargetType: "user", TargetID: ids.Format(ids.User, u.ID), Reason: reason,
			After: after})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return userOf(u), nil
}
