// Package training is the training area's module: the course catalogue,
// sessions and their rosters, licences and certificates, and the Licence
// Expiry job.
package training

import (
	"context"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/training"
)

// Module is the training area.
func Module(s *training.Service, seed *demo.Seeder) module.Module {
	named := []ids.Prefix{ids.Course, ids.TrainingSession, ids.Registration, ids.Licence, ids.LicenceNotice}
	var names []audit.Namer
	for _, p := range named {
		names = append(names, audit.Namer{Prefix: p, Permission: authz.TrainingRead, Names: s.Names})
	}
	return module.Module{
		Name:     "training",
		Demo:     seed.Training,
		Enums:    Enums(),
		Prefixes: named,
		Services: []module.Service{
			module.Serve[adminv1connect.TrainingServiceHandler](adminv1connect.TrainingServiceName,
				adminv1connect.NewTrainingServiceHandler, &Handler{s: s}),
		},
		Names: names,
		Jobs: []jobs.Job{{
			Name:  "licence-expiry",
			Title: "Licence Expiry",
			Description: "Tells the admins of an organization in the portal, and staff by an order, when a training licence " +
				"enters the last 30 days of its validity and when it has expired: once per licence each.",
			Schedule:  jobs.MustSchedule("20 5 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{licencesNoticed},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				e, err := s.MarkExpiring(ctx)
				return licencesNoticed.Of("noticed "+coded.Int(e.Expiring)+" licences expiring and "+coded.Int(e.Expired)+
					" expired, with "+coded.Int(e.Tasks)+" tasks",
					map[string]string{"expiring": coded.Int(e.Expiring), "expired": coded.Int(e.Expired), "tasks": coded.Int(e.Tasks)}), err
			},
		}},
	}
}

var licencesNoticed = jobs.SummaryCode{Code: "licences-noticed", Params: []string{"expiring", "expired", "tasks"}}
