// Package upgrades is the upgrade requests' module: the staff's queue of
// the higher tiers customers asked for (the portal's side is in package
// portal).
package upgrades

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/api/accounts"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/upgrade"
)

// Statuses are the requests' states, for the portal's conversion too.
var Statuses = protoenum.ByName[string, adminv1.UpgradeRequestStatus](upgrade.Pending, upgrade.Approved, upgrade.Denied, upgrade.Withdrawn)

// Module is the upgrade requests.
func Module(s *upgrade.Service, accts *account.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "upgrades",
		Demo:     seed.UpgradeRequests,
		Enums:    []protoenum.Table{Statuses},
		Prefixes: []ids.Prefix{ids.UpgradeRequest},
		Services: []module.Service{
			module.Serve[adminv1connect.UpgradeRequestServiceHandler](adminv1connect.UpgradeRequestServiceName,
				adminv1connect.NewUpgradeRequestServiceHandler, &Handler{upgrades: s, accounts: accts}),
		},
		Names: []audit.Namer{{Prefix: ids.UpgradeRequest, Permission: authz.AccountsRead, Names: s.Names}},
	}
}

// Handler implements adminv1connect.UpgradeRequestServiceHandler.
type Handler struct {
	upgrades *upgrade.Service
	accounts *account.Service
}

var _ adminv1connect.UpgradeRequestServiceHandler = (*Handler)(nil)

// ListUpgradeRequests implements UpgradeRequestService.ListUpgradeRequests.
func (h *Handler) ListUpgradeRequests(ctx context.Context, req *connect.Request[adminv1.ListUpgradeRequestsRequest]) (*connect.Response[adminv1.ListUpgradeRequestsResponse], error) {
	m := req.Msg
	org, err := ids.ParseOptional(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	p, err := h.upgrades.List(ctx, upgrade.Filter{Status: Statuses.FromProto(m.GetStatus()), Organization: org,
		PageSize: int(m.GetPageSize()), PageToken: m.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListUpgradeRequestsResponse{NextPageToken: p.NextPageToken, TotalSize: int32(p.Total), Pending: int32(p.Pending)}
	for _, r := range p.Requests {
		out.UpgradeRequests = append(out.UpgradeRequests, ToProto(r))
	}
	return connect.NewResponse(out), nil
}

// ApproveUpgradeRequest implements UpgradeRequestService.ApproveUpgradeRequest.
func (h *Handler) ApproveUpgradeRequest(ctx context.Context, req *connect.Request[adminv1.ApproveUpgradeRequestRequest]) (*connect.Response[adminv1.ApproveUpgradeRequestResponse], error) {
	m := req.Msg
	id, err := ids.Parse(ids.UpgradeRequest, "id", m.GetId())
	if err != nil {
		return nil, err
	}
	start, err := calendar.ParseField("start_date", m.GetStartDate())
	if err != nil {
		return nil, err
	}
	a, err := h.upgrades.CheckApprove(ctx, id, start, m.GetReason())
	if err != nil {
		return nil, err
	}
	// Approved (or previewed) in a change that measures the account
	// before and after; the MRR on the move's day.
	var r upgrade.Request
	effect, err := h.accounts.Measure(ctx, a.Organization, a.Start, m.GetPreview(), h.upgrades.Approving(ctx, id, a, m.GetAtOnce(), &r))
	if err != nil {
		return nil, err
	}
	out := &adminv1.ApproveUpgradeRequestResponse{Effect: accounts.Effect(effect)}
	if !m.GetPreview() {
		out.UpgradeRequest = ToProto(r)
	}
	return connect.NewResponse(out), nil
}

// DenyUpgradeRequest implements UpgradeRequestService.DenyUpgradeRequest.
func (h *Handler) DenyUpgradeRequest(ctx context.Context, req *connect.Request[adminv1.DenyUpgradeRequestRequest]) (*connect.Response[adminv1.DenyUpgradeRequestResponse], error) {
	id, err := ids.Parse(ids.UpgradeRequest, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	r, err := h.upgrades.Deny(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DenyUpgradeRequestResponse{UpgradeRequest: ToProto(*r)}), nil
}

// ToProto converts a request for staff.
func ToProto(r upgrade.Request) *adminv1.UpgradeRequest {
	out := &adminv1.UpgradeRequest{Id: ids.Format(ids.UpgradeRequest, r.ID), OrganizationId: ids.Format(ids.Organization, r.Organization),
		OrganizationName: r.OrganizationName, PlanId: ids.Format(ids.Plan, r.Plan), PlanName: r.PlanName, FromPlanName: r.FromPlanName,
		Message: r.Message, RequestedByEmail: r.RequestedByEmail, Status: Statuses.ToProto(r.Status), DecidedByEmail: r.DecidedByEmail,
		DecisionReason: r.DecisionReason, AtOnce: r.AtOnce, CreateTime: timestamppb.New(r.CreateTime)}
	if r.DecideTime != nil {
		out.DecideTime = timestamppb.New(*r.DecideTime)
	}
	if !r.Effective.IsZero() {
		out.EffectiveDate = r.Effective.String()
	}
	return out
}
