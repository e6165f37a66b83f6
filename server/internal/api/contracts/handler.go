// Package contracts serves ContractService.
package contracts

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.ContractServiceHandler.
type Handler struct{ contracts *contract.Service }

var _ adminv1connect.ContractServiceHandler = (*Handler)(nil)

// New returns the ContractService handler.
func New(s *contract.Service) *Handler { return &Handler{contracts: s} }

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
	var start *calendar.Date
	if m.GetStartDate() != "" {
		d, err := calendar.Parse(m.GetStartDate())
		if err != nil {
			return nil, apierr.Invalid("start_date", "start_date.date", "a date as YYYY-MM-DD, not %q", m.GetStartDate())
		}
		start = &d
	}
	c, err := h.contracts.Schedule(ctx, org, plan, start, m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ScheduleTransitionResponse{Contract: toProtoContract(c)}), nil
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
