package partner_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/partner"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestCommissionRoundsHalfAwayFromZero(t *testing.T) {
	for _, c := range []struct {
		net  int64
		bp   int
		want int64
	}{
		{10000, 1500, 1500}, {333, 1500, 50}, {3333, 1500, 500}, {10, 1250, 1}, {4, 1250, 1}, {3, 1250, 0},
		{-333, 1500, -50}, {0, 1500, 0}, {999999999, 10000, 999999999},
	} {
		if got := partner.CommissionOf(c.net, c.bp); got != c.want {
			t.Errorf("CommissionOf(%d, %d) = %d, want %d", c.net, c.bp, got, c.want)
		}
	}
}

// A partner refers an organization: each invoice it is issued from then on
// and pays in full earns the partner its rate of the net amount, once,
// however often the job runs; one cancelled later is clawed back; an
// invoice not paid in full earns nothing. Payouts are at most the
// balance. The partner's member administering the referral makes it run
// from outside.
func TestTheReferralLedger(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		env.Issuer(t)
		basis := env.Plan(t, "Basis", 20, plan.Terms{MonthlyFeeCents: 4900})
		agency, customer := env.Customer(t, "Agentur Nord", basis), env.Customer(t, "Bäckerei Kühl", basis)
		before, err := env.Invoices.Manual(sys, customer, []invoice.ManualLine{{Description: "Vorher", Quantity: 1, Unit: "C62", UnitPriceCents: 10000}}, nil, nil, "vor der Empfehlung", false)
		if err != nil {
			t.Fatal(err)
		}
		pay := func(inv *invoice.Invoice, cents int64) *payment.Payment {
			t.Helper()
			p, _, err := env.Payments.Record(sys, payment.Receipt{Invoice: inv.ID, Method: payment.BankTransfer, AmountCents: cents,
				Currency: inv.Currency, ValueDate: inv.IssueDate, Reference: inv.Number}, false)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		pay(before, before.GrossCents)

		if _, err := env.Partners.SetReferral(sys, customer, &agency, "empfohlen"); !atField(err, "partner_id") {
			t.Errorf("a referral by an organization that is no partner = %v", err)
		}
		if _, err := env.Partners.Set(sys, agency, true, 1500, "Partnervertrag"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Partners.SetReferral(sys, agency, &agency, "selbst"); !atField(err, "partner_id") {
			t.Errorf("a partner referring itself = %v", err)
		}
		env.Clock.Advance(time.Minute)
		if _, err := env.Partners.SetReferral(sys, customer, &agency, "empfohlen"); err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(time.Minute)
		manual := func(cents int64) *invoice.Invoice {
			t.Helper()
			inv, err := env.Invoices.Manual(sys, customer, []invoice.ManualLine{{Description: "Leistung", Quantity: 1, Unit: "C62",
				UnitPriceCents: cents}}, nil, nil, "Leistung", false)
			if err != nil {
				t.Fatal(err)
			}
			return inv
		}
		paid, partly, later := manual(3333), manual(20000), manual(10000)
		pay(paid, paid.GrossCents)
		pay(partly, partly.GrossCents-1)
		pay(later, later.GrossCents)
		for range 2 {
			if _, err := env.Partners.BookCommissions(sys); err != nil {
				t.Fatal(err)
			}
		}
		p, err := env.Partners.One(sys, agency)
		if err != nil {
			t.Fatal(err)
		}
		// 15 % of 33.33 € (5.00 €) and of 100.00 € (15.00 €); not the
		// invoice before the referral, not the one paid in part.
		if p.EarnedCents != 2000 || p.Referrals != 1 || !p.Active || p.RateBP != 1500 {
			t.Errorf("partner = %+v, want 20.00 € earned", p)
		}
		if _, _, err := env.Invoices.Cancel(sys, later.ID, "Doppelt berechnet"); err != nil {
			t.Fatal(err)
		}
		if b, err := env.Partners.BookCommissions(sys); err != nil || b.Clawbacks != 1 || b.Commissions != 0 {
			t.Errorf("after the cancellation: %+v %v", b, err)
		}
		if b, _ := env.Partners.BookCommissions(sys); b.Clawbacks != 0 {
			t.Errorf("a second run clawed back again: %+v", b)
		}
		// A payment reversed takes the commission back; paid again, the
		// invoice earns again.
		reversed := manual(20000)
		first := pay(reversed, reversed.GrossCents)
		if b, _ := env.Partners.BookCommissions(sys); b.Commissions != 1 {
			t.Fatalf("the new invoice: %+v", b)
		}
		if _, err := env.Payments.Reverse(sys, first.ID, "falsch zugeordnet"); err != nil {
			t.Fatal(err)
		}
		if b, _ := env.Partners.BookCommissions(sys); b.Clawbacks != 1 {
			t.Errorf("after the reversal: %+v", b)
		}
		pay(reversed, reversed.GrossCents)
		if b, _ := env.Partners.BookCommissions(sys); b.Commissions != 1 {
			t.Errorf("paid again: %+v", b)
		}
		if p, _ := env.Partners.One(sys, agency); p.EarnedCents != 500+3000 {
			t.Errorf("earned after the reversal and the second payment = %d, want 5.00 € + 30.00 €", p.EarnedCents)
		}
		today := calendar.On(env.Clock.Now(), time.UTC)
		if _, _, err := env.Partners.RecordPayout(sys, agency, 3501, today, "GS-1", ""); !atField(err, "amount_cents") {
			t.Errorf("a payout above the balance of 35.00 € = %v", err)
		}
		if _, _, err := env.Partners.RecordPayout(sys, agency, 100, today.AddDays(2), "GS-1", ""); !atField(err, "paid_on") {
			t.Errorf("a payout the day after tomorrow = %v", err)
		}
		if _, _, err := env.Partners.RecordPayout(sys, agency, 100, today, strings.Repeat("ä", 141), ""); !atField(err, "reference") {
			t.Errorf("a reference of 141 characters = %v", err)
		}
		line, after, err := env.Partners.RecordPayout(sys, agency, 3500, today, strings.Repeat("ä", 140), "Oktober")
		if err != nil || line.AmountCents != -3500 || after.BalanceCents() != 0 || after.PaidOutCents != 3500 {
			t.Errorf("payout = %+v %+v %v", line, after, err)
		}
		var all []partner.Line
		for token := ""; ; {
			page, err := env.Partners.Ledger(sys, agency, 2, token)
			if err != nil || len(page.Lines) > 2 {
				t.Fatalf("ledger page = %+v %v", page, err)
			}
			all = append(all, page.Lines...)
			if token = page.NextPageToken; token == "" {
				break
			}
		}
		kinds := map[string]int64{}
		for _, l := range all {
			kinds[l.Kind] += l.AmountCents
		}
		if len(all) != 7 || kinds[partner.Commission] != 2000+3000+3000 || kinds[partner.Clawback] != -1500-3000 || kinds[partner.Payout] != -3500 {
			t.Errorf("ledger: %d lines, sums by kind %v", len(all), kinds)
		}

		// The customer's only owner joins the agency: run from outside.
		boss := env.User(t, "chef@kuehl.example", authz.RoleUser)
		env.Member(t, customer, boss.ID, organization.RoleOwner)
		if led, err := env.Partners.ExternalLed(sys, nil); err != nil || len(led) != 0 {
			t.Errorf("external-led before = %+v %v", led, err)
		}
		env.Member(t, agency, boss.ID, organization.RoleMember)
		led, err := env.Partners.ExternalLed(sys, nil)
		if err != nil || len(led) != 1 || led[0].Organization != customer || led[0].PartnerName != "Agentur Nord" || !led[0].Referred {
			t.Errorf("external-led = %+v %v", led, err)
		}
		// Ending the partnership keeps the ledger; it earns nothing more.
		if _, err := env.Partners.Set(sys, agency, false, 0, "Vertrag beendet"); err != nil {
			t.Fatal(err)
		}
		more := manual(10000)
		pay(more, more.GrossCents)
		if b, _ := env.Partners.BookCommissions(sys); b.Commissions != 0 {
			t.Errorf("a former partner earned %+v", b)
		}
		if all, err := env.Partners.List(sys, true); err != nil || len(all) != 1 || all[0].Active || all[0].EarnedCents != 3500 {
			t.Errorf("partners with the former = %+v %v", all, err)
		}
		if now, _ := env.Partners.List(sys, false); len(now) != 0 {
			t.Errorf("current partners = %+v", now)
		}
		if _, _, err := env.Partners.RecordPayout(sys, agency, 1, today, "", ""); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("a payout beyond a zero balance = %v", err)
		}
		// A partner again, at a higher rate: what was paid meanwhile earns
		// nothing, what is paid from now on earns at the new rate.
		env.Clock.Advance(time.Minute)
		if _, err := env.Partners.Set(sys, agency, true, 5000, "neuer Vertrag"); err != nil {
			t.Fatal(err)
		}
		if b, _ := env.Partners.BookCommissions(sys); b.Commissions != 0 {
			t.Errorf("the invoice paid while it was no partner earned: %+v", b)
		}
		env.Clock.Advance(time.Minute)
		last := manual(10000)
		pay(last, last.GrossCents)
		if b, _ := env.Partners.BookCommissions(sys); b.Commissions != 1 {
			t.Errorf("paid under the new terms: %+v", b)
		}
		if p, _ := env.Partners.One(sys, agency); p.EarnedCents != 3500+5000 {
			t.Errorf("earned = %d, want 35.00 € + 50 %% of 100.00 €", p.EarnedCents)
		}
	})
}

// A partner refers organizations of its own billing entity only: its
// ledger would show their invoices to the other entity.
func TestAPartnerRefersWithinItsBillingEntity(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		reseller := env.Reseller(t, "Partner Süd")
		theirs := env.ResellerOrg(t, reseller, "Agentur des Partners")
		if _, err := env.Partners.Set(sys, theirs, true, 1000, "Partnervertrag"); err != nil {
			t.Fatal(err)
		}
		ours := env.Org(t, "Kunde der Plattform").ID
		if _, err := env.Partners.SetReferral(sys, ours, &theirs, "empfohlen"); !atField(err, "partner_id") {
			t.Errorf("a referral across billing entities = %v", err)
		}
	})
}

// atField reports whether err is InvalidArgument at field.
func atField(err error, field string) bool {
	e, ok := apierr.As(err)
	return ok && e.Kind == apierr.KindInvalidArgument && len(e.Fields) > 0 && e.Fields[0].Field == field
}
