// Package usagereports is the usage reports' module: UsageReportService
// and the Monthly Usage Reports job that stores each month's report of
// every billing entity.
package usagereports

import (
	"context"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/usagereport"
)

// Module is the usage reports area.
func Module(s *usagereport.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "usagereports",
		Demo:     seed.UsageReports,
		Prefixes: []ids.Prefix{ids.UsageReport},
		Services: []module.Service{
			module.Serve[adminv1connect.UsageReportServiceHandler](adminv1connect.UsageReportServiceName,
				adminv1connect.NewUsageReportServiceHandler, &Handler{s: s}),
		},
		Jobs: []jobs.Job{{
			Name:  "usage-reports-monthly",
			Title: "Monthly Usage Reports",
			Description: "Stores the usage report of the month that has ended for every billing entity: services, servers, " +
				"storage, traffic, support hours and net revenue of its organizations. Months a run missed are filled in, " +
				"up to twelve back; a month stored is never computed again.",
			// The first three days of a month: the first run stores the month
			// before, the others find it stored (or make up for a first
			// that did not run).
			Schedule:  jobs.MustSchedule("30 4 1-3 * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{reportsStored},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.StoreMonthly(ctx)
				return reportsStored.Of(
					"stored "+coded.Int(r.Stored)+" usage reports up to "+r.Last.String()+"; "+coded.Int(r.Kept)+" stored before",
					map[string]string{"month": r.Last.String(), "stored": coded.Int(r.Stored), "kept": coded.Int(r.Kept)}), err
			},
		}},
	}
}

var reportsStored = jobs.SummaryCode{Code: "usage-reports-stored", Params: []string{"month", "stored", "kept"}}
