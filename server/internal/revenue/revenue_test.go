package revenue_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/revenue"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// platform makes env an issuer offering Premium at 99 € a month.
func platform(t *testing.T, env *apptest.Env) uuid.UUID {
	t.Helper()
	env.Issuer(t)
	return env.Plan(t, "Premium", 30, plan.Terms{MonthlyFeeCents: 9900})
}

// customer creates an organization on the plan with a workspace.
func customer(t *testing.T, env *apptest.Env, planID uuid.UUID, name string) (org, ws uuid.UUID) {
	t.Helper()
	org = env.Customer(t, name, planID)
	w, err := env.Orgs.CreateWorkspace(authz.System(t.Context()), org, "Produktion", nil, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	return org, w.ID
}

func mrrOn(t *testing.T, rev *revenue.Service, days ...calendar.Date) []map[uuid.UUID]revenue.Recurring {
	t.Helper()
	out, err := rev.MRR(authz.System(t.Context()), days)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// An organization's MRR is what its invoice charges in advance: base fee
// and services, less its discount. Billed on its first day, when the
// invoice charges nothing in arrears, the two are the same amount; a
// service booked later counts from its day, one decommissioned no longer
// after its day, and the MRR of past days stays what it was.
func TestMRRIsWhatTheInvoiceChargesInAdvance(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		rev := revenue.NewService(env.DB.Client, env.Clock, env.Settings.Location)
		sys := authz.System(t.Context())
		p := platform(t, env)
		org, ws := customer(t, env, p, "Acme")
		_, first := env.BookedService(t, ws, "Nextcloud") // 89 €
		if _, err := env.Contracts.GrantDiscount(sys, org, contract.Grant{Name: "Startup", BasisPoints: 1000, Reason: "Gründerprogramm"}); err != nil {
			t.Fatal(err)
		}
		free, _ := customer(t, env, p, "Gratis")
		if _, err := env.Contracts.GrantDiscount(sys, free, contract.Grant{Name: "Partner", BasisPoints: 10000, Reason: "Kooperation"}); err != nil {
			t.Fatal(err)
		}
		today := calendar.D(2026, time.March, 14)
		got := mrrOn(t, rev, today, today.AddDays(-1))
		if a := got[0][org]; a.Cents != 16920 || a.Currency != "EUR" { // (99 € + 89 €) less 10 %
			t.Errorf("MRR today = %+v, want 169,20 €", a)
		}
		if a, ok := got[0][free]; !ok || a.Cents != 0 {
			t.Errorf("a 100 %% discount's MRR = %+v %v, want 0", a, ok)
		}
		if len(got[1]) != 0 {
			t.Errorf("MRR before any contract = %v", got[1])
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		invs, err := env.Invoices.ForOrganization(sys, org)
		if err != nil || len(invs) != 1 || invs[0].NetCents != 16920 {
			t.Fatalf("the first invoice = %+v %v, want its net to be the MRR", invs, err)
		}

		env.Clock.Set(time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC))
		env.BookedService(t, ws, "Matomo") // 89 € from 20 April
		if _, err := env.Services.ScheduleDecommission(sys, first, time.Date(2026, time.May, 2, 9, 0, 0, 0, time.UTC), "gekündigt"); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.May, 2, 10, 0, 0, 0, time.UTC))
		if _, err := env.Services.Decommission(sys); err != nil {
			t.Fatal(err)
		}
		got = mrrOn(t, rev, calendar.D(2026, time.April, 1), calendar.D(2026, time.May, 1), calendar.D(2026, time.May, 2))
		for i, want := range []int64{16920, 24930, 16920} {
			if got[i][org].Cents != want {
				t.Errorf("MRR %d = %d, want %d", i, got[i][org].Cents, want)
			}
		}
		// Closed, it pays nothing more, whatever its contract says.
		if _, err := env.Orgs.Update(sys, org, organization.Values{Status: organization.StatusClosed}, []string{"status"}, "gekündigt"); err != nil {
			t.Fatal(err)
		}
		if got := mrrOn(t, rev, calendar.D(2026, time.May, 2)); len(got[0]) != 1 {
			t.Errorf("MRR after closing = %v, want only the other organization's", got[0])
		}
	})
}

// Invoiced revenue is the net of the invoices issued in each month; an
// invoice and its cancellation add up to nothing. The top customers are
// those invoiced the most, ties by name, and those with nothing on
// balance are not among them.
func TestInvoicedRevenueAndTopCustomers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		rev := revenue.NewService(env.DB.Client, env.Clock, env.Settings.Location)
		sys := authz.System(t.Context())
		p := platform(t, env)
		zeta, _ := customer(t, env, p, "Zeta")
		alpha, _ := customer(t, env, p, "Alpha")
		big, _ := customer(t, env, p, "Groß")
		cancelled, _ := customer(t, env, p, "Storniert")
		if _, err := env.Invoices.Run(sys); err != nil { // 99 € each on 14 March
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.April, 2, 9, 0, 0, 0, time.UTC))
		line := []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62", UnitPriceCents: 50000}}
		if _, err := env.Invoices.Manual(sys, big, line, nil, nil, "Projekt", false); err != nil {
			t.Fatal(err)
		}
		invs, err := env.Invoices.ForOrganization(sys, cancelled)
		if err != nil || len(invs) != 1 {
			t.Fatalf("invoices = %v %v", invs, err)
		}
		if _, _, err := env.Invoices.Cancel(sys, invs[0].ID, "Doppelt angelegt"); err != nil {
			t.Fatal(err)
		}
		months, err := rev.Invoiced(sys, calendar.D(2026, time.March, 1), calendar.D(2026, time.April, 30))
		if err != nil {
			t.Fatal(err)
		}
		if months["2026-03"] != 4*9900 || months["2026-04"] != 50000-9900 {
			t.Errorf("invoiced by month = %v, want 396 € in March and 500 € less the cancelled 99 € in April", months)
		}
		top, err := rev.Top(sys, calendar.D(2026, time.March, 1), calendar.D(2026, time.April, 30), 2)
		if err != nil {
			t.Fatal(err)
		}
		want := []revenue.Customer{{Organization: big, Name: "Groß", NetCents: 59900}, {Organization: alpha, Name: "Alpha", NetCents: 9900}}
		if len(top) != 2 || top[0] != want[0] || top[1] != want[1] {
			t.Errorf("top = %+v, want %+v (Alpha before Zeta %s by name)", top, want, zeta)
		}
		all, err := rev.Top(sys, calendar.D(2026, time.March, 1), calendar.D(2026, time.April, 30), 10)
		if err != nil || len(all) != 3 {
			t.Errorf("all = %+v %v, want three: the cancelled customer has nothing on balance", all, err)
		}
	})
}

// The MRR of a day ahead is a forecast from what is scheduled: a plan
// transition scheduled for the next billing date counts from it, a service
// whose decommission is scheduled no longer counts after its day.
func TestTheMRRAheadCountsWhatIsScheduled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		rev := revenue.NewService(env.DB.Client, env.Clock, env.Settings.Location)
		sys := authz.System(t.Context())
		p := platform(t, env)
		org, ws := customer(t, env, p, "Acme")
		_, svc := env.BookedService(t, ws, "Nextcloud")
		business, err := env.Plans.Create(sys, plan.Values{Name: "Business", Rank: 40, Terms: plan.Terms{MonthlyFeeCents: 19900}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Contracts.Schedule(sys, org, business.ID, nil, "Upgrade"); err != nil { // from 14 April
			t.Fatal(err)
		}
		if _, err := env.Services.ScheduleDecommission(sys, svc, time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC), "gekündigt"); err != nil {
			t.Fatal(err)
		}
		got := mrrOn(t, rev, calendar.D(2026, time.April, 13), calendar.D(2026, time.April, 14), calendar.D(2026, time.April, 20))
		for i, want := range []int64{9900 + 8900, 19900 + 8900, 19900} {
			if got[i][org].Cents != want {
				t.Errorf("MRR ahead %d = %d, want %d", i, got[i][org].Cents, want)
			}
		}
	})
}
