package organizations

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/partner"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is organizations, their workspaces and members: OrganizationService,
// and organizations in the global search.
func Module(s *organization.Service, partners *partner.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "organizations",
		Enums:    Enums(),
		Demo:     seed.Organizations,
		Prefixes: []ids.Prefix{ids.Organization, ids.Workspace},
		Services: []module.Service{
			module.Serve[adminv1connect.OrganizationServiceHandler](adminv1connect.OrganizationServiceName, adminv1connect.NewOrganizationServiceHandler, New(s, partners)),
		},
		Search: []search.Searcher{
			{Kind: "ORGANIZATION", Prefix: ids.Organization, Permission: authz.OrganizationsRead, Find: s.Search},
		},
		Names: []audit.Namer{
			{Prefix: ids.Organization, Permission: authz.OrganizationsRead, Names: s.Names},
			{Prefix: ids.Workspace, Permission: authz.OrganizationsRead, Names: s.WorkspaceNames},
		},
	}
}
