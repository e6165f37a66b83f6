package einvoice_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	ei "github.com/speedata/einvoice"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/einvoice"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
)

var formats = []einvoice.Format{einvoice.FacturX, einvoice.XRechnungCII, einvoice.XRechnungUBL}

func issuer() invoicepdf.Issuer {
	return invoicepdf.Issuer{
		Name:           "Nordlicht Hosting GmbH",
		Address:        invoicepdf.Address{Lines: []string{"Hafenstraße 12"}, PostalCode: "20457", City: "Hamburg"},
		Email:          "buchhaltung@nordlicht-hosting.de",
		Phone:          "+49 40 1234567-0",
		TaxNumber:      "22/345/67890",
		VATID:          "DE123456789",
		RegisterCourt:  "Amtsgericht Hamburg",
		RegisterNumber: "HRB 123456",
		Bank: invoicepdf.BankAccount{Holder: "Nordlicht Hosting GmbH", IBAN: "DE89 3704 0044 0532 0130 00",
			BIC: "COBADEFFXXX", BankName: "Commerzbank"},
	}
}

// smallBusiness is a Kleinunternehmer: a tax number, no VAT ID, no
// register entry.
func smallBusiness() invoicepdf.Issuer {
	is := issuer()
	is.Name, is.VATID, is.RegisterCourt, is.RegisterNumber = "Jana Petersen Webhosting", "", "", ""
	is.Bank.Holder = is.Name
	return is
}

func customer() invoicepdf.Customer {
	return invoicepdf.Customer{
		Name:    "Bäckerei Schröder & Söhne KG",
		Address: invoicepdf.Address{Lines: []string{"Zum Mühlenteich 7", "Hinterhaus"}, PostalCode: "24103", City: "Kiel"},
		Number:  "K-10023",
	}
}

func austrian() invoicepdf.Customer {
	return invoicepdf.Customer{
		Name:    "Alpenblick Software GmbH",
		Address: invoicepdf.Address{Lines: []string{"Mariahilfer Straße 1"}, PostalCode: "1060", City: "Wien", Country: "AT"},
		Number:  "K-10077", VATID: "ATU13585627",
	}
}

// document is an invoice of lines as the billing run issues it: the totals
// computed by the tax package under mode, its notes, the rates of its
// lines.
func document(t *testing.T, is invoicepdf.Issuer, c invoicepdf.Customer, mode tax.Mode, lines ...invoicepdf.Line) invoicepdf.Document {
	t.Helper()
	rate := 0
	if mode.Scheme == tax.Standard {
		rate = mode.RateBasisPoints
	}
	tl := make([]tax.Line, len(lines))
	for i := range lines {
		lines[i].Position = i + 1
		lines[i].VATRate = invoicepdf.Rate(rate)
		tl[i] = tax.Line{NetCents: lines[i].NetCents, RateBasisPoints: rate}
	}
	sum, err := tax.Totals(tl, mode)
	if err != nil {
		t.Fatal(err)
	}
	d := invoicepdf.Document{
		Kind: invoicepdf.KindInvoice, Number: "RE-2027-000042",
		IssueDate: calendar.D(2027, 1, 3), DueDate: calendar.D(2027, 1, 17),
		ServicePeriod: calendar.Period{Start: calendar.D(2026, 12, 1), End: calendar.D(2027, 1, 1)},
		Currency:      "EUR", Issuer: is, Customer: c, Lines: lines,
		TotalNetCents: sum.NetCents, TotalVATCents: sum.VATCents, GrossCents: sum.GrossCents,
		ReverseCharge: mode.Scheme == tax.ReverseCharge,
		Notes:         sum.Notes,
		PaymentTerms:  "Zahlbar ohne Abzug bis 17.01.2027.",
	}
	for _, g := range sum.Groups {
		d.Totals = append(d.Totals, invoicepdf.RateTotal{Rate: invoicepdf.Rate(g.RateBasisPoints), NetCents: g.NetCents, VATCents: g.VATCents})
	}
	return d
}

var standard = tax.Mode{Scheme: tax.Standard, RateBasisPoints: 1900}

func month(desc string, price int64) invoicepdf.Line {
	return invoicepdf.Line{Description: desc, Quantity: 1, Unit: invoicepdf.UnitMonth, UnitPriceCents: price, BaseQuantity: 1, NetCents: price}
}

// cancellation reverses d as invoice.Cancel does: the same lines at
// negative quantities and amounts.
func cancellation(d invoicepdf.Document) invoicepdf.Document {
	c := d
	c.Kind, c.Number, c.IssueDate = invoicepdf.KindCancellation, "RE-2027-000043", calendar.D(2027, 1, 10)
	c.Cancels = &invoicepdf.InvoiceRef{Number: d.Number, IssueDate: d.IssueDate}
	// Cancel dates it due on its issuer's terms, as any invoice; nothing is
	// to pay by then.
	c.DueDate, c.PaymentTerms = c.IssueDate.AddDays(14), ""
	c.Lines = nil
	for _, l := range d.Lines {
		l.Quantity, l.NetCents = -l.Quantity, -l.NetCents
		c.Lines = append(c.Lines, l)
	}
	c.Totals = nil
	for _, r := range d.Totals {
		c.Totals = append(c.Totals, invoicepdf.RateTotal{Rate: r.Rate, NetCents: -r.NetCents, VATCents: -r.VATCents})
	}
	c.TotalNetCents, c.TotalVATCents, c.GrossCents = -d.TotalNetCents, -d.TotalVATCents, -d.GrossCents
	return c
}

func golden(t *testing.T) []struct {
	name string
	doc  invoicepdf.Document
} {
	domestic := document(t, issuer(), customer(), standard,
		month("Grundgebühr Tarif Business, Januar 2027", 4900),
		month("vServer „M“ (4 vCPU, 8 GB RAM)", 1990))
	discounted := document(t, issuer(), customer(), standard,
		month("Grundgebühr Tarif Business, Januar 2027", 4900),
		month("vServer „M“ (4 vCPU, 8 GB RAM)", 1990),
		invoicepdf.Line{Description: "Rabatt Treue (10 %)", Quantity: -1, Unit: invoicepdf.UnitPiece, UnitPriceCents: 689, BaseQuantity: 1, NetCents: -689})
	return []struct {
		name string
		doc  invoicepdf.Document
	}{
		{"domestic at 19 %", domestic},
		{"services pro rata", document(t, issuer(), customer(), standard,
			month("vServer „M“ (4 vCPU, 8 GB RAM)", 1990),
			// 12 of the 31 days of December at 29,90 € a month: 11,57 €.
			invoicepdf.Line{Description: "vServer „L“ (anteilig 20.12.–31.12.)", Quantity: 12, Unit: invoicepdf.UnitDay, UnitPriceCents: 2990, BaseQuantity: 31, NetCents: 1157})},
		{"hours and minutes", document(t, issuer(), customer(), standard,
			invoicepdf.Line{Description: "Einrichtung nach Aufwand", Quantity: 3, Unit: invoicepdf.UnitHour, UnitPriceCents: 9500, BaseQuantity: 1, NetCents: 28500},
			invoicepdf.Line{Description: "Support über Inklusivkontingent (150 Min. geleistet, 60 Min. inklusive)", Quantity: 90, Unit: invoicepdf.UnitMinute, UnitPriceCents: 9500, BaseQuantity: 60, NetCents: 14250},
			invoicepdf.Line{Description: "Support, 7 Minuten", Quantity: 7, Unit: invoicepdf.UnitMinute, UnitPriceCents: 9500, BaseQuantity: 60, NetCents: 1108})},
		{"storage overage", document(t, issuer(), customer(), standard,
			month("Grundgebühr Tarif Business, Januar 2027", 4900),
			invoicepdf.Line{Description: "Speicher über Inklusivvolumen (Ø 62 GB an 31 Tagen, 50 GB inklusive)", Quantity: 12, Unit: invoicepdf.UnitGigabyte, UnitPriceCents: 49, BaseQuantity: 1, NetCents: 588})},
		{"discount", discounted},
		{"small business (§ 19 UStG)", document(t, smallBusiness(), customer(), tax.Mode{Scheme: tax.SmallBusiness},
			month("Webhosting Paket S, Januar 2027", 990),
			invoicepdf.Line{Description: "Domain example.de, anteilig", Quantity: 12, Unit: invoicepdf.UnitDay, UnitPriceCents: 120, BaseQuantity: 31, NetCents: 46})},
		{"reverse charge to an EU business", document(t, issuer(), austrian(), tax.Mode{Scheme: tax.ReverseCharge, CustomerVATID: "ATU13585627"},
			month("Grundgebühr Tarif Business, Januar 2027", 4900),
			month("vServer „M“ (4 vCPU, 8 GB RAM)", 1990))},
		{"cancellation", cancellation(discounted)},
		{"dunning fee", func() invoicepdf.Document {
			d := document(t, issuer(), customer(), tax.Mode{Scheme: tax.OutsideScope, Reason: tax.NoteDunningFee},
				invoicepdf.Line{Description: "Mahngebühr zur Rechnung RE-2026-000950", Quantity: 1, Unit: invoicepdf.UnitPiece, UnitPriceCents: 500, BaseQuantity: 1, NetCents: 500})
			d.ServicePeriod = calendar.Period{Start: calendar.D(2027, 1, 3), End: calendar.D(2027, 1, 4)}
			return d
		}()},
	}
}

var buyer = einvoice.Buyer{ElectronicAddress: "rechnungen@baeckerei-schroeder.de"}

// TestGolden writes every kind of invoice in every format: no rule broken,
// no recommendation missed, and the totals read back as the document's.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, g := range golden(t) {
		for _, f := range formats {
			t.Run(g.name+"/"+f.String(), func(t *testing.T) {
				t.Parallel()
				xml, err := einvoice.Encode(g.doc, f, buyer, einvoice.Seller{})
				if err != nil {
					t.Fatal(err)
				}
				violations, warnings, err := einvoice.Validate(xml)
				if err != nil {
					t.Fatal(err)
				}
				if len(violations)+len(warnings) > 0 {
					t.Errorf("violations %v, warnings %v\n%s", violations, warnings, xml)
				}
				// The check at issue, on the model, says what the XML says.
				if warnings, err := einvoice.Check(g.doc, f, buyer, einvoice.Seller{}); err != nil || len(warnings) > 0 {
					t.Errorf("Check = %v, %v; want no warnings, no error", warnings, err)
				}
				got, err := einvoice.Totals(xml)
				if err != nil {
					t.Fatal(err)
				}
				want := einvoice.Sums{NetCents: g.doc.TotalNetCents, VATCents: g.doc.TotalVATCents, GrossCents: g.doc.GrossCents}
				if got != want {
					t.Errorf("totals %+v, want %+v", got, want)
				}
			})
		}
	}
}

// TestMapping reads the e-invoices back and checks the business terms
// that matter to the customer's accounts payable.
func TestMapping(t *testing.T) {
	t.Parallel()
	cases := golden(t)
	for _, f := range formats {
		t.Run(f.String(), func(t *testing.T) {
			t.Parallel()
			for _, name := range []string{"hours and minutes", "cancellation", "small business (§ 19 UStG)", "reverse charge to an EU business", "dunning fee"} {
				var doc invoicepdf.Document
				for _, g := range cases {
					if g.name == name {
						doc = g.doc
					}
				}
				xml, err := einvoice.Encode(doc, f, buyer, einvoice.Seller{})
				if err != nil {
					t.Fatal(err)
				}
				inv, err := ei.ParseReader(bytes.NewReader(xml))
				if err != nil {
					t.Fatal(err)
				}
				check := func(what string, got, want any) {
					t.Helper()
					if got != want {
						t.Errorf("%s: %s is %v, want %v", name, what, got, want)
					}
				}
				check("BT-1", inv.InvoiceNumber, doc.Number)
				check("BT-2", inv.InvoiceDate, doc.IssueDate.Time())
				check("BT-73", inv.BillingSpecifiedPeriodStart, doc.ServicePeriod.Start.Time())
				check("BT-74 (the last day)", inv.BillingSpecifiedPeriodEnd, doc.ServicePeriod.End.AddDays(-1).Time())
				check("BT-10", inv.BuyerReference, doc.Customer.Number)
				check("BT-34", inv.Seller.URIUniversalCommunication+" "+inv.Seller.URIUniversalCommunicationScheme, doc.Issuer.Email+" EM")
				check("BT-49", inv.Buyer.URIUniversalCommunication+" "+inv.Buyer.URIUniversalCommunicationScheme, buyer.ElectronicAddress+" EM")
				check("BT-81", inv.PaymentMeans[0].TypeCode, 58)
				check("BT-84", inv.PaymentMeans[0].PayeePartyCreditorFinancialAccountIBAN, "DE89370400440532013000")
				check("BT-86", inv.PaymentMeans[0].PayeeSpecifiedCreditorFinancialInstitutionBIC, "COBADEFFXXX")
				check("BT-83", inv.PaymentReference, doc.Number)
				check("BT-32", inv.Seller.FCTaxRegistration, "22/345/67890")
				check("lines", len(inv.InvoiceLines), len(doc.Lines))
				switch doc.Kind {
				case invoicepdf.KindCancellation:
					check("BT-3", int(inv.InvoiceTypeCode), 381)
					check("BT-25", inv.InvoiceReferencedDocument[0].ID, doc.Cancels.Number)
					check("BT-26", inv.InvoiceReferencedDocument[0].Date, doc.Cancels.IssueDate.Time())
					// A credit note's amounts are the document's, turned.
					check("BT-131 of line 1", inv.InvoiceLines[0].Total.String(), "49")
					check("BT-129 of line 1", inv.InvoiceLines[0].BilledQuantity.String(), "1")
					check("BT-129 of the discount", inv.InvoiceLines[2].BilledQuantity.String(), "-1")
					check("BT-115", inv.DuePayableAmount.String(), "73.79")
				default:
					check("BT-3", int(inv.InvoiceTypeCode), 380)
					check("BT-9", inv.SpecifiedTradePaymentTerms[0].DueDate, doc.DueDate.Time())
					check("BT-20", inv.SpecifiedTradePaymentTerms[0].Description, doc.PaymentTerms)
				}
				if name == "hours and minutes" {
					l := inv.InvoiceLines[1]
					check("BT-130", l.BilledQuantityUnit, "MIN")
					check("BT-146", l.NetPrice.String(), "95")
					check("BT-149", l.BasisQuantity.String(), "60")
					check("BT-131", l.Total.String(), "142.5")
					check("BT-151", l.TaxCategoryCode, "S")
					check("BT-152", l.TaxRateApplicablePercent.String(), "19")
					check("BT-31", inv.Seller.VATaxRegistration, "DE123456789")
				}
				if name == "small business (§ 19 UStG)" {
					check("BT-151", inv.InvoiceLines[0].TaxCategoryCode, "E")
					check("BT-120", inv.TradeTaxes[0].ExemptionReason, tax.NoteSmallBusiness)
					check("BT-29 (the tax number, as there is no VAT ID)", strings.Join(inv.Seller.ID, ","), "22/345/67890")
				}
				if name == "reverse charge to an EU business" {
					check("BT-151", inv.InvoiceLines[0].TaxCategoryCode, "AE")
					check("BT-120", inv.TradeTaxes[0].ExemptionReason, tax.NoteReverseCharge)
					check("BT-48", inv.Buyer.VATaxRegistration, "ATU13585627")
					check("BT-55", inv.Buyer.PostalAddress.CountryID, "AT")
				}
				if name == "dunning fee" {
					check("BT-151", inv.InvoiceLines[0].TaxCategoryCode, "O")
					check("BT-120", inv.TradeTaxes[0].ExemptionReason, tax.NoteDunningFee)
					// BR-O-02: no VAT ID; the register entry identifies the seller.
					check("BT-31", inv.Seller.VATaxRegistration, "")
					check("BT-29", strings.Join(inv.Seller.ID, ","), "Amtsgericht Hamburg HRB 123456")
				}
			}
		})
	}
}

func TestPublicSectorWithoutBuyerReference(t *testing.T) {
	t.Parallel()
	doc := golden(t)[0].doc
	for _, f := range formats {
		_, err := einvoice.Encode(doc, f, einvoice.Buyer{PublicSector: true, ElectronicAddress: "rechnung@stadt-kiel.de"}, einvoice.Seller{})
		var e *einvoice.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: error %v, want the violation of BR-DE-15", f, err)
		}
		want := []einvoice.Violation{{Rule: "BR-DE-15", Message: `Das Element "Buyer reference" (BT-10) muss übermittelt werden.`}}
		if len(e.Violations) != 1 || e.Violations[0] != want[0] {
			t.Errorf("%s: violations %v, want %v", f, e.Violations, want)
		}
	}
	// With its Leitweg-ID it is an XRechnung like any other.
	xml, err := einvoice.Encode(doc, einvoice.XRechnungUBL, einvoice.Buyer{Reference: "991-01234-56", PublicSector: true, ElectronicAddress: "rechnung@stadt-kiel.de"}, einvoice.Seller{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(xml, []byte("<cbc:BuyerReference>991-01234-56</cbc:BuyerReference>")) {
		t.Errorf("no Leitweg-ID in\n%s", xml)
	}
}

// TestXRechnungRequirements: what XRechnung asks beyond EN 16931 is
// reported, not silently left out.
func TestXRechnungRequirements(t *testing.T) {
	t.Parallel()
	doc := golden(t)[0].doc
	doc.Issuer.Phone = ""
	if _, err := einvoice.Encode(doc, einvoice.FacturX, einvoice.Buyer{}, einvoice.Seller{}); err != nil {
		t.Errorf("Factur-X needs no phone and no buyer's address: %v", err)
	}
	_, encoded := einvoice.Encode(doc, einvoice.XRechnungCII, einvoice.Buyer{}, einvoice.Seller{})
	_, checked := einvoice.Check(doc, einvoice.XRechnungCII, einvoice.Buyer{}, einvoice.Seller{})
	for name, err := range map[string]error{"Encode": encoded, "Check": checked} {
		var e *einvoice.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: error %v, want violations", name, err)
		}
		var rules []string
		for _, v := range e.Violations {
			rules = append(rules, v.Rule)
		}
		if got, want := strings.Join(rules, " "), "BR-DE-6 PEPPOL-EN16931-R010"; got != want {
			t.Errorf("%s: rules %s, want %s (%v)", name, got, want, e)
		}
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, g := range golden(t) {
		for _, f := range formats {
			a, err := einvoice.Encode(g.doc, f, buyer, einvoice.Seller{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := einvoice.Encode(g.doc, f, buyer, einvoice.Seller{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s/%s: two encodings differ", g.name, f)
			}
		}
	}
}

// TestWriteFixes: the XML is what EN 16931 binds, where the library
// writes otherwise.
func TestWriteFixes(t *testing.T) {
	t.Parallel()
	cases := golden(t)
	dunning, domestic := cases[len(cases)-1].doc, cases[0].doc
	for _, f := range formats {
		xml, err := einvoice.Encode(dunning, f, buyer, einvoice.Seller{})
		if err != nil {
			t.Fatal(err)
		}
		// BR-O-05: no rate in the line; BR-DE-14: a rate in the breakdown.
		for _, rate := range []string{"<ram:RateApplicablePercent>0</ram:RateApplicablePercent>", "<cbc:Percent>0</cbc:Percent>"} {
			if n := bytes.Count(xml, []byte(rate)); n > 1 {
				t.Errorf("%s: %d rates of category O, want the breakdown's only:\n%s", f, n, xml)
			}
		}
		if bytes.Contains(xml, []byte("<cac:ClassifiedTaxCategory>\n          <cbc:ID>O</cbc:ID>\n          <cbc:Percent>")) ||
			bytes.Contains(xml, []byte("<ram:CategoryCode>O</ram:CategoryCode>\n          <ram:RateApplicablePercent>")) {
			t.Errorf("%s: a line of category O with a rate (BR-O-05):\n%s", f, xml)
		}
	}
	inv, err := einvoice.Build(domestic, einvoice.XRechnungUBL, buyer, einvoice.Seller{})
	if err != nil {
		t.Fatal(err)
	}
	xml, err := einvoice.Write(inv)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(xml, []byte("</cbc:IssueDate>\n  <cbc:DueDate>2027-01-17</cbc:DueDate>\n  <cbc:InvoiceTypeCode>380")) ||
		bytes.Contains(xml, []byte("PaymentDueDate")) {
		t.Errorf("BT-9 is not the invoice's cbc:DueDate:\n%s", xml)
	}
	if got := inv.SpecifiedTradePaymentTerms[0].DueDate; !got.Equal(time.Date(2027, 1, 17, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Write changed the model's due date to %v", got)
	}
	// A credit note names no date by which the buyer pays (UBL-CR-463 of
	// the official schematron, for a cancellation dated due like any
	// invoice).
	for _, c := range cases {
		if c.doc.Kind != invoicepdf.KindCancellation {
			continue
		}
		for _, f := range formats {
			xml, err := einvoice.Encode(c.doc, f, buyer, einvoice.Seller{})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(xml, []byte("DueDate")) {
				t.Errorf("the credit note in %s names a due date:\n%s", f, xml)
			}
		}
	}
	for _, name := range []string{"<cbc:RegistrationName>Nordlicht Hosting GmbH</cbc:RegistrationName>", "<cbc:RegistrationName>Bäckerei Schröder &amp; Söhne KG</cbc:RegistrationName>"} {
		if !bytes.Contains(xml, []byte(name)) {
			t.Errorf("no %s (BR-06, BR-07) in\n%s", name, xml)
		}
	}
}

func TestRefused(t *testing.T) {
	t.Parallel()
	doc := golden(t)[0].doc
	if _, err := einvoice.Build(doc, einvoice.FormatUnspecified, buyer, einvoice.Seller{}); err == nil {
		t.Error("built without a format")
	}
	bad := doc
	bad.GrossCents++
	if _, err := einvoice.Build(bad, einvoice.FacturX, buyer, einvoice.Seller{}); err == nil || !strings.Contains(err.Error(), "gross amount") {
		t.Errorf("built a document that does not add up: %v", err)
	}
	// A line at 0 % without the note that says why.
	zero := document(t, issuer(), customer(), tax.Mode{Scheme: tax.SmallBusiness}, month("Webhosting", 990))
	zero.Notes = nil
	if _, err := einvoice.Build(zero, einvoice.FacturX, buyer, einvoice.Seller{}); err == nil || !strings.Contains(err.Error(), "VAT category") {
		t.Errorf("built lines at 0 %% of no category: %v", err)
	}
}

func TestFormatText(t *testing.T) {
	t.Parallel()
	for _, f := range formats {
		b, err := f.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var g einvoice.Format
		if err := g.UnmarshalText(b); err != nil || g != f {
			t.Errorf("%s reads back as %v, %v", b, g, err)
		}
	}
	var g einvoice.Format
	if err := g.UnmarshalText([]byte("pdf")); err == nil {
		t.Error("read an unknown format")
	}
}
