package authz

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Method is how a caller proved who they are.
type Method int

// The authentication methods.
const (
	MethodNone Method = iota
	MethodSession
	MethodAPIToken
	// MethodSystem is the server acting on its own: jobs, the command line,
	// the demo seed. It holds every permission and sees every tenant.
	MethodSystem
)

// Principal is the caller of one request, loaded fresh from the database on
// every request, so a disabled user or a changed role takes effect at once.
type Principal struct {
	UserID      uuid.UUID
	Email       string
	DisplayName string
	Role        Role
	// Permissions is everything the caller holds: the role's and extra grants.
	Permissions []Permission
	// DataVersion is the audit chain's head when the credential was resolved,
	// a version of all data that read caches check against (0: unknown).
	DataVersion int64
	Method      Method
	// SessionID or TokenID identify the credential used.
	SessionID uuid.UUID
	TokenID   uuid.UUID
	// BillingEntityID scopes a reseller's staff to their own customers; nil
	// means platform staff, who see every billing entity.
	BillingEntityID *uuid.UUID
	// SecondFactorEnrolled: the user has an authenticator app.
	SecondFactorEnrolled bool
	// SecondFactorFreshUntil is until when the second factor confirmed in
	// this session counts for sensitive actions; zero when it does not.
	SecondFactorFreshUntil time.Time
	// SecondFactorFresh: it counts now (decided with the server's clock
	// when the credential was resolved).
	SecondFactorFresh bool
	// MustEnrollSecondFactor: the platform requires a second factor for the
	// user's role and none is enrolled, so a browser session may only enrol.
	MustEnrollSecondFactor bool
}

// SecondFactorError refuses a call that needs the caller's second factor
// first: enrolled (Enrollment) or confirmed within the last minutes.
type SecondFactorError struct{ Enrollment bool }

func (e *SecondFactorError) Error() string {
	if e.Enrollment {
		return "set up a second factor (an authenticator app) first: the platform requires one for your role"
	}
	return "confirm this with a code from your authenticator app first"
}

// RequireFreshSecondFactor refuses a browser session whose user has a
// second factor that was not confirmed in the last minutes; API tokens and
// users without a second factor pass (the platform can require one for
// staff roles, and then nobody is without).
func RequireFreshSecondFactor(ctx context.Context) error {
	p := FromContext(ctx)
	if p == nil || p.Method != MethodSession || !p.SecondFactorEnrolled || p.SecondFactorFresh {
		return nil
	}
	return &SecondFactorError{}
}

// Scoped reports whether the principal sees less than the whole platform:
// a reseller's staff (their billing entity) or a customer organization's
// user (their organizations). platform/tenancy decides what they see.
func (p *Principal) Scoped() bool {
	return p.Method != MethodSystem && (p.BillingEntityID != nil || p.Role == RoleUser)
}

// Customer reports whether the principal is a customer organization's
// user: platform role USER, no reseller's billing entity, not the server
// itself. They reach the customer portal and act through their
// organization memberships (platform/tenancy's Customer caller).
func (p *Principal) Customer() bool {
	return p.Method != MethodSystem && p.Role == RoleUser && p.BillingEntityID == nil
}

// IsCustomer reports whether ctx's caller is a customer's user.
func IsCustomer(ctx context.Context) bool {
	p := FromContext(ctx)
	return p != nil && p.Customer()
}

// Has reports whether the principal holds p.
func (p *Principal) Has(perm Permission) bool {
	return p.Method == MethodSystem || slices.Contains(p.Permissions, perm)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller, or nil for an anonymous call.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// SystemEmail is what the audit trail records as the address of the server
// acting on its own, which has no user.
const SystemEmail = "system"

// System returns ctx acting as the server itself (jobs, command line, seed):
// every permission, every tenant, no user as actor in the audit trail.
func System(ctx context.Context) context.Context {
	return WithPrincipal(ctx, &Principal{Method: MethodSystem, Email: SystemEmail})
}
