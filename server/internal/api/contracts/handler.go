// Package contracts serves ContractService.
package contracts

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/api/accounts"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.ContractServiceHandler.
type Handler struct {
	contracts *contract.Service
	// accounts measures what a discount does to the next invoice and MRR.
	accounts *account.Service
}

var _ adminv1connect.ContractServiceHandler = (*Handler)(nil)

// New returns the ContractService handler.
func New(s *contract.Service, accounts *account.Service) *Handler {
	return &Handler{contracts: s, accounts: accounts}
}

// GetContract implements ContractService.GetContract.
func (h *Handler) GetContract(ctx context.Context, req *connect.Request[adminv1.GetContractRequest]) (*connect.Response[adminv1.GetContractResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	active, scheduled, err := h.contracts.Get(ctx, org)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetContractResponse{Contract: toProtoContract(active), Scheduled: toProtoContract(scheduled)}), nil
}

// ListContracts implements ContractService.ListContracts.
func (h *Handler) ListContracts(ctx context.Context, req *connect.Request[adminv1.ListContractsRequest]) (*connect.Response[adminv1.ListContractsResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	page, err := h.contracts.List(ctx, contract.Filter{Organization: org, PageSize: m.GetPageSize(), PageToken: m.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListContractsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for i := range page.Contracts {
		out.Contracts = append(out.Contracts, toProtoContract(&page.Contracts[i]))
	}
	return connect.NewResponse(out), nil
}

// SetCustomTerms implements ContractService.SetCustomTerms.
func (h *Handler) SetCustomTerms(ctx context.Context, req *connect.Request[adminv1.SetCustomTermsRequest]) (*connect.Response[adminv1.SetCustomTermsResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	c, err := h.contracts.SetCustom(ctx, org, fromProtoCustom(m.GetCustomTerms()), m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetCustomTermsResponse{Contract: toProtoContract(c)}), nil
}

// ScheduleTransition implements ContractService.ScheduleTransition.
func (h *Handler) ScheduleTransition(ctx context.Context, req *connect.Request[adminv1.ScheduleTransitionRequest]) (*connect.Response[adminv1.ScheduleTransitionResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	plan, err := ids.Parse(ids.Plan, "plan_id", m.GetPlanId())
	if err != nil {
		return nil, err
	}
	start, err := calendar.ParseField("start_date", m.GetStartDate())
	if err != nil {
		return nil, err
	}
	day, reason, err := h.contracts.CheckSchedule(ctx, org, start, m.GetReason())
	if err != nil {
		return nil, err
	}
	// Scheduled (or previewed) in a change that measures the account
	// before and after; the MRR on the move's day.
	var c contract.Contract
	effect, err := h.accounts.Measure(ctx, org, day, m.GetPreview(), h.contracts.Scheduling(ctx, org, plan, day, reason, &c))
	if err != nil {
		return nil, err
	}
	out := &adminv1.ScheduleTransitionResponse{Effect: accounts.Effect(effect)}
	if !m.GetPreview() {
		out.Contract = toProtoContract(&c)
	}
	return connect.NewResponse(out), nil
}

// CancelTransition implements ContractService.CancelTransition.
func (h *Handler) CancelTransition(ctx context.Context, req *connect.Request[adminv1.CancelTransitionRequest]) (*connect.Response[adminv1.CancelTransitionResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	c, err := h.contracts.Cancel(ctx, org, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CancelTransitionResponse{Contract: toProtoContract(c)}), nil
}

// ListDiscounts implements ContractService.ListDiscounts.
func (h *Handler) ListDiscounts(ctx context.Context, req *connect.Request[adminv1.ListDiscountsRequest]) (*connect.Response[adminv1.ListDiscountsResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	ds, err := h.contracts.ListDiscounts(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListDiscountsResponse{Discounts: make([]*adminv1.Discount, len(ds))}
	for i := range ds {
		out.Discounts[i] = toProtoDiscount(&ds[i])
	}
	return connect.NewResponse(out), nil
}

// GrantDiscount implements ContractService.GrantDiscount.
func (h *Handler) GrantDiscount(ctx context.Context, req *connect.Request[adminv1.GrantDiscountRequest]) (*connect.Response[adminv1.GrantDiscountResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	ws, err := ids.ParseOptional(ids.Workspace, "workspace_id", m.GetWorkspaceId())
	if err != nil {
		return nil, err
	}
	start, err := calendar.ParseField("start_date", m.GetStartDate())
	if err != nil {
		return nil, err
	}
	end, err := calendar.ParseField("end_date", m.GetEndDate())
	if err != nil {
		return nil, err
	}
	g, err := h.contracts.CheckGrant(ctx, org, contract.Grant{Workspace: ws, Name: m.GetName(), Kind: kinds.FromProto(m.GetKind()),
		BasisPoints: int(m.GetBasisPoints()), Start: start, End: end, Reason: m.GetReason()})
	if err != nil {
		return nil, err
	}
	// Granted (or previewed) in a change that measures the account before
	// and after; the MRR on the discount's first day.
	var d contract.Discount
	effect, err := h.accounts.Measure(ctx, org, *g.Start, m.GetPreview(), h.contracts.Granting(ctx, org, g, &d))
	if err != nil {
		return nil, err
	}
	out := &adminv1.GrantDiscountResponse{Effect: accounts.Effect(effect)}
	if !m.GetPreview() {
		out.Discount = toProtoDiscount(&d)
	}
	return connect.NewResponse(out), nil
}

// EndDiscount implements ContractService.EndDiscount.
func (h *Handler) EndDiscount(ctx context.Context, req *connect.Request[adminv1.EndDiscountRequest]) (*connect.Response[adminv1.EndDiscountResponse], error) {
	m := req.Msg
	id, err := ids.Parse(ids.Discount, "discount_id", m.GetDiscountId())
	if err != nil {
		return nil, err
	}
	end, err := calendar.ParseField("end_date", m.GetEndDate())
	if err != nil {
		return nil, err
	}
	d, err := h.contracts.EndDiscount(ctx, id, end, m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.EndDiscountResponse{Discount: toProtoDiscount(d)}), nil
}
