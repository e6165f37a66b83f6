// Package members serves MemberService.
package members

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/auditlog"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.MemberServiceHandler.
type Handler struct{ members *member.Service }

var _ adminv1connect.MemberServiceHandler = (*Handler)(nil)

// New returns the MemberService handler.
func New(s *member.Service) *Handler { return &Handler{members: s} }

// ListMembers implements MemberService.ListMembers.
func (h *Handler) ListMembers(ctx context.Context, req *connect.Request[adminv1.ListMembersRequest]) (*connect.Response[adminv1.ListMembersResponse], error) {
	m := req.Msg
	p := member.ListParams{PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), Query: m.GetFilter().GetQuery(), OrderBy: m.GetOrderBy()}
	for _, r := range m.GetFilter().GetPlatformRoles() {
		p.Roles = append(p.Roles, authz.RoleFromProto(r))
	}
	p.Disabled = disabledFromProto(m.GetFilter().GetDisabled())
	page, err := h.members.List(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListMembersResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, mem := range page.Items {
		out.Members = append(out.Members, toProtoMember(mem))
	}
	return connect.NewResponse(out), nil
}

// GetMember implements MemberService.GetMember.
func (h *Handler) GetMember(ctx context.Context, req *connect.Request[adminv1.GetMemberRequest]) (*connect.Response[adminv1.GetMemberResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	d, err := h.members.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetMemberResponse{Member: toProtoMember(d.Member)}
	for _, m := range d.Memberships {
		out.Organizations = append(out.Organizations, toProtoMembership(m))
	}
	for _, g := range d.Grants {
		out.Grants = append(out.Grants, toProtoGrant(g))
	}
	for _, e := range d.RecentActivity {
		out.RecentActivity = append(out.RecentActivity, auditlog.ToProto(e))
	}
	return connect.NewResponse(out), nil
}

// SetPlatformRole implements MemberService.SetPlatformRole.
func (h *Handler) SetPlatformRole(ctx context.Context, req *connect.Request[adminv1.SetPlatformRoleRequest]) (*connect.Response[adminv1.SetPlatformRoleResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	m, err := h.members.SetPlatformRole(ctx, id, authz.RoleFromProto(req.Msg.GetPlatformRole()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetPlatformRoleResponse{Member: toProtoMember(*m)}), nil
}

// DisableMember implements MemberService.DisableMember.
func (h *Handler) DisableMember(ctx context.Context, req *connect.Request[adminv1.DisableMemberRequest]) (*connect.Response[adminv1.DisableMemberResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	m, err := h.members.Disable(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DisableMemberResponse{Member: toProtoMember(*m)}), nil
}

// ResetSecondFactor implements MemberService.ResetSecondFactor.
func (h *Handler) ResetSecondFactor(ctx context.Context, req *connect.Request[adminv1.ResetSecondFactorRequest]) (*connect.Response[adminv1.ResetSecondFactorResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if _, err := h.members.ResetSecondFactor(ctx, id, req.Msg.GetReason()); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ResetSecondFactorResponse{}), nil
}

// EnableMember implements MemberService.EnableMember.
func (h *Handler) EnableMember(ctx context.Context, req *connect.Request[adminv1.EnableMemberRequest]) (*connect.Response[adminv1.EnableMemberResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	m, err := h.members.Enable(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.EnableMemberResponse{Member: toProtoMember(*m)}), nil
}

// GrantPermission implements MemberService.GrantPermission.
func (h *Handler) GrantPermission(ctx context.Context, req *connect.Request[adminv1.GrantPermissionRequest]) (*connect.Response[adminv1.GrantPermissionResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	m, err := h.members.Grant(ctx, id, authz.PermissionFromProto(req.Msg.GetPermission()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GrantPermissionResponse{Member: toProtoMember(*m)}), nil
}

// RevokePermission implements MemberService.RevokePermission.
func (h *Handler) RevokePermission(ctx context.Context, req *connect.Request[adminv1.RevokePermissionRequest]) (*connect.Response[adminv1.RevokePermissionResponse], error) {
	id, err := ids.Parse(ids.User, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	m, err := h.members.Revoke(ctx, id, authz.PermissionFromProto(req.Msg.GetPermission()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RevokePermissionResponse{Member: toProtoMember(*m)}), nil
}
