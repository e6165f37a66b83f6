// Package signups serves SignUpService: the queue of organizations that
// signed up through the portal and wait for approval.
package signups

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

// Handler implements SignUpService.
type Handler struct{ orgs *organization.Service }

var _ adminv1connect.SignUpServiceHandler = (*Handler)(nil)

var states = protoenum.ByName[string, adminv1.SignUpState](organization.SignUpPending, organization.SignUpApproved, organization.SignUpRejected)

// Module is the approval queue; the organizations own its rows.
func Module(orgs *organization.Service) module.Module {
	return module.Module{
		Name:  "signups",
		Enums: []protoenum.Table{states},
		Services: []module.Service{
			module.Serve[adminv1connect.SignUpServiceHandler](adminv1connect.SignUpServiceName,
				adminv1connect.NewSignUpServiceHandler, &Handler{orgs: orgs}),
		},
	}
}

func toProto(s *organization.SignUp) *adminv1.SignUp {
	return &adminv1.SignUp{
		OrganizationId: ids.Format(ids.Organization, s.OrganizationID), OrganizationName: s.OrganizationName,
		State: states.ToProto(s.State), ApplicantEmail: s.ApplicantEmail, ApplicantName: s.ApplicantName,
		BillingEntityId: ids.Format(ids.BillingEntity, s.BillingEntityID), BillingEntityName: s.BillingEntityName,
		SignupTime: protoconv.Time(&s.SignUpTime), DecisionTime: protoconv.Time(s.DecisionTime), RejectionReason: s.RejectionReason,
	}
}

// ListSignUps implements SignUpService.ListSignUps.
func (h *Handler) ListSignUps(ctx context.Context, req *connect.Request[adminv1.ListSignUpsRequest]) (*connect.Response[adminv1.ListSignUpsResponse], error) {
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	page, err := h.orgs.SignUps(ctx, organization.SignUpFilter{State: states.FromProto(req.Msg.GetState()), BillingEntity: be,
		PageSize: req.Msg.GetPageSize(), PageToken: req.Msg.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListSignUpsResponse{NextPageToken: page.NextPageToken, PendingCount: int32(page.PendingCount)}
	for i := range page.SignUps {
		out.SignUps = append(out.SignUps, toProto(&page.SignUps[i]))
	}
	return connect.NewResponse(out), nil
}

// ApproveSignUp implements SignUpService.ApproveSignUp.
func (h *Handler) ApproveSignUp(ctx context.Context, req *connect.Request[adminv1.ApproveSignUpRequest]) (*connect.Response[adminv1.ApproveSignUpResponse], error) {
	id, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	s, err := h.orgs.Approve(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ApproveSignUpResponse{SignUp: toProto(s)}), nil
}

// RejectSignUp implements SignUpService.RejectSignUp.
func (h *Handler) RejectSignUp(ctx context.Context, req *connect.Request[adminv1.RejectSignUpRequest]) (*connect.Response[adminv1.RejectSignUpResponse], error) {
	id, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	s, err := h.orgs.Reject(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RejectSignUpResponse{SignUp: toProto(s)}), nil
}
