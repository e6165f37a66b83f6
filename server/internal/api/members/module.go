package members

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/module"
)

// Module is the platform's staff and users: MemberService.
func Module(s *member.Service) module.Module {
	return module.Module{
		Name: "members",
		Services: []module.Service{
			module.Serve[adminv1connect.MemberServiceHandler](adminv1connect.MemberServiceName, adminv1connect.NewMemberServiceHandler, New(s)),
		},
	}
}
