package api_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/training"
)

// portalClient is a customer's user's view of the portal API.
type portalClient struct {
	account  portalv1connect.AccountServiceClient
	services portalv1connect.ServiceInstanceServiceClient
	alerts   portalv1connect.AlertServiceClient
	orders   portalv1connect.OrderServiceClient
	feedback portalv1connect.FeedbackServiceClient
	training portalv1connect.TrainingServiceClient
}

// customer signs a customer's user in and returns their portal clients,
// speaking gRPC when grpc is set and Connect otherwise.
func customer(t *testing.T, env *apptest.Env, srvURL string, hc connect.HTTPClient, grpc bool) portalClient {
	t.Helper()
	var opts []connect.ClientOption
	if grpc {
		opts = append(opts, connect.WithGRPC())
	}
	return portalClient{
		account:  portalv1connect.NewAccountServiceClient(hc, srvURL, opts...),
		services: portalv1connect.NewServiceInstanceServiceClient(hc, srvURL, opts...),
		alerts:   portalv1connect.NewAlertServiceClient(hc, srvURL, opts...),
		orders:   portalv1connect.NewOrderServiceClient(hc, srvURL, opts...),
		feedback: portalv1connect.NewFeedbackServiceClient(hc, srvURL, opts...),
		training: portalv1connect.NewTrainingServiceClient(hc, srvURL, opts...),
	}
}

func codeOf(err error) connect.Code {
	if err == nil {
		return 0
	}
	return connect.CodeOf(err)
}

// The portal's tenancy, end to end over Connect and gRPC: a customer's user
// of organization B names each object of organization A by id and finds
// nothing — not_found, as if it did not exist, nothing changed, every
// attempt in the audit trail. Within organization A, its ADMIN sees every
// workspace and a MEMBER only theirs. A MEMBER reports a problem, staff
// turn it into an order in the administration API, and the customer
// follows it and answers.
func TestPortalConfinesCustomers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		orgA, orgB := env.Org(t, "Kunde A"), env.Org(t, "Kunde B")
		a1, err := env.Orgs.CreateWorkspace(sys, orgA.ID, "Produktion", nil, "")
		must(err)
		a2, err := env.Orgs.CreateWorkspace(sys, orgA.ID, "Test", nil, "")
		must(err)
		b1, err := env.Orgs.CreateWorkspace(sys, orgB.ID, "Produktion", nil, "")
		must(err)
		_, svcA1 := env.BookedService(t, a1.ID, "Nextcloud A1")
		_, svcA2 := env.BookedService(t, a2.ID, "Nextcloud A2")
		_, svcB := env.BookedService(t, b1.ID, "Nextcloud B")
		_, err = env.Services.AddLogbookEntry(sys, svcA1, instance.Internal, "Interne Notiz zum Kunden")
		must(err)
		_, err = env.Services.AddLogbookEntry(sys, svcA1, instance.Customer, "Wartung am Sonntag")
		must(err)
		newOrder := func(org uuid.UUID, title string, svc *uuid.UUID) *order.Order {
			o, err := env.Orders.Create(sys, org, order.Values{Title: title, Kind: order.Support, ServiceInstanceID: svc})
			must(err)
			return o
		}
		ordA1 := newOrder(orgA.ID, "Speicher erweitern", &svcA1)
		ordA2 := newOrder(orgA.ID, "Testsystem aufsetzen", &svcA2)
		newOrder(orgA.ID, "Vertrag besprechen", nil)
		ordB := newOrder(orgB.ID, "Migration", &svcB)
		_, err = env.Orders.AddComment(sys, ordA1.ID, order.Internal, "Kunde ist schwierig")
		must(err)
		_, err = env.Orders.AddComment(sys, ordA1.ID, order.Customer, "Wir kümmern uns")
		must(err)
		must(env.Alerts.EnsureLabels(sys))
		labels, err := env.Alerts.Labels(sys)
		must(err)
		report := func(org uuid.UUID, svc uuid.UUID) *alert.Alert {
			a, err := env.Alerts.Report(sys, alert.Report{OrganizationID: org, ServiceInstanceID: &svc, LabelID: labels[0].ID,
				Priority: order.High, Text: "langsam"})
			must(err)
			return a
		}
		alrA2 := report(orgA.ID, svcA2)
		report(orgB.ID, svcB)

		// A's person trained, licensed and noticed; the task for staff
		// about it is an order of A's, which A's people read too.
		course, err := env.Training.CreateCourse(sys, training.CourseValues{Title: "Datenschutz", Language: "de", DurationMinutes: 60, ValidityMonths: 1})
		must(err)
		trainer := env.User(t, "trainer@platform.example", authz.RoleOperator)
		session, err := env.Training.Schedule(sys, course.ID, training.Place{Start: env.Clock.Now().Add(-time.Hour), Location: "Kiel",
			Trainer: trainer.ID, Capacity: 5})
		must(err)
		regA, err := env.Training.Register(sys, session.ID, orgA.ID, training.Person{Name: "Anna A", Email: "anna@kunde-a.example"})
		must(err)
		_, _, err = env.Training.MarkAttendance(sys, regA.ID, training.Present)
		must(err)
		_, granted, err := env.Training.Complete(sys, session.ID)
		must(err)
		env.Clock.Advance(48 * time.Hour) // a month's licence: 29 days left
		_, err = env.Training.MarkExpiring(sys)
		must(err)
		orgAID := ids.Format(ids.Organization, orgA.ID)

		hcAdmin, hcMember, hcB, hcStaff := apptest.HTTPClient(srv), apptest.HTTPClient(srv), apptest.HTTPClient(srv), apptest.HTTPClient(srv)
		adminA := env.SignIn(t, hcAdmin, srv.URL, "admin@kunde-a.example", authz.RoleUser)
		memberA := env.SignIn(t, hcMember, srv.URL, "member@kunde-a.example", authz.RoleUser)
		custB := env.SignIn(t, hcB, srv.URL, "owner@kunde-b.example", authz.RoleUser)
		env.SignIn(t, hcStaff, srv.URL, "ops@platform.example", authz.RoleOperator)
		env.Member(t, orgA.ID, adminA.ID, organization.RoleAdmin)
		env.Member(t, orgA.ID, memberA.ID, organization.RoleMember)
		env.Member(t, orgB.ID, custB.ID, organization.RoleOwner)
		_, err = env.Orgs.AddWorkspaceMember(sys, a1.ID, memberA.ID, "")
		must(err)
		admin := customer(t, env, srv.URL, hcAdmin, false)
		member := customer(t, env, srv.URL, hcMember, true)
		b := customer(t, env, srv.URL, hcB, false)

		// B names A's objects by id.
		svc := func(id uuid.UUID) string { return ids.Format(ids.Service, id) }
		ord := func(id uuid.UUID) string { return ids.Format(ids.Order, id) }
		before := env.Fingerprint(t)
		probes := []struct {
			name string
			call func() error
		}{
			{"GetServiceInstance", func() error {
				_, err := b.services.GetServiceInstance(ctx, connect.NewRequest(&portalv1.GetServiceInstanceRequest{Id: svc(svcA1)}))
				return err
			}},
			{"GetServiceUptime", func() error {
				_, err := b.services.GetServiceUptime(ctx, connect.NewRequest(&portalv1.GetServiceUptimeRequest{Id: svc(svcA1), Days: 7}))
				return err
			}},
			{"ListServiceLogbook", func() error {
				_, err := b.services.ListServiceLogbook(ctx, connect.NewRequest(&portalv1.ListServiceLogbookRequest{Id: svc(svcA1)}))
				return err
			}},
			{"GetOrder", func() error {
				_, err := b.orders.GetOrder(ctx, connect.NewRequest(&portalv1.GetOrderRequest{Id: ord(ordA1.ID)}))
				return err
			}},
			{"ListOrderComments", func() error {
				_, err := b.orders.ListOrderComments(ctx, connect.NewRequest(&portalv1.ListOrderCommentsRequest{Id: ord(ordA1.ID)}))
				return err
			}},
			{"AddOrderComment", func() error {
				_, err := b.orders.AddOrderComment(ctx, connect.NewRequest(&portalv1.AddOrderCommentRequest{Id: ord(ordA1.ID), Text: "hallo"}))
				return err
			}},
			{"GetAlert", func() error {
				_, err := b.alerts.GetAlert(ctx, connect.NewRequest(&portalv1.GetAlertRequest{Id: ids.Format(ids.Alert, alrA2.ID)}))
				return err
			}},
			{"ReportAlert", func() error {
				_, err := b.alerts.ReportAlert(ctx, connect.NewRequest(&portalv1.ReportAlertRequest{OrganizationId: ids.Format(ids.Organization, orgA.ID),
					LabelId: ids.Format(ids.AlertLabel, labels[0].ID), Priority: adminv1.OrderPriority_ORDER_PRIORITY_LOW, Text: "fremd"}))
				return err
			}},
			{"RegisterPerson", func() error {
				_, err := b.training.RegisterPerson(ctx, connect.NewRequest(&portalv1.RegisterPersonRequest{SessionId: ids.Format(ids.TrainingSession, session.ID),
					OrganizationId: orgAID, Name: "Fremd", Email: "fremd@kunde-b.example"}))
				return err
			}},
			{"CancelRegistration", func() error {
				_, err := b.training.CancelRegistration(ctx, connect.NewRequest(&portalv1.CancelRegistrationRequest{Id: ids.Format(ids.Registration, regA.ID), Reason: "x"}))
				return err
			}},
			{"ListRegistrations", func() error {
				_, err := b.training.ListRegistrations(ctx, connect.NewRequest(&portalv1.ListRegistrationsRequest{OrganizationId: orgAID}))
				return err
			}},
			{"ListLicences", func() error {
				_, err := b.training.ListLicences(ctx, connect.NewRequest(&portalv1.ListLicencesRequest{OrganizationId: orgAID}))
				return err
			}},
			{"GetCertificatePdf", func() error {
				_, err := b.training.GetCertificatePdf(ctx, connect.NewRequest(&portalv1.GetCertificatePdfRequest{Id: ids.Format(ids.Licence, granted[0].ID)}))
				return err
			}},
			{"ListLicenceNotices", func() error {
				_, err := b.training.ListLicenceNotices(ctx, connect.NewRequest(&portalv1.ListLicenceNoticesRequest{OrganizationId: orgAID}))
				return err
			}},
		}
		for _, p := range probes {
			env.Audit.FlushDenied()
			deniedBefore := countDenied(t, env)
			if got := codeOf(p.call()); got != connect.CodeNotFound {
				t.Errorf("%s of organization A's object as organization B's user: %v, want not_found", p.name, got)
			}
			env.Audit.FlushDenied()
			if countDenied(t, env) != deniedBefore+1 {
				t.Errorf("%s of organization A's object as organization B's user is not in the audit trail", p.name)
			}
		}
		if env.Fingerprint(t) != before {
			t.Error("organization B's user's attempts changed data")
		}
		// A's admin reads the notice; A's member may not.
		notices, err := admin.training.ListLicenceNotices(ctx, connect.NewRequest(&portalv1.ListLicenceNoticesRequest{OrganizationId: orgAID}))
		if err != nil || len(notices.Msg.GetNotices()) != 1 || notices.Msg.GetNotices()[0].GetKind() != portalv1.LicenceNoticeKind_LICENCE_NOTICE_KIND_EXPIRING {
			t.Errorf("A's admin's notices = %v %v", notices, err)
		}
		if _, err := member.training.ListLicenceNotices(ctx, connect.NewRequest(&portalv1.ListLicenceNoticesRequest{OrganizationId: orgAID})); codeOf(err) != connect.CodePermissionDenied {
			t.Errorf("A's member's notices = %v", err)
		}
		if ls, err := member.training.ListLicences(ctx, connect.NewRequest(&portalv1.ListLicencesRequest{OrganizationId: orgAID})); err != nil || len(ls.Msg.GetLicences()) != 1 {
			t.Errorf("A's member's licences = %v %v", ls, err)
		}
		// A filter naming organization A finds nothing either.
		sl, err := b.services.ListServiceInstances(ctx, connect.NewRequest(&portalv1.ListServiceInstancesRequest{OrganizationId: ids.Format(ids.Organization, orgA.ID)}))
		must(err)
		ol, err := b.orders.ListOrders(ctx, connect.NewRequest(&portalv1.ListOrdersRequest{}))
		must(err)
		if len(sl.Msg.GetServiceInstances()) != 0 || len(ol.Msg.GetOrders()) != 1 || ol.Msg.GetOrders()[0].GetId() != ord(ordB.ID) {
			t.Errorf("organization B's user lists %d of A's services and orders %v, want none of A's and their own",
				len(sl.Msg.GetServiceInstances()), ol.Msg.GetOrders())
		}

		// Within A: the ADMIN sees both workspaces, the MEMBER theirs.
		names := func(c portalClient) (ws, svcs, orders, alerts []string) {
			t.Helper()
			me, err := c.account.GetMe(ctx, connect.NewRequest(&portalv1.GetMeRequest{}))
			must(err)
			for _, o := range me.Msg.GetOrganizations() {
				for _, w := range o.GetWorkspaces() {
					ws = append(ws, w.GetName())
				}
			}
			sl, err := c.services.ListServiceInstances(ctx, connect.NewRequest(&portalv1.ListServiceInstancesRequest{}))
			must(err)
			for _, s := range sl.Msg.GetServiceInstances() {
				svcs = append(svcs, s.GetName())
			}
			ol, err := c.orders.ListOrders(ctx, connect.NewRequest(&portalv1.ListOrdersRequest{}))
			must(err)
			for _, o := range ol.Msg.GetOrders() {
				orders = append(orders, o.GetTitle())
			}
			al, err := c.alerts.ListAlerts(ctx, connect.NewRequest(&portalv1.ListAlertsRequest{}))
			must(err)
			for _, a := range al.Msg.GetAlerts() {
				alerts = append(alerts, a.GetServiceInstanceName())
			}
			slices.Sort(svcs)
			slices.Sort(orders)
			return ws, svcs, orders, alerts
		}
		ws, svcs, orders, alerts := names(admin)
		if !slices.Equal(ws, []string{"Produktion", "Test"}) || !slices.Equal(svcs, []string{"Nextcloud A1", "Nextcloud A2"}) ||
			!slices.Equal(orders, []string{"Schulungslizenzen auffrischen: 1 läuft ab", "Speicher erweitern", "Testsystem aufsetzen", "Vertrag besprechen"}) || !slices.Equal(alerts, []string{"Nextcloud A2"}) {
			t.Errorf("organization A's ADMIN sees workspaces %v, services %v, orders %v, alerts %v; want all of A's", ws, svcs, orders, alerts)
		}
		ws, svcs, orders, alerts = names(member)
		if !slices.Equal(ws, []string{"Produktion"}) || !slices.Equal(svcs, []string{"Nextcloud A1"}) ||
			!slices.Equal(orders, []string{"Schulungslizenzen auffrischen: 1 läuft ab", "Speicher erweitern", "Vertrag besprechen"}) || len(alerts) != 0 {
			t.Errorf("organization A's MEMBER sees workspaces %v, services %v, orders %v, alerts %v; want their workspace's and the organization's",
				ws, svcs, orders, alerts)
		}
		if _, err := member.services.GetServiceInstance(ctx, connect.NewRequest(&portalv1.GetServiceInstanceRequest{Id: svc(svcA2)})); codeOf(err) != connect.CodeNotFound {
			t.Errorf("a MEMBER reads a service of another workspace: %v, want not_found", err)
		}
		if _, err := member.orders.GetOrder(ctx, connect.NewRequest(&portalv1.GetOrderRequest{Id: ord(ordA2.ID)})); codeOf(err) != connect.CodeNotFound {
			t.Errorf("a MEMBER reads an order of another workspace: %v, want not_found", err)
		}

		// What the operator keeps to themselves stays there.
		lb, err := admin.services.ListServiceLogbook(ctx, connect.NewRequest(&portalv1.ListServiceLogbookRequest{Id: svc(svcA1)}))
		must(err)
		for _, e := range lb.Msg.GetEntries() {
			if e.GetText() == "Interne Notiz zum Kunden" {
				t.Error("the portal shows an internal logbook entry")
			}
		}
		cl, err := admin.orders.ListOrderComments(ctx, connect.NewRequest(&portalv1.ListOrderCommentsRequest{Id: ord(ordA1.ID)}))
		must(err)
		if cs := cl.Msg.GetComments(); len(cs) != 1 || cs[0].GetText() != "Wir kümmern uns" || !cs[0].GetFromOperator() || cs[0].GetAuthorEmail() != "" {
			t.Errorf("the customer reads comments %v, want the one written for them, from the operator, without a staff address", cs)
		}

		// The MEMBER reports a problem (over gRPC), on their service only.
		rep := &portalv1.ReportAlertRequest{OrganizationId: ids.Format(ids.Organization, orgA.ID), ServiceInstanceId: svc(svcA2),
			LabelId: ids.Format(ids.AlertLabel, labels[1].ID), Priority: adminv1.OrderPriority_ORDER_PRIORITY_CRITICAL, Text: "Login geht nicht"}
		if _, err := member.alerts.ReportAlert(ctx, connect.NewRequest(rep)); codeOf(err) != connect.CodeInvalidArgument {
			t.Errorf("a MEMBER reports on a service of another workspace: %v, want invalid_argument", err)
		}
		rep.ServiceInstanceId = svc(svcA1)
		reported, err := member.alerts.ReportAlert(ctx, connect.NewRequest(rep))
		must(err)
		alr := reported.Msg.GetAlert()
		if alr.GetStatus() != adminv1.AlertStatus_ALERT_STATUS_OPEN || alr.GetReporterEmail() != memberA.Email {
			t.Errorf("reported alert: %v", alr)
		}
		// Staff turn it into an order in the administration API.
		made, err := adminv1connect.NewAlertServiceClient(hcStaff, srv.URL).CreateOrderFromAlert(ctx,
			connect.NewRequest(&adminv1.CreateOrderFromAlertRequest{Id: alr.GetId()}))
		must(err)
		got, err := member.alerts.GetAlert(ctx, connect.NewRequest(&portalv1.GetAlertRequest{Id: alr.GetId()}))
		must(err)
		orderID := made.Msg.GetOrder().GetId()
		if got.Msg.GetAlert().GetOrderId() != orderID || got.Msg.GetAlert().GetOrderStatus() != adminv1.OrderStatus_ORDER_STATUS_OPEN {
			t.Errorf("the customer's alert shows order %q (%v), want %s OPEN", got.Msg.GetAlert().GetOrderId(), got.Msg.GetAlert().GetOrderStatus(), orderID)
		}
		// The order is in the service's workspace, so the MEMBER follows it.
		if _, err := member.orders.GetOrder(ctx, connect.NewRequest(&portalv1.GetOrderRequest{Id: orderID})); err != nil {
			t.Errorf("the MEMBER cannot read the order made of their alert: %v", err)
		}

		// Their answer sends an order waiting for them back to work.
		oid, err := ids.Parse(ids.Order, "id", orderID)
		must(err)
		for _, s := range []order.Status{order.InProgress, order.WaitingForCustomer} {
			_, err = env.Orders.SetStatus(sys, oid, s, "")
			must(err)
		}
		ans, err := member.orders.AddOrderComment(ctx, connect.NewRequest(&portalv1.AddOrderCommentRequest{Id: orderID, Text: "Passwort wurde zurückgesetzt"}))
		must(err)
		if c := ans.Msg.GetComment(); c.GetFromOperator() || c.GetAuthorEmail() != memberA.Email {
			t.Errorf("the customer's answer reads %v, want theirs", c)
		}
		o, err := member.orders.GetOrder(ctx, connect.NewRequest(&portalv1.GetOrderRequest{Id: orderID}))
		must(err)
		if o.Msg.GetOrder().GetStatus() != adminv1.OrderStatus_ORDER_STATUS_IN_PROGRESS {
			t.Errorf("after the customer's answer the order is %v, want IN_PROGRESS", o.Msg.GetOrder().GetStatus())
		}
		staffView, _, err := env.Orders.Comments(sys, oid, "", 50, "")
		must(err)
		if !slices.ContainsFunc(staffView, func(c order.Comment) bool { return c.Text == "Passwort wurde zurückgesetzt" && c.ByCustomer }) {
			t.Error("staff do not read the customer's answer")
		}
		_, err = env.Orders.SetStatus(sys, oid, order.Done, "")
		must(err)
		if _, err := member.orders.AddOrderComment(ctx, connect.NewRequest(&portalv1.AddOrderCommentRequest{Id: orderID, Text: "noch was"})); codeOf(err) != connect.CodeFailedPrecondition {
			t.Errorf("answering a done order: %v, want failed_precondition", err)
		}

		// Out of the workspace is out of its services.
		_, err = env.Orgs.RemoveWorkspaceMember(sys, a1.ID, memberA.ID, "")
		must(err)
		if _, err := member.services.GetServiceInstance(ctx, connect.NewRequest(&portalv1.GetServiceInstanceRequest{Id: svc(svcA1)})); codeOf(err) != connect.CodeNotFound {
			t.Errorf("a MEMBER taken out of the workspace still reads its service: %v", err)
		}

		// Feedback is limited per user.
		var last error
		for range feedback.PerHour + 1 {
			_, last = admin.feedback.GiveFeedback(ctx, connect.NewRequest(&portalv1.GiveFeedbackRequest{Rating: 4, Area: "services"}))
			if last != nil {
				break
			}
		}
		var ce *connect.Error
		if !errors.As(last, &ce) || ce.Code() != connect.CodeResourceExhausted {
			t.Errorf("feedback beyond %d an hour: %v, want resource_exhausted", feedback.PerHour, last)
		}
	})
}
