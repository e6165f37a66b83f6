package portal

import (
	"context"

	"connectrpc.com/connect"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/api/organizations"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Account implements portalv1connect.AccountServiceHandler.
type Account struct{ orgs *organization.Service }

var _ portalv1connect.AccountServiceHandler = (*Account)(nil)

// GetMe implements AccountService.GetMe.
func (h *Account) GetMe(ctx context.Context, _ *connect.Request[portalv1.GetMeRequest]) (*connect.Response[portalv1.GetMeResponse], error) {
	p := authz.FromContext(ctx)
	mine, err := h.orgs.Mine(ctx)
	if err != nil {
		return nil, err
	}
	out := &portalv1.GetMeResponse{UserId: ids.Format(ids.User, p.UserID), Email: p.Email, DisplayName: p.DisplayName}
	for _, o := range mine {
		mo := &portalv1.MyOrganization{Id: ids.Format(ids.Organization, o.ID), Name: o.Name, Role: organizations.RoleToProto(o.Role),
			Status: organizations.StatusToProto(o.Status), RejectionReason: o.RejectionReason}
		for _, w := range o.Workspaces {
			mo.Workspaces = append(mo.Workspaces, &portalv1.MyWorkspace{Id: ids.Format(ids.Workspace, w.ID), Name: w.Name})
		}
		out.Organizations = append(out.Organizations, mo)
	}
	return connect.NewResponse(out), nil
}
