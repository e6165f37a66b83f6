package plans

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the plans: PlanService, the demo tiers and the plans' names in
// the audit trail.
func Module(s *plan.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "plans",
		Demo:     seed.Plans,
		Prefixes: []ids.Prefix{ids.Plan, ids.PlanVersion},
		Services: []module.Service{
			module.Serve[adminv1connect.PlanServiceHandler](adminv1connect.PlanServiceName, adminv1connect.NewPlanServiceHandler, New(s)),
		},
		Names: []audit.Namer{{Prefix: ids.Plan, Permission: authz.PlansRead, Names: s.Names}},
	}
}
