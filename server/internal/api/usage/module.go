package usage

import (
	"context"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/usage"
)

// Module is the usage: UsageService, the daily snapshot, the monthly
// reset of the counters, the weekly clean-up and the demo's usage.
func Module(s *usage.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:  "usage",
		Enums: Enums(),
		Demo:  seed.Usage,
		Services: []module.Service{
			module.Serve[adminv1connect.UsageServiceHandler](adminv1connect.UsageServiceName, adminv1connect.NewUsageServiceHandler, New(s)),
		},
		Jobs: []jobs.Job{{
			Name:  "usage-snapshot",
			Title: "Daily Traffic",
			Description: "Measures the day that just ended (UTC) for every organization and workspace: the disk use of the containers " +
				"linked to their service instances that are not decommissioned. A rerun of the day updates the same snapshots; " +
				"days missed while no server ran are not made up, as their disk use is not known afterwards.",
			// Just after midnight UTC: the day before has ended.
			Schedule:  jobs.MustSchedule("5 0 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{snapshotTaken},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Snapshot(ctx)
				return snapshotTaken.Of(
					"measured "+r.Day.String()+": "+coded.Int(r.Written)+" snapshots written, "+coded.Int(r.Unchanged)+" unchanged",
					map[string]string{"day": r.Day.String(), "written": coded.Int(r.Written), "unchanged": coded.Int(r.Unchanged)}), err
			},
		}, {
			Name:  "usage-monthly-reset",
			Title: "Monthly Reset",
			Description: "Starts every organization's usage counters of the new month at zero. The counters of the months before " +
				"stay as they were: nothing is lost.",
			Schedule:  jobs.MustSchedule("0 0 1 * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{countersStarted},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.MonthlyReset(ctx)
				return countersStarted.Of(
					"started "+coded.Int(r.Started)+" counters of "+r.Month+"; "+coded.Int(r.Kept)+" of earlier months kept",
					map[string]string{"month": r.Month, "started": coded.Int(r.Started), "kept": coded.Int(r.Kept)}), err
			},
		}, {
			Name:  "usage-cleanup",
			Title: "Cleanup Snapshots",
			Description: "Removes the usage snapshots and reported usage events older than the retention (the current month and " +
				"the 14 before it), so that a year's look back of reports and invoices stays complete.",
			Schedule:  jobs.MustSchedule("0 3 * * 0"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{snapshotsRemoved},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Cleanup(ctx)
				return snapshotsRemoved.Of(
					"removed "+coded.Int(r.Snapshots)+" snapshots and "+coded.Int(r.Events)+" reported events of days before "+r.Before.String(),
					map[string]string{"snapshots": coded.Int(r.Snapshots), "events": coded.Int(r.Events), "before": r.Before.String()}), err
			},
		}},
	}
}

// What the usage jobs did.
var (
	snapshotTaken    = jobs.SummaryCode{Code: "usage-snapshot-taken", Params: []string{"day", "written", "unchanged"}}
	countersStarted  = jobs.SummaryCode{Code: "usage-counters-started", Params: []string{"month", "started", "kept"}}
	snapshotsRemoved = jobs.SummaryCode{Code: "usage-snapshots-removed", Params: []string{"snapshots", "events", "before"}}
)
