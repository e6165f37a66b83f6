// Package dunning is the dunning's module: the notices that chase overdue
// invoices, the holds that pause them, and the jobs that write and send
// them.
package dunning

import (
	"context"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/dunning"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the dunning.
func Module(s *dunning.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "dunning",
		Enums:    Enums(),
		Demo:     seed.Dunning,
		Prefixes: []ids.Prefix{ids.DunningNotice},
		Services: []module.Service{
			module.Serve[adminv1connect.DunningServiceHandler](adminv1connect.DunningServiceName, adminv1connect.NewDunningServiceHandler, New(s)),
		},
		Files: []blob.Owner{{Prefix: dunning.FilePrefix, Referenced: s.PDFsInUse}},
		Names: []audit.Namer{{Prefix: ids.DunningNotice, Permission: authz.PaymentsRead, Names: s.Names}},
		Jobs: []jobs.Job{{
			Name:  "dunning",
			Title: "Dunning",
			Description: "Writes the dunning notices due today: for every overdue invoice not paid in full, the next level — a " +
				"payment reminder, then the first and the second Mahnung — once its days after the due date have passed and the " +
				"deadline of the level before is over, each level once. A level with a fee bills it on an invoice of its own. " +
				"Organizations on hold are skipped until the day after their hold. Then it sends the notices.",
			// After the overdue check (07:00) has marked the day's invoices.
			Schedule:  jobs.MustSchedule("0 8 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{dunningRun},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Run(ctx)
				return dunningRun.Of("wrote "+coded.Int(r.Written[dunning.Reminder])+" payment reminders, "+
					coded.Int(r.Written[dunning.FirstNotice])+" first and "+coded.Int(r.Written[dunning.SecondNotice])+
					" second notices; billed "+coded.Int(r.Fees)+" fees; "+coded.Int(r.Held)+" invoices on hold",
					map[string]string{"reminders": coded.Int(r.Written[dunning.Reminder]), "first": coded.Int(r.Written[dunning.FirstNotice]),
						"second": coded.Int(r.Written[dunning.SecondNotice]), "fees": coded.Int(r.Fees), "held": coded.Int(r.Held)}), err
			},
		}, {
			Name:  "dunning-delivery",
			Title: "Dunning Delivery",
			Description: "E-mails each dunning notice with its letter to the organization's billing address, through the issuer's " +
				"SMTP settings, retried like invoices. A notice whose invoice was paid or cancelled before it went out is " +
				"withdrawn, and its fee invoice cancelled.",
			Schedule:  jobs.MustSchedule("*/5 * * * *"),
			Summaries: []jobs.SummaryCode{noticesDelivered},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Deliver(ctx)
				return noticesDelivered.Of("sent "+coded.Int(r.Sent)+" notices; "+coded.Int(r.Retrying)+" to try again, "+
					coded.Int(r.Failed)+" failed, "+coded.Int(r.Withdrawn)+" withdrawn",
					map[string]string{"sent": coded.Int(r.Sent), "retrying": coded.Int(r.Retrying), "failed": coded.Int(r.Failed),
						"withdrawn": coded.Int(r.Withdrawn)}), err
			},
		}},
	}
}

var (
	dunningRun       = jobs.SummaryCode{Code: "dunning-run", Params: []string{"reminders", "first", "second", "fees", "held"}}
	noticesDelivered = jobs.SummaryCode{Code: "dunning-notices-delivered", Params: []string{"sent", "retrying", "failed", "withdrawn"}}
)
