package organizations

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/organization"
)

// Module is organizations, their workspaces and members: OrganizationService.
func Module(s *organization.Service) module.Module {
	return module.Module{
		Name: "organizations",
		Services: []module.Service{
			module.Serve[adminv1connect.OrganizationServiceHandler](adminv1connect.OrganizationServiceName, adminv1connect.NewOrganizationServiceHandler, New(s)),
		},
	}
}
