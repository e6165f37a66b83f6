package invoicepdf

import (
	"fmt"
	"slices"

	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
)

// printable returns an error naming the first character of s that the
// fonts cannot draw (pdfkit.Missing), or nil: an invoice must show its
// names as they are, so Validate refuses such text with the field and the
// character, and the name can be fixed where it is kept.
func printable(field, s string) error {
	if r, ok := pdfkit.Missing(s); ok {
		return fmt.Errorf("%s has a character the invoice font cannot show: %q (U+%04X)", field, r, r)
	}
	return nil
}

// texts lists every text of d that is printed, by the field it comes from.
func (d *Document) texts() [][2]string {
	is, c := d.Issuer, d.Customer
	t := [][2]string{
		{"the number", d.Number}, {"the currency", d.Currency},
		{"the payment terms", d.PaymentTerms},
		{"the issuer's name", is.Name}, {"the issuer's e-mail", is.Email},
		{"the issuer's phone", is.Phone}, {"the issuer's website", is.Website},
		{"the issuer's tax number", is.TaxNumber}, {"the issuer's VAT id", is.VATID},
		{"the issuer's register court", is.RegisterCourt}, {"the issuer's register number", is.RegisterNumber},
		{"the account holder", is.Bank.Holder}, {"the IBAN", is.Bank.IBAN},
		{"the BIC", is.Bank.BIC}, {"the bank's name", is.Bank.BankName},
		{"the customer's name", c.Name}, {"the customer number", c.Number}, {"the customer's VAT id", c.VATID},
		{"the buyer reference", c.Reference},
	}
	for _, m := range is.ManagingDirectors {
		t = append(t, [2]string{"a managing director's name", m})
	}
	for _, a := range []struct {
		who  string
		addr Address
	}{{"the issuer's address", is.Address}, {"the customer's address", c.Address}} {
		for _, l := range append(slices.Clone(a.addr.Lines), a.addr.PostalCode, a.addr.City, a.addr.Country) {
			t = append(t, [2]string{a.who, l})
		}
	}
	if d.Cancels != nil {
		t = append(t, [2]string{"the cancelled invoice's number", d.Cancels.Number})
	}
	for i, l := range d.Lines {
		t = append(t, [2]string{fmt.Sprintf("line %d", i+1), l.Description})
	}
	for i, n := range d.Notes {
		t = append(t, [2]string{fmt.Sprintf("note %d", i+1), n})
	}
	return t
}
