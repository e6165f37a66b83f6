// Package protoconv holds the conversions of plain values to the
// well-known proto types that every handler's converters share.
package protoconv

import (
	"context"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Time converts a time that may be absent: nil (and the zero time) stay
// unset in the message.
func Time(t *time.Time) *timestamppb.Timestamp {
	if t == nil || t.IsZero() {
		return nil
	}
	return timestamppb.New(*t)
}

// OnBehalfOf is ctx working on the records of the billing entity a
// request names in its field billing_entity_id (empty: the caller's own;
// see tenancy.OnBehalfOf).
func OnBehalfOf(ctx context.Context, billingEntityID string) (context.Context, error) {
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", billingEntityID)
	if err != nil || be == nil {
		return ctx, err
	}
	return tenancy.OnBehalfOf(ctx, *be), nil
}
