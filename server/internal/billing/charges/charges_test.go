package charges_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
)

func compute(t *testing.T, in charges.Input) charges.Result {
	t.Helper()
	res, err := charges.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// brief is a line by what the rules decide: kind, quantity, unit price,
// base quantity, net.
type brief struct {
	kind                  charges.Kind
	qty, price, base, net int64
}

func briefs(lines []charges.Line) []brief {
	var bs []brief
	for _, l := range lines {
		bs = append(bs, brief{l.Kind, l.Quantity, l.UnitPriceCents, l.BaseQuantity, l.NetCents})
	}
	return bs
}

// Rule 1: a plan without a fee (Free) gives no base fee line, and an
// organization's first invoice (no past period) charges in advance only.
func TestRule1FreePlanFirstInvoice(t *testing.T) {
	t.Parallel()
	bd := d(2027, 3, 15)
	in := charges.Input{BillingDate: bd, Coming: calendar.PeriodFrom(15, bd),
		Terms:    charges.Terms{Plan: "Free", Currency: "EUR"},
		Services: []charges.BookedService{service("Nextcloud", wsShop, 2500, bd, nil)}}
	res := compute(t, in)
	want := []brief{{charges.Service, 1, 2500, 1, 2500}}
	if got := briefs(res.Lines); !slices.Equal(got, want) {
		t.Fatalf("lines %+v, want %+v", got, want)
	}
}

// Rules 2 and 3: a service booked on the billing date is charged in full
// for the coming period and gets no prorated line; one booked on the first
// day of the past period was charged in advance by the last invoice and
// gets none either.
func TestRule3BookedOnABillingDate(t *testing.T) {
	t.Parallel()
	in := billedOn(d(2027, 3, 15))
	in.Terms.MonthlyFeeCents = 0
	in.Services = []charges.BookedService{
		service("Nextcloud", wsShop, 2500, d(2027, 3, 15), nil),
		service("Gitea", wsDev, 1200, d(2027, 2, 15), nil),
	}
	want := []brief{{charges.Service, 1, 1200, 1, 1200}, {charges.Service, 1, 2500, 1, 2500}}
	if got := briefs(compute(t, in).Lines); !slices.Equal(got, want) {
		t.Fatalf("lines %+v, want %+v", got, want)
	}
}

// Rule 3 for a billing day of the 31st: the past period of 28 February
// 2027 runs from 31 January and has 28 days; in 2028 it ends on 29
// February and has 29. A service of 28.00 € booked on 14 February:
// 2027: 14 days (14–27 February) × 28.00 € / 28 = 14.00 €;
// 2028: 15 days (14–28 February) × 28.00 € / 29 = 14.4827… → 14.48 €.
func TestRule3FebruaryPeriodOfThe31st(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		year           int
		days, net      int64
		wantPastLength int64
	}{
		{2027, 14, 1400, 28},
		{2028, 15, 1448, 29},
	} {
		bd := calendar.BillingDate(31, tt.year, 2)
		in := charges.Input{
			BillingDate: bd, Coming: calendar.PeriodFrom(31, bd), Past: calendar.Containing(31, bd.AddDays(-1)),
			Terms:    charges.Terms{Plan: "Basis", Currency: "EUR"},
			Services: []charges.BookedService{service("Nextcloud", wsShop, 2800, d(tt.year, 2, 14), nil)},
		}
		if in.Past.Start != d(tt.year, 1, 31) || int64(in.Past.Days()) != tt.wantPastLength {
			t.Fatalf("%d: past period %s", tt.year, in.Past)
		}
		res := compute(t, in)
		want := []brief{{charges.Service, 1, 2800, 1, 2800}, {charges.ServiceProrated, tt.days, 2800, tt.wantPastLength, tt.net}}
		if got := briefs(res.Lines); !slices.Equal(got, want) {
			t.Errorf("%d: lines %+v, want %+v", tt.year, got, want)
		}
	}
}

// Rules 3 and 4: booked and decommissioned within the same past period,
// a service is charged for the days in between (the decommission day
// excluded) and not for the coming period; decommissioned the day it was
// booked, it is charged nothing. Rounding: 1 day of 28 at 0.70 € is
// 2.5 cents → 3 cents (half up).
func TestRule3BookedAndDecommissionedInThePastPeriod(t *testing.T) {
	t.Parallel()
	in := billedOn(d(2027, 3, 15))
	in.Terms.MonthlyFeeCents = 0
	in.Services = []charges.BookedService{
		service("Mattermost", wsDev, 2800, d(2027, 2, 16), ptr(d(2027, 2, 26))), // 10 days: 10.00 €
		service("Gitea", wsDev, 1200, d(2027, 3, 1), ptr(d(2027, 3, 1))),        // 0 days
		service("Wiki", wsDev, 70, d(2027, 3, 14), ptr(d(2027, 3, 15))),         // 1 day
	}
	res := compute(t, in)
	want := []brief{{charges.ServiceProrated, 10, 2800, 28, 1000}, {charges.ServiceProrated, 1, 70, 28, 3}}
	if got := briefs(res.Lines); !slices.Equal(got, want) {
		t.Fatalf("lines %+v, want %+v", got, want)
	}
	if got := res.Lines[0].Period; got != (calendar.Period{Start: d(2027, 2, 16), End: d(2027, 2, 26)}) {
		t.Errorf("period %s", got)
	}
}

// Rule 5: within the included minutes there is no line, but every entry
// is returned as invoiced; just above, one minute is charged.
func TestRule5SupportTime(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		minutes []int64
		want    []brief
	}{
		{"exactly the included minutes", []int64{60, 60}, nil},
		{"one minute above", []int64{60, 61}, []brief{{charges.SupportTime, 1, 9000, 60, 150}}},
		{"no time at all", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := billedOn(d(2027, 3, 15))
			in.Terms.MonthlyFeeCents = 0
			var ids []uuid.UUID
			for i, m := range tt.minutes {
				e := charges.TimeEntry{ID: uuid.New(), Day: d(2027, 2, 16+i), Minutes: m}
				in.Time = append(in.Time, e)
				ids = append(ids, e.ID)
			}
			res := compute(t, in)
			if got := briefs(res.Lines); !slices.Equal(got, tt.want) {
				t.Errorf("lines %+v, want %+v", got, tt.want)
			}
			if !slices.Equal(res.InvoicedTime, ids) {
				t.Errorf("invoiced %v, want %v", res.InvoicedTime, ids)
			}
		})
	}
}

// Rule 6: the average is rounded up to a whole GB (10^9 bytes): one byte
// above 50 GB is 51 GB; exactly 50 GB is within the included volume.
func TestRule6StorageRoundsUp(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		bytes int64
		want  []brief
	}{
		{50_000_000_000, nil},
		{50_000_000_001, []brief{{charges.StorageOverage, 1, 50, 1, 50}}},
	} {
		in := billedOn(d(2027, 3, 15))
		in.Terms.MonthlyFeeCents = 0
		in.Storage = daily(in.Past, tt.bytes)
		if got := briefs(compute(t, in).Lines); !slices.Equal(got, tt.want) {
			t.Errorf("%d bytes: lines %+v, want %+v", tt.bytes, got, tt.want)
		}
	}
}

// EN 16931 through the whole chain: ten services of 1.20 € at 19 % have
// VAT 2.28 €, computed once on 12.00 €, not ten times 0.23 €.
func TestTenLinesOfOneTwenty(t *testing.T) {
	t.Parallel()
	in := billedOn(d(2027, 3, 15))
	in.Terms.MonthlyFeeCents = 0
	for i := range 10 {
		s := service("Dienst", wsShop, 120, d(2026, 1, 1), nil)
		s.ID = uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(i)})
		in.Services = append(in.Services, s)
	}
	res := compute(t, in)
	mode := tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}
	sum, err := tax.Totals(taxLines(res.Lines, mode), mode)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lines) != 10 || sum.NetCents != 1200 || sum.VATCents != 228 || sum.GrossCents != 1428 {
		t.Fatalf("%d lines, totals %+v; want 10 lines, 12.00 + 2.28 = 14.28 €", len(res.Lines), sum)
	}
}

// A cancellation invoice negates every line of the invoice it cancels
// (the discounts' included); with its VAT rounded half away from zero, the
// two net to exactly zero. The discounts case has a half cent of discount
// and the billable hours case a half cent of VAT.
func TestCancellationNetsToZero(t *testing.T) {
	t.Parallel()
	mode := tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}
	for _, tt := range goldenCases {
		res := compute(t, tt.in)
		lines := taxLines(res.Lines, mode)
		inv, err := tax.Totals(lines, mode)
		if err != nil {
			t.Fatal(err)
		}
		for i := range lines {
			lines[i].NetCents = -lines[i].NetCents
		}
		cancel, err := tax.Totals(lines, mode)
		if err != nil {
			t.Fatal(err)
		}
		if inv.GrossCents+cancel.GrossCents != 0 || inv.VATCents+cancel.VATCents != 0 {
			t.Errorf("%s: invoice %d + cancellation %d ≠ 0", tt.name, inv.GrossCents, cancel.GrossCents)
		}
	}
}

// Rule 8 and the other inputs Compute refuses.
// Rule 9: each one-off charge is one line of seats × seat price on its
// day, after the support time and before the discounts, and is invoiced
// by this invoice; an organization's discount takes its share of it, a
// workspace's does not.
func TestRule9TrainingSeats(t *testing.T) {
	t.Parallel()
	in := billedOn(d(2027, 3, 15))
	in.Terms.MonthlyFeeCents = 0
	in.Time = []charges.TimeEntry{entry("#1070 Schulungsvorbereitung", d(2027, 3, 1), 180, wsShop)}
	seats := charges.OneOff{ID: id("training-backup"), Description: "Schulung Backup & Restore am 14.03.2027",
		Day: d(2027, 3, 14), Quantity: 4, UnitPriceCents: 12500, Currency: "EUR"}
	in.OneOffs = []charges.OneOff{seats}
	in.Discounts = []charges.Reduction{
		{ID: id("disc-shop"), Name: "Shop", BasisPoints: 5000, Workspace: wsShop, Start: d(2027, 1, 1)},
		{ID: id("disc-org"), Name: "Alle", BasisPoints: 1000, Start: d(2027, 1, 1)},
	}
	res := compute(t, in)
	// 60 minutes above the 120 included: 90.00 €; 4 × 125.00 € = 500.00 €;
	// 10 % of 590.00 € = 59.00 €; 50 % of the shop's 90.00 € = 45.00 €.
	want := []brief{{charges.SupportTime, 60, 9000, 60, 9000}, {charges.Training, 4, 12500, 1, 50000},
		{charges.Discount, -1, 5900, 1, -5900}, {charges.Discount, -1, 4500, 1, -4500}}
	if got := briefs(res.Lines); !slices.Equal(got, want) {
		t.Fatalf("lines %+v, want %+v", got, want)
	}
	l := res.Lines[1]
	if l.Description != seats.Description || l.Unit != charges.Piece || l.Workspace != uuid.Nil ||
		l.Period != (calendar.Period{Start: d(2027, 3, 14), End: d(2027, 3, 15)}) || !slices.Equal(l.Sources, []uuid.UUID{seats.ID}) {
		t.Errorf("training line %+v", l)
	}
	if !slices.Equal(res.InvoicedOneOffs, []uuid.UUID{seats.ID}) {
		t.Errorf("invoiced one-offs %v, want %v", res.InvoicedOneOffs, seats.ID)
	}
	if got := compute(t, billedOn(d(2027, 3, 15))); len(got.InvoicedOneOffs) != 0 {
		t.Errorf("nothing to charge, yet invoiced one-offs %v", got.InvoicedOneOffs)
	}
}

func TestInvalidInput(t *testing.T) {
	t.Parallel()
	base := billedOn(d(2027, 3, 15))
	tests := []struct {
		name   string
		change func(*charges.Input)
		is     error
	}{
		{"rule 8: a service in another currency", func(in *charges.Input) {
			s := service("Nextcloud", wsShop, 2500, d(2026, 1, 1), nil)
			s.Currency = "CHF"
			in.Services = append(in.Services, s)
		}, charges.ErrCurrency},
		{"rule 8: a service without a currency", func(in *charges.Input) {
			s := service("Nextcloud", wsShop, 2500, d(2026, 1, 1), nil)
			s.Currency = ""
			in.Services = append(in.Services, s)
		}, charges.ErrCurrency},
		{"rule 8: training seats in another currency", func(in *charges.Input) {
			in.OneOffs = append(in.OneOffs, oneOff("x", d(2027, 3, 1), 2, 10000, "CHF"))
		}, charges.ErrCurrency},
		{"terms without a currency", func(in *charges.Input) { in.Terms.Currency = "" }, nil},
		{"training without seats", func(in *charges.Input) {
			in.OneOffs = append(in.OneOffs, oneOff("x", d(2027, 3, 1), 0, 10000, "EUR"))
		}, nil},
		{"training seats without a price", func(in *charges.Input) {
			in.OneOffs = append(in.OneOffs, oneOff("x", d(2027, 3, 1), 2, 0, "EUR"))
		}, nil},
		{"training on the billing date", func(in *charges.Input) {
			in.OneOffs = append(in.OneOffs, oneOff("x", d(2027, 3, 15), 2, 10000, "EUR"))
		}, nil},
		{"training without a day", func(in *charges.Input) {
			in.OneOffs = append(in.OneOffs, oneOff("x", calendar.Date{}, 2, 10000, "EUR"))
		}, nil},
		{"training without a description", func(in *charges.Input) {
			o := oneOff("x", d(2027, 3, 1), 2, 10000, "EUR")
			o.Description = ""
			in.OneOffs = append(in.OneOffs, o)
		}, nil},
		{"one training charge twice", func(in *charges.Input) {
			in.OneOffs = append(in.OneOffs, oneOff("x", d(2027, 3, 1), 2, 10000, "EUR"), oneOff("x", d(2027, 3, 1), 2, 10000, "EUR"))
		}, nil},
		{"a negative fee", func(in *charges.Input) { in.Terms.MonthlyFeeCents = -1 }, nil},
		{"a negative service price", func(in *charges.Input) {
			in.Services = append(in.Services, service("Nextcloud", wsShop, -1, d(2026, 1, 1), nil))
		}, nil},
		{"decommissioned before it was booked", func(in *charges.Input) {
			in.Services = append(in.Services, service("Nextcloud", wsShop, 2500, d(2027, 2, 20), ptr(d(2027, 2, 19))))
		}, nil},
		{"negative minutes", func(in *charges.Input) {
			in.Time = append(in.Time, entry("x", d(2027, 2, 20), -5, wsShop))
		}, nil},
		{"an entry of more than a year", func(in *charges.Input) {
			in.Time = append(in.Time, entry("x", d(2027, 2, 20), 366*24*60+1, wsShop))
		}, nil},
		{"terms without a plan", func(in *charges.Input) { in.Terms.Plan = "" }, nil},
		{"time on the billing date", func(in *charges.Input) {
			in.Time = append(in.Time, entry("x", d(2027, 3, 15), 5, wsShop))
		}, nil},
		{"a snapshot outside the past period", func(in *charges.Input) {
			in.Storage = append(in.Storage, charges.Snapshot{Day: d(2027, 3, 15), Bytes: 1})
		}, nil},
		{"two snapshots of one day", func(in *charges.Input) {
			in.Storage = append(in.Storage, charges.Snapshot{Day: d(2027, 3, 1), Bytes: 1}, charges.Snapshot{Day: d(2027, 3, 1), Bytes: 2})
		}, nil},
		{"a discount above 100 %", func(in *charges.Input) {
			in.Discounts = append(in.Discounts, charges.Reduction{ID: uuid.New(), Name: "x", BasisPoints: 10001, Start: d(2027, 1, 1)})
		}, nil},
		{"a discount that ends before it starts", func(in *charges.Input) {
			in.Discounts = append(in.Discounts, charges.Reduction{ID: uuid.New(), Name: "x", BasisPoints: 100, Start: d(2027, 1, 2), End: ptr(d(2027, 1, 1))})
		}, nil},
		{"a coming period that does not start on the billing date", func(in *charges.Input) { in.Coming.Start = in.Coming.Start.AddDays(1) }, nil},
		{"a past period that does not end on it", func(in *charges.Input) { in.Past.End = in.Past.End.AddDays(-1) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.Services, in.Time, in.Storage, in.OneOffs, in.Discounts = nil, nil, nil, nil, nil
			tt.change(&in)
			_, err := charges.Compute(in)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("%v, want %v", err, tt.is)
			}
		})
	}
}

func oneOff(name string, day calendar.Date, seats, price int64, currency string) charges.OneOff {
	return charges.OneOff{ID: id("training-" + name), Description: "Schulung " + name, Day: day,
		Quantity: seats, UnitPriceCents: price, Currency: currency}
}
