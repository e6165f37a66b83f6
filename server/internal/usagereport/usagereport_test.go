package usagereport_test

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	entreport "github.com/leitstand/leitstand/server/ent/usagereport"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/usage"
	"github.com/leitstand/leitstand/server/internal/usagereport"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const gb = usage.BytesPerGB

func at(month time.Month, day, hour int) time.Time {
	return time.Date(2026, month, day, hour, 0, 0, 0, time.UTC)
}

func month(s string) usagereport.Month {
	m, err := usagereport.ParseMonth("month", s)
	if err != nil {
		panic(err)
	}
	return m
}

// world is a constructed data set across the turn of January to February
// 2026: Acme (the licensee's) with two services, one decommissioned in
// February, a server, four days of usage, support time and invoices with
// a credit note; Other (a reseller's) with a service, usage and time that
// no report of the licensee counts.
type world struct {
	env      *apptest.Env
	svc      *usagereport.Service
	acme     uuid.UUID
	reseller uuid.UUID
	other    uuid.UUID
}

func build(t *testing.T, d testdb.Dialect) world {
	t.Helper()
	env := apptest.New(t, d)
	sys := authz.System(t.Context())
	env.Clock.Set(at(time.January, 20, 9))
	env.Issuer(t)
	acme := env.Org(t, "Acme").ID
	ws, err := env.Orgs.CreateWorkspace(sys, acme, "Production", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	_, first := env.BookedService(t, ws.ID, "Nextcloud")
	env.AssignedServer(t, "web1", acme)
	reseller := env.Reseller(t, "Nordlicht")
	other := env.ResellerOrg(t, reseller, "Other")
	otherWS, err := env.Orgs.CreateWorkspace(sys, other, "Main", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	env.BookedService(t, otherWS.ID, "Gitea")
	env.AssignedServer(t, "web2", other)

	manual := func(org uuid.UUID, cents int64) *invoice.Invoice {
		inv, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62", UnitPriceCents: cents}},
			nil, nil, "project", false)
		if err != nil {
			t.Fatal(err)
		}
		return inv
	}
	env.Clock.Set(at(time.January, 25, 9))
	manual(acme, 20000)

	// February: a second service; the first is decommissioned on the
	// 20th. An invoice of 500 €, and one of 100 € cancelled by a credit
	// note.
	env.Clock.Set(at(time.February, 5, 9))
	env.BookedService(t, ws.ID, "Wiki")
	manual(acme, 50000)
	wrong := manual(acme, 10000)
	if _, _, err := env.Invoices.Cancel(sys, wrong.ID, "duplicate"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Services.ScheduleDecommission(sys, first, at(time.February, 20, 0), "cancelled"); err != nil {
		t.Fatal(err)
	}
	env.Clock.Set(at(time.February, 20, 1))
	if _, err := env.Services.Decommission(sys); err != nil {
		t.Fatal(err)
	}
	if i := env.DB.Client.ServiceInstance.GetX(sys, first); i.Status != serviceinstance.StatusDECOMMISSIONED {
		t.Fatalf("the first service is %s", i.Status)
	}

	// March: usage and time of the days before, and an invoice outside
	// the period.
	env.Clock.Set(at(time.March, 2, 9))
	manual(acme, 99900)
	days := []struct {
		day     calendar.Date
		storage int64
	}{{calendar.D(2026, 1, 30), 10}, {calendar.D(2026, 1, 31), 20}, {calendar.D(2026, 2, 1), 30}, {calendar.D(2026, 2, 2), 40}}
	for i, x := range days {
		for _, org := range []uuid.UUID{acme, other} {
			if _, err := env.Usage.Report(sys, []usage.Event{
				{ID: fmt.Sprintf("s%d", i), Organization: org, Metric: usage.StorageBytes, Quantity: x.storage * gb, Day: x.day},
				{ID: fmt.Sprintf("t%d", i), Organization: org, Metric: usage.TrafficBytes, Quantity: gb, Day: x.day},
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
	for _, org := range []uuid.UUID{acme, other} {
		ord, err := env.Orders.Create(op, org, order.Values{Title: "Migration", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []struct {
			day      time.Time
			minutes  int
			billable bool
		}{{at(time.January, 31, 0), 60, true}, {at(time.February, 1, 0), 30, false}, {at(time.March, 1, 0), 45, true}} {
			if _, err := env.Orders.CreateTimeEntry(op, ord.ID, order.TimeValues{Date: e.day, Minutes: e.minutes, Description: "Datenübernahme",
				Billable: e.billable}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return world{env: env, svc: usagereport.NewService(env.DB.Client, env.Audit, env.Clock), acme: acme, reseller: reseller, other: other}
}

func (w world) licensee(t *testing.T) uuid.UUID {
	t.Helper()
	row, err := w.env.DB.Client.Organization.Get(authz.System(t.Context()), w.acme)
	if err != nil {
		t.Fatal(err)
	}
	return row.BillingEntityID
}

func TestTheReportCountsEachFigureAcrossTheMonths(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		w := build(t, d)
		staff := w.env.AsRole(t, "controller@example.com", authz.RoleOperator)
		r, err := w.svc.Report(staff, usagereport.Query{BillingEntity: w.licensee(t), From: month("2026-01"), To: month("2026-02")})
		if err != nil {
			t.Fatal(err)
		}
		jan := usagereport.Figures{Services: 1, ServicesAtEnd: 1, Servers: 1, AverageStorageBytes: 15 * gb, PeakStorageBytes: 20 * gb,
			DaysMeasured: 2, TrafficBytes: 2 * gb, Minutes: 60, BillableMinutes: 60, NetRevenueCents: 20000}
		feb := usagereport.Figures{Services: 2, ServicesAtEnd: 1, Servers: 1, AverageStorageBytes: 35 * gb, PeakStorageBytes: 40 * gb,
			DaysMeasured: 2, TrafficBytes: 2 * gb, Minutes: 30, BillableMinutes: 0, NetRevenueCents: 50000}
		total := usagereport.Figures{Services: 2, ServicesAtEnd: 1, Servers: 1, AverageStorageBytes: 25 * gb, PeakStorageBytes: 40 * gb,
			DaysMeasured: 4, TrafficBytes: 4 * gb, Minutes: 90, BillableMinutes: 60, NetRevenueCents: 70000}
		if len(r.Months) != 2 || r.Months[0].Figures != jan || r.Months[1].Figures != feb {
			t.Errorf("months = %+v\nwant January %+v, February %+v", r.Months, jan, feb)
		}
		if r.Totals != total {
			t.Errorf("totals = %+v\nwant %+v", r.Totals, total)
		}
		if len(r.Rows) != 1 || r.Rows[0].Organization != w.acme || r.Rows[0].Figures != total {
			t.Errorf("rows = %+v, want Acme alone with the totals (Other is a reseller's)", r.Rows)
		}

		// All entities: Other is counted too; the servers are two.
		all, err := w.svc.Report(staff, usagereport.Query{From: month("2026-01"), To: month("2026-02")})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Rows) != 2 || all.Totals.Servers != 2 || all.Totals.Services != 3 || all.Totals.Minutes != 180 ||
			all.Totals.NetRevenueCents != 70000 || all.Totals.PeakStorageBytes != 80*gb {
			t.Errorf("all entities: rows %d, totals %+v", len(all.Rows), all.Totals)
		}

		// One month alone, and the organization alone.
		one, err := w.svc.Report(staff, usagereport.Query{Organization: w.acme, From: month("2026-02"), To: month("2026-02")})
		if err != nil {
			t.Fatal(err)
		}
		if one.Totals != feb || one.OrganizationName != "Acme" {
			t.Errorf("February of Acme = %+v, want %+v", one.Totals, feb)
		}
	})
}

func TestTheReportRefusesPeriodsAndTenantsItCannotShow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		w := build(t, d)
		staff := w.env.AsRole(t, "controller@example.com", authz.RoleOperator)
		cases := []struct {
			name     string
			q        usagereport.Query
			field    string
			notFound bool
		}{
			{"backwards", usagereport.Query{From: month("2026-02"), To: month("2026-01")}, "query.to_month", false},
			{"too long", usagereport.Query{From: month("2024-01"), To: month("2026-01")}, "query.to_month", false},
			{"future", usagereport.Query{From: month("2026-02"), To: month("2026-04")}, "query.to_month", false},
			{"unknown entity", usagereport.Query{BillingEntity: uuid.New(), From: month("2026-01"), To: month("2026-01")}, "", true},
			{"other entity's organization", usagereport.Query{BillingEntity: w.licensee(t), Organization: w.other,
				From: month("2026-01"), To: month("2026-01")}, "query.organization_id", false},
		}
		for _, c := range cases {
			_, err := w.svc.Report(staff, c.q)
			var ae *apierr.Error
			if !errors.As(err, &ae) {
				t.Errorf("%s: err = %v", c.name, err)
				continue
			}
			if c.notFound != (ae.Kind == apierr.KindNotFound) || !c.notFound && !strings.Contains(fmt.Sprint(ae.Fields), c.field) {
				t.Errorf("%s: err = %v (%v)", c.name, ae, ae.Fields)
			}
		}
		// 24 months is the most.
		if _, err := w.svc.Report(staff, usagereport.Query{From: month("2024-03"), To: month("2026-02")}); err != nil {
			t.Errorf("24 months: %v", err)
		}

		// A reseller's staff: their own entity, whatever they name or not.
		staffer := w.env.User(t, "owner@nordlicht.example", authz.RoleOwner)
		w.env.JoinReseller(t, w.reseller, staffer.ID)
		ctx := w.env.As(t, staffer)
		own, err := w.svc.Report(ctx, usagereport.Query{From: month("2026-01"), To: month("2026-02")})
		if err != nil {
			t.Fatal(err)
		}
		if own.BillingEntity != w.reseller || len(own.Rows) != 1 || own.Rows[0].Organization != w.other {
			t.Errorf("the reseller's report = %+v", own)
		}
		for _, q := range []usagereport.Query{{BillingEntity: w.licensee(t)}, {Organization: w.acme}} {
			q.From, q.To = month("2026-01"), month("2026-01")
			if _, err := w.svc.Report(ctx, q); !errors.Is(err, apierr.ErrNotFound) {
				t.Errorf("a reseller asking for %+v: %v, want NotFound", q, err)
			}
		}
	})
}

// A query without months covers the six months up to the clock's (UTC)
// month; one month named alone is that month.
func TestTheReportsDefaultMonthsComeFromTheClock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		w := build(t, d)
		staff := w.env.AsRole(t, "controller@example.com", authz.RoleOperator)
		// 31 March, 23:30 UTC: 1 April in Berlin, still March in UTC.
		w.env.Clock.Set(time.Date(2026, time.March, 31, 23, 30, 0, 0, time.UTC))
		for _, c := range []struct {
			q        usagereport.Query
			from, to string
		}{
			{usagereport.Query{}, "2025-10", "2026-03"},
			{usagereport.Query{From: month("2026-01")}, "2026-01", "2026-01"},
			{usagereport.Query{To: month("2026-02")}, "2026-02", "2026-02"},
		} {
			r, err := w.svc.Report(staff, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if r.From.String() != c.from || r.To.String() != c.to || len(r.Months) != month(c.from).Until(month(c.to)) {
				t.Errorf("%+v covers %s to %s in %d months, want %s to %s", c.q, r.From, r.To, len(r.Months), c.from, c.to)
			}
		}
		// The default's totals are those of the period named in full.
		def, err := w.svc.Report(staff, usagereport.Query{})
		if err != nil {
			t.Fatal(err)
		}
		named, err := w.svc.Report(staff, usagereport.Query{From: month("2025-10"), To: month("2026-03")})
		if err != nil {
			t.Fatal(err)
		}
		if def.Totals != named.Totals || def.Totals.NetRevenueCents == 0 {
			t.Errorf("the default's totals %+v, named %+v", def.Totals, named.Totals)
		}
	})
}

// stored is what the table holds: entity and month to content.
func stored(t *testing.T, w world) map[string][]byte {
	t.Helper()
	rows, err := w.env.DB.Client.UsageReport.Query().Order(entreport.ByMonth()).All(authz.System(t.Context()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, r := range rows {
		out[r.BillingEntityID.String()+"/"+r.Month] = r.Content
	}
	return out
}

func TestTheMonthlyJobStoresEachEndedMonthOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		w := build(t, d)
		sys := authz.System(t.Context())
		lic := w.licensee(t).String()
		key := func(be uuid.UUID, m string) string { return be.String() + "/" + m }

		// On 2 March: January and February of both entities (their first
		// organizations were made in January).
		res, err := w.svc.StoreMonthly(sys)
		if err != nil {
			t.Fatal(err)
		}
		got := stored(t, w)
		if res.Stored != 4 || res.Kept != 0 || len(got) != 4 || got[lic+"/2026-01"] == nil || got[key(w.reseller, "2026-02")] == nil {
			t.Fatalf("first run: %+v, stored %d", res, len(got))
		}
		st, err := w.svc.List(sys, &w.reseller, 50, "")
		if err != nil || len(st.Reports) != 2 || st.Reports[0].Month != month("2026-02") {
			t.Fatalf("the reseller's stored reports: %+v %v", st, err)
		}
		feb, err := w.svc.Get(sys, st.Reports[0].ID)
		if err != nil || feb.Report.Totals.Minutes != 30 || len(feb.Report.Rows) != 1 || feb.Report.Rows[0].Organization != w.other {
			t.Fatalf("the reseller's February: %+v %v", feb.Report, err)
		}

		// A second run changes nothing, and writes no audit event.
		seq := w.env.LastSeq(t)
		if res, err := w.svc.StoreMonthly(sys); err != nil || res.Stored != 0 || res.Kept != 4 {
			t.Fatalf("second run: %+v %v", res, err)
		}
		w.env.NoEventsSince(t, seq)
		if again := stored(t, w); fmt.Sprint(again) != fmt.Sprint(got) {
			t.Fatal("the second run changed the stored reports")
		}

		// Time recorded late for January changes the live report, not the
		// stored month.
		op := w.env.AsRole(t, "late@example.com", authz.RoleOperator)
		ord, err := w.env.Orders.Create(op, w.acme, order.Values{Title: "Nachtrag", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.env.Orders.CreateTimeEntry(op, ord.ID, order.TimeValues{Date: at(time.January, 5, 0), Minutes: 15, Billable: true}); err != nil {
			t.Fatal(err)
		}

		// The job did not run from March to June: the run on 2 June fills
		// in March, April and May, and leaves January as it was.
		w.env.Clock.Set(at(time.June, 2, 4))
		res, err = w.svc.StoreMonthly(sys)
		if err != nil || res.Stored != 6 || res.Kept != 4 || res.Last != month("2026-05") {
			t.Fatalf("catch-up: %+v %v", res, err)
		}
		after := stored(t, w)
		if !bytes.Equal(after[lic+"/2026-01"], got[lic+"/2026-01"]) || after[key(w.reseller, "2026-05")] == nil {
			t.Fatal("the catch-up rewrote January or missed May")
		}

		// After a long downtime it fills in twelve months at most.
		w.env.Clock.Set(time.Date(2028, time.January, 2, 4, 0, 0, 0, time.UTC))
		res, err = w.svc.StoreMonthly(sys)
		if err != nil || res.Stored != 24 {
			t.Fatalf("after a year and a half: %+v %v", res, err)
		}
		after = stored(t, w)
		if after[lic+"/2026-12"] != nil || after[lic+"/2027-01"] == nil || after[lic+"/2027-12"] == nil {
			t.Errorf("stored after the long downtime: %d reports", len(after))
		}
	})
}

func TestThePDFShowsTheReport(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: install the Debian package poppler-utils (make deps-poppler)")
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		if d != testdb.SQLite {
			t.Skip("the layout does not depend on the database")
		}
		w := build(t, d)
		r, err := w.svc.Report(authz.System(t.Context()), usagereport.Query{From: month("2026-01"), To: month("2026-02")})
		if err != nil {
			t.Fatal(err)
		}
		licensee := w.env.DB.Client.BillingEntity.GetX(authz.System(t.Context()), w.licensee(t)).Name
		// All entities: each organization's row names its entity, after
		// the organization's name.
		for lang, want := range map[string][]string{
			"de": {"Nutzungsbericht", "Alle Rechnungssteller", "Januar 2026 – Februar 2026", "Acme", "Other", "700,00 €", "Februar 2026",
				"500,00 €", "1,50", "25,00 GB", "Organisation Rechnungssteller Dienste", "Acme " + licensee + " 2", "Other Nordlicht 1"},
			"en": {"Usage report", "All billing entities", "January 2026 – February 2026", "Acme", "700.00 €", "1.50", "25.00 GB",
				"Organization Billing entity Services", "Acme " + licensee + " 2", "Other Nordlicht 1"},
		} {
			text := pdfText(t, r, lang)
			for _, s := range want {
				if !strings.Contains(text, strings.Join(strings.Fields(s), " ")) {
					t.Errorf("%s: the PDF lacks %q:\n%s", lang, s, text)
				}
			}
		}

		// One entity: no entity column.
		one, err := w.svc.Report(authz.System(t.Context()), usagereport.Query{BillingEntity: w.reseller, From: month("2026-01"), To: month("2026-02")})
		if err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, one, "en"); !strings.Contains(text, "Organization Services") || strings.Contains(text, "Other Nordlicht") {
			t.Errorf("the PDF of one entity has an entity column:\n%s", text)
		}
	})
}

// pdfText lays r out in lang and reads the text back, its words joined by
// single spaces; the same report gives the same bytes.
func pdfText(t *testing.T, r *usagereport.Report, lang string) string {
	t.Helper()
	pdf, err := usagereport.RenderPDF(r, lang)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := usagereport.RenderPDF(r, lang)
	if !bytes.Equal(pdf, again) {
		t.Errorf("%s: the same report gave other bytes", lang)
	}
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
