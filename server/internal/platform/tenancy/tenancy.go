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
