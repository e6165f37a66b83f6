package alert_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A customer's user reports a problem about their service; staff
// acknowledge it and turn it into a support order with one call, and the
// alert shows the order's status; a resolved alert is final.
func TestAlertsBecomeOrders(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		org := env.Org(t, "Nordlicht Medien")
		ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Marketing", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		_, svc := env.BookedService(t, ws.ID, "Nextcloud M")
		if err := env.Alerts.EnsureLabels(sys); err != nil {
			t.Fatal(err)
		}
		labels, err := env.Alerts.Labels(sys)
		if err != nil || len(labels) != len(alert.DefaultLabels) || labels[0].Name != "Service unavailable" {
			t.Fatalf("labels = %+v %v", labels, err)
		}
		customer := env.User(t, "kunde@example.com", authz.RoleUser)
		env.Member(t, org.ID, customer.ID, organization.RoleMember)
		if _, err := env.Orgs.AddWorkspaceMember(sys, ws.ID, customer.ID, ""); err != nil {
			t.Fatal(err)
		}
		cctx := env.As(t, customer)

		a, err := env.Alerts.Report(cctx, alert.Report{OrganizationID: org.ID, ServiceInstanceID: &svc, LabelID: labels[0].ID,
			Priority: order.Critical, Text: "  The cloud shows a 502.  "})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != alert.Open || a.Text != "The cloud shows a 502." || a.ReporterEmail != "kunde@example.com" ||
			a.ServiceName != "Nextcloud M" || a.LabelName != "Service unavailable" {
			t.Errorf("reported = %+v", a)
		}
		// Bad input is refused at its field and changes nothing.
		other := env.Org(t, "Hanse Handel")
		before := env.Fingerprint(t)
		_, err = env.Alerts.Report(sys, alert.Report{OrganizationID: other.ID, ServiceInstanceID: &svc, LabelID: labels[0].ID, Priority: order.Low, Text: "x"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "service_instance_id")
		_, err = env.Alerts.Report(sys, alert.Report{OrganizationID: org.ID, LabelID: uuid.New(), Priority: order.Low, Text: "x"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "label_id")
		_, err = env.Alerts.Report(sys, alert.Report{OrganizationID: org.ID, LabelID: labels[0].ID, Priority: "URGENT", Text: " "})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "priority", "text")
		if env.Fingerprint(t) != before {
			t.Error("a refused report changed something")
		}

		// The order, with one call; a second is refused.
		op := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		dev := env.AsRole(t, "developer@example.com", authz.RoleDeveloper)
		_, _, err = env.Alerts.CreateOrder(dev, a.ID, nil)
		apptest.WantErr(t, err, apierr.ErrPermissionDenied)
		linked, o, err := env.Alerts.CreateOrder(op, a.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if o.Kind != order.Support || o.Priority != order.Critical || o.ServiceInstanceID == nil || *o.ServiceInstanceID != svc ||
			o.Title != "Service unavailable: Nextcloud M" || !strings.Contains(o.Description, "The cloud shows a 502.") {
			t.Errorf("order = %+v", o)
		}
		if linked.Status != alert.Acknowledged || linked.OrderID == nil || *linked.OrderID != o.ID || linked.OrderStatus != order.Open {
			t.Errorf("linked alert = %+v", linked)
		}
		_, _, err = env.Alerts.CreateOrder(op, a.ID, nil)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if _, err := env.Orders.SetStatus(op, o.ID, order.InProgress, ""); err != nil {
			t.Fatal(err)
		}
		if got, err := env.Alerts.Get(cctx, a.ID); err != nil || got.OrderStatus != order.InProgress {
			t.Errorf("the alert's order status = %+v %v", got, err)
		}
		page, err := env.Alerts.List(op, alert.Filter{ServiceInstanceID: &svc})
		if err != nil || page.TotalSize != 1 {
			t.Errorf("the service's alerts = %+v %v", page, err)
		}

		// Resolved: final.
		_, err = env.Alerts.Resolve(op, a.ID, " ")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "resolution")
		if _, err := env.Alerts.Resolve(op, a.ID, "Restarted the proxy"); err != nil {
			t.Fatal(err)
		}
		_, err = env.Alerts.Acknowledge(op, a.ID)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)

		// Labels: staff extend the list; a retired one is not offered.
		l, err := env.Alerts.CreateLabel(op, "Mail delivery")
		if err != nil {
			t.Fatal(err)
		}
		_, err = env.Alerts.CreateLabel(op, "mail DELIVERY")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "name")
		if _, err := env.Alerts.RetireLabel(op, l.ID); err != nil {
			t.Fatal(err)
		}
		_, err = env.Alerts.Report(cctx, alert.Report{OrganizationID: org.ID, LabelID: l.ID, Priority: order.Low, Text: "x"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "label_id")

		// A customer's user reports at most so many alerts an hour.
		for range alert.ReportsPerHour - 1 {
			if _, err := env.Alerts.Report(cctx, alert.Report{OrganizationID: org.ID, LabelID: labels[4].ID, Priority: order.Low, Text: "again"}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = env.Alerts.Report(cctx, alert.Report{OrganizationID: org.ID, LabelID: labels[4].ID, Priority: order.Low, Text: "again"})
		apptest.WantErr(t, err, apierr.ErrResourceExhausted)
		env.Clock.Advance(time.Hour)
		if _, err := env.Alerts.Report(cctx, alert.Report{OrganizationID: org.ID, LabelID: labels[4].ID, Priority: order.Low, Text: "later"}); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}
