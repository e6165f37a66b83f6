package tenancy

import (
	"context"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Kind is the kind of caller a scope is decided for.
type Kind int

// The kinds of caller.
const (
	// Platform: the licensee's staff, the server itself (jobs, the command
	// line, the demo seed) and anonymous code paths such as signing in,
	// which run before anyone is known. They see every row.
	Platform Kind = iota
	// Reseller: the staff of a reseller billing entity; they see its rows.
	Reseller
	// Customer: a customer organization's user (platform role USER, no
	// billing entity); they see the organizations they are a member of.
	Customer
)

// Caller is who a query is scoped for.
type Caller struct {
	Kind Kind
	// BillingEntity is a reseller's billing entity.
	BillingEntity uuid.UUID
	// User is the signed-in user.
	User uuid.UUID
}

// Scoped reports whether the caller sees less than everything.
func (c Caller) Scoped() bool { return c.Kind != Platform }

type unscopedKey struct{}

// CallerOf returns who ctx's queries are scoped for.
func CallerOf(ctx context.Context) Caller {
	p := authz.FromContext(ctx)
	switch {
	case p == nil || ctx.Value(unscopedKey{}) != nil:
		return Caller{Kind: Platform}
	case !p.Scoped():
		return Caller{Kind: Platform, User: p.UserID}
	case p.BillingEntityID != nil:
		return Caller{Kind: Reseller, BillingEntity: *p.BillingEntityID, User: p.UserID}
	}
	return Caller{Kind: Customer, User: p.UserID}
}

// Scope returns the billing entity a reseller's staff are confined to.
func Scope(ctx context.Context) (uuid.UUID, bool) {
	c := CallerOf(ctx)
	return c.BillingEntity, c.Kind == Reseller
}

// Unscoped returns ctx for the platform's own bookkeeping done on a
// caller's behalf — appending to the audit trail, which no scoped caller
// may read or write themselves. Only such bookkeeping uses it: the caller's
// own reads and changes keep their scope.
func Unscoped(ctx context.Context) context.Context {
	return context.WithValue(ctx, unscopedKey{}, true)
}
