package dunning_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	billingmail "github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/dunning"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/smtptest"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// fixture is an issuer that sends through a loopback mail server, with
// dunning fees of 0, 2.50 € and 5.00 €, and a customer's invoice of
// 1,190.00 € issued on 2026-03-02, due on 2026-03-16.
type fixture struct {
	env *apptest.Env
	srv *smtptest.Server
	org uuid.UUID
	inv *invoice.Invoice
}

func overdue(t *testing.T, d testdb.Dialect) *fixture {
	t.Helper()
	env := apptest.New(t, d)
	srv := smtptest.Start(t, smtptest.Options{})
	sys := authz.System(t.Context())
	set := demo.PlatformSettings
	set.SMTP = settings.SMTP{Host: srv.Host, Port: srv.Port, Security: billingmail.None, From: "rechnung@leitstand.test"}
	set.Dunning = settings.Defaults().Dunning
	set.Dunning.Levels[1].FeeCents, set.Dunning.Levels[2].FeeCents = 250, 500
	if _, _, err := env.Settings.Update(sys, set, []string{"company", "tax", "bank", "invoice", "smtp", "dunning"}, "fixture"); err != nil {
		t.Fatal(err)
	}
	env.Clock.Set(time.Date(2026, time.March, 2, 8, 0, 0, 0, time.UTC))
	o, err := env.Orgs.Create(sys, organization.Values{Name: "Acme", BillingEmail: "buchhaltung@acme.example", Address: organization.Address{
		Line1: "Hafenstraße 12", PostalCode: "20457", City: "Hamburg", CountryCode: "DE"}}, uuid.Nil, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := env.Invoices.Manual(sys, o.ID, []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62",
		UnitPriceCents: 100000}}, nil, nil, "Projekt", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.Invoices.Deliver(sys); err != nil {
		t.Fatal(err)
	}
	return &fixture{env: env, srv: srv, org: o.ID, inv: inv}
}

// day is a morning of the daily jobs: the overdue check, the dunning run
// and its delivery.
func (f *fixture) day(t *testing.T, month time.Month, d int) dunning.RunResult {
	t.Helper()
	sys := authz.System(t.Context())
	f.env.Clock.Set(time.Date(2026, month, d, 8, 0, 0, 0, time.UTC))
	if _, err := f.env.Invoices.MarkOverdue(sys); err != nil {
		t.Fatal(err)
	}
	r, err := f.env.Dunning.Run(sys)
	if err != nil {
		t.Fatalf("run on %02d-%02d: %v", month, d, err)
	}
	f.env.Clock.Set(time.Date(2026, month, d, 8, 5, 0, 0, time.UTC))
	if _, err := f.env.Dunning.Deliver(sys); err != nil {
		t.Fatal(err)
	}
	return r
}

func (f *fixture) notices(t *testing.T) []dunning.Notice {
	t.Helper()
	p, err := f.env.Dunning.List(authz.System(t.Context()), dunning.Filter{Invoice: &f.inv.ID})
	if err != nil {
		t.Fatal(err)
	}
	return p.Notices
}

// dunningMails are the notices' e-mails the server received.
func (f *fixture) dunningMails() []smtptest.Message {
	var out []smtptest.Message
	for _, m := range f.srv.Messages() {
		if bytes.Contains(m.Data, []byte("Mahnung")) || bytes.Contains(m.Data, []byte("Zahlungserinnerung")) {
			out = append(out, m)
		}
	}
	return out
}

// Each level is sent once, in order, on the first day it is due: the
// reminder a week after the due date, the first Mahnung after three weeks
// with its fee on an invoice of its own, the second after five; the
// overdue invoice itself never changes, and nothing follows the last.
func TestEachLevelIsSentOnceInOrderOnItsDay(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := overdue(t, d)
		sys := authz.System(t.Context())
		before, err := f.env.Invoices.Get(sys, f.inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		wrote := map[string]string{}
		for day := time.Date(2026, time.March, 17, 0, 0, 0, 0, time.UTC); day.Month() < time.June; day = day.AddDate(0, 0, 1) {
			r := f.day(t, day.Month(), day.Day())
			for level, n := range r.Written {
				if n > 0 {
					if wrote[level] != "" {
						t.Errorf("%s written again on %s", level, day.Format(time.DateOnly))
					}
					wrote[level] = day.Format(time.DateOnly)
				}
			}
			// A second run the same morning writes nothing.
			if again, err := f.env.Dunning.Run(sys); err != nil || len(again.Written) != 0 && (again.Written[dunning.Reminder]+again.Written[dunning.FirstNotice]+again.Written[dunning.SecondNotice]) != 0 {
				t.Fatalf("second run on %s: %+v %v", day.Format(time.DateOnly), again, err)
			}
		}
		want := map[string]string{dunning.Reminder: "2026-03-23", dunning.FirstNotice: "2026-04-06", dunning.SecondNotice: "2026-04-20"}
		for level, on := range want {
			if wrote[level] != on {
				t.Errorf("%s written on %q, want %s", level, wrote[level], on)
			}
		}
		ns := f.notices(t)
		if len(ns) != 3 {
			t.Fatalf("%d notices, want 3", len(ns))
		}
		fees := map[string]int64{}
		for _, n := range ns {
			if n.Status != dunning.StatusSent || n.OpenCents != 119000 || n.To != "buchhaltung@acme.example" {
				t.Errorf("notice %+v", n)
			}
			if !n.PayBy.After(n.IssueDate) || n.PayBy != n.IssueDate.AddDays(7) {
				t.Errorf("%s: pay by %s after a letter of %s", n.Level, n.PayBy, n.IssueDate)
			}
			fees[n.Level] = n.FeeCents
			if n.FeeCents == 0 {
				if n.FeeInvoiceID != nil {
					t.Errorf("%s without a fee has a fee invoice", n.Level)
				}
				continue
			}
			fee, err := f.env.Invoices.Get(sys, *n.FeeInvoiceID)
			if err != nil {
				t.Fatal(err)
			}
			if fee.Origin != invoice.OriginDunning || fee.GrossCents != n.FeeCents || fee.VATCents != 0 || fee.NetCents != n.FeeCents ||
				fee.DueDate != n.PayBy || fee.IssueDate != n.IssueDate || len(fee.Lines) != 1 ||
				!strings.Contains(strings.Join(fee.Notes, " "), "nicht umsatzsteuerbar") {
				t.Errorf("fee invoice of %s: %+v", n.Level, fee)
			}
		}
		if fees[dunning.Reminder] != 0 || fees[dunning.FirstNotice] != 250 || fees[dunning.SecondNotice] != 500 {
			t.Errorf("fees %v", fees)
		}
		after, err := f.env.Invoices.Get(sys, f.inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.GrossCents != before.GrossCents || after.PDFSHA256 != before.PDFSHA256 || len(after.Lines) != len(before.Lines) ||
			after.Status != invoice.StatusOverdue {
			t.Errorf("the overdue invoice changed: %+v, was %+v", after, before)
		}
		mails := f.dunningMails()
		if len(mails) != 3 {
			t.Fatalf("%d dunning e-mails, want 3", len(mails))
		}
		for i, subject := range []string{"Zahlungserinnerung zur Rechnung", "1. Mahnung zur Rechnung", "2. Mahnung zur Rechnung"} {
			if !bytes.Contains(mails[i].Data, []byte("application/pdf")) {
				t.Errorf("mail %d has no PDF", i)
			}
			if !bytes.Contains(mails[i].Data, []byte("Subject: "+subject+" "+f.inv.Number)) {
				t.Errorf("mail %d is not the %q", i, subject)
			}
		}
		pdf, name, _, err := f.env.Dunning.PDF(sys, ns[0].ID)
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || name != "2-Mahnung-"+f.inv.Number+".pdf" {
			t.Errorf("PDF of the second notice: %q %v", name, err)
		}
		if got := f.env.Events(t, func(e audit.Entry) bool { return e.TargetType == "dunning_notice" }); len(got) != 6 {
			t.Errorf("%d notice events, want 3 written and 3 sent", len(got))
		}
	})
}

// An invoice paid in full gets no further notice, and a notice written
// but not yet sent when the money arrives is withdrawn, its fee invoice
// cancelled; a part payment lowers what the next notice asks for.
func TestPaymentStopsTheDunning(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := overdue(t, d)
		sys := authz.System(t.Context())
		f.day(t, time.March, 23) // the reminder
		op := f.env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		if _, _, err := f.env.Payments.Record(op, payment.Receipt{Invoice: f.inv.ID, Method: payment.BankTransfer, AmountCents: 19000,
			Currency: "EUR", ValueDate: calendar.D(2026, time.March, 23), Reference: f.inv.Number}, false); err != nil {
			t.Fatal(err)
		}
		// The first notice is written on its day, but the rest is paid
		// before the delivery sends it.
		f.env.Clock.Set(time.Date(2026, time.April, 6, 8, 0, 0, 0, time.UTC))
		if r, err := f.env.Dunning.Run(sys); err != nil || r.Written[dunning.FirstNotice] != 1 || r.Fees != 1 {
			t.Fatalf("run = %+v %v", r, err)
		}
		ns := f.notices(t)
		if ns[0].Level != dunning.FirstNotice || ns[0].OpenCents != 100000 || ns[0].Status != dunning.StatusQueued {
			t.Fatalf("first notice %+v, want 1,000.00 € open and queued", ns[0])
		}
		if _, _, err := f.env.Payments.Record(op, payment.Receipt{Invoice: f.inv.ID, Method: payment.BankTransfer, AmountCents: 100000,
			Currency: "EUR", ValueDate: calendar.D(2026, time.April, 6), Reference: f.inv.Number}, false); err != nil {
			t.Fatal(err)
		}
		r, err := f.env.Dunning.Deliver(sys)
		if err != nil || r.Withdrawn != 1 || r.Sent != 0 {
			t.Fatalf("deliver = %+v %v", r, err)
		}
		ns = f.notices(t)
		if ns[0].Status != dunning.StatusWithdrawn || !strings.Contains(ns[0].Answer, "was paid") {
			t.Errorf("the notice after the payment: %+v", ns[0])
		}
		fee, err := f.env.Invoices.Get(sys, *ns[0].FeeInvoiceID)
		if err != nil || fee.Status != invoice.StatusCancelled {
			t.Errorf("its fee invoice: %+v %v, want CANCELLED", fee, err)
		}
		if len(f.dunningMails()) != 1 {
			t.Errorf("%d dunning e-mails, want the reminder's only", len(f.dunningMails()))
		}
		// Nothing follows a paid invoice.
		for day := 7; day <= 30; day++ {
			if r := f.day(t, time.April, day); len(r.Written) > 0 && r.Written[dunning.SecondNotice] > 0 {
				t.Fatalf("a second notice for a paid invoice on April %d", day)
			}
		}
		if n := len(f.notices(t)); n != 2 {
			t.Errorf("%d notices, want 2", n)
		}
	})
}

// A hold pauses the dunning up to and including its last day; released,
// the next run goes on. Bad holds are refused at their field.
func TestAHoldPausesTheDunningUntilItsLastDay(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := overdue(t, d)
		op := f.env.AsRole(t, "buchhaltung@example.com", authz.RoleOperator)
		f.env.Clock.Set(time.Date(2026, time.March, 20, 8, 0, 0, 0, time.UTC))
		for _, bad := range []struct {
			until  calendar.Date
			reason string
			field  string
		}{
			{calendar.D(2026, time.March, 19), "Zahlungsplan", "until"},
			{calendar.D(2027, time.April, 1), "Zahlungsplan", "until"},
			{calendar.D(2026, time.April, 1), "  ", "reason"},
		} {
			_, err := f.env.Dunning.SetHold(op, f.org, bad.until, bad.reason)
			if e, ok := apierr.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != bad.field {
				t.Errorf("hold until %s (%q): %v, want refused at %s", bad.until, bad.reason, err, bad.field)
			}
		}
		h, err := f.env.Dunning.SetHold(op, f.org, calendar.D(2026, time.March, 31), "Ratenzahlung vereinbart")
		if err != nil || h.CreatedByEmail != "buchhaltung@example.com" {
			t.Fatalf("hold = %+v %v", h, err)
		}
		for day := 23; day <= 31; day++ {
			r := f.day(t, time.March, day)
			if len(f.notices(t)) != 0 {
				t.Fatalf("a notice on March %d, during the hold", day)
			}
			if day == 23 && r.Held != 1 {
				t.Errorf("held = %d on the reminder's day, want 1", r.Held)
			}
		}
		st, err := f.env.Dunning.Organization(op, f.org)
		if err != nil || st.Hold == nil || len(st.Invoices) != 1 || st.Invoices[0].Next != (dunning.Step{Level: dunning.Reminder, On: calendar.D(2026, time.April, 1)}) {
			t.Fatalf("state = %+v %v", st, err)
		}
		f.day(t, time.April, 1)
		if ns := f.notices(t); len(ns) != 1 || ns[0].Level != dunning.Reminder {
			t.Fatalf("the day after the hold: %+v", ns)
		}
		// A hold set again and released early: the run goes on at once.
		f.env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		if _, err := f.env.Dunning.SetHold(op, f.org, calendar.D(2026, time.May, 31), "Reklamation"); err != nil {
			t.Fatal(err)
		}
		if err := f.env.Dunning.ReleaseHold(op, f.org, "Reklamation geklärt"); err != nil {
			t.Fatal(err)
		}
		if err := f.env.Dunning.ReleaseHold(op, f.org, "noch einmal"); err == nil {
			t.Error("released a hold that is gone")
		}
		f.day(t, time.April, 14)
		if ns := f.notices(t); len(ns) != 2 || ns[0].Level != dunning.FirstNotice {
			t.Fatalf("after the release: %+v", ns)
		}
		holds := f.env.Events(t, func(e audit.Entry) bool { return e.TargetType == "dunning_hold" })
		if len(holds) != 3 || holds[2].Reason != "Reklamation geklärt" {
			t.Errorf("hold events %+v, want set, set, released", holds)
		}
	})
}

// Five runs at once write each level once: the unique index and the
// check in the change are the backstop of "each level once".
func TestRunsAtOnceWriteALevelOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := overdue(t, d)
		sys := authz.System(t.Context())
		f.env.Clock.Set(time.Date(2026, time.March, 23, 8, 0, 0, 0, time.UTC))
		if _, err := f.env.Invoices.MarkOverdue(sys); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 5)
		for range 5 {
			wg.Go(func() {
				if _, err := f.env.Dunning.Run(sys); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := len(f.notices(t)); n != 1 {
			t.Errorf("%d notices after five runs at once, want 1", n)
		}
	})
}

// A run after days without one writes one level: the next waits for the
// deadline of the one just written, however late the run is.
func TestALateRunWritesOneLevelAtATime(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := overdue(t, d)
		f.day(t, time.May, 4) // 49 days past due, no run before
		ns := f.notices(t)
		if len(ns) != 1 || ns[0].Level != dunning.Reminder {
			t.Fatalf("after weeks without a run: %+v, want the reminder only", ns)
		}
		f.day(t, time.May, 11) // its deadline
		if len(f.notices(t)) != 1 {
			t.Fatal("the first notice before the reminder's deadline passed")
		}
		f.day(t, time.May, 12)
		if ns := f.notices(t); len(ns) != 2 || ns[0].Level != dunning.FirstNotice {
			t.Fatalf("the day after the deadline: %+v", ns)
		}
	})
}

// Dunning switched off writes nothing; the levels' days must increase.
func TestDunningSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := overdue(t, d)
		sys := authz.System(t.Context())
		off := settings.Settings{Dunning: settings.Dunning{Enabled: false}}
		if _, _, err := f.env.Settings.Update(sys, off, []string{"dunning.enabled"}, "test"); err != nil {
			t.Fatal(err)
		}
		f.day(t, time.April, 30)
		if n := len(f.notices(t)); n != 0 {
			t.Errorf("%d notices with dunning off", n)
		}
		bad := settings.Defaults()
		bad.Dunning.Levels[1].Days = 7
		_, _, err := f.env.Settings.Update(sys, bad, []string{"dunning.first_notice_days"}, "test")
		if e, ok := apierr.As(err); !ok || len(e.Fields) == 0 || e.Fields[0].Field != "settings.dunning.first_notice_days" ||
			e.Fields[0].Rule != "dunning.increasing" {
			t.Errorf("a first notice as early as the reminder: %v", err)
		}
		bad = settings.Defaults()
		bad.Dunning.Levels[2].FeeCents = 10001
		if _, _, err := f.env.Settings.Update(sys, bad, []string{"dunning"}, "test"); err == nil {
			t.Error("a fee above 100 € was saved")
		}
	})
}
