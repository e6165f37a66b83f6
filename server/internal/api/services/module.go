package services

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is the booked services: ServiceInstanceService, with their status
// history and logbook, the demo's instances, instances in the global search
// and their names in the audit trail.
func Module(s *instance.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "services",
		Enums:    Enums(),
		Demo:     seed.Services,
		Prefixes: []ids.Prefix{ids.Service, ids.StatusChange, ids.LogbookEntry},
		Services: []module.Service{
			module.Serve[adminv1connect.ServiceInstanceServiceHandler](adminv1connect.ServiceInstanceServiceName,
				adminv1connect.NewServiceInstanceServiceHandler, New(s)),
		},
		Search: []search.Searcher{
			{Kind: "SERVICE", Prefix: ids.Service, Permission: authz.ServicesRead, Find: s.Search},
		},
		Names: []audit.Namer{{Prefix: ids.Service, Permission: authz.ServicesRead, Names: s.Names}},
	}
}
