package jobs

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
)

// Module is the jobs dashboard: JobService over the runner of every module's
// jobs, and the runner's metrics.
func Module(r *jobs.Runner) module.Module {
	return module.Module{
		Name: "jobs",
		Services: []module.Service{
			module.Serve[adminv1connect.JobServiceHandler](adminv1connect.JobServiceName, adminv1connect.NewJobServiceHandler, New(r)),
		},
		Collectors: r.Collectors(),
	}
}
