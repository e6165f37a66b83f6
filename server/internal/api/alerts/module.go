package alerts

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is what customers tell the platform: AlertService (problems they
// report, staff turn into orders) and FeedbackService (what they think),
// with the demo's alerts and feedback.
func Module(a *alert.Service, f *feedback.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "alerts",
		Enums:    Enums(),
		Demo:     seed.Alerts,
		Prefixes: []ids.Prefix{ids.Alert, ids.AlertLabel, ids.Feedback},
		Services: []module.Service{
			module.Serve[adminv1connect.AlertServiceHandler](adminv1connect.AlertServiceName,
				adminv1connect.NewAlertServiceHandler, &Alerts{alerts: a}),
			module.Serve[adminv1connect.FeedbackServiceHandler](adminv1connect.FeedbackServiceName,
				adminv1connect.NewFeedbackServiceHandler, &Feedback{feedback: f}),
		},
	}
}
