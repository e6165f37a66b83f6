package jobs

import (
	"net/http"

	"connectrpc.com/connect"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
)

// Module is the jobs dashboard: JobService over the runner of every module's jobs.
func Module(r *jobs.Runner) module.Module {
	return module.Module{
		Name: "jobs",
		Services: []module.Service{
			{Name: adminv1connect.JobServiceName, Mount: func(o ...connect.HandlerOption) (string, http.Handler) {
				return adminv1connect.NewJobServiceHandler(New(r), o...)
			}},
		},
	}
}
