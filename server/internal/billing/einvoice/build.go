package einvoice

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	ei "github.com/speedata/einvoice"
	"github.com/speedata/einvoice/rules"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
)

// The codes of EN 16931 this package writes.
const (
	typeInvoice    = 380 // BT-3, UNTDID 1001: commercial invoice
	typeCreditNote = 381 // BT-3: credit note, the cancellation invoice
	sepaTransfer   = 58  // BT-81, UNTDID 4461: SEPA credit transfer
	schemeEmail    = "EM"
	// processBilling is the business process (BT-23) XRechnung takes
	// over from PEPPOL BIS Billing 3.0 and requires (PEPPOL-EN16931-R001).
	processBilling = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
)

// Build maps doc onto the EN 16931 model of the library, for format f. It
// checks the document first (invoicepdf's Validate) and refuses what no
// format could carry: a public authority without a buyer reference
// (BR-DE-15), a line at 0 % whose reason the document does not give. The
// other rules are Validate's.
//
// How the document maps:
//   - A cancellation invoice is a credit note (381) naming the invoice it
//     cancels (BG-3), with the signs of all its amounts turned: a credit
//     note's positive amounts are what the seller owes back, so the
//     document's -119,00 € is a credit note of 119,00 € (Totals turns them
//     back). Without the turn, a 381 of -119,00 € would say the buyer owes
//     119,00 € more.
//   - The VAT category of a line follows from the document as the billing
//     run decided it: a rate above 0 is S; at 0 % a reverse-charge
//     invoice is AE, the § 19 UStG note makes it E, the dunning fee's
//     note O (as invoice.modeOf reads a stored document). The reason of
//     E, AE and O is the VAT breakdown's exemption reason (BT-120).
//   - The VAT breakdown (BG-23) and the totals are the document's, not
//     recomputed: Validate checks that they add up (BR-CO-10 … BR-CO-17).
//   - The service period, End excluded in the document, ends a day
//     earlier in the e-invoice, whose BT-74 is the last day.
func Build(doc invoicepdf.Document, f Format, buyer Buyer, seller Seller) (*ei.Invoice, error) {
	if _, ok := formatNames[f]; !ok {
		return nil, errNoFormat
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	reference := strings.TrimSpace(buyer.Reference)
	if reference == "" {
		if buyer.PublicSector {
			return nil, &Error{Number: doc.Number, Violations: []Violation{{Rule: rules.BRDE15.Code, Message: rules.BRDE15.Description}}}
		}
		reference = doc.Customer.Number
	}

	categories := map[invoicepdf.Rate]category{}
	for _, t := range doc.Totals {
		c, err := categoryOf(doc, t.Rate)
		if err != nil {
			return nil, fmt.Errorf("invoice %s: %w", doc.Number, err)
		}
		categories[t.Rate] = c
	}
	// BR-O-02: an invoice outside the scope of VAT names no VAT ID, the
	// seller's nor the buyer's.
	outside := slices.ContainsFunc(doc.Totals, func(t invoicepdf.RateTotal) bool { return categories[t.Rate].code == tax.CategoryOutsideScope })

	sign := int64(1)
	inv := &ei.Invoice{
		InvoiceNumber:       doc.Number,
		InvoiceTypeCode:     typeInvoice,
		InvoiceDate:         day(doc.IssueDate),
		InvoiceCurrencyCode: doc.Currency,
		TaxTotalCurrency:    doc.Currency,
		BuyerReference:      reference,
		// The remittance text the GiroCode of the PDF carries too.
		PaymentReference:            doc.Number,
		BillingSpecifiedPeriodStart: day(doc.ServicePeriod.Start),
		BillingSpecifiedPeriodEnd:   day(doc.ServicePeriod.End.AddDays(-1)),
	}
	switch f {
	case FacturX:
		inv.SchemaType, inv.GuidelineSpecifiedDocumentContextParameter = ei.CII, ei.SpecEN16931
	case XRechnungCII:
		inv.SchemaType, inv.GuidelineSpecifiedDocumentContextParameter = ei.CII, ei.SpecXRechnung30
	case XRechnungUBL:
		inv.SchemaType, inv.GuidelineSpecifiedDocumentContextParameter = ei.UBL, ei.SpecXRechnung30
	}
	if f.xrechnung() {
		inv.BPSpecifiedDocumentContextParameter = processBilling
	}
	if doc.Kind == invoicepdf.KindCancellation {
		sign = -1
		inv.InvoiceTypeCode = typeCreditNote
		inv.InvoiceReferencedDocument = []ei.ReferencedDocument{{ID: doc.Cancels.Number, Date: day(doc.Cancels.IssueDate)}}
	}
	for _, n := range doc.Notes {
		inv.Notes = append(inv.Notes, ei.Note{Text: n})
	}

	inv.Seller = sellerParty(doc.Issuer, seller, outside)
	inv.Buyer = buyerParty(doc.Customer, buyer, country(seller), outside)
	if inv.SchemaType == ei.UBL {
		// The UBL writer takes the registration name (BT-27, BT-44 in
		// PartyLegalEntity, which BR-06 and BR-07 require in UBL) from the
		// legal organisation's trading name. CII has no such element to
		// fill: its SpecifiedLegalOrganization would be written with an
		// empty, schemeless ID.
		inv.Seller.SpecifiedLegalOrganization = &ei.SpecifiedLegalOrganization{TradingBusinessName: inv.Seller.Name}
		inv.Buyer.SpecifiedLegalOrganization = &ei.SpecifiedLegalOrganization{TradingBusinessName: inv.Buyer.Name}
	}

	bank := doc.Issuer.Bank
	inv.PaymentMeans = []ei.PaymentMeans{{
		TypeCode:                                      sepaTransfer,
		PayeePartyCreditorFinancialAccountIBAN:        compact(bank.IBAN),
		PayeePartyCreditorFinancialAccountName:        bank.Holder,
		PayeeSpecifiedCreditorFinancialInstitutionBIC: compact(bank.BIC),
	}}
	// A credit note's amount is the seller's to pay back: it has no date by
	// which the buyer pays (BT-9), which in UBL would also land where a
	// CreditNote has no place for it (UBL-CR-463).
	due := doc.DueDate
	if doc.Kind == invoicepdf.KindCancellation {
		due = calendar.Date{}
	}
	if doc.PaymentTerms != "" || !due.IsZero() {
		terms := ei.SpecifiedTradePaymentTerms{Description: doc.PaymentTerms}
		if !due.IsZero() {
			terms.DueDate = day(due)
		}
		inv.SpecifiedTradePaymentTerms = []ei.SpecifiedTradePaymentTerms{terms}
	}

	for i, l := range doc.Lines {
		pos := l.Position
		if pos == 0 {
			pos = i + 1
		}
		qty, price := sign*l.Quantity, l.UnitPriceCents
		if price < 0 {
			// BR-27: a net price is never negative; the quantity
			// carries the sign, the product is the same.
			qty, price = -qty, -price
		}
		line := ei.InvoiceLine{
			LineID:                   strconv.Itoa(pos),
			ItemName:                 l.Description,
			BilledQuantity:           decimal.NewFromInt(qty),
			BilledQuantityUnit:       string(l.Unit),
			NetPrice:                 money(price),
			Total:                    money(sign * l.NetCents),
			TaxTypeCode:              "VAT",
			TaxCategoryCode:          string(categories[l.VATRate].code),
			TaxRateApplicablePercent: percent(l.VATRate),
		}
		// BT-149: 9500 cents per 60 MIN, a monthly price per the days of
		// the month; its unit is the quantity's (PEPPOL-EN16931-R130).
		if l.BaseQuantity > 1 {
			line.BasisQuantity = decimal.NewFromInt(l.BaseQuantity)
			line.BasisQuantityUnit = string(l.Unit)
		}
		inv.InvoiceLines = append(inv.InvoiceLines, line)
	}

	for _, t := range doc.Totals {
		c := categories[t.Rate]
		inv.TradeTaxes = append(inv.TradeTaxes, ei.TradeTax{
			TypeCode:         "VAT",
			CategoryCode:     string(c.code),
			Percent:          percent(t.Rate),
			BasisAmount:      money(sign * t.NetCents),
			CalculatedAmount: money(sign * t.VATCents),
			ExemptionReason:  c.reason,
		})
	}
	inv.LineTotal = money(sign * doc.TotalNetCents)
	inv.TaxBasisTotal = money(sign * doc.TotalNetCents)
	inv.TaxTotal = money(sign * doc.TotalVATCents)
	inv.GrandTotal = money(sign * doc.GrossCents)
	inv.DuePayableAmount = money(sign * doc.GrossCents)
	return inv, nil
}

// category is the VAT category of the lines at one rate, and why they bear
// no VAT when they do not.
type category struct {
	code   tax.Category
	reason string // BT-120; empty for S
}

// categoryOf tells the category of the lines at rate from the document, as
// invoice.modeOf does for a stored document: the tax package's notes are
// the only record of the scheme.
func categoryOf(doc invoicepdf.Document, rate invoicepdf.Rate) (category, error) {
	switch {
	case doc.ReverseCharge:
		if rate != 0 {
			return category{}, fmt.Errorf("a reverse-charge invoice has lines at %s; the customer owes the VAT, the lines are at 0 %%", percent(rate))
		}
		return category{tax.CategoryReverseCharge, tax.NoteReverseCharge}, nil
	case rate > 0:
		return category{code: tax.CategoryStandard}, nil
	case slices.Contains(doc.Notes, tax.NoteSmallBusiness):
		return category{tax.CategoryExempt, tax.NoteSmallBusiness}, nil
	case slices.Contains(doc.Notes, tax.NoteDunningFee):
		return category{tax.CategoryOutsideScope, tax.NoteDunningFee}, nil
	}
	return category{}, fmt.Errorf("lines at 0 %% need a reason in the notes (§ 19 UStG, reverse charge, a dunning fee); the VAT category is unknown")
}

func sellerParty(is invoicepdf.Issuer, s Seller, outside bool) ei.Party {
	p := ei.Party{
		Name:              is.Name,
		PostalAddress:     address(is.Address, country(s)),
		FCTaxRegistration: strings.TrimSpace(is.TaxNumber), // BT-32, scheme FC
	}
	if !outside {
		p.VATaxRegistration = compact(is.VATID) // BT-31
	}
	// BR-CO-26: the seller is identified by BT-29, BT-30 or its VAT ID. One
	// without a VAT ID (a small business often has none; the VAT ID is
	// left out outside the scope of VAT) is identified by its commercial
	// register entry, or else its tax number, as BT-29 without a scheme.
	if p.VATaxRegistration == "" {
		id := strings.TrimSpace(is.RegisterCourt + " " + is.RegisterNumber)
		if strings.TrimSpace(is.RegisterNumber) == "" {
			id = strings.TrimSpace(is.TaxNumber)
		}
		if id == "" {
			id = compact(is.VATID)
		}
		p.ID = []string{id}
	}
	email := strings.TrimSpace(s.ElectronicAddress)
	if email == "" {
		email = strings.TrimSpace(is.Email)
	}
	if email != "" {
		p.URIUniversalCommunication, p.URIUniversalCommunicationScheme = email, schemeEmail
	}
	// BG-6, which XRechnung requires with a name, phone and e-mail
	// (BR-DE-2, 5, 6, 7): the company is its own contact point, as its
	// letterhead is.
	if is.Email != "" || is.Phone != "" {
		p.DefinedTradeContact = []ei.DefinedTradeContact{{PersonName: is.Name, PhoneNumber: is.Phone, EMail: is.Email}}
	}
	return p
}

func buyerParty(c invoicepdf.Customer, b Buyer, sellerCountry string, outside bool) ei.Party {
	cc := strings.ToUpper(strings.TrimSpace(c.Address.Country))
	if cc == "" {
		cc = sellerCountry // the document leaves out the issuer's own country
	}
	p := ei.Party{
		Name:          c.Name,
		PostalAddress: address(c.Address, cc),
	}
	if c.Number != "" {
		p.ID = []string{c.Number} // BT-46, the seller's customer number
	}
	if !outside {
		p.VATaxRegistration = compact(c.VATID) // BT-48
	}
	if e := strings.TrimSpace(b.ElectronicAddress); e != "" {
		p.URIUniversalCommunication, p.URIUniversalCommunicationScheme = e, schemeEmail
	}
	return p
}

// address maps a postal address: the street, then the further lines as
// one. The UBL writer puts a third line (cac:AddressLine) before the city,
// where the UBL schema does not allow it.
func address(a invoicepdf.Address, country string) *ei.PostalAddress {
	pa := &ei.PostalAddress{PostcodeCode: a.PostalCode, City: a.City, CountryID: country}
	if len(a.Lines) > 0 {
		pa.Line1 = a.Lines[0]
		pa.Line2 = strings.Join(a.Lines[1:], ", ")
	}
	return pa
}

func country(s Seller) string {
	if c := strings.ToUpper(strings.TrimSpace(s.Country)); c != "" {
		return c
	}
	return "DE"
}

// compact removes the spaces people write into IBANs, BICs and VAT IDs.
func compact(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// day is the date as the library holds it: midnight UTC, as calendar does.
func day(d calendar.Date) time.Time { return d.Time() }

// money is cents as an exact decimal: 1990 is 19.90.
func money(cents int64) decimal.Decimal { return decimal.New(cents, -2) }

// percent is a rate in basis points as an exact decimal: 1900 is 19.
func percent(r invoicepdf.Rate) decimal.Decimal { return decimal.New(int64(r), -2) }
