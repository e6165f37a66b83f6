package api_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The licensee's owner reads a usage report over HTTP: on screen, as CSV
// and as a PDF, and the month the job stored; bad periods are refused by
// field.
func TestUsageReportsOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		env.Clock.Set(time.Date(2026, time.February, 10, 9, 0, 0, 0, time.UTC))
		env.Issuer(t)
		org := env.Org(t, "Kieler Werft")
		ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Production", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		env.BookedService(t, ws.ID, "Nextcloud")
		env.AssignedServer(t, "web1", org.ID)
		if _, err := env.Invoices.Manual(sys, org.ID, []invoice.ManualLine{{Description: "Einrichtung", Quantity: 1, Unit: "C62",
			UnitPriceCents: 25000}}, nil, nil, "project", false); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.March, 2, 5, 0, 0, 0, time.UTC))
		if _, err := env.UsageReports.StoreMonthly(sys); err != nil {
			t.Fatal(err)
		}
		owner := env.User(t, "owner@platform.example", authz.RoleOwner)
		hc := apptest.HTTPClient(srv)
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": owner.Email, "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		query := `{"query":{"fromMonth":"2026-01","toMonth":"2026-02"}}`

		code, resp := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/GetUsageReport", query, nil)
		report, _ := resp["report"].(map[string]any)
		totals, _ := report["totals"].(map[string]any)
		rows, _ := report["organizations"].([]any)
		months, _ := report["months"].([]any)
		if code != "" || totals["services"] != float64(1) || totals["servers"] != float64(1) || totals["netRevenueCents"] != "25000" ||
			len(rows) != 1 || len(months) != 2 || report["billingEntityId"] != nil {
			t.Fatalf("GetUsageReport: %q %v", code, resp)
		}
		if name := rows[0].(map[string]any)["organizationName"]; name != "Kieler Werft" {
			t.Errorf("the row is %v", name)
		}
		// Without months: the six up to the server's current one.
		code, resp = call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/GetUsageReport", `{"query":{}}`, nil)
		if report, _ := resp["report"].(map[string]any); code != "" || report["fromMonth"] != "2025-10" || report["toMonth"] != "2026-03" {
			t.Errorf("GetUsageReport without months: %q %v", code, resp)
		}

		for _, bad := range []struct{ body, field string }{
			{`{"query":{"fromMonth":"2026-02","toMonth":"2026-01"}}`, "query.to_month"},
			{`{"query":{"fromMonth":"2026-13","toMonth":"2026-01"}}`, "query.from_month"},
			{`{"query":{"fromMonth":"2024-01","toMonth":"2026-01"}}`, "query.to_month"},
			{`{"query":{"fromMonth":"2026-01","toMonth":"2026-01","organizationId":"ws_01kaj5m8d0e6xv1ks8wq6a5j0p"}}`, "query.organization_id"},
			{`{}`, "query"},
		} {
			code, resp := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/GetUsageReport", bad.body, nil)
			if code != "invalid_argument" || !strings.Contains(fmt.Sprint(resp), bad.field) {
				t.Errorf("%s: %q %v, want invalid_argument naming %s", bad.body, code, resp, bad.field)
			}
		}
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/GetUsageReport",
			`{"query":{"fromMonth":"2026-01","toMonth":"2026-01","billingEntityId":"be_01kaj5m8d0e6xv1ks8wq6a5j0p"}}`, nil); code != "not_found" {
			t.Errorf("an unknown billing entity: %q", code)
		}

		// The CSV: the row per organization, through the export of every
		// list.
		status, header, records := export(t, hc, srv, "leitstand.admin.v1.UsageReportService/ListUsageReportRows", query)
		if status != 200 || len(records) != 2 || !strings.Contains(header.Get("Content-Disposition"), `filename="rows-`) {
			t.Fatalf("export: %d %v %v", status, header, records)
		}
		if got := column(t, records, "organization_name"); got[0] != "Kieler Werft" {
			t.Errorf("organization_name = %v", got)
		}
		if got := column(t, records, "figures.net_revenue_cents"); got[0] != "25000" {
			t.Errorf("figures.net_revenue_cents = %v", got)
		}

		// The PDF, read back.
		code, resp = call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/RenderUsageReportPdf",
			`{"query":{"fromMonth":"2026-01","toMonth":"2026-02"},"language":"de"}`, nil)
		if code != "" || resp["fileName"] != "Nutzungsbericht-2026-01-2026-02.pdf" {
			t.Fatalf("RenderUsageReportPdf: %q %v", code, resp["fileName"])
		}
		pdf, err := base64.StdEncoding.DecodeString(resp["content"].(string))
		if err != nil {
			t.Fatal(err)
		}
		text := pdfToText(t, pdf)
		for _, want := range []string{"Nutzungsbericht", "Januar 2026 – Februar 2026", "Kieler Werft", "250,00 €"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q: %s", want, text)
			}
		}

		// The month the job stored: February, the organization's first.
		code, resp = call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/ListStoredUsageReports", `{}`, nil)
		list, _ := resp["reports"].([]any)
		if code != "" || len(list) != 1 {
			t.Fatalf("ListStoredUsageReports: %q %v", code, resp)
		}
		first := list[0].(map[string]any)
		if first["month"] != "2026-02" || first["organizationCount"] != float64(1) {
			t.Errorf("the stored report is %v", first)
		}
		code, resp = call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/GetStoredUsageReport", `{"id":"`+first["id"].(string)+`"}`, nil)
		stored, _ := resp["report"].(map[string]any)
		if code != "" || stored["fromMonth"] != "2026-02" || stored["totals"].(map[string]any)["netRevenueCents"] != "25000" {
			t.Errorf("GetStoredUsageReport: %q %v", code, resp)
		}

		// The data changes after the month was stored: the organization is
		// renamed, and support time is recorded late for February. The
		// live report shows it; the stored month's PDF and CSV do not.
		if _, err := env.Orgs.Update(sys, org.ID, organization.Values{Name: "Werft Nord"}, []string{"name"}, "umbenannt"); err != nil {
			t.Fatal(err)
		}
		op := env.AsRole(t, "lead@platform.example", authz.RoleOperator)
		ord, err := env.Orders.Create(op, org.ID, order.Values{Title: "Nachtrag", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Orders.CreateTimeEntry(op, ord.ID, order.TimeValues{Date: time.Date(2026, time.February, 16, 0, 0, 0, 0, time.UTC),
			Minutes: 90, Description: "Umzug", Billable: true}); err != nil {
			t.Fatal(err)
		}
		storedID := first["id"].(string)
		pdfOf := func(body string) string {
			t.Helper()
			code, resp := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/RenderUsageReportPdf", body, nil)
			if code != "" {
				t.Fatalf("RenderUsageReportPdf %s: %q %v", body, code, resp)
			}
			content, err := base64.StdEncoding.DecodeString(resp["content"].(string))
			if err != nil {
				t.Fatal(err)
			}
			if body != "" && strings.Contains(body, "storedReportId") && resp["fileName"] != "usage-report-2026-02.pdf" {
				t.Errorf("the stored month's PDF is named %v", resp["fileName"])
			}
			return strings.Join(strings.Fields(pdfToText(t, content)), " ")
		}
		live := pdfOf(`{"query":{"fromMonth":"2026-02","toMonth":"2026-02"},"language":"en"}`)
		if !strings.Contains(live, "Werft Nord") || !strings.Contains(live, "1.50") {
			t.Errorf("the live February lacks the change: %s", live)
		}
		kept := pdfOf(`{"storedReportId":"` + storedID + `","language":"en"}`)
		for _, want := range []string{"Usage report", "February 2026", "Kieler Werft", "250.00 €", "Hours 0.00"} {
			if !strings.Contains(kept, want) {
				t.Errorf("the stored February's PDF lacks %q: %s", want, kept)
			}
		}
		if strings.Contains(kept, "Werft Nord") || strings.Contains(kept, "1.50") {
			t.Errorf("the stored February's PDF shows the figures of now: %s", kept)
		}
		status, _, records = export(t, hc, srv, "leitstand.admin.v1.UsageReportService/ListUsageReportRows", `{"storedReportId":"`+storedID+`"}`)
		if got := column(t, records, "organization_name"); status != 200 || len(got) != 1 || got[0] != "Kieler Werft" {
			t.Errorf("the stored February's CSV: %d %v", status, records)
		}
		if got := column(t, records, "figures.minutes"); got[0] != "0" {
			t.Errorf("the stored February's minutes = %v", got)
		}

		// Neither a query and a stored report at once, nor none, nor an id
		// of another kind; an unknown stored report is NotFound.
		for _, bad := range []struct{ body, code, field string }{
			{`{"language":"en"}`, "invalid_argument", "report"},
			{`{"query":{"fromMonth":"2026-02","toMonth":"2026-02"},"storedReportId":"` + storedID + `","language":"en"}`, "invalid_argument", ""},
			{`{"storedReportId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","language":"en"}`, "invalid_argument", "stored_report_id"},
			{`{"storedReportId":"urep_01kaj5m8d0e6xv1ks8wq6a5j0p","language":"en"}`, "not_found", ""},
		} {
			code, resp := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/RenderUsageReportPdf", bad.body, nil)
			if code != bad.code || !strings.Contains(fmt.Sprint(resp), bad.field) {
				t.Errorf("%s: %q %v, want %s naming %q", bad.body, code, resp, bad.code, bad.field)
			}
		}
	})
}

// A reseller's staff read usage reports only where the licensee gave their
// entity SEE_USAGE_REPORTS, and then of their own entity alone.
func TestUsageReportsNeedTheResellersCapability(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		with, owner := env.ResellerOwner(t, "Nordlicht", "owner@nordlicht.example")
		env.ResellerOrg(t, with, "Deichblick")
		without, plain := env.ResellerOwner(t, "Südwind", "owner@suedwind.example")
		env.ResellerOrg(t, without, "Weinberg")
		if _, err := env.BillingEntities.Update(sys, without, billingentity.Values{Capabilities: []authz.Capability{authz.ManageCustomers}},
			[]string{"capabilities"}, "no reports"); err != nil {
			t.Fatal(err)
		}
		query := `{"query":{"fromMonth":"2026-03","toMonth":"2026-03"}}`
		for _, c := range []struct {
			email string
			want  string
		}{{plain.Email, "permission_denied"}, {owner.Email, ""}} {
			hc := apptest.HTTPClient(srv)
			if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
				jsonBody(map[string]string{"email": c.email, "password": apptest.Password}), nil); code != "" {
				t.Fatalf("sign in %s: %s", c.email, code)
			}
			for _, proc := range []string{"GetUsageReport", "ListUsageReportRows", "ListStoredUsageReports"} {
				body := query
				if proc == "ListStoredUsageReports" {
					body = `{}`
				}
				if code, resp := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/"+proc, body, nil); code != c.want {
					t.Errorf("%s → %s: %q %v, want %q", c.email, proc, code, resp, c.want)
				}
			}
			if c.want != "" {
				continue
			}
			_, resp := call(t, hc, srv, "/leitstand.admin.v1.UsageReportService/GetUsageReport", query, nil)
			report, _ := resp["report"].(map[string]any)
			rows, _ := report["organizations"].([]any)
			if report["billingEntityId"] != ids.Format(ids.BillingEntity, with) || len(rows) != 1 {
				t.Errorf("the reseller's own report: %v", resp)
			}
		}
	})
}
