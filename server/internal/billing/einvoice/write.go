package einvoice

import (
	"bytes"
	"fmt"
	"regexp"
	"time"

	ei "github.com/speedata/einvoice"
)

const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// Write writes inv as XML in the syntax its model names (CII or UBL, as
// Build set it), with an XML declaration, indented. The same model gives
// the same bytes.
//
// Write corrects two things the library writes differently from the EN
// 16931 syntax bindings:
//   - A line of category O carries no rate (BR-O-05); the library writes
//     a rate of 0, which the official schematron rejects. Write leaves it
//     out of the lines, not out of the VAT breakdown, whose rate
//     XRechnung requires (BR-DE-14) and EN 16931 allows.
//   - In a UBL Invoice the due date (BT-9) is cbc:DueDate of the invoice;
//     the library writes it into cac:PaymentTerms, where a UBL reader
//     does not look for it. Write moves it. (A UBL CreditNote has no
//     cbc:DueDate; its due date stays where the library puts it.)
//
// Write does not validate: Validate reads what it wrote.
func Write(inv *ei.Invoice) ([]byte, error) {
	if inv == nil {
		return nil, fmt.Errorf("write e-invoice: no invoice")
	}
	// A copy, so that moving the due date leaves the caller's model alone.
	c := *inv
	var due time.Time
	if c.SchemaType == ei.UBL && c.InvoiceTypeCode != typeCreditNote && len(c.SpecifiedTradePaymentTerms) > 0 {
		terms := append([]ei.SpecifiedTradePaymentTerms(nil), c.SpecifiedTradePaymentTerms...)
		due, terms[0].DueDate = terms[0].DueDate, time.Time{}
		c.SpecifiedTradePaymentTerms = terms
	}
	var buf bytes.Buffer
	buf.WriteString(xmlDeclaration)
	if err := c.Write(&buf); err != nil {
		return nil, fmt.Errorf("write e-invoice %s: %w", inv.InvoiceNumber, err)
	}
	out := buf.Bytes()
	if c.SchemaType == ei.UBL {
		out = ublRateOfO.ReplaceAll(out, []byte("$1"))
		if !due.IsZero() {
			// The first cbc:IssueDate is the invoice's, which cbc:DueDate
			// follows (the BillingReference's comes later).
			out = bytes.Replace(out, []byte("</cbc:IssueDate>\n"),
				[]byte("</cbc:IssueDate>\n  <cbc:DueDate>"+due.Format(time.DateOnly)+"</cbc:DueDate>\n"), 1)
		}
	} else {
		out = ciiRateOfO.ReplaceAll(out, []byte("$1"))
	}
	return out, nil
}

// The rate of a line of category O as the library writes it, right after
// the category code. A line's tax begins with its type code in CII (the
// breakdown's with its amount) and is a ClassifiedTaxCategory in UBL (the
// breakdown's a TaxCategory).
var (
	ciiRateOfO = regexp.MustCompile(`(<ram:ApplicableTradeTax>\s*<ram:TypeCode>[^<]*</ram:TypeCode>\s*<ram:CategoryCode>O</ram:CategoryCode>)\s*<ram:RateApplicablePercent>[^<]*</ram:RateApplicablePercent>`)
	ublRateOfO = regexp.MustCompile(`(<cac:ClassifiedTaxCategory>\s*<cbc:ID>O</cbc:ID>)\s*<cbc:Percent>[^<]*</cbc:Percent>`)
)
