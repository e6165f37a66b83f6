// Package einvoice turns an issued invoice into an electronic invoice after
// EN 16931: CII (UN/CEFACT Cross Industry Invoice) in the Factur-X/ZUGFeRD
// profile EN 16931 or as XRechnung 3.0, or UBL 2.1 as XRechnung. Plain
// values in, bytes out, no database, like invoicepdf, whose Document is the
// input: the e-invoice says what the PDF says, computed by nobody here.
//
// The model, the XML writers, the parser and the rule checks are those of
// github.com/speedata/einvoice; this package maps a Document onto its model
// (Build), writes it (Write), checks XML against the EN 16931 rules and, for
// XRechnung, the German BR-DE rules (Validate), and reads the totals back
// (Totals). Encode does all of it and refuses an e-invoice that breaks a
// rule or whose totals differ from the document's.
//
// Amounts are int64 cents here as everywhere in billing; they become
// decimals (shopspring/decimal, exact) only at the library's boundary.
//
// Where the library's output is not what EN 16931 binds, Write corrects it
// (see Write): the XML is meant to pass the official schematron as well,
// not only the library's own checks.
package einvoice

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
)

// Format is the syntax and profile of an e-invoice.
type Format int

const (
	FormatUnspecified Format = iota
	// FacturX is CII in the Factur-X/ZUGFeRD profile EN 16931 (BT-24
	// urn:cen.eu:en16931:2017): the XML a ZUGFeRD PDF/A-3 carries, and
	// what a business customer reads without German extras.
	FacturX
	// XRechnungCII is CII after XRechnung 3.0, the German CIUS public
	// authorities require: buyer reference (Leitweg-ID), seller contact,
	// electronic addresses.
	XRechnungCII
	// XRechnungUBL is the same XRechnung 3.0 in UBL 2.1; a cancellation
	// invoice is a CreditNote.
	XRechnungUBL
)

var formatNames = map[Format]string{
	FacturX:      "facturx",
	XRechnungCII: "xrechnung-cii",
	XRechnungUBL: "xrechnung-ubl",
}

// String names the format as MarshalText does.
func (f Format) String() string {
	if n, ok := formatNames[f]; ok {
		return n
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// MarshalText names the format in settings and stored records: "facturx",
// "xrechnung-cii", "xrechnung-ubl".
func (f Format) MarshalText() ([]byte, error) {
	if n, ok := formatNames[f]; ok {
		return []byte(n), nil
	}
	return nil, fmt.Errorf("e-invoice format %d has no name", int(f))
}

// UnmarshalText reads what MarshalText writes.
func (f *Format) UnmarshalText(b []byte) error {
	for k, n := range formatNames {
		if n == string(b) {
			*f = k
			return nil
		}
	}
	return fmt.Errorf("e-invoice format %q: want facturx, xrechnung-cii or xrechnung-ubl", b)
}

// xrechnung reports whether f is subject to the German BR-DE rules.
func (f Format) xrechnung() bool { return f == XRechnungCII || f == XRechnungUBL }

// Buyer is what an e-invoice needs of the customer beyond the document.
type Buyer struct {
	// Reference is the buyer reference (BT-10): the Leitweg-ID of a
	// public authority. Empty for a business, whose customer number is
	// used instead (XRechnung requires a buyer reference, BR-DE-15, and the
	// customer number is what a business's accounts payable match on).
	Reference string
	// ElectronicAddress is the buyer's e-mail address (BT-49, scheme EM),
	// where the e-invoice goes. XRechnung requires it.
	ElectronicAddress string
	// PublicSector marks a public authority: without a Reference its
	// invoice is refused (BR-DE-15), as it could not be routed.
	PublicSector bool
}

// Seller is what an e-invoice needs of the issuer beyond the document.
type Seller struct {
	// ElectronicAddress is the seller's electronic address (BT-34, scheme
	// EM); the issuer's e-mail address when empty. XRechnung requires it.
	ElectronicAddress string
	// Country is the ISO 3166 code of the issuer's seat (BT-40): the
	// document leaves it out of the issuer's address, as the letterhead
	// does. DE when empty.
	Country string
}

// Violation is one broken business rule.
type Violation struct {
	Rule    string // "BR-DE-15", "BR-CO-10", "PEPPOL-EN16931-R010"
	Message string
}

func (v Violation) String() string { return v.Rule + ": " + v.Message }

// Error is an e-invoice that breaks rules: every violation, in the order the
// checks found them.
type Error struct {
	Number     string // the invoice's number
	Violations []Violation
}

func (e *Error) Error() string {
	s := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		s[i] = v.String()
	}
	return "e-invoice " + e.Number + ": " + strings.Join(s, "; ")
}

// Encode builds the e-invoice of doc in format f, writes it, and checks the
// XML it wrote: the rules of f (an *Error lists what is broken), and that it
// reads back to the document's net, VAT and gross. What it returns can be
// stored with the invoice and sent as is; the same arguments give the same
// bytes.
func Encode(doc invoicepdf.Document, f Format, buyer Buyer, seller Seller) ([]byte, error) {
	inv, err := Build(doc, f, buyer, seller)
	if err != nil {
		return nil, err
	}
	xml, err := Write(inv)
	if err != nil {
		return nil, err
	}
	violations, _, err := Validate(xml)
	if err != nil {
		return nil, err
	}
	if len(violations) > 0 {
		return nil, &Error{Number: doc.Number, Violations: violations}
	}
	got, err := Totals(xml)
	if err != nil {
		return nil, err
	}
	if want := (Sums{NetCents: doc.TotalNetCents, VATCents: doc.TotalVATCents, GrossCents: doc.GrossCents}); got != want {
		return nil, fmt.Errorf("e-invoice %s: reads back as %+v, the document says %+v", doc.Number, got, want)
	}
	return xml, nil
}

var errNoFormat = errors.New("no e-invoice format; want FacturX, XRechnungCII or XRechnungUBL")
