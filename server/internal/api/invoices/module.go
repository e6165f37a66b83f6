// Package invoices is the invoices' module: the daily billing run and the
// invoices' stored PDFs.
package invoices

import (
	"context"
	"errors"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the invoices: the billing run and the PDFs the invoices keep.
func Module(s *invoice.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "invoices",
		Enums:    Enums(),
		Demo:     seed.Invoices,
		Prefixes: []ids.Prefix{ids.Invoice},
		Services: []module.Service{
			module.Serve[adminv1connect.InvoiceServiceHandler](adminv1connect.InvoiceServiceName, adminv1connect.NewInvoiceServiceHandler, New(s)),
		},
		Names: []audit.Namer{{Prefix: ids.Invoice, Permission: authz.InvoicesRead, Names: s.Names}},
		Files: []blob.Owner{{Prefix: invoice.FilePrefix, Referenced: s.PDFsInUse},
			{Prefix: invoice.EInvoicePrefix, Referenced: s.EInvoicesInUse}},
		Jobs: []jobs.Job{{
			Name:  "billing-run",
			Title: "Daily Billing",
			Description: "Bills every organization whose billing date has come: one invoice per organization and period, for the " +
				"coming period in advance and the past one in arrears, numbered without gaps per issuer and year. The periods due " +
				"come from the periods billed so far, so a run after days without one bills each missed period once, in order. " +
				"Then it renders the PDF of each invoice issued from the document stored with it.",
			// Early morning in Central Europe, after the plan transitions.
			Schedule:  jobs.MustSchedule("0 6 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{invoicesIssued},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Run(ctx)
				// Then the PDFs of what it issued (and of anything issued
				// before whose PDF is missing).
				pdfs, renderErr := s.RenderPending(ctx)
				return invoicesIssued.Of(
					"looked at "+coded.Int(r.Organizations)+" organizations: issued "+coded.Int(r.Invoices)+" invoices, "+
						coded.Int(r.Empty)+" periods had nothing to charge, "+coded.Int(r.Skipped)+" were billed already, "+
						coded.Int(r.Failed)+" failed; rendered "+coded.Int(pdfs)+" PDFs",
					map[string]string{"organizations": coded.Int(r.Organizations), "invoices": coded.Int(r.Invoices),
						"empty": coded.Int(r.Empty), "skipped": coded.Int(r.Skipped), "failed": coded.Int(r.Failed),
						"pdfs": coded.Int(pdfs)}), errors.Join(err, renderErr)
			},
		}, {
			Name:  "invoice-delivery",
			Title: "Invoice Delivery",
			Description: "E-mails each issued invoice and cancellation invoice with its PDF to the organization's billing address, " +
				"through the issuer's SMTP settings. A temporary failure is tried again later (after 5 minutes, then longer, " +
				"8 attempts in about two days); a permanent one is left FAILED with the mail server's answer.",
			Schedule:  jobs.MustSchedule("*/5 * * * *"),
			Summaries: []jobs.SummaryCode{invoicesDelivered},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Deliver(ctx)
				return invoicesDelivered.Of("sent "+coded.Int(r.Sent)+" invoices; "+coded.Int(r.Retrying)+" to try again, "+
					coded.Int(r.Failed)+" failed", map[string]string{"sent": coded.Int(r.Sent), "retrying": coded.Int(r.Retrying),
					"failed": coded.Int(r.Failed)}), err
			},
		}, {
			Name:  "overdue-check",
			Title: "Overdue Check",
			Description: "Sets every issued invoice whose due date has passed in its issuer's calendar OVERDUE, each change audited. " +
				"It works from the invoices' state, so a missed day is made up by the next run.",
			Schedule:  jobs.MustSchedule("0 7 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{invoicesOverdue},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.MarkOverdue(ctx)
				return invoicesOverdue.Of("marked "+coded.Int(r.Marked)+" invoices overdue",
					map[string]string{"marked": coded.Int(r.Marked)}), err
			},
		}},
	}
}

// What the invoice delivery did.
var invoicesDelivered = jobs.SummaryCode{Code: "invoices-delivered", Params: []string{"sent", "retrying", "failed"}}

// What the overdue check did.
var invoicesOverdue = jobs.SummaryCode{Code: "invoices-overdue", Params: []string{"marked"}}

// What the billing run did.
var invoicesIssued = jobs.SummaryCode{Code: "invoices-issued", Params: []string{"organizations", "invoices", "empty", "skipped", "failed", "pdfs"}}
