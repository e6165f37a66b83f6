package order_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Time is recorded by hand and by timer, summed per order as the billable
// time not yet invoiced, and kept as it was once invoiced; an invoiced
// entry cannot be invoiced twice.
func TestTimeIsRecordedAndKeptOnceInvoiced(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		env.Clock.Set(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
		op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
		customer := env.User(t, "kunde@example.com", authz.RoleUser)
		a, err := env.Orders.Create(op, f.org, order.Values{Title: "Migration", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		b, err := env.Orders.Create(op, f.org, order.Values{Title: "Quota", Kind: order.Change})
		if err != nil {
			t.Fatal(err)
		}

		first, err := env.Orders.CreateTimeEntry(op, a.ID, order.TimeValues{Date: *day("2026-03-13"), Minutes: 90, Description: " Copied the data ", Billable: true})
		if err != nil || first.Minutes != 90 || first.Description != "Copied the data" || first.UserName == "" || first.OrderNumber != 1 {
			t.Fatalf("first = %+v %v", first, err)
		}
		if _, err := env.Orders.CreateTimeEntry(op, a.ID, order.TimeValues{Date: *day("2026-03-14"), Minutes: 30, Billable: false}); err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		for field, v := range map[string]order.TimeValues{
			"minutes": {Date: *day("2026-03-14"), Minutes: 0},
			"date":    {Date: *day("2026-03-15"), Minutes: 10},
			"user_id": {UserID: &customer.ID, Date: *day("2026-03-14"), Minutes: 10},
		} {
			_, err := env.Orders.CreateTimeEntry(op, a.ID, v)
			apptest.WantErr(t, err, apierr.ErrInvalidArgument, field)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused entry changed something")
		}

		// The timer: one at a time, rounded up to the minute.
		timer, err := env.Orders.StartTimer(op, b.ID, "Raising the quota", true)
		if err != nil || timer.StartTime == nil || timer.Minutes != 0 {
			t.Fatalf("timer = %+v %v", timer, err)
		}
		_, err = env.Orders.StartTimer(op, a.ID, "", true)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if !strings.Contains(err.Error(), "#2") {
			t.Errorf("the refusal does not name the running order: %v", err)
		}
		_, err = env.Orders.UpdateTimeEntry(op, timer.ID, order.TimeValues{Minutes: 5}, []string{"minutes"})
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		sum, total, err := env.Orders.Unbilled(op, f.org)
		if err != nil || total != 90 || len(sum) != 1 {
			t.Errorf("unbilled while the timer runs = %+v %d %v", sum, total, err)
		}
		env.Clock.Advance(25*time.Minute + 10*time.Second)
		stopped, err := env.Orders.StopTimer(op)
		if err != nil || stopped.Minutes != 26 || stopped.StartTime != nil {
			t.Fatalf("stopped = %+v %v", stopped, err)
		}
		_, err = env.Orders.StopTimer(op)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)

		sum, total, err = env.Orders.Unbilled(op, f.org)
		if err != nil || total != 116 || len(sum) != 2 || sum[0].OrderNumber != 1 || sum[0].Minutes != 90 || sum[1].Minutes != 26 {
			t.Errorf("unbilled = %+v %d %v", sum, total, err)
		}
		entries, _, err := env.Orders.TimeEntries(op, nil, &f.org, 0, "")
		if err != nil || len(entries) != 3 || entries[len(entries)-1].ID != first.ID {
			t.Errorf("the organization's entries = %+v %v", entries, err)
		}

		// The billing run invoices the first order's billable time: it is
		// kept as it was, and cannot be invoiced again.
		invoice := uuid.New()
		err = db.WithTx(authz.System(t.Context()), env.DB.Client, func(tx *ent.Tx) error {
			return order.MarkInvoicedOn(authz.System(t.Context()), tx, env.DB.Dialect, map[uuid.UUID][]uuid.UUID{invoice: {first.ID}}, env.Clock.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
		if e := env.DB.Client.TimeEntry.GetX(authz.System(t.Context()), first.ID); e.InvoiceID == nil || *e.InvoiceID != invoice || e.InvoiceTime == nil {
			t.Errorf("the invoiced entry: invoice %v at %v, want %s", e.InvoiceID, e.InvoiceTime, invoice)
		}
		_, err = env.Orders.UpdateTimeEntry(op, first.ID, order.TimeValues{Minutes: 60}, []string{"minutes"})
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		apptest.WantErr(t, env.Orders.DeleteTimeEntry(op, first.ID), apierr.ErrFailedPrecondition)
		err = db.WithTx(authz.System(t.Context()), env.DB.Client, func(tx *ent.Tx) error {
			return order.MarkInvoicedOn(authz.System(t.Context()), tx, env.DB.Dialect, map[uuid.UUID][]uuid.UUID{uuid.New(): {first.ID, stopped.ID}}, env.Clock.Now())
		})
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if _, total, _ := env.Orders.Unbilled(op, f.org); total != 26 {
			t.Errorf("unbilled after the invoice = %d, want the second order's 26 (a refused second invoice changes nothing)", total)
		}

		// What is not invoiced is changed and deleted.
		changed, err := env.Orders.UpdateTimeEntry(op, stopped.ID, order.TimeValues{Minutes: 30, Billable: false}, []string{"minutes", "billable"})
		if err != nil || changed.Minutes != 30 || changed.Billable {
			t.Errorf("changed = %+v %v", changed, err)
		}
		if err := env.Orders.DeleteTimeEntry(op, stopped.ID); err != nil {
			t.Error(err)
		}
		if _, total, _ := env.Orders.Unbilled(op, f.org); total != 0 {
			t.Errorf("unbilled at the end = %d", total)
		}
		// Another tenant's organization is not found.
		_, _, err = env.Orders.Unbilled(op, uuid.New())
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}

// Staff record the time of their own calendar's day: at 23:30 UTC it is
// already the next day in Berlin, and that day's time is taken; a day
// that has begun nowhere is not.
func TestTimeOfTheDayThatBegunInTheStaffsCalendarIsRecorded(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		env.Clock.Set(time.Date(2026, 3, 14, 23, 30, 0, 0, time.UTC))
		op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
		o, err := env.Orders.Create(op, f.org, order.Values{Title: "Migration", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Orders.CreateTimeEntry(op, o.ID, order.TimeValues{Date: *day("2026-03-15"), Minutes: 30, Billable: true}); err != nil {
			t.Errorf("Berlin's today at 23:30 UTC: %v", err)
		}
		_, err = env.Orders.CreateTimeEntry(op, o.ID, order.TimeValues{Date: *day("2026-03-16"), Minutes: 30, Billable: true})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "date")
	})
}

// Time the included support covered is marked invoiced on no invoice,
// also when it is all a run marks (on Postgres a CASE of NULLs alone was
// text, not an id, and the run failed).
func TestTimeCoveredByIncludedSupportIsMarkedOnNoInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		env.Clock.Set(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
		op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
		o, err := env.Orders.Create(op, f.org, order.Values{Title: "Migration", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		e, err := env.Orders.CreateTimeEntry(op, o.ID, order.TimeValues{Date: *day("2026-03-13"), Minutes: 20, Billable: true})
		if err != nil {
			t.Fatal(err)
		}
		err = db.WithTx(authz.System(t.Context()), env.DB.Client, func(tx *ent.Tx) error {
			return order.MarkInvoicedOn(authz.System(t.Context()), tx, env.DB.Dialect, map[uuid.UUID][]uuid.UUID{uuid.Nil: {e.ID}}, env.Clock.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := env.DB.Client.TimeEntry.GetX(authz.System(t.Context()), e.ID); got.InvoiceID != nil || got.InvoiceTime == nil {
			t.Errorf("the covered entry: invoice %v at %v, want none, marked", got.InvoiceID, got.InvoiceTime)
		}
	})
}
