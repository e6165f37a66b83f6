package api_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// export downloads /api/export/<procedure>.csv with the request as JSON and
// returns the status, the headers and the CSV's records.
func export(t *testing.T, hc *http.Client, srv *httptest.Server, procedure, request string) (int, http.Header, [][]string) {
	t.Helper()
	u := srv.URL + "/api/export/" + procedure + ".csv"
	if request != "" {
		u += "?request=" + url.QueryEscape(request)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, res.Body)
		return res.StatusCode, res.Header, nil
	}
	records, err := csv.NewReader(res.Body).ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	return res.StatusCode, res.Header, records
}

// column returns the values of the named column, without the header.
func column(t *testing.T, records [][]string, name string) []string {
	t.Helper()
	i := slices.Index(records[0], name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, records[0])
	}
	var out []string
	for _, r := range records[1:] {
		out = append(out, r[i])
	}
	return out
}

const listOrganizations = "leitstand.admin.v1.OrganizationService/ListOrganizations"

// An export holds exactly the rows the list shows with the same filter,
// however many pages they take, with a header from the resource.
func TestExportStreamsTheFilteredListAcrossPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		want := []string{"Nord Alpha", "Nord Beta", "Nord Delta", "Nord Epsilon", "Nord Gamma"}
		for _, name := range want {
			env.Org(t, name)
		}
		env.Org(t, "Süd AG")
		env.Org(t, "West GmbH")

		// Pages of two: the five matches take three calls.
		status, header, records := export(t, hc, srv, listOrganizations,
			`{"pageSize": 2, "filter": {"query": "nord"}, "orderBy": "name"}`)
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		if ct := header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("content type %q", ct)
		}
		if cd := header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="organizations-\d{4}-\d{2}-\d{2}\.csv"$`).MatchString(cd) {
			t.Errorf("content disposition %q", cd)
		}
		if got := column(t, records, "name"); !slices.Equal(got, want) {
			t.Errorf("names %v, want %v", got, want)
		}
		for _, col := range []string{"id", "status", "billing_address.city", "create_time"} {
			if !slices.Contains(records[0], col) {
				t.Errorf("header %v lacks %q", records[0], col)
			}
		}
		if got := column(t, records, "status"); got[0] != "ACTIVE" {
			t.Errorf("status %q, want the enum value's name", got[0])
		}
		if got := column(t, records, "billing_address.city"); got[0] != "Berlin" {
			t.Errorf("nested field %q", got[0])
		}
		if got := column(t, records, "create_time"); got[0] != "2026-03-14T09:30:00Z" {
			t.Errorf("timestamp %q, want RFC 3339 in UTC", got[0])
		}

		// The whole list without a page size: every organization.
		_, _, records = export(t, hc, srv, listOrganizations, "")
		if len(records) != 1+7 {
			t.Errorf("%d rows, want 7 and the header", len(records)-1)
		}

		// A filter the list refuses is refused here too, with its status.
		if status, _, _ := export(t, hc, srv, listOrganizations, `{"orderBy": "size"}`); status != http.StatusBadRequest {
			t.Errorf("bad order: status %d", status)
		}
		if status, _, _ := export(t, hc, srv, listOrganizations, `{not json`); status != http.StatusBadRequest {
			t.Errorf("bad JSON: status %d", status)
		}
	})
}

// Text that a spreadsheet would run as a formula is written as text.
func TestExportEscapesFormulas(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	hc := apptest.HTTPClient(srv)
	env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
	for _, name := range []string{`=HYPERLINK("http://evil.example","x")`, "+49 30 1234", "-1+1", "@SUM(A1)", "Plain GmbH"} {
		env.Org(t, name)
	}
	_, _, records := export(t, hc, srv, listOrganizations, "")
	got := column(t, records, "name")
	slices.Sort(got)
	want := []string{`'+49 30 1234`, `'-1+1`, `'=HYPERLINK("http://evil.example","x")`, `'@SUM(A1)`, "Plain GmbH"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}

// An export is the caller's list: a reseller gets only their customers,
// a caller without the read permission nothing, and only list RPCs export.
func TestExportKeepsTheCallersScopeAndPermissions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		env.Org(t, "Licensee Customer GmbH")
		reseller, owner := env.ResellerOwner(t, "Partner AG", "partner@example.com")
		env.ResellerOrg(t, reseller, "Partner Kunde Eins")
		env.ResellerOrg(t, reseller, "Partner Kunde Zwei")
		other, _ := env.ResellerOwner(t, "Andere AG", "andere@example.com")
		env.ResellerOrg(t, other, "Andere Kunde")

		hc := apptest.HTTPClient(srv)
		if _, err := adminv1connect.NewAuthServiceClient(hc, srv.URL).Login(t.Context(),
			connect.NewRequest(&adminv1.LoginRequest{Email: owner.Email, Password: apptest.Password})); err != nil {
			t.Fatal(err)
		}
		status, _, records := export(t, hc, srv, listOrganizations, `{"pageSize": 1}`)
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		if got := column(t, records, "name"); !slices.Equal(got, []string{"Partner Kunde Eins", "Partner Kunde Zwei"}) {
			t.Errorf("reseller exported %v", got)
		}

		user := apptest.HTTPClient(srv)
		env.SignIn(t, user, srv.URL, "user@example.com", authz.RoleUser)
		if status, _, _ := export(t, user, srv, listOrganizations, ""); status != http.StatusForbidden {
			t.Errorf("without permission: status %d, want 403", status)
		}
		anonymous := apptest.HTTPClient(srv)
		if status, _, _ := export(t, anonymous, srv, listOrganizations, ""); status != http.StatusUnauthorized {
			t.Errorf("signed out: status %d, want 401", status)
		}

		for _, procedure := range []string{
			"leitstand.admin.v1.OrganizationService/GetOrganization",
			"leitstand.admin.v1.OrganizationService/CreateOrganization",
			"leitstand.admin.v1.OrganizationService/ListNothing",
			"leitstand.admin.v1.NoService/ListOrganizations",
			"grpc.health.v1.Health/Check",
		} {
			if status, _, _ := export(t, hc, srv, procedure, ""); status != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", procedure, status)
			}
		}
	})
}

// Every list the API serves exports; the servers' list in a chosen order.
func TestExportServesOtherListsInTheirOrder(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	hc := apptest.HTTPClient(srv)
	env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
	org := env.Org(t, "Kunde GmbH")
	env.AssignedServer(t, "web-02", org.ID)
	env.AssignedServer(t, "web-01", org.ID)
	status, _, records := export(t, hc, srv, "leitstand.admin.v1.ServerService/ListServers", `{"orderBy": "name desc"}`)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if got := column(t, records, "name"); !slices.Equal(got, []string{"web-02", "web-01"}) {
		t.Errorf("servers %v", got)
	}
	if !slices.Contains(records[0], "specs.cores") || !slices.Contains(records[0], "health_reasons") {
		t.Errorf("header %v", records[0])
	}
	if got := column(t, records, "health_reasons"); !strings.Contains(got[0], "datasource") {
		t.Errorf("repeated text %q", got[0])
	}
}

// The servers' list takes the orders it documents and refuses any other at
// order_by, over Connect and gRPC.
func TestListServersOrderIsValidated(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	hc := apptest.HTTPClient(srv)
	env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
	org := env.Org(t, "Kunde GmbH")
	env.AssignedServer(t, "web-01", org.ID)
	for name, opts := range map[string][]connect.ClientOption{"connect": nil, "grpc": {connect.WithGRPC()}} {
		servers := adminv1connect.NewServerServiceClient(hc, srv.URL, opts...)
		for _, order := range []string{"cpu_usage desc", "memory_usage", "disk_usage desc", "last_sync_time", "name desc"} {
			if _, err := servers.ListServers(t.Context(), connect.NewRequest(&adminv1.ListServersRequest{OrderBy: order})); err != nil {
				t.Errorf("%s: order %q: %v", name, order, err)
			}
		}
		for _, order := range []string{"health", "cpu_usage asc", "name; DROP TABLE servers"} {
			_, err := servers.ListServers(t.Context(), connect.NewRequest(&adminv1.ListServersRequest{OrderBy: order}))
			if _, ok := fieldsOf(err)["order_by"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
				t.Errorf("%s: order %q = %v (fields %v)", name, order, err, fieldsOf(err))
			}
		}
	}
}

// A list without paging (the roles) exports in one page, repeated enums
// joined.
func TestExportServesAListWithoutPaging(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	hc := apptest.HTTPClient(srv)
	env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
	status, _, records := export(t, hc, srv, "leitstand.admin.v1.RoleService/ListRoles", "")
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	roles := column(t, records, "role")
	if !slices.Contains(roles, "OWNER") || !slices.Contains(roles, "OPERATOR") {
		t.Errorf("roles %v", roles)
	}
	perms := column(t, records, "permissions")
	if !strings.Contains(perms[slices.Index(roles, "OWNER")], "ORGANIZATIONS_READ;") {
		t.Errorf("owner's permissions %q", perms[slices.Index(roles, "OWNER")])
	}
}
