// Package tenancy scopes every read and write of customer data to what the
// caller may see, once, in the data layer. Each table declares whose rows
// it holds (a Scope mixin in server/ent/schema, generated into ent.Scopes);
// Register installs one interceptor and one hook that enforce the
// declarations for three kinds of caller: platform staff see everything, a
// reseller's staff their billing entity, a customer's user the
// organizations they are a member of. Handlers and domain queries never add
// this filter themselves, so none can forget it; read models that build SQL
// by hand take theirs from Where.
package tenancy

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// LicenseeOnly refuses a scoped caller an operation that is the
// platform's alone and touches no row they could be given (triggering its
// jobs, probing a provider with settings not yet saved).
func LicenseeOnly(ctx context.Context, what string) error {
	if CallerOf(ctx).Scoped() {
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

// Licensee returns the licensee's id, whoever asks: it is the platform's
// own name for itself, not a customer's record.
func Licensee(ctx context.Context, client *ent.Client) (uuid.UUID, error) {
	ctx = Unscoped(ctx)
	return client.BillingEntity.Query().Where(billingentity.KindEQ(billingentity.KindLICENSEE)).OnlyID(ctx)
}

type ownerKey struct{}

// OnBehalfOf names the billing entity whose own records (settings, payment
// accounts) the request works on: the licensee's staff name a reseller's;
// uuid.Nil names the caller's own.
func OnBehalfOf(ctx context.Context, be uuid.UUID) context.Context {
	if be == uuid.Nil {
		return ctx
	}
	return context.WithValue(ctx, ownerKey{}, be)
}

// Owner is the billing entity whose own records the caller works on: the
// one named with OnBehalfOf, else their own (the licensee's for platform
// staff). A reseller's staff naming another entity, or anyone naming none
// that exists, get NotFound, as for any row they cannot see.
func Owner(ctx context.Context, client *ent.Client) (uuid.UUID, error) {
	named, _ := ctx.Value(ownerKey{}).(uuid.UUID)
	if be, ok := Scope(ctx); ok {
		if named != uuid.Nil && named != be {
			return uuid.Nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, named))
		}
		return be, nil
	}
	if named != uuid.Nil {
		exists, err := client.BillingEntity.Query().Where(billingentity.ID(named)).Exist(Unscoped(ctx))
		if err != nil {
			return uuid.Nil, fmt.Errorf("find billing entity: %w", err)
		}
		if !exists {
			return uuid.Nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, named))
		}
		return named, nil
	}
	id, err := Licensee(ctx, client)
	if err != nil {
		return uuid.Nil, fmt.Errorf("find licensee: %w", err)
	}
	return id, nil
}
