// Package organizations serves OrganizationService.
package organizations

import (
	"context"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/partner"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.OrganizationServiceHandler.
type Handler struct {
	orgs     *organization.Service
	partners *partner.Service
}

var _ adminv1connect.OrganizationServiceHandler = (*Handler)(nil)

// New returns the OrganizationService handler.
func New(s *organization.Service, partners *partner.Service) *Handler {
	return &Handler{orgs: s, partners: partners}
}

// ListOrganizations implements OrganizationService.ListOrganizations.
func (h *Handler) ListOrganizations(ctx context.Context, req *connect.Request[adminv1.ListOrganizationsRequest]) (*connect.Response[adminv1.ListOrganizationsResponse], error) {
	m := req.Msg
	p := organization.ListParams{PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), Query: m.GetFilter().GetQuery(), OrderBy: m.GetOrderBy()}
	p.Statuses = statuses.FromProtos(m.GetFilter().GetStatuses())
	page, err := h.orgs.List(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListOrganizationsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, s := range page.Items {
		out.Organizations = append(out.Organizations, toProtoOrganization(s))
	}
	return connect.NewResponse(out), nil
}

// GetOrganization implements OrganizationService.GetOrganization.
func (h *Handler) GetOrganization(ctx context.Context, req *connect.Request[adminv1.GetOrganizationRequest]) (*connect.Response[adminv1.GetOrganizationResponse], error) {
	id, err := ids.Parse(ids.Organization, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	d, err := h.orgs.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetOrganizationResponse{Organization: toProtoOrganization(d.Summary)}
	for _, w := range d.Workspaces {
		out.Workspaces = append(out.Workspaces, toProtoWorkspace(w))
	}
	for _, m := range d.Members {
		out.Members = append(out.Members, toProtoMember(m))
	}
	return connect.NewResponse(out), nil
}

// CreateOrganization implements OrganizationService.CreateOrganization.
func (h *Handler) CreateOrganization(ctx context.Context, req *connect.Request[adminv1.CreateOrganizationRequest]) (*connect.Response[adminv1.CreateOrganizationResponse], error) {
	m := req.Msg
	v := fromProtoValues(&adminv1.Organization{
		Name: m.GetName(), LegalName: m.GetLegalName(), BillingAddress: m.GetBillingAddress(),
		VatId: m.GetVatId(), BillingEmail: m.GetBillingEmail(), Managed: m.GetManaged(),
	})
	var plan uuid.UUID
	if m.GetPlanId() != "" {
		var err error
		if plan, err = ids.Parse(ids.Plan, "plan_id", m.GetPlanId()); err != nil {
			return nil, err
		}
	}
	referrer, err := ids.ParseOptional(ids.Organization, "referred_by_id", m.GetReferredById())
	if err != nil {
		return nil, err
	}
	var also organization.Also
	if referrer != nil {
		also = h.partners.Referring(ctx, *referrer, m.GetReason())
	}
	s, err := h.orgs.CreateWith(ctx, v, plan, m.GetReason(), also)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateOrganizationResponse{Organization: toProtoOrganization(*s)}), nil
}

// UpdateOrganization implements OrganizationService.UpdateOrganization.
func (h *Handler) UpdateOrganization(ctx context.Context, req *connect.Request[adminv1.UpdateOrganizationRequest]) (*connect.Response[adminv1.UpdateOrganizationResponse], error) {
	o := req.Msg.GetOrganization()
	id, err := ids.Parse(ids.Organization, "organization.id", o.GetId())
	if err != nil {
		return nil, err
	}
	s, err := h.orgs.Update(ctx, id, fromProtoValues(o), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, apierr.Under(err, "organization", "update_mask", "reason")
	}
	return connect.NewResponse(&adminv1.UpdateOrganizationResponse{Organization: toProtoOrganization(*s)}), nil
}

// ListWorkspaces implements OrganizationService.ListWorkspaces.
func (h *Handler) ListWorkspaces(ctx context.Context, req *connect.Request[adminv1.ListWorkspacesRequest]) (*connect.Response[adminv1.ListWorkspacesResponse], error) {
	id, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	wss, next, err := h.orgs.ListWorkspaces(ctx, id, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListWorkspacesResponse{NextPageToken: next}
	for _, w := range wss {
		out.Workspaces = append(out.Workspaces, toProtoWorkspace(w))
	}
	return connect.NewResponse(out), nil
}

// CreateWorkspace implements OrganizationService.CreateWorkspace.
func (h *Handler) CreateWorkspace(ctx context.Context, req *connect.Request[adminv1.CreateWorkspaceRequest]) (*connect.Response[adminv1.CreateWorkspaceResponse], error) {
	orgID, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	admin, err := ids.ParseOptional(ids.User, "admin_user_id", req.Msg.GetAdminUserId())
	if err != nil {
		return nil, err
	}
	w, err := h.orgs.CreateWorkspace(ctx, orgID, req.Msg.GetName(), admin, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateWorkspaceResponse{Workspace: toProtoWorkspace(*w)}), nil
}

// UpdateWorkspace implements OrganizationService.UpdateWorkspace.
func (h *Handler) UpdateWorkspace(ctx context.Context, req *connect.Request[adminv1.UpdateWorkspaceRequest]) (*connect.Response[adminv1.UpdateWorkspaceResponse], error) {
	w := req.Msg.GetWorkspace()
	id, err := ids.Parse(ids.Workspace, "workspace.id", w.GetId())
	if err != nil {
		return nil, err
	}
	admin, err := ids.ParseOptional(ids.User, "workspace.admin_user_id", w.GetAdminUserId())
	if err != nil {
		return nil, err
	}
	out, err := h.orgs.UpdateWorkspace(ctx, id, organization.WorkspaceValues{Name: w.GetName(), Admin: admin},
		req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateWorkspaceResponse{Workspace: toProtoWorkspace(*out)}), nil
}

// AddOrganizationMember implements OrganizationService.AddOrganizationMember.
func (h *Handler) AddOrganizationMember(ctx context.Context, req *connect.Request[adminv1.AddOrganizationMemberRequest]) (*connect.Response[adminv1.AddOrganizationMemberResponse], error) {
	m := req.Msg
	orgID, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	var nu *organization.NewUser
	var userID *uuid.UUID
	switch u := m.GetUser().(type) {
	case *adminv1.AddOrganizationMemberRequest_UserId:
		id, err := ids.Parse(ids.User, "user_id", u.UserId)
		if err != nil {
			return nil, err
		}
		userID = &id
	case *adminv1.AddOrganizationMemberRequest_Email:
		nu = &organization.NewUser{Email: u.Email, DisplayName: m.GetDisplayName()}
	}
	mem, err := h.orgs.AddMember(ctx, orgID, userID, nu, roles.FromProto(m.GetRole()), m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AddOrganizationMemberResponse{Member: toProtoMember(*mem)}), nil
}

// RemoveOrganizationMember implements OrganizationService.RemoveOrganizationMember.
func (h *Handler) RemoveOrganizationMember(ctx context.Context, req *connect.Request[adminv1.RemoveOrganizationMemberRequest]) (*connect.Response[adminv1.RemoveOrganizationMemberResponse], error) {
	orgID, userID, err := membershipIDs(req.Msg.GetOrganizationId(), req.Msg.GetUserId())
	if err != nil {
		return nil, err
	}
	if err := h.orgs.RemoveMember(ctx, orgID, userID, req.Msg.GetReason()); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RemoveOrganizationMemberResponse{}), nil
}

// SetOrganizationRole implements OrganizationService.SetOrganizationRole.
func (h *Handler) SetOrganizationRole(ctx context.Context, req *connect.Request[adminv1.SetOrganizationRoleRequest]) (*connect.Response[adminv1.SetOrganizationRoleResponse], error) {
	orgID, userID, err := membershipIDs(req.Msg.GetOrganizationId(), req.Msg.GetUserId())
	if err != nil {
		return nil, err
	}
	mem, err := h.orgs.SetRole(ctx, orgID, userID, roles.FromProto(req.Msg.GetRole()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetOrganizationRoleResponse{Member: toProtoMember(*mem)}), nil
}

func membershipIDs(org, user string) (uuid.UUID, uuid.UUID, error) {
	orgID, err := ids.Parse(ids.Organization, "organization_id", org)
	if err != nil {
		return uuid.UUID{}, uuid.UUID{}, err
	}
	userID, err := ids.Parse(ids.User, "user_id", user)
	return orgID, userID, err
}

// AddWorkspaceMember implements OrganizationService.AddWorkspaceMember.
func (h *Handler) AddWorkspaceMember(ctx context.Context, req *connect.Request[adminv1.AddWorkspaceMemberRequest]) (*connect.Response[adminv1.AddWorkspaceMemberResponse], error) {
	wsID, userID, err := workspaceMember(req.Msg.GetWorkspaceId(), req.Msg.GetUserId())
	if err != nil {
		return nil, err
	}
	w, err := h.orgs.AddWorkspaceMember(ctx, wsID, userID, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AddWorkspaceMemberResponse{Workspace: toProtoWorkspace(*w)}), nil
}

// RemoveWorkspaceMember implements OrganizationService.RemoveWorkspaceMember.
func (h *Handler) RemoveWorkspaceMember(ctx context.Context, req *connect.Request[adminv1.RemoveWorkspaceMemberRequest]) (*connect.Response[adminv1.RemoveWorkspaceMemberResponse], error) {
	wsID, userID, err := workspaceMember(req.Msg.GetWorkspaceId(), req.Msg.GetUserId())
	if err != nil {
		return nil, err
	}
	w, err := h.orgs.RemoveWorkspaceMember(ctx, wsID, userID, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RemoveWorkspaceMemberResponse{Workspace: toProtoWorkspace(*w)}), nil
}

func workspaceMember(ws, usr string) (uuid.UUID, uuid.UUID, error) {
	wsID, err := ids.Parse(ids.Workspace, "workspace_id", ws)
	if err != nil {
		return uuid.Nil, uuid.Nil, err
	}
	userID, err := ids.Parse(ids.User, "user_id", usr)
	return wsID, userID, err
}

// ListBillingDates implements OrganizationService.ListBillingDates.
func (h *Handler) ListBillingDates(ctx context.Context, req *connect.Request[adminv1.ListBillingDatesRequest]) (*connect.Response[adminv1.ListBillingDatesResponse], error) {
	id, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	n := int(req.Msg.GetCount())
	if n == 0 {
		n = 12
	}
	c, err := h.orgs.BillingDates(ctx, id, n)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListBillingDatesResponse{BillingDay: int32(c.BillingDay), TimeZone: c.TimeZone.String()}
	for _, p := range c.Periods {
		out.Periods = append(out.Periods, &adminv1.BillingPeriod{BillingDate: p.Start.String(), LastDay: p.End.AddDays(-1).String(), Days: int32(p.Days())})
	}
	return connect.NewResponse(out), nil
}
