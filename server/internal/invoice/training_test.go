package invoice_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoiceline"
	"github.com/leitstand/leitstand/server/ent/trainingcharge"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// seats records what the training domain records when a paid session is
// completed: an organization's seats on it, to be charged once.
func seats(t *testing.T, env *apptest.Env, org uuid.UUID, course string, day calendar.Date, n int, priceCents int64) uuid.UUID {
	t.Helper()
	r, err := env.DB.Client.TrainingCharge.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org).
		SetSessionID(uuid.Must(uuid.NewV7())).SetDescription(fmt.Sprintf("Schulung %s am %02d.%02d.%d", course, day.Day(), day.Month(), day.Year())).
		SetDay(day.String()).SetSeats(n).SetSeatPriceCents(priceCents).SetCurrency("EUR").SetCreateTime(env.Clock.Now()).
		Save(authz.System(t.Context()))
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

// trainingLines are the TRAINING lines issued to org, by billing date.
func trainingLines(t *testing.T, env *apptest.Env, org uuid.UUID) map[string][]*ent.InvoiceLine {
	t.Helper()
	sys := authz.System(t.Context())
	invs, err := env.DB.Client.Invoice.Query().Where(entinvoice.OrganizationID(org)).All(sys)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*ent.InvoiceLine{}
	for _, inv := range invs {
		lines := env.DB.Client.InvoiceLine.Query().Where(invoiceline.InvoiceID(inv.ID), invoiceline.Kind("TRAINING")).
			Order(invoiceline.ByPosition()).AllX(sys)
		if len(lines) > 0 {
			out[*inv.BillingDate] = lines
		}
	}
	return out
}

// charged is the invoice a training charge is marked invoiced on (nil:
// none yet) and when.
func charged(t *testing.T, env *apptest.Env, id uuid.UUID) *ent.TrainingCharge {
	t.Helper()
	return env.DB.Client.TrainingCharge.Query().Where(trainingcharge.ID(id)).OnlyX(authz.System(t.Context()))
}

// The seats of a completed session are one TRAINING line of the next
// invoice billed after its day, seats × seat price, and marked invoiced
// on it in the same change; a session completed on the billing date waits
// for the invoice after, and no invoice charges a charge twice.
func TestTrainingSeatsAreChargedOnceOnTheNextInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		if _, err := env.Invoices.Run(sys); err != nil { // 2026-03-14
			t.Fatal(err)
		}
		march := seats(t, env, org, "Datenschutz-Grundlagen", calendar.D(2026, time.March, 20), 3, 14900)
		april := seats(t, env, org, "Linux-Administration", calendar.D(2026, time.April, 14), 1, 39000)

		// The preview shows the seats and marks nothing.
		env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		pre, _, err := env.Invoices.Preview(sys, org, nil)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, l := range pre.Lines {
			kinds = append(kinds, l.Kind)
		}
		// 99 € base fee + 89 € service + 3 × 149 € = 635 €.
		if fmt.Sprint(kinds) != "[BASE_FEE SERVICE TRAINING]" || pre.NetCents != 63500 {
			t.Errorf("preview: lines %v, net %d", kinds, pre.NetCents)
		}
		if c := charged(t, env, march); c.InvoiceTime != nil || c.InvoiceID != nil {
			t.Errorf("a preview marked the charge invoiced: %+v", c)
		}

		r, err := env.Invoices.Run(sys)
		if err != nil || r.Invoices != 1 {
			t.Fatalf("run = %+v %v", r, err)
		}
		lines := trainingLines(t, env, org)
		l := lines["2026-04-14"]
		if len(lines) != 1 || len(l) != 1 {
			t.Fatalf("training lines %v, want one on the invoice of 2026-04-14", lines)
		}
		if l[0].Description != "Schulung Datenschutz-Grundlagen am 20.03.2026" || l[0].Quantity != 3 || l[0].Unit != "C62" ||
			l[0].UnitPriceCents != 14900 || l[0].BaseQuantity != 1 || l[0].NetCents != 44700 ||
			l[0].PeriodStart != "2026-03-20" || l[0].PeriodEnd != "2026-03-21" || l[0].WorkspaceID != nil {
			t.Errorf("training line %+v", l[0])
		}
		c := charged(t, env, march)
		if c.InvoiceID == nil || *c.InvoiceID != l[0].InvoiceID || c.InvoiceTime == nil || !c.InvoiceTime.Equal(env.Clock.Now()) {
			t.Errorf("charge %+v, want invoiced on %s now", c, l[0].InvoiceID)
		}
		if c := charged(t, env, april); c.InvoiceTime != nil {
			t.Errorf("the seats of the billing date itself were charged: %+v", c)
		}
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 0 {
			t.Errorf("a second run the same day = %+v %v", r, err)
		}

		// The next period charges the seats of 14 April, and those of
		// March no more.
		env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
		if _, err := env.Invoices.BillNow(sys, org); err != nil {
			t.Fatal(err)
		}
		lines = trainingLines(t, env, org)
		if len(lines) != 2 || len(lines["2026-04-14"]) != 1 || len(lines["2026-05-14"]) != 1 ||
			lines["2026-05-14"][0].Description != "Schulung Linux-Administration am 14.04.2026" || lines["2026-05-14"][0].NetCents != 39000 {
			t.Errorf("training lines after May: %v", lines)
		}
		if c := charged(t, env, april); c.InvoiceID == nil || *c.InvoiceID != lines["2026-05-14"][0].InvoiceID {
			t.Errorf("charge %+v, want invoiced on May's invoice", c)
		}
		env.Clock.Set(time.Date(2026, time.June, 14, 8, 0, 0, 0, time.UTC))
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if lines := trainingLines(t, env, org); len(lines) != 2 {
			t.Errorf("June charged training again: %v", lines)
		}
	})
}

// A preview of the run over several periods shows the seats on the first
// invoice due after their day only, and marks nothing.
func TestTheRunPreviewChargesSeatsOnOneInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		if _, err := env.Invoices.Run(sys); err != nil { // 2026-03-14
			t.Fatal(err)
		}
		id := seats(t, env, org, "Datenschutz-Grundlagen", calendar.D(2026, time.March, 20), 2, 14900)
		env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
		page, err := env.Invoices.PreviewRun(sys, calendar.D(2026, time.May, 14), 50, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, inv := range page.Invoices {
			got = append(got, fmt.Sprintf("%s %d", inv.BillingDate, inv.NetCents))
		}
		// 188 € a month, and 2 × 149 € in April.
		if fmt.Sprint(got) != "[2026-04-14 48600 2026-05-14 18800]" {
			t.Errorf("previewed %v", got)
		}
		if c := charged(t, env, id); c.InvoiceTime != nil {
			t.Errorf("a preview marked the charge invoiced: %+v", c)
		}
		// The run then bills what the preview showed.
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if lines := trainingLines(t, env, org); len(lines) != 1 || len(lines["2026-04-14"]) != 1 {
			t.Errorf("training lines %v, want one in April", lines)
		}
	})
}

// Runs of the same day at once charge each charge once.
func TestConcurrentRunsChargeSeatsOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		sys := authz.System(t.Context())
		var orgs, ids []uuid.UUID
		for i := range 4 {
			orgs = append(orgs, customer(t, env, p, fmt.Sprintf("Kunde %d", i)))
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		for i, org := range orgs {
			ids = append(ids, seats(t, env, org, "Backup & Restore", calendar.D(2026, time.March, 20+i), i+1, 12500),
				seats(t, env, org, "Datenschutz-Grundlagen", calendar.D(2026, time.April, 2), 1, 14900))
		}
		env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
		var wg sync.WaitGroup
		results := make([]invoice.RunResult, 3)
		errs := make([]error, len(results))
		for i := range results {
			wg.Go(func() { results[i], errs[i] = env.Invoices.Run(authz.System(t.Context())) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("run %d: %v", i, err)
			}
		}
		n := env.DB.Client.InvoiceLine.Query().Where(invoiceline.Kind("TRAINING")).CountX(sys)
		if n != len(ids) {
			t.Errorf("%d training lines, want %d: one per charge", n, len(ids))
		}
		for i, org := range orgs {
			lines := trainingLines(t, env, org)
			if len(lines) != 1 || len(lines["2026-04-14"]) != 2 || lines["2026-04-14"][0].Quantity != int64(i+1) {
				t.Errorf("%s: training lines %v, want both on April's invoice", org, lines)
			}
		}
		for _, id := range ids {
			if c := charged(t, env, id); c.InvoiceID == nil || c.InvoiceTime == nil {
				t.Errorf("charge %s not marked invoiced", id)
			}
		}
	})
}
