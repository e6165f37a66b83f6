// Package portal serves the customer portal API (leitstand.portal.v1): what
// a customer organization's user sees and does through their own front end
// or tools — their organizations, services, alerts, orders, feedback, requests
// for a higher tier and their people's trainings.
// Every procedure declares the access rule `customer`, so staff are
// refused; the data layer (platform/tenancy) confines each caller to the
// organizations they are a member of and, for a MEMBER, to their
// workspaces. The handlers convert the same domain calls the staff API
// makes, in the customer's words: internal notes, comments, time records
// and staff addresses never reach this API.
package portal

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/training"
	"github.com/leitstand/leitstand/server/internal/upgrade"
)

// Areas are the domain services the portal answers from.
type Areas struct {
	Orgs     *organization.Service
	Services *instance.Service
	Alerts   *alert.Service
	Feedback *feedback.Service
	Orders   *order.Service
	Upgrades *upgrade.Service
	Training *training.Service
}

// Module is the customer portal's services. They own no prefixes, enums
// or demo data of their own: those are the areas'.
func Module(a Areas) module.Module {
	return module.Module{
		Name: "portal",
		Services: []module.Service{
			module.Serve[portalv1connect.AccountServiceHandler](portalv1connect.AccountServiceName,
				portalv1connect.NewAccountServiceHandler, &Account{orgs: a.Orgs}),
			module.Serve[portalv1connect.ServiceInstanceServiceHandler](portalv1connect.ServiceInstanceServiceName,
				portalv1connect.NewServiceInstanceServiceHandler, &Services{services: a.Services}),
			module.Serve[portalv1connect.AlertServiceHandler](portalv1connect.AlertServiceName,
				portalv1connect.NewAlertServiceHandler, &Alerts{alerts: a.Alerts}),
			module.Serve[portalv1connect.FeedbackServiceHandler](portalv1connect.FeedbackServiceName,
				portalv1connect.NewFeedbackServiceHandler, &Feedback{feedback: a.Feedback}),
			module.Serve[portalv1connect.OrderServiceHandler](portalv1connect.OrderServiceName,
				portalv1connect.NewOrderServiceHandler, &Orders{orders: a.Orders}),
			module.Serve[portalv1connect.UpgradeServiceHandler](portalv1connect.UpgradeServiceName,
				portalv1connect.NewUpgradeServiceHandler, &Upgrades{upgrades: a.Upgrades}),
			module.Serve[portalv1connect.TrainingServiceHandler](portalv1connect.TrainingServiceName,
				portalv1connect.NewTrainingServiceHandler, &Training{training: a.Training}),
			module.Serve[portalv1connect.SignUpServiceHandler](portalv1connect.SignUpServiceName,
				portalv1connect.NewSignUpServiceHandler, &SignUp{orgs: a.Orgs}),
		},
	}
}
