package tax_test

import (
	"slices"
	"testing"

	"github.com/leitstand/leitstand/server/internal/billing/tax"
)

var de = tax.Issuer{RateBasisPoints: 1900, Country: "DE"}

func TestModeFor(t *testing.T) {
	t.Parallel()
	small := tax.Issuer{SmallBusiness: true, RateBasisPoints: 1900, Country: "DE"}
	tests := []struct {
		name     string
		issuer   tax.Issuer
		customer tax.Customer
		want     tax.Mode
	}{
		{"German consumer", de, tax.Customer{Country: "DE"}, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		{"German business", de, tax.Customer{Country: "DE", VATID: "DE136695976"}, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		{"Austrian business", de, tax.Customer{Country: "AT", VATID: "ATU 1358 5627"}, tax.Mode{Scheme: tax.ReverseCharge, CustomerVATID: "ATU13585627"}},
		{"Greek business by its VAT prefix", de, tax.Customer{Country: "el", VATID: "EL123456789"}, tax.Mode{Scheme: tax.ReverseCharge, CustomerVATID: "EL123456789"}},
		{"Austrian consumer", de, tax.Customer{Country: "AT"}, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		// § 3a UStG is not modelled: outside the EU is the standard rate.
		{"Swiss business", de, tax.Customer{Country: "CH", VATID: "CHE123456789MWST"}, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		{"British business", de, tax.Customer{Country: "GB", VATID: "GB123456789"}, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		{"small business wins over reverse charge", small, tax.Customer{Country: "AT", VATID: "ATU13585627"}, tax.Mode{Scheme: tax.SmallBusiness}},
		{"small business to a consumer", small, tax.Customer{Country: "DE"}, tax.Mode{Scheme: tax.SmallBusiness}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tax.ModeFor(tt.issuer, tt.customer); got != tt.want {
				t.Fatalf("ModeFor = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// The one list of member states: 27 since the United Kingdom left.
func TestEUMembers(t *testing.T) {
	t.Parallel()
	members := []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
		"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
	if len(members) != 27 {
		t.Fatalf("%d members listed", len(members))
	}
	for _, c := range members {
		if !tax.InEU(c) {
			t.Errorf("%s is a member state", c)
		}
	}
	for _, c := range []string{"GB", "CH", "NO", "IS", "LI", "XI", "US", "", "EU"} {
		if tax.InEU(c) {
			t.Errorf("%q is not a member state", c)
		}
	}
	if !tax.InEU("EL") || !tax.InEU("de") {
		t.Error("EL is Greece, and case does not matter")
	}
}

func lines(rate int, nets ...int64) []tax.Line {
	var ls []tax.Line
	for _, n := range nets {
		ls = append(ls, tax.Line{NetCents: n, RateBasisPoints: rate})
	}
	return ls
}

// EN 16931: the VAT of a rate is computed once on the sum of its lines.
// Ten lines of 1.20 € at 19 %: net 12.00 €, VAT 19 % of 12.00 € = 2.28 €
// (per line it would be 0.228 → 0.23, ten times 2.30 €).
func TestVATOnceOnTheSumOfTheRate(t *testing.T) {
	t.Parallel()
	ten := lines(1900, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120)
	s, err := tax.Totals(ten, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900})
	if err != nil {
		t.Fatal(err)
	}
	want := tax.Summary{
		Groups:   []tax.Group{{RateBasisPoints: 1900, Category: tax.CategoryStandard, NetCents: 1200, VATCents: 228}},
		NetCents: 1200, VATCents: 228, GrossCents: 1428,
	}
	if !equal(s, want) {
		t.Fatalf("Totals = %+v, want %+v", s, want)
	}
}

// Two rates make two groups, each rounded on its own: 7 % of 0.50 € is
// 0.035 → 0.04 €; 19 % of 0.50 € is 0.095 → 0.10 €.
func TestGroupsPerRate(t *testing.T) {
	t.Parallel()
	ls := append(lines(1900, 25, 25), lines(700, 50)...)
	s, err := tax.Totals(ls, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900})
	if err != nil {
		t.Fatal(err)
	}
	want := tax.Summary{
		Groups: []tax.Group{
			{RateBasisPoints: 700, Category: tax.CategoryStandard, NetCents: 50, VATCents: 4},
			{RateBasisPoints: 1900, Category: tax.CategoryStandard, NetCents: 50, VATCents: 10},
		},
		NetCents: 100, VATCents: 14, GrossCents: 114,
	}
	if !equal(s, want) {
		t.Fatalf("Totals = %+v, want %+v", s, want)
	}
}

// A cancellation invoice negates every line of the invoice it cancels; its
// VAT, rounded half away from zero, is the exact negative, so the two net
// to zero. The nets are chosen so the VAT lands on half a cent: 19 % of
// 0.50 € = 0.095 €, and of 1.50 € = 0.285 €.
func TestCancellationNetsToZero(t *testing.T) {
	t.Parallel()
	mode := tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}
	for _, nets := range [][]int64{{50}, {150}, {9900, 1999, 1}, {120, 120, 120}} {
		inv, err := tax.Totals(lines(1900, nets...), mode)
		if err != nil {
			t.Fatal(err)
		}
		var neg []int64
		for _, n := range nets {
			neg = append(neg, -n)
		}
		cancel, err := tax.Totals(lines(1900, neg...), mode)
		if err != nil {
			t.Fatal(err)
		}
		if inv.NetCents+cancel.NetCents != 0 || inv.VATCents+cancel.VATCents != 0 || inv.GrossCents+cancel.GrossCents != 0 {
			t.Errorf("%v: invoice %+v and cancellation %+v do not net to zero", nets, inv, cancel)
		}
	}
	s, _ := tax.Totals(lines(1900, -50), mode)
	if s.VATCents != -10 {
		t.Errorf("19 %% of -0.50 € = %d cents, want -10 (half away from zero)", s.VATCents)
	}
}

func TestSmallBusinessAndReverseCharge(t *testing.T) {
	t.Parallel()
	ls := lines(1900, 9900, 2500) // the rate the lines carry is ignored
	tests := []struct {
		name string
		mode tax.Mode
		want tax.Summary
	}{
		{"Kleinunternehmer", tax.Mode{Scheme: tax.SmallBusiness}, tax.Summary{
			Groups:   []tax.Group{{Category: tax.CategoryExempt, NetCents: 12400, ExemptionReason: tax.NoteSmallBusiness}},
			NetCents: 12400, GrossCents: 12400,
			Notes: []string{"Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."},
		}},
		{"reverse charge", tax.Mode{Scheme: tax.ReverseCharge, CustomerVATID: "ATU13585627"}, tax.Summary{
			Groups:   []tax.Group{{Category: tax.CategoryReverseCharge, NetCents: 12400, ExemptionReason: tax.NoteReverseCharge}},
			NetCents: 12400, GrossCents: 12400,
			Notes: []string{"Steuerschuldnerschaft des Leistungsempfängers", "USt-IdNr. des Leistungsempfängers: ATU13585627"},
		}},
		{"dunning fee", tax.Mode{Scheme: tax.OutsideScope, Reason: tax.NoteDunningFee}, tax.Summary{
			Groups:   []tax.Group{{Category: tax.CategoryOutsideScope, NetCents: 12400, ExemptionReason: tax.NoteDunningFee}},
			NetCents: 12400, GrossCents: 12400,
			Notes: []string{"Mahngebühren sind pauschalierter Schadensersatz und nicht umsatzsteuerbar."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := tax.Totals(ls, tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			if !equal(s, tt.want) {
				t.Fatalf("Totals = %+v, want %+v", s, tt.want)
			}
		})
	}
}

func TestTotalsRefuses(t *testing.T) {
	t.Parallel()
	for name, tt := range map[string]struct {
		lines []tax.Line
		mode  tax.Mode
	}{
		"a standard line without a rate":        {lines(0, 100), tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		"a rate above 100 %":                    {lines(10001, 100), tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}},
		"reverse charge without the VAT ID":     {lines(1900, 100), tax.Mode{Scheme: tax.ReverseCharge}},
		"no scheme":                             {lines(1900, 100), tax.Mode{}},
		"outside the scope without a reason":    {lines(1900, 100), tax.Mode{Scheme: tax.OutsideScope}},
		"an empty invoice without a valid rate": {nil, tax.Mode{Scheme: tax.Standard}},
	} {
		if _, err := tax.Totals(tt.lines, tt.mode); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// An invoice without lines still has one breakdown.
func TestEmptyInvoiceHasOneGroup(t *testing.T) {
	t.Parallel()
	s, err := tax.Totals(nil, tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900})
	if err != nil || len(s.Groups) != 1 || s.Groups[0].RateBasisPoints != 1900 || s.GrossCents != 0 {
		t.Fatalf("Totals(nil) = %+v, %v", s, err)
	}
}

func equal(a, b tax.Summary) bool {
	return slices.Equal(a.Groups, b.Groups) && slices.Equal(a.Notes, b.Notes) &&
		a.NetCents == b.NetCents && a.VATCents == b.VATCents && a.GrossCents == b.GrossCents
}
