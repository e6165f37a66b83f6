package billingentity_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A reseller sells the licensee's item under an offer: its customer books
// at the offer's price and is invoiced at it, under the reseller's number
// range. The wholesale report reprices what was invoiced at the licensee's
// price of the booking (a later change of the licensee's price does not
// reach it), the reseller's own items stay out of it, and a cancellation
// takes both amounts back.
func TestAResellersCustomerPaysTheOfferAndTheLicenseeItsOwnPrice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		env.Issuer(t)
		premium := env.Plan(t, "Premium", 30, plan.Terms{})
		item, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud M", Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		nordhost, owner := env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		quiet, _ := env.ResellerOwner(t, "Südcloud", "owner@suedcloud.example")
		set := demo.PlatformSettings
		set.Invoice.NumberPrefix = "NH-"
		if _, _, err := env.Settings.Update(tenancy.OnBehalfOf(sys, nordhost), set, []string{"company", "tax", "bank", "invoice"}, ""); err != nil {
			t.Fatal(err)
		}
		as := env.As(t, owner)

		// Bad offers change nothing.
		_, err = env.Catalog.CreateOffer(as, item.ID, catalog.OfferValues{MonthlyPriceCents: -1}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "monthly_price_cents")
		_, err = env.Catalog.CreateOffer(as, item.ID, catalog.OfferValues{MinimumTermMonths: 61}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "minimum_term_months")
		_, err = env.Catalog.CreateOffer(sys, item.ID, catalog.OfferValues{MonthlyPriceCents: 100}, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		own, err := env.Catalog.Create(as, catalog.Values{Name: "Website-Check", Category: catalog.CategoryS, MonthlyPriceCents: 4900, Bookable: true}, "")
		if err != nil || own.BillingEntity != nordhost {
			t.Fatalf("the reseller's own item: %+v %v", own, err)
		}
		_, err = env.Catalog.CreateOffer(as, own.ID, catalog.OfferValues{MonthlyPriceCents: 100}, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		_, err = env.Catalog.Update(as, item.ID, catalog.Values{MonthlyPriceCents: 1}, []string{"monthly_price_cents"}, "")
		apptest.WantErr(t, err, apierr.ErrPermissionDenied)

		offer, err := env.Catalog.CreateOffer(as, item.ID, catalog.OfferValues{MonthlyPriceCents: 10900, MinimumTermMonths: 12,
			NoticePeriodDays: 30, Bookable: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = env.Catalog.CreateOffer(as, item.ID, catalog.OfferValues{MonthlyPriceCents: 9900}, "")
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)

		o, err := env.Orgs.Create(as, organization.Values{Name: "Fischmarkt Digital", Address: organization.Address{
			Line1: "Große Elbstraße 3", PostalCode: "22767", City: "Hamburg", CountryCode: "DE"}}, premium, "")
		if err != nil {
			t.Fatal(err)
		}
		ws, err := env.Orgs.CreateWorkspace(as, o.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		bookable, err := env.Catalog.BookableForOrganization(as, o.ID)
		if err != nil || len(bookable) != 2 {
			t.Fatalf("bookable = %+v %v, want the offer and the own item", bookable, err)
		}
		for _, b := range bookable {
			want := map[uuid.UUID]int64{item.ID: 10900, own.ID: 4900}[b.Item.ID]
			if b.Price.MonthlyPriceCents != want {
				t.Errorf("%s bookable at %d, want %d", b.Item.Name, b.Price.MonthlyPriceCents, want)
			}
		}
		svc, err := env.Services.Book(as, item.ID, ws.ID, "", "")
		if err != nil || svc.MonthlyPriceCents != 10900 {
			t.Fatalf("booked %+v %v, want the offer's 109 €", svc, err)
		}
		if _, err := env.Services.Book(as, own.ID, ws.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		// The licensee's new price applies to new bookings only; the
		// reseller's new price too.
		if _, err := env.Catalog.Update(sys, item.ID, catalog.Values{MonthlyPriceCents: 9900}, []string{"monthly_price_cents"}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Catalog.UpdateOffer(as, offer.ID, catalog.OfferValues{MonthlyPriceCents: 11900}, []string{"monthly_price_cents"}, ""); err != nil {
			t.Fatal(err)
		}

		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		invs, err := env.Invoices.ForOrganization(sys, o.ID)
		if err != nil || len(invs) != 1 {
			t.Fatalf("invoices = %+v %v", invs, err)
		}
		inv := invs[0]
		if inv.IssuerID != nordhost || inv.Number[:3] != "NH-" || inv.NetCents != 10900+4900 {
			t.Errorf("invoice %s by %s for %d cents, want Nordhost's NH- range at 109 € + 49 €", inv.Number, inv.IssuerID, inv.NetCents)
		}

		report := func(ctx context.Context, be uuid.UUID) *billingentity.WholesaleReport {
			t.Helper()
			r, err := env.BillingEntities.Wholesale(ctx, be, "2026-03", "2026-03")
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		r := report(sys, uuid.Nil)
		if len(r.Totals) != 2 || r.Totals[0].BillingEntity != nordhost || r.Totals[1].BillingEntity != quiet {
			t.Fatalf("totals = %+v, want Nordhost and Südcloud by name", r.Totals)
		}
		if got := r.Totals[0]; got.WholesaleCents != 8900 || got.ResaleCents != 10900 {
			t.Errorf("Nordhost's total = %+v, want 89 € at the licensee's price of the booking against 109 € invoiced", got)
		}
		if got := r.Totals[1]; got.WholesaleCents != 0 || got.ResaleCents != 0 {
			t.Errorf("Südcloud's total = %+v, want nothing", got)
		}
		if len(r.Rows) != 1 || r.Rows[0].Item != item.ID || r.Rows[0].Organization != o.ID || r.Rows[0].Services != 1 {
			t.Errorf("rows = %+v, want the one offered item of Fischmarkt Digital", r.Rows)
		}
		if r.Period.Start.String() != "2026-03-01" || r.Period.End.String() != "2026-04-01" {
			t.Errorf("period = %s", r.Period)
		}

		// The reseller reads its own report; another's is not found.
		if mine := report(as, uuid.Nil); len(mine.Totals) != 1 || mine.Totals[0].WholesaleCents != 8900 {
			t.Errorf("Nordhost's own report = %+v", mine.Totals)
		}
		_, err = env.BillingEntities.Wholesale(as, quiet, "2026-03", "2026-03")
		apptest.WantErr(t, err, apierr.ErrNotFound)
		_, err = env.BillingEntities.Wholesale(sys, uuid.Nil, "2026-03", "2028-04")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "last_month")

		// A cancellation takes back what the invoice charged.
		env.Clock.Set(time.Date(2026, time.March, 20, 9, 0, 0, 0, time.UTC))
		if _, _, err := env.Invoices.Cancel(sys, inv.ID, "falsche Anschrift"); err != nil {
			t.Fatal(err)
		}
		r = report(sys, nordhost)
		if got := r.Totals[0]; got.WholesaleCents != 0 || got.ResaleCents != 0 {
			t.Errorf("after the cancellation = %+v, want nothing", got)
		}
	})
}

// A report that names no month covers the current month by the server's
// clock in the platform's time zone (the licensee's invoice calendar, not
// UTC's nor the browser's); one month named alone is that month.
func TestWholesaleWithoutMonthsCoversTheClocksMonth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		period := func(first, last string) string {
			t.Helper()
			r, err := env.BillingEntities.Wholesale(sys, uuid.Nil, first, last)
			if err != nil {
				t.Fatal(err)
			}
			return r.Period.Start.String() + "–" + r.Period.End.String()
		}
		env.Clock.Set(time.Date(2026, time.July, 14, 12, 0, 0, 0, time.UTC))
		if got := period("", ""); got != "2026-07-01–2026-08-01" {
			t.Errorf("no months in July: %s", got)
		}
		if got := period("2026-02", ""); got != "2026-02-01–2026-03-01" {
			t.Errorf("the first month alone: %s", got)
		}
		if got := period("", "2025-11"); got != "2025-11-01–2025-12-01" {
			t.Errorf("the last month alone: %s", got)
		}

		// 31 July, 22:30 UTC is 1 August, 00:30 in Berlin, the default
		// time zone of the platform's invoice calendar.
		env.Clock.Set(time.Date(2026, time.July, 31, 22, 30, 0, 0, time.UTC))
		if got := period("", ""); got != "2026-08-01–2026-09-01" {
			t.Errorf("no months just after midnight in Berlin: %s, want August", got)
		}
		// In New York it is still July.
		set := demo.PlatformSettings
		set.Invoice.TimeZone = "America/New_York"
		if _, _, err := env.Settings.Update(sys, set, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		if got := period("", ""); got != "2026-07-01–2026-08-01" {
			t.Errorf("no months in New York's July: %s, want July", got)
		}

		_, err := env.BillingEntities.Wholesale(sys, uuid.Nil, "2026-13", "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "first_month")
	})
}
