package api_test

import (
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The dashboard counts what its caller may see: the platform's owner
// every organization, with the platform's revenue; a reseller's owner only
// the reseller's own customers, and none of the platform's revenue.
func TestTheDashboardCountsWhatItsCallerMaySee(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		env.Issuer(t)
		acme := env.Customer(t, "Acme", env.Plan(t, "Premium", 30, plan.Terms{MonthlyFeeCents: 9900}))
		ws, err := env.Orgs.CreateWorkspace(sys, acme, "Produktion", nil, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		env.BookedService(t, ws.ID, "Nextcloud")
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		env.Org(t, "Ohne Vertrag")
		reseller := env.Reseller(t, "Partner Nord")
		env.ResellerOrg(t, reseller, "Kunde des Partners")
		boss := env.User(t, "boss@partner.example", authz.RoleOwner)
		env.JoinReseller(t, reseller, boss.ID)

		for _, c := range []struct {
			email       string
			role        authz.Role
			orgs        int32
			services    int32
			mrr         int64
			topCustomer string
		}{
			{"owner@platform.example", authz.RoleOwner, 3, 1, 18800, "Acme"},
			{boss.Email, authz.RoleOwner, 1, 0, 0, ""},
		} {
			hc := apptest.HTTPClient(srv)
			if c.email == boss.Email {
				if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
					jsonBody(map[string]string{"email": boss.Email, "password": apptest.Password}), nil); code != "" {
					t.Fatalf("sign in: %s", code)
				}
			} else {
				env.SignIn(t, hc, srv.URL, c.email, c.role)
			}
			dash := adminv1connect.NewDashboardServiceClient(hc, srv.URL)
			got, err := dash.GetDashboard(ctx, connect.NewRequest(&adminv1.GetDashboardRequest{}))
			if err != nil {
				t.Fatal(err)
			}
			if m := got.Msg; m.GetOrganizations().GetTotal() != c.orgs || m.GetOrganizations().GetActive() != c.orgs || m.GetActiveServices() != c.services {
				t.Errorf("%s: dashboard = %v, want %d organizations and %d services", c.email, m, c.orgs, c.services)
			}
			rev, err := dash.GetRevenueSummary(ctx, connect.NewRequest(&adminv1.GetRevenueSummaryRequest{}))
			if err != nil {
				t.Fatal(err)
			}
			m := rev.Msg
			if m.GetMrrCents() != c.mrr || len(m.GetMonths()) != 12 || m.GetMonths()[11].GetMonth() != "2026-03" ||
				m.GetMonths()[11].GetMrrCents() != c.mrr || m.GetMonths()[10].GetMrrCents() != 0 {
				t.Errorf("%s: revenue = %v, want an MRR of %d this month and none before", c.email, m, c.mrr)
			}
			var top string
			if len(m.GetTopCustomers()) > 0 {
				top = m.GetTopCustomers()[0].GetOrganizationName()
				if m.GetTopCustomers()[0].GetInvoicedNetCents() != 18800 || m.GetMonths()[11].GetInvoicedNetCents() != 18800 {
					t.Errorf("%s: invoiced = %v", c.email, m)
				}
			}
			if top != c.topCustomer || len(m.GetTopCustomers()) > 1 {
				t.Errorf("%s: top customers = %v, want %q", c.email, m.GetTopCustomers(), c.topCustomer)
			}
		}
	})
}
