// Package payments is the payments' module: money recorded against
// invoices, the organizations' balances, and the bank statements whose
// credits pay invoices.
package payments

import (
	"context"
	"log/slog"
	"time"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the payments.
func Module(s *payment.Service, seed *demo.Seeder, logger *slog.Logger) module.Module {
	return module.Module{
		Name:  "payments",
		Enums: Enums(),
		Demo:  seed.Payments,
		Prefixes: []ids.Prefix{ids.Payment, ids.BankStatement, ids.BankLine, ids.PaymentAccount, ids.ProviderEvent,
			ids.PaymentCustomer},
		Services: []module.Service{
			module.Serve[adminv1connect.PaymentServiceHandler](adminv1connect.PaymentServiceName, adminv1connect.NewPaymentServiceHandler, New(s)),
			module.Serve[adminv1connect.BankStatementServiceHandler](adminv1connect.BankStatementServiceName,
				adminv1connect.NewBankStatementServiceHandler, NewBank(s)),
		},
		Names: []audit.Namer{
			{Prefix: ids.Payment, Permission: authz.PaymentsRead, Names: s.Names},
			{Prefix: ids.BankStatement, Permission: authz.PaymentsRead, Names: s.StatementNames},
			{Prefix: ids.BankLine, Permission: authz.PaymentsRead, Names: s.LineNames},
			{Prefix: ids.ProviderEvent, Permission: authz.PaymentsRead, Names: s.EventNames},
		},
		Routes: []module.Route{{Pattern: "POST /webhooks/", Handler: webhooks(s, logger)}},
		Jobs: []jobs.Job{{
			Name:  "payment-events",
			Title: "Payment Events",
			Description: "Processes again the providers' events whose processing failed, when their time has come (after 1, 5 " +
				"and 30 minutes, then 2 and 12 hours, then daily), and those stored but not processed when the server stopped.",
			Schedule:  jobs.MustSchedule("* * * * *"),
			Summaries: []jobs.SummaryCode{eventsRetried},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.RetryEvents(ctx)
				return eventsRetried.Of("processed "+coded.Int(r.Processed)+" events; "+coded.Int(r.Failed)+" failed again",
					map[string]string{"processed": coded.Int(r.Processed), "failed": coded.Int(r.Failed)}), err
			},
		}, {
			Name:  "payment-reconciliation",
			Title: "Payment Reconciliation",
			Description: "Asks Stripe and Mollie for the state of every payment still pending an hour after it was asked for, " +
				"so a webhook that never arrived changes nothing in the end: what the provider answers is applied as an event.",
			Schedule:  jobs.MustSchedule("*/15 * * * *"),
			Summaries: []jobs.SummaryCode{paymentsReconciled},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.Reconcile(ctx)
				return paymentsReconciled.Of("asked about "+coded.Int(r.Asked)+" pending payments: "+coded.Int(r.Changed)+
					" had moved on; "+coded.Int(r.Failed)+" could not be asked, "+coded.Int(r.NoAccount)+" have no account set up",
					map[string]string{"asked": coded.Int(r.Asked), "changed": coded.Int(r.Changed), "failed": coded.Int(r.Failed),
						"unset": coded.Int(r.NoAccount)}), err
			},
		}, {
			Name:  "webhook-cleanup",
			Title: "Webhook Cleanup",
			Description: "Removes the providers' events processed more than 90 days ago. Failed and flagged events stay until " +
				"they are processed.",
			Schedule:  jobs.MustSchedule("0 3 * * *"),
			Summaries: []jobs.SummaryCode{eventsRemoved},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				n, err := s.CleanupEvents(ctx, EventRetention)
				return eventsRemoved.Of("removed "+coded.Int(n)+" processed events", map[string]string{"removed": coded.Int(n)}), err
			},
		}},
	}
}

// EventRetention is how long processed events are kept.
const EventRetention = 90 * 24 * time.Hour

var (
	eventsRetried      = jobs.SummaryCode{Code: "payment-events-retried", Params: []string{"processed", "failed"}}
	paymentsReconciled = jobs.SummaryCode{Code: "payments-reconciled", Params: []string{"asked", "changed", "failed", "unset"}}
	eventsRemoved      = jobs.SummaryCode{Code: "payment-events-removed", Params: []string{"removed"}}
)
