package jobs

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the jobs dashboard: JobService over the runner of every
// module's jobs, and the runner's metrics. Its demo step runs each job
// once, so the dashboard starts with real runs.
func Module(r *jobs.Runner) module.Module {
	return module.Module{
		Name:     "jobs",
		Enums:    Enums(),
		Prefixes: []ids.Prefix{ids.JobRun},
		Demo: func(ctx context.Context) error {
			for _, j := range r.Jobs() {
				if _, err := r.RunNow(authz.System(ctx), j.Name); err != nil {
					return fmt.Errorf("run %s: %w", j.Name, err)
				}
			}
			return nil
		},
		Services: []module.Service{
			module.Serve[adminv1connect.JobServiceHandler](adminv1connect.JobServiceName, adminv1connect.NewJobServiceHandler, New(r)),
		},
		Collectors: r.Collectors(),
	}
}
