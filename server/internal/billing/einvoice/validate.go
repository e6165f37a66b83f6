package einvoice

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	ei "github.com/speedata/einvoice"

	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
)

// Validate reads an e-invoice and checks it against the EN 16931 rules
// and, when its specification identifier (BT-24) is XRechnung's, the
// German BR-DE rules: the library's checks in Go, not the official
// schematron. It returns the violations (the invoice is not valid) and the
// warnings (recommendations, "soll"), each in the order found; err is for
// XML that cannot be read.
//
// Validate adds what the library does not check, as the official rules
// have it:
//   - XRechnung 3.0 requires the business process (BT-23) and the
//     electronic addresses of seller and buyer (BT-34, BT-49): rules of
//     the PEPPOL CIUS that the XRechnung schematron took over, under
//     their PEPPOL ids.
//   - A rate in a line of category O (BR-O-05): the library's model
//     cannot tell a rate of 0 from none, the XML can.
//   - A specification identifier of neither format of this package, for
//     which the library would check nothing at all.
func Validate(xml []byte) (violations, warnings []Violation, err error) {
	inv, err := ei.ParseReader(bytes.NewReader(xml))
	if err != nil {
		return nil, nil, fmt.Errorf("read e-invoice: %w", err)
	}
	switch spec := inv.GuidelineSpecifiedDocumentContextParameter; spec {
	case ei.SpecEN16931, ei.SpecXRechnung30:
	default:
		violations = append(violations, Violation{Rule: "BT-24",
			Message: fmt.Sprintf("specification identifier %q is neither Factur-X EN 16931 (%s) nor XRechnung 3.0 (%s)", spec, ei.SpecEN16931, ei.SpecXRechnung30)})
	}
	v, w, err := rulesOf(inv)
	if err != nil {
		return nil, nil, err
	}
	violations, warnings = append(violations, v...), w
	if ciiRateOfO.Match(xml) || ublRateOfO.Match(xml) {
		violations = append(violations, Violation{Rule: "BR-O-05", Message: `an invoice line "Not subject to VAT" (O) carries a VAT rate (BT-152)`})
	}
	return violations, warnings, nil
}

// Check builds the e-invoice of doc in format f and checks its model
// against the rules Validate checks in the XML, without writing and
// reading it back: what issuing an invoice costs (some 40 µs, where
// Encode takes about 0.9 ms, most of it reading the XML back). It returns
// the warnings (recommendations the e-invoice does not follow) and an
// *Error listing the broken rules, nil when there are none. What it
// cannot see is how Write puts the model into XML, which Encode checks
// whenever a file is made.
func Check(doc invoicepdf.Document, f Format, buyer Buyer, seller Seller) (warnings []Violation, err error) {
	inv, err := Build(doc, f, buyer, seller)
	if err != nil {
		return nil, err
	}
	violations, warnings, err := rulesOf(inv)
	if err != nil {
		return nil, err
	}
	if len(violations) > 0 {
		return warnings, &Error{Number: doc.Number, Violations: violations}
	}
	return warnings, nil
}

// rulesOf checks a model against the EN 16931 rules and, for XRechnung,
// the BR-DE rules and the electronic addresses and business process
// XRechnung 3.0 requires: the rules of the PEPPOL CIUS that the XRechnung
// schematron took over, under their PEPPOL ids, which the library does
// not check.
func rulesOf(inv *ei.Invoice) (violations, warnings []Violation, err error) {
	if verr := inv.Validate(); verr != nil {
		var v *ei.ValidationError
		if !errors.As(verr, &v) {
			return nil, nil, fmt.Errorf("validate e-invoice: %w", verr)
		}
		for _, s := range v.Violations() {
			violations = append(violations, Violation{Rule: s.Rule.Code, Message: s.Text})
		}
	}
	for _, s := range inv.Warnings() {
		warnings = append(warnings, Violation{Rule: s.Rule.Code, Message: s.Text})
	}
	if inv.IsXRechnung() {
		if inv.BPSpecifiedDocumentContextParameter == "" {
			violations = append(violations, Violation{Rule: "PEPPOL-EN16931-R001", Message: "XRechnung requires the business process (BT-23)"})
		}
		if inv.Seller.URIUniversalCommunication == "" {
			violations = append(violations, Violation{Rule: "PEPPOL-EN16931-R020", Message: "XRechnung requires the seller's electronic address (BT-34)"})
		}
		if inv.Buyer.URIUniversalCommunication == "" {
			violations = append(violations, Violation{Rule: "PEPPOL-EN16931-R010", Message: "XRechnung requires the buyer's electronic address (BT-49)"})
		}
	}
	return violations, warnings, nil
}

// Sums are the totals of an e-invoice in cents, signed as the document's:
// those of a cancellation invoice are negative.
type Sums struct {
	NetCents   int64 // BT-109, invoice total without VAT
	VATCents   int64 // BT-110, total VAT
	GrossCents int64 // BT-112, invoice total with VAT
}

// Totals reads the totals of an e-invoice (CII or UBL). A credit note's
// are turned to the document's signs (see Build), so that Totals of what
// Encode wrote equals the document's TotalNetCents, TotalVATCents and
// GrossCents.
func Totals(xml []byte) (Sums, error) {
	inv, err := ei.ParseReader(bytes.NewReader(xml))
	if err != nil {
		return Sums{}, fmt.Errorf("read e-invoice: %w", err)
	}
	sign := int64(1)
	if inv.InvoiceTypeCode == typeCreditNote {
		sign = -1
	}
	var s Sums
	for _, a := range []struct {
		bt  string
		d   decimal.Decimal
		out *int64
	}{
		{"BT-109", inv.TaxBasisTotal, &s.NetCents},
		{"BT-110", inv.TaxTotal, &s.VATCents},
		{"BT-112", inv.GrandTotal, &s.GrossCents},
	} {
		c, err := cents(a.d)
		if err != nil {
			return Sums{}, fmt.Errorf("e-invoice %s: %s: %w", inv.InvoiceNumber, a.bt, err)
		}
		*a.out = sign * c
	}
	return s, nil
}

// cents is an amount as cents, exactly: 19.9 is 1990; 19.901 is an error.
func cents(d decimal.Decimal) (int64, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, fmt.Errorf("amount %s has fractions of a cent", d)
	}
	if !c.BigInt().IsInt64() {
		return 0, fmt.Errorf("amount %s is out of range", d)
	}
	return c.IntPart(), nil
}
