// Package invoicepdf renders a German invoice (§ 14 UStG) or cancellation
// invoice as a PDF: plain values in, bytes out, no database.
//
// A Document is a complete snapshot of what the invoice says. Store it with
// the invoice (it survives encoding/json: dates as "2027-01-03"; the logo
// by the name of its file, Issuer.LogoFile, whose bytes the caller loads
// into Issuer.Logo before rendering): Render gives byte-identical output for
// the same Document and logo, so the PDF can be rendered once, stored with
// its SHA-256 and served unchanged, and rendered again from the snapshot to
// prove it (with the same versions of this package, fpdf and the Go fonts;
// testdata/invoice.pdf notices a change).
//
// Render does not compute anything the law cares about: the billing run
// decides the lines, rates, totals and texts; Render checks that they are
// complete and add up (Validate), and lays them out. Amounts are int64 cents.
//
// What Render adds on its own: the GiroCode (EPC QR code) for a positive
// total in EUR, paid to Issuer.Bank with the invoice number as remittance;
// the statutory sentence of a reverse-charge invoice; and leaves out the VAT
// column and breakdown when no line bears VAT (§ 19 UStG, reverse charge),
// whose reason the Notes give.
//
// The page is DIN 5008 form B (window envelope DL or C5/6), in German.
package invoicepdf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Kind tells an invoice from a cancellation invoice.
type Kind int

const (
	KindUnspecified Kind = iota
	// KindInvoice is an ordinary invoice, titled "Rechnung".
	KindInvoice
	// KindCancellation is a "Stornorechnung": it reverses an earlier
	// invoice, named in Document.Cancels, with the same lines at negative
	// amounts.
	KindCancellation
)

// MarshalText names the kind in a stored snapshot: "invoice",
// "cancellation".
func (k Kind) MarshalText() ([]byte, error) {
	switch k {
	case KindInvoice:
		return []byte("invoice"), nil
	case KindCancellation:
		return []byte("cancellation"), nil
	}
	return nil, fmt.Errorf("invoice kind %d has no name", int(k))
}

// UnmarshalText reads what MarshalText writes.
func (k *Kind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "invoice":
		*k = KindInvoice
	case "cancellation":
		*k = KindCancellation
	default:
		return fmt.Errorf("invoice kind %q: want invoice or cancellation", b)
	}
	return nil
}

// Document is everything an invoice PDF shows.
type Document struct {
	Kind   Kind
	Number string // "RE-2027-000042"; unique, the GiroCode's remittance text
	// Cancels is the invoice a cancellation invoice reverses; required for
	// KindCancellation, must be nil for KindInvoice.
	Cancels *InvoiceRef

	IssueDate calendar.Date // Rechnungsdatum; also the PDF's creation date
	DueDate   calendar.Date // optional; shown as "Zahlbar bis" when there is something to pay
	// ServicePeriod is when the services were delivered (Leistungszeitraum),
	// End excluded as everywhere in calendar: December is
	// {2026-12-01, 2027-01-01} and prints "01.12.2026 – 31.12.2026". A
	// period of one day prints as "Leistungsdatum".
	ServicePeriod calendar.Period
	Currency      string // ISO 4217; "EUR" prints "€" and allows a GiroCode

	Issuer   Issuer
	Customer Customer

	Lines []Line
	// Totals has one entry per VAT rate used by Lines, in the order to
	// print (highest rate first is usual). Each NetCents is the sum of its
	// lines; VATCents is the tax the billing run computed for that rate.
	Totals        []RateTotal
	TotalNetCents int64 // sum of Totals' NetCents
	TotalVATCents int64 // sum of Totals' VATCents
	GrossCents    int64 // TotalNetCents + TotalVATCents; the amount due

	// ReverseCharge marks an invoice whose VAT the customer owes (§ 13b
	// UStG, e.g. services to a business in another EU country): the
	// customer's VAT id becomes required, and Render prints the statutory
	// "Steuerschuldnerschaft des Leistungsempfängers" itself.
	ReverseCharge bool
	// Notes are printed under the totals, one paragraph each: the § 19
	// UStG note of a small business, a reason for a tax exemption, a
	// thank-you.
	Notes []string
	// PaymentTerms is printed above the bank details:
	// "Zahlbar ohne Abzug bis 17.01.2027."
	PaymentTerms string
}

// InvoiceRef names an earlier invoice.
type InvoiceRef struct {
	Number    string
	IssueDate calendar.Date
}

// Issuer is the company that bills: everything its letterhead and footer
// show, as German commercial law asks of a GmbH's business letters (§ 35a
// GmbHG) and § 14 (4) UStG of its invoices.
type Issuer struct {
	Name    string // full name with legal form: "Beispiel Hosting GmbH"
	Address Address
	Email   string
	Phone   string
	Website string
	// TaxNumber (Steuernummer) or VATID (USt-IdNr.), at least one.
	TaxNumber string
	VATID     string
	// RegisterCourt and RegisterNumber: "Amtsgericht München", "HRB 123456".
	RegisterCourt     string
	RegisterNumber    string
	ManagingDirectors []string
	Bank              BankAccount
	// LogoFile names the logo's file where the caller keeps it (its
	// SHA-256 with an extension); empty for none. Render does not read it:
	// the caller loads the file into Logo.
	LogoFile string `json:",omitempty"`
	// Logo is a PNG or JPEG, printed top right within 60 × 18 mm. Optional.
	// Not stored with the document (a run of 100,000 invoices would store
	// it 100,000 times): LogoFile is. Documents stored with "Logo": null
	// still read.
	Logo []byte `json:"-"`
}

// BankAccount is where the customer pays to.
type BankAccount struct {
	Holder   string // account holder; the GiroCode's beneficiary
	IBAN     string
	BIC      string // optional for a GiroCode within the EEA
	BankName string
}

// Customer is who the invoice is addressed to.
type Customer struct {
	Name    string // company or person, as the address window shows it
	Address Address
	Number  string // Kundennummer, e.g. the organization's id or handle
	// VATID is the customer's USt-IdNr.; printed when set, required for a
	// reverse-charge invoice.
	VATID string
	// Reference is the buyer reference (EN 16931 BT-10) as it was at
	// issue: a public authority's Leitweg-ID, or what the customer's
	// accounts payable match on. Printed when set; the e-invoice carries
	// it.
	Reference string `json:",omitempty"`
	// PublicSector marks a public authority, whose Reference is its
	// Leitweg-ID.
	PublicSector bool `json:",omitempty"`
	// ElectronicAddress is where the customer takes e-invoices (BT-49), as
	// it was at issue; not printed.
	ElectronicAddress string `json:",omitempty"`
}

// Address is a postal address.
type Address struct {
	Lines      []string // street and number, then any extra lines (c/o, building)
	PostalCode string
	City       string
	// Country is printed in capitals on the last line, as DIN 5008 and
	// the postal services want for mail abroad. Leave it empty for an
	// address in the issuer's own country.
	Country string
}

// Unit is a unit of measure, by its UN/ECE Recommendation 20 code (the
// code an e-invoice uses as well).
type Unit string

// The units an invoice line may use.
const (
	UnitPiece    Unit = "C62" // Stk.
	UnitMonth    Unit = "MON" // Monat
	UnitDay      Unit = "DAY" // Tag
	UnitHour     Unit = "HUR" // Std.
	UnitMinute   Unit = "MIN" // Min.
	UnitGigabyte Unit = "E34" // GB
)

// Line is one position of the invoice.
type Line struct {
	Position    int    // printed in the first column; 1, 2, 3 …
	Description string // what was delivered; may wrap or hold line breaks
	Quantity    int64  // in Unit; negative on a cancellation invoice
	Unit        Unit
	// UnitPriceCents is the net price of BaseQuantity units; BaseQuantity
	// 0 means 1. 9500 per 60 MIN prints "95,00 € / Std.".
	UnitPriceCents int64
	BaseQuantity   int64
	NetCents       int64 // the line's net amount, as the billing run rounded it
	VATRate        Rate
}

// Rate is a VAT rate in hundredths of a percent: 1900 is 19 %, 700 is 7 %,
// 0 is 0 % (reverse charge, § 19 UStG, exempt).
type Rate int

// RateTotal sums the lines of one VAT rate.
type RateTotal struct {
	Rate     Rate
	NetCents int64
	VATCents int64
}

// Validate reports everything that keeps d from being a complete and
// consistent invoice, in one error, or nil. Render calls it first.
func (d *Document) Validate() error {
	var errs []string
	need := func(ok bool, format string, args ...any) {
		if !ok {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }

	switch d.Kind {
	case KindInvoice:
		need(d.Cancels == nil, "an invoice cancels nothing; Cancels is for a cancellation invoice")
	case KindCancellation:
		need(d.Cancels != nil && !blank(d.Cancels.Number) && !d.Cancels.IssueDate.IsZero(),
			"a cancellation invoice names the number and date of the invoice it cancels")
	default:
		errs = append(errs, "kind must be an invoice or a cancellation invoice")
	}
	need(!blank(d.Number), "the invoice number is missing")
	need(!d.IssueDate.IsZero(), "the issue date is missing")
	need(!d.ServicePeriod.Start.IsZero() && d.ServicePeriod.End.After(d.ServicePeriod.Start),
		"the service period needs a start and an end after it (end excluded)")
	need(len(d.Currency) == 3 && d.Currency == strings.ToUpper(d.Currency), "the currency is an ISO 4217 code like EUR, not %q", d.Currency)

	is := d.Issuer
	need(!blank(is.Name), "the issuer's name is missing")
	need(completeAddress(is.Address), "the issuer's address needs a street, postal code and city")
	need(!blank(is.TaxNumber) || !blank(is.VATID), "the issuer's tax number or VAT id is missing")
	need(!blank(is.Bank.IBAN) && !blank(is.Bank.Holder), "the issuer's bank account needs a holder and an IBAN")

	c := d.Customer
	need(!blank(c.Name), "the customer's name is missing")
	need(completeAddress(c.Address), "the customer's address needs a street, postal code and city")
	need(!d.ReverseCharge || !blank(c.VATID), "a reverse-charge invoice names the customer's VAT id")

	need(len(d.Lines) > 0, "an invoice has at least one line")
	net := map[Rate]int64{}
	for i, l := range d.Lines {
		need(!blank(l.Description), "line %d has no description", i+1)
		_, ok := units[l.Unit]
		need(ok, "line %d has unit %q; known are C62, MON, DAY, HUR, MIN, E34", i+1, l.Unit)
		need(l.BaseQuantity >= 0, "line %d has a negative base quantity", i+1)
		need(l.VATRate >= 0 && l.VATRate < 10000, "line %d has VAT rate %d, not 0 … 9999 hundredths of a percent", i+1, l.VATRate)
		net[l.VATRate] += l.NetCents
	}

	var sumNet, sumVAT int64
	seen := map[Rate]bool{}
	for _, t := range d.Totals {
		need(!seen[t.Rate], "the totals list rate %s twice", formatRate(t.Rate))
		seen[t.Rate] = true
		need(t.NetCents == net[t.Rate], "the net total at %s is %d cents, its lines sum to %d", formatRate(t.Rate), t.NetCents, net[t.Rate])
		need(t.Rate > 0 || t.VATCents == 0, "the VAT at 0 %% is %d cents, not 0", t.VATCents)
		sumNet += t.NetCents
		sumVAT += t.VATCents
	}
	for _, l := range d.Lines { // in line order, so the message is stable
		if !seen[l.VATRate] {
			need(false, "the totals have no entry for the lines at %s", formatRate(l.VATRate))
			seen[l.VATRate] = true
		}
	}
	need(d.TotalNetCents == sumNet, "the total net is %d cents, the rates sum to %d", d.TotalNetCents, sumNet)
	need(d.TotalVATCents == sumVAT, "the total VAT is %d cents, the rates sum to %d", d.TotalVATCents, sumVAT)
	need(d.GrossCents == d.TotalNetCents+d.TotalVATCents, "the gross amount is %d cents, net plus VAT is %d", d.GrossCents, d.TotalNetCents+d.TotalVATCents)

	for _, t := range d.texts() {
		if err := printable(t[0], t[1]); err != nil {
			errs = append(errs, err.Error())
		}
	}

	if len(errs) == 0 {
		return nil
	}
	return errors.New("invoice " + d.Number + ": " + strings.Join(errs, "; "))
}

func completeAddress(a Address) bool {
	return len(a.Lines) > 0 && strings.TrimSpace(a.Lines[0]) != "" &&
		strings.TrimSpace(a.PostalCode) != "" && strings.TrimSpace(a.City) != ""
}
