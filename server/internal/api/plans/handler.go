// Package plans serves PlanService.
package plans

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.PlanServiceHandler.
type Handler struct{ plans *plan.Service }

var _ adminv1connect.PlanServiceHandler = (*Handler)(nil)

// New returns the PlanService handler.
func New(s *plan.Service) *Handler { return &Handler{plans: s} }

// ListPlans implements PlanService.ListPlans.
func (h *Handler) ListPlans(ctx context.Context, req *connect.Request[adminv1.ListPlansRequest]) (*connect.Response[adminv1.ListPlansResponse], error) {
	m := req.Msg
	page, err := h.plans.List(ctx, plan.Filter{PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), IncludeRetired: m.GetIncludeRetired()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListPlansResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, p := range page.Plans {
		out.Plans = append(out.Plans, toProtoPlan(p))
	}
	return connect.NewResponse(out), nil
}

// GetPlan implements PlanService.GetPlan.
func (h *Handler) GetPlan(ctx context.Context, req *connect.Request[adminv1.GetPlanRequest]) (*connect.Response[adminv1.GetPlanResponse], error) {
	id, err := ids.Parse(ids.Plan, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	p, err := h.plans.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetPlanResponse{Plan: toProtoPlan(*p)}), nil
}

// ListPlanVersions implements PlanService.ListPlanVersions.
func (h *Handler) ListPlanVersions(ctx context.Context, req *connect.Request[adminv1.ListPlanVersionsRequest]) (*connect.Response[adminv1.ListPlanVersionsResponse], error) {
	id, err := ids.Parse(ids.Plan, "plan_id", req.Msg.GetPlanId())
	if err != nil {
		return nil, err
	}
	vs, err := h.plans.Versions(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListPlanVersionsResponse{}
	for _, v := range vs {
		out.Versions = append(out.Versions, toProtoVersion(v))
	}
	return connect.NewResponse(out), nil
}

// CreatePlan implements PlanService.CreatePlan.
func (h *Handler) CreatePlan(ctx context.Context, req *connect.Request[adminv1.CreatePlanRequest]) (*connect.Response[adminv1.CreatePlanResponse], error) {
	m := req.Msg
	p, err := h.plans.Create(ctx, fromProtoValues(&adminv1.Plan{
		Name: m.GetName(), Description: m.GetDescription(), Rank: m.GetRank(), Terms: m.GetTerms(),
	}), m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreatePlanResponse{Plan: toProtoPlan(*p)}), nil
}

// UpdatePlan implements PlanService.UpdatePlan.
func (h *Handler) UpdatePlan(ctx context.Context, req *connect.Request[adminv1.UpdatePlanRequest]) (*connect.Response[adminv1.UpdatePlanResponse], error) {
	pl := req.Msg.GetPlan()
	id, err := ids.Parse(ids.Plan, "plan.id", pl.GetId())
	if err != nil {
		return nil, err
	}
	p, err := h.plans.Update(ctx, id, fromProtoValues(pl), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdatePlanResponse{Plan: toProtoPlan(*p)}), nil
}

// RetirePlan implements PlanService.RetirePlan.
func (h *Handler) RetirePlan(ctx context.Context, req *connect.Request[adminv1.RetirePlanRequest]) (*connect.Response[adminv1.RetirePlanResponse], error) {
	id, err := ids.Parse(ids.Plan, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	p, err := h.plans.Retire(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RetirePlanResponse{Plan: toProtoPlan(*p)}), nil
}
