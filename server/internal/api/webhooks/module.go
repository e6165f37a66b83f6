// Package webhooks is the webhooks area's module: endpoints of the billing
// entities, the log of deliveries, and the Webhook Delivery job that
// queues the events of the audit trail and sends them.
package webhooks

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
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// Module is the webhooks area.
func Module(s *webhook.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "webhooks",
		Demo:     seed.Webhooks,
		Enums:    Enums(),
		Prefixes: []ids.Prefix{ids.WebhookEndpoint, ids.WebhookDelivery, ids.WebhookEvent},
		Services: []module.Service{
			module.Serve[adminv1connect.WebhookServiceHandler](adminv1connect.WebhookServiceName,
				adminv1connect.NewWebhookServiceHandler, &Handler{s: s}),
		},
		Names: []audit.Namer{
			{Prefix: ids.WebhookEndpoint, Permission: authz.WebhooksRead, Names: s.Names},
		},
		Jobs: []jobs.Job{{
			Name:  "webhook-delivery",
			Title: "Webhook Delivery",
			Description: "Turns the changes of the audit trail into events for the webhook endpoints subscribed to them, " +
				"and sends the deliveries that are due, retrying failed ones with backoff (1m, 5m, 30m, 2h, 6h, 12h, 24h).",
			Schedule:  jobs.MustSchedule("* * * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{webhooksSent},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				d, err := s.Dispatch(ctx)
				var sent webhook.Sent
				if err == nil {
					sent, err = s.DeliverDue(ctx)
				}
				return webhooksSent.Of("queued "+coded.Int(d.Events)+" events in "+coded.Int(d.Deliveries)+" deliveries; "+
					coded.Int(sent.Succeeded)+" delivered, "+coded.Int(sent.Retrying)+" to retry, "+coded.Int(sent.Failed)+" failed",
					map[string]string{"events": coded.Int(d.Events), "deliveries": coded.Int(d.Deliveries),
						"delivered": coded.Int(sent.Succeeded), "retrying": coded.Int(sent.Retrying), "failed": coded.Int(sent.Failed)}), err
			},
		}, {
			Name:  "webhook-log-cleanup",
			Title: "Webhook Log Cleanup",
			Description: "Removes the webhook deliveries that succeeded or failed more than 90 days ago, and the events " +
				"no delivery refers to any more; deliveries still being retried stay.",
			Schedule:  jobs.MustSchedule("30 3 * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{webhookLogRemoved},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.RemoveOld(ctx)
				if err != nil {
					return jobs.Summary{}, err
				}
				return webhookLogRemoved.Of("removed "+coded.Int(r.Deliveries)+" deliveries and "+coded.Int(r.Events)+" events",
					map[string]string{"deliveries": coded.Int(r.Deliveries), "events": coded.Int(r.Events)}), nil
			},
		}},
	}
}

var webhookLogRemoved = jobs.SummaryCode{Code: "webhook-log-removed", Params: []string{"deliveries", "events"}}

var webhooksSent = jobs.SummaryCode{Code: "webhooks-sent", Params: []string{"events", "deliveries", "delivered", "retrying", "failed"}}
