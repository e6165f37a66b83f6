// Package tenancy scopes every read and write of customer data to what the
// caller may see, once, in the data layer: platform staff see every billing
// entity; a reseller's staff see only their own. Handlers and domain queries
// never add this filter themselves, so none can forget it.
package tenancy

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/hook"
	"github.com/leitstand/leitstand/server/ent/intercept"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/settings"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
)

// Scope returns the billing entity the caller is confined to, if any.
func Scope(ctx context.Context) (uuid.UUID, bool) {
	p := authz.FromContext(ctx)
	if p == nil || p.BillingEntityID == nil || p.Method == authz.MethodSystem {
		return uuid.Nil, false
	}
	return *p.BillingEntityID, true
}

// Register installs the scoping interceptors and hooks on client.
func Register(client *ent.Client) {
	client.Organization.Intercept(
		intercept.TraverseOrganization(func(ctx context.Context, q *ent.OrganizationQuery) error {
			if be, ok := Scope(ctx); ok {
				q.Where(organization.BillingEntityID(be))
			}
			return nil
		}))
	client.Workspace.Intercept(
		intercept.TraverseWorkspace(func(ctx context.Context, q *ent.WorkspaceQuery) error {
			if be, ok := Scope(ctx); ok {
				q.Where(workspace.HasOrganizationWith(organization.BillingEntityID(be)))
			}
			return nil
		}))
	client.Membership.Intercept(
		intercept.TraverseMembership(func(ctx context.Context, q *ent.MembershipQuery) error {
			if be, ok := Scope(ctx); ok {
				q.Where(membership.HasOrganizationWith(organization.BillingEntityID(be)))
			}
			return nil
		}),
	)
	client.Settings.Intercept(
		intercept.TraverseSettings(func(ctx context.Context, q *ent.SettingsQuery) error {
			if be, ok := Scope(ctx); ok {
				q.Where(settings.BillingEntityID(be))
			}
			return nil
		}),
	)
	// Users: a reseller's staff see and change their own staff and their
	// customers' users (role USER, members of their organizations) —
	// never the platform's staff or another reseller's.
	client.User.Intercept(
		intercept.TraverseUser(func(ctx context.Context, q *ent.UserQuery) error {
			if be, ok := Scope(ctx); ok {
				q.Where(usersOf(be))
			}
			return nil
		}))
	client.User.Use(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *ent.UserMutation) (ent.Value, error) {
			if be, ok := Scope(ctx); ok && !m.Op().Is(ent.OpCreate) {
				m.Where(usersOf(be))
			}
			return next.Mutate(ctx, m)
		})
	})
	// The platform's own records — provider connections and the audit
	// trail — are the licensee's: a reseller's staff find none of them.
	client.Connection.Intercept(
		intercept.TraverseConnection(func(ctx context.Context, q *ent.ConnectionQuery) error {
			if _, ok := Scope(ctx); ok {
				q.Where(connection.ID(uuid.Nil))
			}
			return nil
		}))
	client.AuditEvent.Intercept(
		intercept.TraverseAuditEvent(func(ctx context.Context, q *ent.AuditEventQuery) error {
			if _, ok := Scope(ctx); ok {
				q.Where(auditevent.ID(uuid.Nil))
			}
			return nil
		}))
	// Writes: an update or delete by a scoped caller only reaches rows of
	// their billing entity; a creation is placed under it.
	client.Organization.Use(func(next ent.Mutator) ent.Mutator {
		return hook.OrganizationFunc(func(ctx context.Context, m *ent.OrganizationMutation) (ent.Value, error) {
			be, ok := Scope(ctx)
			if !ok {
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpCreate) {
				if id, set := m.BillingEntityID(); set && id != be {
					return nil, fmt.Errorf("tenancy: creating an organization under another billing entity")
				}
				m.SetBillingEntityID(be)
			} else {
				m.Where(organization.BillingEntityID(be))
			}
			return next.Mutate(ctx, m)
		})
	})
	client.Workspace.Use(func(next ent.Mutator) ent.Mutator {
		return hook.WorkspaceFunc(func(ctx context.Context, m *ent.WorkspaceMutation) (ent.Value, error) {
			if be, ok := Scope(ctx); ok && !m.Op().Is(ent.OpCreate) {
				m.Where(workspace.HasOrganizationWith(organization.BillingEntityID(be)))
			}
			return next.Mutate(ctx, m)
		})
	})
	client.Membership.Use(func(next ent.Mutator) ent.Mutator {
		return hook.MembershipFunc(func(ctx context.Context, m *ent.MembershipMutation) (ent.Value, error) {
			if be, ok := Scope(ctx); ok && !m.Op().Is(ent.OpCreate) {
				m.Where(membership.HasOrganizationWith(organization.BillingEntityID(be)))
			}
			return next.Mutate(ctx, m)
		})
	})
}

// usersOf are the users a reseller's staff may see: its staff, and users
// without a platform role who are members of its organizations.
func usersOf(be uuid.UUID) predicate.User {
	return user.Or(
		user.BillingEntityID(be),
		user.And(user.BillingEntityIDIsNil(), user.PlatformRoleEQ(user.PlatformRoleUSER),
			user.HasMembershipsWith(membership.HasOrganizationWith(organization.BillingEntityID(be)))),
	)
}

// LicenseeOnly refuses a reseller's staff what is the platform's alone
// (its jobs).
func LicenseeOnly(ctx context.Context, what string) error {
	if _, ok := Scope(ctx); ok {
		return apierr.PermissionDenied("%s belong to the platform operator, not to a reseller", what)
	}
	return nil
}

// LicenseeName is the licensee's name until settings give it another.
const LicenseeName = "Leitstand"

// EnsureLicensee creates the one licensee on an empty database and returns
// its id.
func EnsureLicensee(ctx context.Context, client *ent.Client, clk clock.Clock) (uuid.UUID, error) {
	id, err := client.BillingEntity.Query().Where(billingentity.KindEQ(billingentity.KindLICENSEE)).OnlyID(ctx)
	if err == nil {
		return id, nil
	}
	if !ent.IsNotFound(err) {
		return uuid.Nil, fmt.Errorf("find licensee: %w", err)
	}
	now := clk.Now()
	be, err := client.BillingEntity.Create().SetName(LicenseeName).SetKind(billingentity.KindLICENSEE).
		SetCreateTime(now).SetUpdateTime(now).Save(ctx)
	if err != nil {
		return uuid.Nil, fmt.Errorf("create licensee: %w", err)
	}
	return be.ID, nil
}

// Licensee returns the licensee's id.
func Licensee(ctx context.Context, client *ent.Client) (uuid.UUID, error) {
	return client.BillingEntity.Query().Where(billingentity.KindEQ(billingentity.KindLICENSEE)).OnlyID(ctx)
}
