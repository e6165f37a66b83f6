package portal

import (
	"context"

	"connectrpc.com/connect"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/api/upgrades"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/upgrade"
)

// Upgrades implements portalv1connect.UpgradeServiceHandler.
type Upgrades struct{ upgrades *upgrade.Service }

var _ portalv1connect.UpgradeServiceHandler = (*Upgrades)(nil)

// toUpgradeRequest converts a request in the customer's words: who at the
// operator decided stays with the operator.
func toUpgradeRequest(r upgrade.Request) *portalv1.UpgradeRequest {
	a := upgrades.ToProto(r)
	return &portalv1.UpgradeRequest{Id: a.Id, OrganizationId: a.OrganizationId, PlanId: a.PlanId, PlanName: a.PlanName,
		FromPlanName: a.FromPlanName, Message: a.Message, RequestedByEmail: a.RequestedByEmail, Status: a.Status,
		DecisionReason: a.DecisionReason, DecideTime: a.DecideTime, EffectiveDate: a.EffectiveDate, AtOnce: a.AtOnce,
		CreateTime: a.CreateTime}
}

// ListUpgradeOptions implements UpgradeService.ListUpgradeOptions.
func (h *Upgrades) ListUpgradeOptions(ctx context.Context, req *connect.Request[portalv1.ListUpgradeOptionsRequest]) (*connect.Response[portalv1.ListUpgradeOptionsResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	own, opts, err := h.upgrades.Options(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListUpgradeOptionsResponse{CurrentPlanName: own}
	for _, o := range opts {
		out.Options = append(out.Options, &portalv1.UpgradeOption{PlanId: ids.Format(ids.Plan, o.Plan), Name: o.Name,
			Description: o.Description, MonthlyFeeCents: o.MonthlyFeeCents, Currency: o.Currency, MaxUsers: int32(o.MaxUsers),
			MaxStorageGb: int32(o.MaxStorGB)})
	}
	return connect.NewResponse(out), nil
}

// RequestUpgrade implements UpgradeService.RequestUpgrade.
func (h *Upgrades) RequestUpgrade(ctx context.Context, req *connect.Request[portalv1.RequestUpgradeRequest]) (*connect.Response[portalv1.RequestUpgradeResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	plan, err := ids.Parse(ids.Plan, "plan_id", req.Msg.GetPlanId())
	if err != nil {
		return nil, err
	}
	r, err := h.upgrades.Ask(ctx, org, plan, req.Msg.GetMessage())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.RequestUpgradeResponse{UpgradeRequest: toUpgradeRequest(*r)}), nil
}

// ListUpgradeRequests implements UpgradeService.ListUpgradeRequests.
func (h *Upgrades) ListUpgradeRequests(ctx context.Context, req *connect.Request[portalv1.ListUpgradeRequestsRequest]) (*connect.Response[portalv1.ListUpgradeRequestsResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	rs, err := h.upgrades.Of(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListUpgradeRequestsResponse{}
	for _, r := range rs {
		out.UpgradeRequests = append(out.UpgradeRequests, toUpgradeRequest(r))
	}
	return connect.NewResponse(out), nil
}

// WithdrawUpgradeRequest implements UpgradeService.WithdrawUpgradeRequest.
func (h *Upgrades) WithdrawUpgradeRequest(ctx context.Context, req *connect.Request[portalv1.WithdrawUpgradeRequestRequest]) (*connect.Response[portalv1.WithdrawUpgradeRequestResponse], error) {
	id, err := ids.Parse(ids.UpgradeRequest, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	r, err := h.upgrades.Withdraw(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.WithdrawUpgradeRequestResponse{UpgradeRequest: toUpgradeRequest(*r)}), nil
}
