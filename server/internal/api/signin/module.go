package signin

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is sign-in: AuthService and the clean-up of what expired.
func Module(s *identity.Service) module.Module {
	return module.Module{
		Name:     "sign-in",
		Enums:    Enums(),
		Prefixes: []ids.Prefix{ids.Session, ids.APIToken},
		Services: []module.Service{module.Serve[adminv1connect.AuthServiceHandler](adminv1connect.AuthServiceName, adminv1connect.NewAuthServiceHandler, New(s))},
		// A token's name is no secret; whoever reads the trail sees it.
		Names: []audit.Namer{{Prefix: ids.APIToken, Permission: authz.AuditRead, Names: s.TokenNames}},
		Jobs: []jobs.Job{{
			Name:        "session-cleanup",
			Title:       "Session Cleanup",
			Description: "Removes expired, idle and signed-out sessions, API tokens expired or revoked more than 30 days ago, and sign-in throttles that have gone quiet.",
			Schedule:    jobs.MustSchedule("0 * * * *"),
			CatchUp:     true,
			Summaries:   []jobs.SummaryCode{sessionsRemoved},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				c, err := s.CleanupExpired(ctx)
				if err != nil {
					return jobs.Summary{}, err
				}
				return sessionsRemoved.Of(fmt.Sprintf("removed %d expired sessions, %d expired API tokens and %d sign-in throttles",
					c.Sessions, c.Tokens, c.Throttles),
					map[string]string{"sessions": coded.Int(c.Sessions), "tokens": coded.Int(c.Tokens), "throttles": coded.Int(c.Throttles)}), nil
			},
		}},
	}
}

// sessionsRemoved is what a session clean-up did.
var sessionsRemoved = jobs.SummaryCode{Code: "sessions-removed", Params: []string{"sessions", "tokens", "throttles"}}
