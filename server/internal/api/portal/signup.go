package portal

import (
	"context"

	"connectrpc.com/connect"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/api/organizations"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// SignUp implements portalv1connect.SignUpServiceHandler.
type SignUp struct{ orgs *organization.Service }

var _ portalv1connect.SignUpServiceHandler = (*SignUp)(nil)

// SignUp implements SignUpService.SignUp.
func (h *SignUp) SignUp(ctx context.Context, req *connect.Request[portalv1.SignUpRequest]) (*connect.Response[portalv1.SignUpResponse], error) {
	m := req.Msg
	out, err := h.orgs.SignUp(ctx, organization.SignUpRequest{Handle: m.GetBillingEntityHandle(), OrganizationName: m.GetOrganizationName(),
		DisplayName: m.GetDisplayName(), Email: m.GetEmail(), Pw: m.GetPassword()})
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.SignUpResponse{OrganizationId: ids.Format(ids.Organization, out.OrganizationID),
		Status: organizations.StatusToProto(out.Status)}), nil
}
