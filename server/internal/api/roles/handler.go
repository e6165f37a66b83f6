// Package roles serves RoleService.
package roles

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Handler implements adminv1connect.RoleServiceHandler.
type Handler struct{ members *member.Service }

var _ adminv1connect.RoleServiceHandler = (*Handler)(nil)

// New returns the RoleService handler.
func New(m *member.Service) *Handler { return &Handler{members: m} }

// ListRoles implements RoleService.ListRoles from the role table the
// authorization interceptor enforces.
func (h *Handler) ListRoles(ctx context.Context, _ *connect.Request[adminv1.ListRolesRequest]) (*connect.Response[adminv1.ListRolesResponse], error) {
	counts, err := h.members.CountByRole(ctx)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListRolesResponse{AllPermissions: authz.PermissionsToProto(authz.All())}
	for _, r := range authz.Roles() {
		out.Roles = append(out.Roles, &adminv1.Role{
			Role: authz.RoleToProto(r), Permissions: authz.PermissionsToProto(authz.RolePermissions(r)), UserCount: int32(counts[r]),
		})
	}
	return connect.NewResponse(out), nil
}
