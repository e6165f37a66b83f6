package partner_test

import (
	"errors"
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
		pay := func(inv *invoice.Invoice, cents int64) {
			t.Helper()
			if _, _, err := env.Payments.Record(sys, payment.Receipt{Invoice: inv.ID, Method: payment.BankTransfer, AmountCents: cents,
				Currency: inv.Currency, ValueDate: inv.IssueDate, Reference: inv.Number}, false); err != nil {
				t.Fatal(err)
			}
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
		today := calendar.On(env.Clock.Now(), time.UTC)
		if _, _, err := env.Partners.RecordPayout(sys, agency, 501, today, "GS-1", ""); !atField(err, "amount_cents") {
			t.Errorf("a payout above the balance of 5.00 € = %v", err)
		}
		line, after, err := env.Partners.RecordPayout(sys, agency, 500, today, "GS-1", "Oktober")
		if err != nil || line.AmountCents != -500 || after.BalanceCents() != 0 || after.PaidOutCents != 500 {
			t.Errorf("payout = %+v %+v %v", line, after, err)
		}
		page, err := env.Partners.Ledger(sys, agency, 2, "")
		if err != nil || len(page.Lines) != 2 || page.NextPageToken == "" {
			t.Fatalf("ledger page 1 = %+v %v", page, err)
		}
		rest, err := env.Partners.Ledger(sys, agency, 2, page.NextPageToken)
		if err != nil || len(rest.Lines) != 2 || rest.NextPageToken != "" {
			t.Fatalf("ledger page 2 = %+v %v", rest, err)
		}
		kinds := map[string]int64{}
		for _, l := range append(page.Lines, rest.Lines...) {
			kinds[l.Kind] += l.AmountCents
		}
		if kinds[partner.Commission] != 2000 || kinds[partner.Clawback] != -1500 || kinds[partner.Payout] != -500 {
			t.Errorf("ledger sums by kind = %v", kinds)
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
		if all, err := env.Partners.List(sys, true); err != nil || len(all) != 1 || all[0].Active || all[0].EarnedCents != 500 {
			t.Errorf("partners with the former = %+v %v", all, err)
		}
		if now, _ := env.Partners.List(sys, false); len(now) != 0 {
			t.Errorf("current partners = %+v", now)
		}
		if _, _, err := env.Partners.RecordPayout(sys, agency, 1, today, "", ""); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("a payout beyond a zero balance = %v", err)
		}
	})
}

// atField reports whether err is InvalidArgument at field.
func atField(err error, field string) bool {
	e, ok := apierr.As(err)
	return ok && e.Kind == apierr.KindInvalidArgument && len(e.Fields) > 0 && e.Fields[0].Field == field
}
