package payment_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// billed is an organization with a manual invoice of 1,000.00 € net
// (1,190.00 € gross), issued on 2026-03-02 and due 14 days later.
func billed(t *testing.T, env *apptest.Env, name string) (org uuid.UUID, inv *invoice.Invoice) {
	t.Helper()
	sys := authz.System(t.Context())
	if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
		t.Fatal(err)
	}
	env.Clock.Set(time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC))
	o := env.Org(t, name)
	inv, err := env.Invoices.Manual(sys, o.ID, []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62",
		UnitPriceCents: 100000}}, nil, nil, "Projekt", false)
	if err != nil {
		t.Fatal(err)
	}
	if inv.GrossCents != 119000 {
		t.Fatalf("gross %d, want 119000", inv.GrossCents)
	}
	return o.ID, inv
}

func receipt(inv *invoice.Invoice, amount int64) payment.Receipt {
	return payment.Receipt{Invoice: inv.ID, Method: payment.BankTransfer, AmountCents: amount, Currency: "EUR",
		ValueDate: calendar.D(2026, time.March, 2), Reference: inv.Number}
}

func status(t *testing.T, env *apptest.Env, id uuid.UUID) (string, int64) {
	t.Helper()
	inv, err := env.Invoices.Get(authz.System(t.Context()), id)
	if err != nil {
		t.Fatal(err)
	}
	return inv.Status, inv.PaidCents
}

// The invoice is PAID exactly when what its payments count reaches the
// gross amount: a cent short it is open, and a refund or a reversal opens
// it again (OVERDUE after its due date).
func TestAnInvoiceIsPaidExactlyWhenThePaymentsReachItsGross(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		first, settled, err := env.Payments.Record(op, receipt(inv, 118999), false)
		if err != nil {
			t.Fatal(err)
		}
		if settled.Status != invoice.StatusIssued || settled.PaidCents != 118999 {
			t.Errorf("a cent short: %+v, want ISSUED with 118999 paid", settled)
		}
		_, settled, err = env.Payments.Record(op, receipt(inv, 1), false)
		if err != nil || settled.Status != invoice.StatusPaid || settled.PaidCents != 119000 {
			t.Fatalf("the last cent: %+v %v, want PAID", settled, err)
		}
		if st, paid := status(t, env, inv.ID); st != invoice.StatusPaid || paid != 119000 {
			t.Errorf("invoice %s with %d paid", st, paid)
		}
		// A refund of 10 € opens it again; past its due date it is overdue.
		env.Clock.Set(time.Date(2026, time.April, 1, 9, 0, 0, 0, time.UTC))
		p, err := env.Payments.Refund(op, first.ID, 1000, "Gutschrift Ausfall")
		if err != nil || p.RefundedCents != 1000 || p.Status != payment.Succeeded {
			t.Fatalf("refund = %+v %v", p, err)
		}
		if st, paid := status(t, env, inv.ID); st != invoice.StatusOverdue || paid != 118000 {
			t.Errorf("after the refund: %s with %d paid, want OVERDUE with 118000", st, paid)
		}
		// The rest of that payment refunded: it is REFUNDED and counts nothing.
		if p, err = env.Payments.Refund(op, first.ID, 0, "Storniert"); err != nil || p.Status != payment.Refunded || p.RefundedCents != 118999 {
			t.Fatalf("refund the rest = %+v %v", p, err)
		}
		if _, paid := status(t, env, inv.ID); paid != 1 {
			t.Errorf("%d paid, want the 1 cent left", paid)
		}
		// Paid again in full, then that payment reversed: open again.
		again, _, err := env.Payments.Record(op, receipt(inv, 118999), false)
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := status(t, env, inv.ID); st != invoice.StatusPaid {
			t.Errorf("paid again: %s", st)
		}
		if p, err = env.Payments.Reverse(op, again.ID, "falsche Rechnung"); err != nil || p.Status != payment.Reversed {
			t.Fatalf("reverse = %+v %v", p, err)
		}
		if st, paid := status(t, env, inv.ID); st != invoice.StatusOverdue || paid != 1 {
			t.Errorf("after the reversal: %s with %d paid, want OVERDUE with 1", st, paid)
		}
		if got := env.Events(t, func(e audit.Entry) bool { return e.TargetType == "payment" }); len(got) != 6 {
			t.Errorf("%d payment events audited, want each change", len(got))
		}
	})
}

// Two payments that arrive at the same moment are both counted.
func TestPaymentsArrivingTogetherAreBothCounted(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		_, inv := billed(t, env, "Acme")
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() { _, _, errs[i] = env.Payments.Record(op, receipt(inv, 59500), false) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if st, paid := status(t, env, inv.ID); st != invoice.StatusPaid || paid != 119000 {
			t.Errorf("%s with %d paid, want PAID with 119000", st, paid)
		}
	})
}

// What is paid beyond the gross amount, and what was paid for an invoice
// cancelled since, is the organization's credit.
func TestAnOverpaymentIsTheOrganizationsCredit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org, inv := billed(t, env, "Acme")
		sys := authz.System(t.Context())
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		second, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62",
			UnitPriceCents: 50000}}, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		bal := func() payment.Balance {
			t.Helper()
			list, err := env.Payments.Balances(op, org)
			if err != nil || len(list) != 1 {
				t.Fatalf("balances = %+v %v", list, err)
			}
			return list[0]
		}
		if b := bal(); b.OpenCents != 119000+59500 || b.OpenInvoices != 2 || b.CreditCents != 0 {
			t.Errorf("before paying: %+v", b)
		}
		if _, _, err := env.Payments.Record(op, receipt(inv, 121500), false); err != nil {
			t.Fatal(err)
		}
		if b := bal(); b.CreditCents != 2500 || b.OpenCents != 59500 || b.OpenInvoices != 1 {
			t.Errorf("after paying 25 € too much: %+v, want 2500 credit and the second invoice open", b)
		}
		// Half of the second paid, then it is cancelled: what was paid is credit.
		if _, _, err := env.Payments.Record(op, receipt(second, 20000), false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Invoices.Cancel(sys, second.ID, "doppelt berechnet"); err != nil {
			t.Fatal(err)
		}
		if b := bal(); b.CreditCents != 22500 || b.OpenCents != 0 {
			t.Errorf("after the cancellation: %+v, want 22500 credit and nothing open", b)
		}
	})
}

// What cannot be recorded is refused with the reason, and nothing changes.
func TestAPaymentThatCannotBeRecordedChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org, inv := billed(t, env, "Acme")
		sys := authz.System(t.Context())
		op := env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		paid, _, err := env.Payments.Record(op, receipt(inv, 1000), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Payments.Refund(op, paid.ID, 400, "Teilgutschrift"); err != nil {
			t.Fatal(err)
		}
		other, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62",
			UnitPriceCents: 50000}}, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		_, cancellation, err := env.Invoices.Cancel(sys, other.ID, "doppelt")
		if err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		future := receipt(inv, 100)
		future.ValueDate = calendar.D(2026, time.March, 3)
		dollars := receipt(inv, 100)
		dollars.Currency = "USD"
		stripe := receipt(inv, 100)
		stripe.Method = payment.Stripe
		for name, c := range map[string]struct {
			err  error
			call func() error
		}{
			"a cancelled invoice": {apierr.ErrFailedPrecondition, func() error {
				_, _, err := env.Payments.Record(op, receipt(&invoice.Invoice{ID: other.ID}, 100), false)
				return err
			}},
			"a cancellation invoice": {apierr.ErrFailedPrecondition, func() error {
				_, _, err := env.Payments.Record(op, receipt(cancellation, 100), false)
				return err
			}},
			"another currency": {apierr.ErrInvalidArgument, func() error { _, _, err := env.Payments.Record(op, dollars, false); return err }},
			"a value date after today": {apierr.ErrInvalidArgument, func() error {
				_, _, err := env.Payments.Record(op, future, false)
				return err
			}},
			"a provider's method": {apierr.ErrInvalidArgument, func() error { _, _, err := env.Payments.Record(op, stripe, false); return err }},
			"an unknown invoice": {apierr.ErrNotFound, func() error {
				_, _, err := env.Payments.Record(op, receipt(&invoice.Invoice{ID: uuid.Must(uuid.NewV7())}, 100), false)
				return err
			}},
			"more than is left to refund": {apierr.ErrInvalidArgument, func() error {
				_, err := env.Payments.Refund(op, paid.ID, 601, "zu viel")
				return err
			}},
			"reversing a payment refunded in part": {apierr.ErrFailedPrecondition, func() error {
				_, err := env.Payments.Reverse(op, paid.ID, "falsch")
				return err
			}},
			"a refund without a reason": {apierr.ErrInvalidArgument, func() error { _, err := env.Payments.Refund(op, paid.ID, 1, " "); return err }},
			"only checking":             {nil, func() error { _, _, err := env.Payments.Record(op, receipt(inv, 118000), true); return err }},
		} {
			if err := c.call(); !errors.Is(err, c.err) && !(c.err == nil && err == nil) {
				t.Errorf("%s: %v, want %v", name, err, c.err)
			}
		}
		if after := env.Fingerprint(t); after != before {
			t.Errorf("a refused call changed something:\n%s\n%s", before, after)
		}
	})
}
