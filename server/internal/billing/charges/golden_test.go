package charges_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from what Compute and Totals return")

// Ids are named, so that a golden file shows "svc-nextcloud", not a uuid.
// Parallel tests name ids too, hence the lock.
var (
	namesMu sync.Mutex
	names   = map[uuid.UUID]string{}
)

func id(name string) uuid.UUID {
	u := uuid.NewSHA1(uuid.NameSpaceOID, []byte("leitstand-test/"+name))
	namesMu.Lock()
	defer namesMu.Unlock()
	names[u] = name
	return u
}

func nameOf(u uuid.UUID) string {
	if u == uuid.Nil {
		return "-"
	}
	namesMu.Lock()
	defer namesMu.Unlock()
	return names[u]
}

var (
	wsShop = id("ws-shop")
	wsDev  = id("ws-dev")
)

func d(y int, m time.Month, day int) calendar.Date { return calendar.D(y, m, day) }

func ptr(d calendar.Date) *calendar.Date { return &d }

// premium are the terms most cases bill on: 99 € a month, two hours of
// support included then 90 € an hour, 50 GB included then 0.50 € per GB.
var premium = charges.Terms{
	Plan: "Premium", Currency: "EUR", MonthlyFeeCents: 9900,
	IncludedSupportMinutes: 120, HourlyRateCents: 9000,
	IncludedStorageGB: 50, StorageOverageCentsPerGB: 50,
}

// billedOn is the input of billing day 15 on date bd with the premium
// terms and nothing else yet.
func billedOn(bd calendar.Date) charges.Input {
	return charges.Input{
		BillingDate: bd,
		Coming:      calendar.PeriodFrom(15, bd),
		Past:        calendar.Containing(15, bd.AddDays(-1)),
		Terms:       premium,
	}
}

func service(name string, ws uuid.UUID, price int64, booked calendar.Date, decommissioned *calendar.Date) charges.BookedService {
	return charges.BookedService{ID: id("svc-" + strings.ToLower(name)), Name: name, Workspace: ws,
		MonthlyPriceCents: price, Currency: "EUR", Booked: booked, Decommissioned: decommissioned}
}

func entry(name string, day calendar.Date, minutes int64, ws uuid.UUID) charges.TimeEntry {
	return charges.TimeEntry{ID: id("time-" + name), Day: day, Minutes: minutes, Description: name, Workspace: ws}
}

var (
	germany        = tax.Issuer{RateBasisPoints: 1900, Country: "DE"}
	kleinunternehm = tax.Issuer{SmallBusiness: true, RateBasisPoints: 1900, Country: "DE"}
	germanCustomer = tax.Customer{Country: "DE"}
)

// The golden invoices. Each case's comment works its figures out by hand;
// want holds the totals so worked out, and the test checks them before it
// compares the golden file, so that -update cannot bless a wrong figure.
var goldenCases = []struct {
	name     string
	in       charges.Input
	issuer   tax.Issuer
	customer tax.Customer
	// want: net, VAT and gross in cents, as computed in the comment.
	want [3]int64
}{
	// Rules 1, 2 and 5: billed on 15 March 2027 for 15 March – 14 April in
	// advance. Base fee 99.00 €, Gitea 12.00 €, Nextcloud 25.00 €, all
	// booked long ago. 60 minutes of support are within the 120 included:
	// no line, yet the entry is invoiced. 30 GB of storage: within 50 GB.
	// Net 136.00 €; VAT 19 % = 25.84 €; gross 161.84 €.
	{
		name: "plain_month",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{
				service("Nextcloud", wsShop, 2500, d(2026, 11, 2), nil),
				service("Gitea", wsDev, 1200, d(2026, 12, 15), nil),
			}
			in.Time = []charges.TimeEntry{entry("#1040 Passwort zurückgesetzt", d(2027, 2, 20), 60, wsShop)}
			in.Storage = daily(in.Past, 30_000_000_000)
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{13600, 2584, 16184},
	},
	// Rule 3: billed on 15 February 2027; the past period is 15 January –
	// 14 February (31 days). Nextcloud (25.00 €) was booked on 20 January,
	// after the last invoice: 20–31 January is 12 days, 1–14 February 14,
	// so 26 days: 26 × 25.00 € / 31 = 20.9677… → 20.97 €. It runs, so it
	// is charged 25.00 € for the coming period as well, with the base fee
	// 99.00 €. Net 99.00 + 25.00 + 20.97 = 144.97 €; VAT 19 % = 27.5443 →
	// 27.54 €; gross 172.51 €.
	{
		name: "mid_period_booking",
		in: with(billedOn(d(2027, 2, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{service("Nextcloud", wsShop, 2500, d(2027, 1, 20), nil)}
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{14497, 2754, 17251},
	},
	// Rules 2–4: billed on 15 March 2027; the past period 15 February –
	// 14 March has 28 days. Gitea was decommissioned on 1 March and Wiki on
	// the billing date itself: neither is charged for the coming period,
	// and the advance Gitea paid for 1–14 March is not refunded (no line).
	// Mattermost (49.00 €) was booked on 20 February and decommissioned on
	// 5 March: 20–28 February is 9 days, 1–4 March 4, so 13 days:
	// 13 × 49.00 € / 28 = 22.75 € exactly. Nextcloud 25.00 € and the base
	// fee 99.00 € as usual. Net 99.00 + 25.00 + 22.75 = 146.75 €; VAT
	// 19 % = 27.8825 → 27.88 €; gross 174.63 €.
	{
		name: "decommission",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{
				service("Nextcloud", wsShop, 2500, d(2026, 11, 2), nil),
				service("Gitea", wsDev, 1200, d(2026, 12, 15), ptr(d(2027, 3, 1))),
				service("Wiki", wsDev, 800, d(2026, 12, 15), ptr(d(2027, 3, 15))),
				service("Mattermost", wsDev, 4900, d(2027, 2, 20), ptr(d(2027, 3, 5))),
			}
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{14675, 2788, 17463},
	},
	// Rule 5: 90 + 45 + 120 = 255 minutes of billable time in the past
	// period, 120 included: 135 minutes at 90.00 € an hour =
	// 135 × 90.00 € / 60 = 202.50 €, one line with the three entries; the
	// time is of two workspaces, so the line is the organization's. Base
	// fee 99.00 €. Net 301.50 €; VAT 19 % = 57.285 → 57.29 € (half up);
	// gross 358.79 €.
	{
		name: "billable_hours",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Time = []charges.TimeEntry{
				entry("#1051 Update", d(2027, 3, 10), 120, wsDev),
				entry("#1042 Migration", d(2027, 2, 16), 90, wsShop),
				entry("#1043 Backup-Test", d(2027, 2, 25), 45, wsShop),
			}
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{30150, 5729, 35879},
	},
	// Rule 6: the past period has 28 days, but the snapshot of 1 March is
	// missing: 27 snapshots, 14 of 60 GB and 13 of 70 GB, 1,750 GB in all.
	// Average 1750 / 27 = 64.81… GB → 65 GB (counting the missing day as
	// 0 would give 62.5 → 63). 15 GB above the 50 included at 0.50 € =
	// 7.50 €. Base fee 99.00 €. Net 106.50 €; VAT 19 % = 20.235 → 20.24 €;
	// gross 126.74 €.
	{
		name: "storage_overage",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			for i, s := range daily(in.Past, 60_000_000_000) {
				switch {
				case s.Day == d(2027, 3, 1):
					continue
				case i >= 14:
					s.Bytes = 70_000_000_000
				}
				in.Storage = append(in.Storage, s)
			}
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{10650, 2024, 12674},
	},
	// Rule 7: undiscounted lines: base fee 99.00 €, Gitea 12.00 € (dev),
	// Nextcloud 25.00 € (shop), and 150 minutes of support in the shop,
	// 30 above the included 120: 30 × 90.00 € / 60 = 45.00 € (shop). In
	// all 181.00 €; the shop's 25.00 + 45.00 = 70.00 €.
	// Stipendium 12.5 % of the organization: 12.5 % of 181.00 € = 22.625 →
	// 22.63 € (half up). Partner 20 % of the shop: 14.00 €, computed on the
	// undiscounted 70.00 €, not compounded. Stipendium starts and ends on
	// the billing date (its end is included); a discount that ended the
	// day before and one that starts the day after give no line.
	// Net 181.00 − 22.63 − 14.00 = 144.37 €; VAT 19 % = 27.4303 → 27.43 €;
	// gross 171.80 €.
	{
		name: "discounts",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{
				service("Nextcloud", wsShop, 2500, d(2026, 11, 2), nil),
				service("Gitea", wsDev, 1200, d(2026, 12, 15), nil),
			}
			in.Time = []charges.TimeEntry{entry("#1060 Shop-Umzug", d(2027, 3, 2), 150, wsShop)}
			in.Discounts = []charges.Reduction{
				{ID: id("disc-partner"), Name: "Partner", BasisPoints: 2000, Workspace: wsShop, Start: d(2027, 1, 1)},
				{ID: id("disc-stipendium"), Name: "Stipendium", BasisPoints: 1250, Start: d(2027, 3, 15), End: ptr(d(2027, 3, 15))},
				{ID: id("disc-expired"), Name: "Aktion", BasisPoints: 5000, Start: d(2027, 1, 1), End: ptr(d(2027, 3, 14))},
				{ID: id("disc-later"), Name: "Treue", BasisPoints: 5000, Start: d(2027, 3, 16)},
			}
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{14437, 2743, 17180},
	},
	// Rules 9 and 7: two training sessions completed in the past period,
	// each a line of its own on the day it was held: 3 seats of
	// "Datenschutz-Grundlagen" at 149.00 € = 447.00 €, 1 seat of
	// "Linux-Administration" at 390.00 €. Both are the organization's:
	// the organization's discount Stipendium 10 % takes its share of them
	// with the base fee 99.00 € and Nextcloud 25.00 € (shop), 10 % of
	// 961.00 € = 96.10 €; the shop's Partner 20 % does not, 20 % of
	// 25.00 € = 5.00 €. Net 961.00 − 96.10 − 5.00 = 859.90 €; VAT 19 % =
	// 163.381 → 163.38 €; gross 1,023.28 €.
	{
		name: "training_seats",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{service("Nextcloud", wsShop, 2500, d(2026, 11, 2), nil)}
			in.OneOffs = []charges.OneOff{
				{ID: id("training-linux"), Description: "Schulung Linux-Administration am 03.03.2027", Day: d(2027, 3, 3),
					Quantity: 1, UnitPriceCents: 39000, Currency: "EUR"},
				{ID: id("training-dsgvo"), Description: "Schulung Datenschutz-Grundlagen am 18.02.2027", Day: d(2027, 2, 18),
					Quantity: 3, UnitPriceCents: 14900, Currency: "EUR"},
			}
			in.Discounts = []charges.Reduction{
				{ID: id("disc-partner"), Name: "Partner", BasisPoints: 2000, Workspace: wsShop, Start: d(2027, 1, 1)},
				{ID: id("disc-stipendium"), Name: "Stipendium", BasisPoints: 1000, Start: d(2027, 1, 1)},
			}
		}),
		issuer: germany, customer: germanCustomer,
		want: [3]int64{85990, 16338, 102328},
	},
	// Kleinunternehmer (§ 19 UStG): base fee 99.00 € and Nextcloud
	// 25.00 €, net 124.00 €, no VAT (category E), gross 124.00 €, with the
	// note.
	{
		name: "kleinunternehmer",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{service("Nextcloud", wsShop, 2500, d(2026, 11, 2), nil)}
		}),
		issuer: kleinunternehm, customer: tax.Customer{Country: "DE", VATID: "DE136695976"},
		want: [3]int64{12400, 0, 12400},
	},
	// Reverse charge: the same lines for a business in Austria with a VAT
	// ID: 0 % (category AE), net = gross = 124.00 €, with the note and the
	// customer's VAT ID.
	{
		name: "reverse_charge",
		in: with(billedOn(d(2027, 3, 15)), func(in *charges.Input) {
			in.Services = []charges.BookedService{service("Nextcloud", wsShop, 2500, d(2026, 11, 2), nil)}
		}),
		issuer: germany, customer: tax.Customer{Country: "AT", VATID: "ATU13585627"},
		want: [3]int64{12400, 0, 12400},
	},
}

func with(in charges.Input, f func(*charges.Input)) charges.Input {
	f(&in)
	return in
}

// daily is a snapshot of n bytes for every day of p.
func daily(p calendar.Period, n int64) []charges.Snapshot {
	var ss []charges.Snapshot
	for day := p.Start; day.Before(p.End); day = day.AddDays(1) {
		ss = append(ss, charges.Snapshot{Day: day, Bytes: n})
	}
	return ss
}

// taxLines are the invoice's lines for tax, all at the mode's rate.
func taxLines(lines []charges.Line, m tax.Mode) []tax.Line {
	var tl []tax.Line
	for _, l := range lines {
		tl = append(tl, tax.Line{NetCents: l.NetCents, RateBasisPoints: m.RateBasisPoints})
	}
	return tl
}

func TestGoldenInvoices(t *testing.T) {
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			res, err := charges.Compute(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			mode := tax.ModeFor(tt.issuer, tt.customer)
			sum, err := tax.Totals(taxLines(res.Lines, mode), mode)
			if err != nil {
				t.Fatal(err)
			}
			if got := [3]int64{sum.NetCents, sum.VATCents, sum.GrossCents}; got != tt.want {
				t.Errorf("net, VAT, gross = %v, worked out by hand %v", got, tt.want)
			}
			got := render(tt.in, res, sum)
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs; got:\n%s", path, got)
			}
		})
	}
}

// render writes an invoice as a person reads it: the lines, the VAT
// breakdown, the totals, the notes and the time entries marked invoiced.
func render(in charges.Input, res charges.Result, sum tax.Summary) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Billing date %s, currency %s\n", in.BillingDate, res.Currency)
	fmt.Fprintf(&b, "Coming period %s (%d days), past period %s (%d days)\n\n", in.Coming, in.Coming.Days(), in.Past, in.Past.Days())
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "#\tkind\tdescription\tperiod\tqty\tunit\tunit price\tper\tnet\tworkspace\tsources")
	for i, l := range res.Lines {
		src := []string{}
		if len(l.Sources) == 0 {
			src = append(src, "-")
		}
		for _, s := range l.Sources {
			src = append(src, nameOf(s))
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s\t%s\n", i+1, l.Kind, l.Description, l.Period,
			l.Quantity, l.Unit, cents.Format(l.UnitPriceCents, res.Currency), l.BaseQuantity,
			cents.Format(l.NetCents, res.Currency), nameOf(l.Workspace), strings.Join(src, ", "))
	}
	w.Flush()
	b.WriteString("\n")
	for _, g := range sum.Groups {
		fmt.Fprintf(&b, "VAT %-2s %6s  net %s  VAT %s", g.Category, cents.Percent(g.RateBasisPoints),
			cents.Format(g.NetCents, res.Currency), cents.Format(g.VATCents, res.Currency))
		if g.ExemptionReason != "" {
			fmt.Fprintf(&b, "  (%s)", g.ExemptionReason)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Total net %s, VAT %s, gross %s\n", cents.Format(sum.NetCents, res.Currency),
		cents.Format(sum.VATCents, res.Currency), cents.Format(sum.GrossCents, res.Currency))
	for _, n := range sum.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	var invoiced []string
	for _, u := range res.InvoicedTime {
		invoiced = append(invoiced, nameOf(u))
	}
	if len(invoiced) > 0 {
		fmt.Fprintf(&b, "Time entries marked invoiced: %s\n", strings.Join(invoiced, ", "))
	}
	var oneOffs []string
	for _, u := range res.InvoicedOneOffs {
		oneOffs = append(oneOffs, nameOf(u))
	}
	if len(oneOffs) > 0 {
		fmt.Fprintf(&b, "One-off charges marked invoiced: %s\n", strings.Join(oneOffs, ", "))
	}
	return b.Bytes()
}
