package accounts

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// SetManagedBilling implements AccountService.SetManagedBilling.
func (h *Handler) SetManagedBilling(ctx context.Context, req *connect.Request[adminv1.SetManagedBillingRequest]) (*connect.Response[adminv1.SetManagedBillingResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	manager, err := ids.ParseOptional(ids.User, "account_manager_user_id", m.GetAccountManagerUserId())
	if err != nil {
		return nil, err
	}
	b, err := h.orgs.SetManagedBilling(ctx, org, m.GetManaged(), manager, m.GetReason())
	if err != nil {
		return nil, err
	}
	out := &adminv1.SetManagedBillingResponse{Managed: b.Managed}
	if u := b.Manager; u != nil {
		out.AccountManagerUserId, out.AccountManager = ids.Format(ids.User, u.ID), organization.Contact(u.DisplayName, u.Email)
	}
	return connect.NewResponse(out), nil
}

// ResetUsage implements AccountService.ResetUsage.
func (h *Handler) ResetUsage(ctx context.Context, req *connect.Request[adminv1.ResetUsageRequest]) (*connect.Response[adminv1.ResetUsageResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	r, err := h.usage.ResetCounters(ctx, org, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ResetUsageResponse{Month: r.Month, ResetDay: r.Day.String(),
		StorageBeforeBytes: r.StorageBefore, TrafficBeforeBytes: r.TrafficBefore}), nil
}
