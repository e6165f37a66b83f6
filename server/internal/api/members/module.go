package members

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is the platform's staff and users: MemberService, and members in
// the global search.
func Module(s *member.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "members",
		Enums:    Enums(),
		Demo:     seed.Logins,
		Prefixes: []ids.Prefix{ids.User},
		Services: []module.Service{
			module.Serve[adminv1connect.MemberServiceHandler](adminv1connect.MemberServiceName, adminv1connect.NewMemberServiceHandler, New(s)),
		},
		Search: []search.Searcher{
			{Kind: "MEMBER", Prefix: ids.User, Permission: authz.MembersRead, Find: s.Search},
		},
		Names: []audit.Namer{{Prefix: ids.User, Permission: authz.MembersRead, Names: s.Names}},
	}
}
