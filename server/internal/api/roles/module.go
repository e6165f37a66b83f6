package roles

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/module"
)

// Module is the platform roles and what they may do: RoleService.
func Module(s *member.Service) module.Module {
	return module.Module{
		Name:     "roles",
		Services: []module.Service{module.Serve[adminv1connect.RoleServiceHandler](adminv1connect.RoleServiceName, adminv1connect.NewRoleServiceHandler, New(s))},
	}
}
