package services

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the booked services: ServiceInstanceService, with their status
// history and logbook, the demo's instances and their names in the audit
// trail.
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
		Names: []audit.Namer{{Prefix: ids.Service, Permission: authz.ServicesRead, Names: s.Names}},
	}
}
