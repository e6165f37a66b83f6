// Package invoices is the invoices' module: the daily billing run and the
// invoices' stored PDFs.
package invoices

import (
	"context"

	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the invoices: the billing run and the PDFs the invoices keep.
func Module(s *invoice.Service) module.Module {
	return module.Module{
		Name:     "invoices",
		Prefixes: []ids.Prefix{ids.Invoice},
		Files:    []blob.Owner{{Prefix: invoice.FilePrefix, Referenced: s.PDFsInUse}},
		Jobs: []jobs.Job{{
			Name:  "billing-run",
			Title: "Daily Billing",
			Description: "Bills every organization whose billing date has come: one invoice per organization and period, for the " +
				"coming period in advance and the past one in arrears, numbered without gaps per issuer and year. The periods due " +
				"come from the periods billed so far, so a run after days without one bills each missed period once, in order.",
			// Early morning in Central Europe, after the plan transitions.
			Schedule:  jobs.MustSchedule("0 6 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{invoicesIssued},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Run(ctx)
				return invoicesIssued.Of(
					"looked at "+coded.Int(r.Organizations)+" organizations: issued "+coded.Int(r.Invoices)+" invoices, "+
						coded.Int(r.Empty)+" periods had nothing to charge, "+coded.Int(r.Skipped)+" were billed already, "+
						coded.Int(r.Failed)+" failed",
					map[string]string{"organizations": coded.Int(r.Organizations), "invoices": coded.Int(r.Invoices),
						"empty": coded.Int(r.Empty), "skipped": coded.Int(r.Skipped), "failed": coded.Int(r.Failed)}), err
			},
		}},
	}
}

// What the billing run did.
var invoicesIssued = jobs.SummaryCode{Code: "invoices-issued", Params: []string{"organizations", "invoices", "empty", "skipped", "failed"}}
