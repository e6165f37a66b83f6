package api_test

import (
	"slices"
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The rollup over the API: a month, a class filter, a bad month refused
// at its field, and the CSV export of exactly the rows the list shows; a
// reseller's staff see their own customers only.
func TestTheAccountRollupOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		acme := env.Org(t, "Acme")
		env.Org(t, "Globex")
		reseller := env.Reseller(t, "Partner Nord")
		env.ResellerOrg(t, reseller, "Kunde des Partners")
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		accounts := adminv1connect.NewAccountServiceClient(hc, srv.URL)

		got, err := accounts.ListAccounts(ctx, connect.NewRequest(&adminv1.ListAccountsRequest{Month: "2026-03", OrderBy: "name desc"}))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, a := range got.Msg.GetAccounts() {
			names = append(names, a.GetOrganizationName())
		}
		if !slices.Equal(names, []string{"Kunde des Partners", "Globex", "Acme"}) || got.Msg.GetTotalSize() != 3 || got.Msg.GetMonth() != "2026-03" {
			t.Errorf("accounts = %v (%d)", names, got.Msg.GetTotalSize())
		}
		// On the free Standard plan: comped, no next invoice.
		if a := got.Msg.GetAccounts()[2]; a.GetRevenueClass() != adminv1.RevenueClass_REVENUE_CLASS_COMPED || a.GetNextInvoice() != nil ||
			a.GetOrganizationId() != ids.Format(ids.Organization, acme.ID) {
			t.Errorf("Acme = %v", a)
		}
		_, err = accounts.ListAccounts(ctx, connect.NewRequest(&adminv1.ListAccountsRequest{Month: "2026-13"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["month"] == "" {
			t.Errorf("month 2026-13 = %v", err)
		}
		_, err = accounts.ListAccounts(ctx, connect.NewRequest(&adminv1.ListAccountsRequest{Month: "2026-04"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["month"] == "" {
			t.Errorf("a month ahead = %v", err)
		}
		paying, err := accounts.ListAccounts(ctx, connect.NewRequest(&adminv1.ListAccountsRequest{
			RevenueClasses: []adminv1.RevenueClass{adminv1.RevenueClass_REVENUE_CLASS_PAYING}}))
		if err != nil || len(paying.Msg.GetAccounts()) != 0 || paying.Msg.GetTotals().GetComped() != 0 {
			t.Errorf("paying = %v %v", paying, err)
		}

		status, _, records := export(t, hc, srv, "leitstand.admin.v1.AccountService/ListAccounts", `{"month":"2026-03","orderBy":"name desc"}`)
		if status != 200 || !slices.Equal(column(t, records, "organization_name"), names) || !slices.Contains(records[0], "revenue_class") ||
			!slices.Contains(records[0], "users.percent") {
			t.Errorf("export = %d %v", status, records)
		}

		boss := env.User(t, "boss@partner.example", authz.RoleOwner)
		env.JoinReseller(t, reseller, boss.ID)
		rc := apptest.HTTPClient(srv)
		if code, _ := call(t, rc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": boss.Email, "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		own, err := adminv1connect.NewAccountServiceClient(rc, srv.URL).ListAccounts(ctx, connect.NewRequest(&adminv1.ListAccountsRequest{}))
		if err != nil || len(own.Msg.GetAccounts()) != 1 || own.Msg.GetAccounts()[0].GetOrganizationName() != "Kunde des Partners" {
			t.Errorf("the reseller's rollup = %v %v", own, err)
		}
		_, err = adminv1connect.NewAccountServiceClient(rc, srv.URL).GetAccountHistory(ctx, connect.NewRequest(&adminv1.GetAccountHistoryRequest{
			OrganizationId: ids.Format(ids.Organization, acme.ID)}))
		if connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("the reseller reads the platform's account history: %v", err)
		}
	})
}
