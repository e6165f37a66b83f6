package orders

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the orders: OrderService with time and processes, the process
// templates (ProcessTemplateService), the demo's orders and their names in
// the audit trail.
func Module(s *order.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "orders",
		Enums:    Enums(),
		Demo:     seed.Orders,
		Prefixes: []ids.Prefix{ids.Order, ids.OrderComment, ids.TimeEntry, ids.ProcessTemplate, ids.OrderProcess, ids.ProcessStep},
		Services: []module.Service{
			module.Serve[adminv1connect.OrderServiceHandler](adminv1connect.OrderServiceName,
				adminv1connect.NewOrderServiceHandler, New(s)),
			module.Serve[adminv1connect.ProcessTemplateServiceHandler](adminv1connect.ProcessTemplateServiceName,
				adminv1connect.NewProcessTemplateServiceHandler, NewTemplates(s)),
		},
		Names: []audit.Namer{{Prefix: ids.Order, Permission: authz.OrdersRead, Names: s.Names}},
	}
}
