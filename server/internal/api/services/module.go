package services

import (
	"context"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
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
		Jobs: []jobs.Job{{
			Name:  "service-decommission",
			Title: "Service Decommission",
			Description: "Takes down every service whose scheduled decommission is due: stops its primary containers, unlinks its " +
				"containers and sets it DECOMMISSIONED, with the logbook. A service whose primary container cannot be stopped is " +
				"postponed to the next run, and the run fails naming it.",
			Schedule: jobs.MustSchedule("0 1 * * *"),
			// Every decommission due is taken whenever the job runs, so a
			// missed night is made up by one run.
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{servicesDecommissioned},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Decommission(ctx)
				return servicesDecommissioned.Of(r.String(), map[string]string{
					"decommissioned": coded.Int(r.Decommissioned), "stopped": coded.Int(r.Stopped), "postponed": coded.Int(r.Postponed),
				}), err
			},
		}},
	}
}

// What the services' jobs did.
var servicesDecommissioned = jobs.SummaryCode{Code: "services-decommissioned", Params: []string{"decommissioned", "stopped", "postponed"}}
