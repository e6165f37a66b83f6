package jobs

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
)

// Deps are the domain services the registered jobs call.
type Deps struct {
	Client   *ent.Client
	Identity *identity.Service
	Infra    *infra.Service
	Audit    *audit.Writer
}

// Registry returns the platform's scheduled jobs. Each job calls one domain
// method; the schedule is in UTC. Jobs of areas that do not exist yet are
// added with those areas — none is registered without real work to do.
func Registry(d Deps) []Job {
	return []Job{
		{
			Name:        "session-cleanup",
			Title:       "Session Cleanup",
			Description: "Removes expired, idle and signed-out sessions, API tokens expired or revoked more than 30 days ago, and sign-in throttles that have gone quiet.",
			Schedule:    MustSchedule("0 * * * *"),
			CatchUp:     true,
			Run: func(ctx context.Context, _ Run) (string, error) {
				c, err := d.Identity.CleanupExpired(ctx)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("removed %d expired sessions, %d expired API tokens and %d sign-in throttles",
					c.Sessions, c.Tokens, c.Throttles), nil
			},
		},
		{
			Name:        "audit-verification",
			Title:       "Audit Verification",
			Description: "Recomputes the hash chain of the audit trail and fails, naming the first bad event, if an event was edited, deleted or reordered.",
			Schedule:    MustSchedule("0 2 * * *"),
			CatchUp:     true,
			Run: func(ctx context.Context, _ Run) (string, error) {
				v, err := d.Audit.Verify(ctx)
				if err != nil {
					return "", err
				}
				if !v.OK {
					// The problem names the first bad event. Another attempt
					// would find the same, so the run fails without retries.
					return fmt.Sprintf("checked %d events", v.Events),
						Permanent(fmt.Errorf("audit chain broken: %s", v.Problem))
				}
				return fmt.Sprintf("audit chain intact: %d events verified", v.Events), nil
			},
		},
		{
			Name:  "server-sync",
			Title: "Server Sync",
			Description: "Pulls every provider connection — status, metrics, disk usage and containers of the servers linked to it — " +
				"concurrently and each within its own timeout; records failures per server and connection.",
			Schedule: MustSchedule("* * * * *"),
			// A missed minute is not made up: the next tick reads the
			// providers' present state.
			CatchUp: false,
			Run: func(ctx context.Context, _ Run) (string, error) {
				r, err := d.Infra.Sync(ctx)
				return r.String(), err
			},
		},
		{
			Name:        "metrics-cleanup",
			Title:       "Metrics Cleanup",
			Description: "Removes server and container metrics older than the retention period (LEITSTAND_METRICS_RETENTION, 30 days by default).",
			Schedule:    MustSchedule("17 * * * *"),
			CatchUp:     true,
			Run: func(ctx context.Context, _ Run) (string, error) {
				n, err := d.Infra.CleanupMetrics(ctx)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("removed %d samples older than %s", n, d.Infra.Retention()), nil
			},
		},
	}
}
