// Package views is the module of what staff arrange in the panel: the
// saved views of the list pages and their dashboard's widgets.
package views

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/savedview"
)

// Module is the saved views and dashboard layouts.
func Module(s *savedview.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "views",
		Demo:     seed.SavedViews,
		Prefixes: []ids.Prefix{ids.SavedView},
		// The audit log names the views its reader sees (their own and their
		// team's shared ones); others stay ids.
		Names: []audit.Namer{{Prefix: ids.SavedView, Permission: authz.AuditRead, Names: s.Names}},
		Services: []module.Service{
			module.Serve[adminv1connect.ViewServiceHandler](adminv1connect.ViewServiceName,
				adminv1connect.NewViewServiceHandler, &Handler{s: s}),
		},
	}
}
