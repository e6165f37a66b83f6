package billingentities

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the billing entities' area.
func Module(s *billingentity.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "billing-entities",
		Demo:     seed.Resellers,
		Enums:    Enums(),
		Prefixes: []ids.Prefix{ids.BillingEntity},
		Services: []module.Service{
			module.Serve[adminv1connect.BillingEntityServiceHandler](adminv1connect.BillingEntityServiceName,
				adminv1connect.NewBillingEntityServiceHandler, &Handler{s: s}),
		},
		Names: []audit.Namer{{Prefix: ids.BillingEntity, Permission: authz.BillingEntitiesRead, Names: s.Names}},
	}
}
