package organizations

import (
	"net/http"

	"connectrpc.com/connect"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/organization"
)

// Module is organizations, their workspaces and members: OrganizationService.
func Module(s *organization.Service) module.Module {
	return module.Module{
		Name: "organizations",
		Services: []module.Service{
			{Name: adminv1connect.OrganizationServiceName, Mount: func(o ...connect.HandlerOption) (string, http.Handler) {
				return adminv1connect.NewOrganizationServiceHandler(New(s), o...)
			}},
		},
	}
}
