package payment_test

import (
	"errors"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A statement's credits are matched to the open invoices by the numbers
// their remittance texts name: one named and paid in full or in part is
// recorded as a bank transfer; one naming several invoices, or none (even
// with an amount some invoice is open for), waits for staff; a debit pays
// nothing. The same file is not imported twice, and an entry of an
// earlier statement is left out of a later one.
func TestABankStatementPaysTheInvoicesItsCreditsName(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org, first := billed(t, env, "Acme")
		sys := authz.System(t.Context())
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		manual := func(cents int64) *invoice.Invoice {
			inv, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62",
				UnitPriceCents: cents}}, nil, nil, "Schulung", false)
			if err != nil {
				t.Fatal(err)
			}
			return inv
		}
		second, third := manual(50000), manual(20000) // 595,00 € and 238,00 €
		account := demo.PlatformSettings.Bank.IBAN
		day := calendar.D(2026, time.March, 2)
		file := demo.CAMT053(account, "STMT-1", time.Date(2026, time.March, 3, 6, 0, 0, 0, time.UTC), []demo.Booking{
			{Ref: "A1", Day: day, AmountCents: 119000, Remittance: "Rechnung " + first.Number + " Acme", Name: "Acme GmbH"},
			{Ref: "A2", Day: day, AmountCents: 30000, Remittance: "Anzahlung " + second.Number, Name: "Acme GmbH"},
			{Ref: "A3", Day: day, AmountCents: 83300, Remittance: second.Number + " und " + third.Number, Name: "Acme GmbH"},
			{Ref: "A4", Day: day, AmountCents: 23800, Remittance: "Danke für die Schulung", Name: "Acme GmbH"},
			{Ref: "A5", Day: day, AmountCents: -4590, Remittance: "Strom März", Name: "Stadtwerke"},
		})
		before := env.Fingerprint(t)
		st, lines, err := env.Payments.Import(op, "maerz.xml", file, true)
		if err != nil || st.Matched != 2 || st.Unmatched != 2 || st.Ignored != 1 || len(lines) != 5 {
			t.Fatalf("validate only = %+v %d lines %v", st, len(lines), err)
		}
		if env.Fingerprint(t) != before {
			t.Error("validating a statement changed something")
		}
		st, lines, err = env.Payments.Import(op, "maerz.xml", file, false)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct{ status, match string }{
			{payment.LineMatched, "EXACT"}, {payment.LineMatched, "PARTIAL"}, {payment.LineUnmatched, "AMBIGUOUS"},
			{payment.LineUnmatched, "UNKNOWN"}, {payment.LineIgnored, "IGNORED"},
		}
		for i, w := range want {
			if lines[i].Status != w.status || lines[i].Match != w.match {
				t.Errorf("entry %d: %s %s (%s), want %s %s", i+1, lines[i].Status, lines[i].Match, lines[i].Why, w.status, w.match)
			}
		}
		if len(lines[2].Candidates) != 2 {
			t.Errorf("the ambiguous credit names %d candidates, want 2", len(lines[2].Candidates))
		}
		if s, paid := status(t, env, first.ID); s != invoice.StatusPaid || paid != 119000 {
			t.Errorf("first invoice %s with %d paid", s, paid)
		}
		if s, paid := status(t, env, second.ID); s != invoice.StatusIssued || paid != 30000 {
			t.Errorf("second invoice %s with %d paid, want ISSUED with 30000", s, paid)
		}
		if s, paid := status(t, env, third.ID); s != invoice.StatusIssued || paid != 0 {
			t.Errorf("third invoice %s with %d paid: an amount alone must not match", s, paid)
		}

		// The same file again: refused, nothing changes.
		before = env.Fingerprint(t)
		if _, _, err := env.Payments.Import(op, "maerz-kopie.xml", file, false); !errors.Is(err, apierr.ErrAlreadyExists) {
			t.Errorf("the same file again = %v, want already exists", err)
		}
		// A statement of an account no settings name.
		other := demo.CAMT053("DE02120300000000202051", "STMT-X", time.Date(2026, time.March, 3, 6, 0, 0, 0, time.UTC),
			[]demo.Booking{{Ref: "X1", Day: day, AmountCents: 100, Remittance: first.Number}})
		if _, _, err := env.Payments.Import(op, "fremd.xml", other, false); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("another account = %v, want failed precondition", err)
		}
		if _, _, err := env.Payments.Import(op, "kaputt.xml", []byte("<Document/>"), false); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("not a statement = %v, want invalid argument", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused import changed something")
		}

		// The next day's statement repeats the first entry: left out.
		next := demo.CAMT053(account, "STMT-2", time.Date(2026, time.March, 4, 6, 0, 0, 0, time.UTC), []demo.Booking{
			{Ref: "A1", Day: day, AmountCents: 119000, Remittance: "Rechnung " + first.Number + " Acme", Name: "Acme GmbH"},
			{Ref: "B1", Day: day.AddDays(1), AmountCents: 29500, Remittance: second.Number + " Rest", Name: "Acme GmbH"},
		})
		st, lines, err = env.Payments.Import(op, "maerz-2.xml", next, false)
		if err != nil || st.Duplicates != 1 || len(lines) != 1 || lines[0].Match != "EXACT" {
			t.Fatalf("the next statement = %+v %+v %v", st, lines, err)
		}
		if s, _ := status(t, env, second.ID); s != invoice.StatusPaid {
			t.Errorf("second invoice %s after the rest, want PAID", s)
		}

		// Staff assign the ambiguous credit and set the unknown one aside.
		queue, err := env.Payments.Lines(op, payment.LineFilter{Statuses: []string{payment.LineUnmatched}})
		if err != nil || len(queue.Lines) != 2 {
			t.Fatalf("the queue = %+v %v", queue, err)
		}
		var ambiguous, unknown payment.Line
		for _, l := range queue.Lines {
			if l.Match == "AMBIGUOUS" {
				ambiguous = l
			} else {
				unknown = l
			}
		}
		if _, err := env.Payments.Assign(op, ambiguous.ID, second.ID, "  "); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("assign without a reason = %v", err)
		}
		l, err := env.Payments.Assign(op, ambiguous.ID, third.ID, "Kunde hat telefonisch bestätigt: Schulung")
		if err != nil || l.Status != payment.LineMatched || l.PaymentID == nil || l.InvoiceNumber != third.Number {
			t.Fatalf("assign = %+v %v", l, err)
		}
		if s, paid := status(t, env, third.ID); s != invoice.StatusPaid || paid != 83300 {
			t.Errorf("third invoice %s with %d paid, want PAID with the whole credit", s, paid)
		}
		if l, err = env.Payments.Ignore(op, unknown.ID, "Rückerstattung eines Lieferanten"); err != nil || l.Status != payment.LineIgnored {
			t.Fatalf("ignore = %+v %v", l, err)
		}
		if _, err := env.Payments.Assign(op, unknown.ID, third.ID, "doch"); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("assign a resolved entry = %v, want failed precondition", err)
		}
		list, _, err := env.Payments.Statements(op, 0, "")
		if err != nil || len(list) != 2 || list[1].Matched != 3 || list[1].Unmatched != 0 || list[1].Ignored != 2 {
			t.Errorf("statements = %+v %v", list, err)
		}
	})
}

// A statement's account decides whose invoices it pays: when two billing
// entities' settings name the same account, the import is refused rather
// than guessed.
func TestAStatementOfAnAccountTwoEntitiesNameIsRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		_, reseller := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		if _, _, err := env.Settings.Update(env.As(t, reseller), demo.PlatformSettings, []string{"company", "tax", "bank"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		file := demo.CAMT053(demo.PlatformSettings.Bank.IBAN, "S", env.Clock.Now(), []demo.Booking{
			{Ref: "1", Day: calendar.D(2026, time.March, 2), AmountCents: 119000, Remittance: inv.Number}})
		before := env.Fingerprint(t)
		if _, _, err := env.Payments.Import(op, "s.xml", file, false); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("import = %v, want failed precondition", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused import changed something")
		}
		// The reseller's own staff import it as theirs: it names no invoice of theirs.
		st, _, err := env.Payments.Import(env.As(t, reseller), "s.xml", file, false)
		if err != nil || st.Unmatched != 1 {
			t.Errorf("the reseller's import = %+v %v", st, err)
		}
	})
}
