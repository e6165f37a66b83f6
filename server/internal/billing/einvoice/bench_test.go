package einvoice_test

import (
	"testing"

	. "github.com/leitstand/leitstand/server/internal/billing/einvoice"
)

// BenchmarkEncode is what an e-invoice costs at issue: build, write,
// check the rules and read the totals back, for a two-line invoice.
func BenchmarkEncode(b *testing.B) {
	doc := golden(&testing.T{})[0].doc
	for _, f := range []Format{FacturX, XRechnungCII, XRechnungUBL} {
		b.Run(f.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := Encode(doc, f, Buyer{ElectronicAddress: "rechnung@kunde.example"}, Seller{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite is the XML alone, without the rule checks.
func BenchmarkWrite(b *testing.B) {
	doc := golden(&testing.T{})[0].doc
	for b.Loop() {
		inv, err := Build(doc, XRechnungCII, Buyer{ElectronicAddress: "rechnung@kunde.example"}, Seller{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Write(inv); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is what issuing an invoice costs: its model checked by
// the rules, no XML (what the billing run does for every invoice).
func BenchmarkCheck(b *testing.B) {
	doc := golden(&testing.T{})[0].doc
	for _, f := range []Format{FacturX, XRechnungCII, XRechnungUBL} {
		b.Run(f.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := Check(doc, f, Buyer{ElectronicAddress: "rechnung@kunde.example"}, Seller{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
