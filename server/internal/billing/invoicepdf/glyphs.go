package invoicepdf

import (
	"fmt"
	"slices"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The Go fonts cover Latin (with the letters of Turkish, Polish, Czech,
// Nordic and the other European languages), Greek and Cyrillic, but not
// CJK, Arabic or emoji. A character they lack would print as an empty box,
// and one beyond U+FFFF makes fpdf panic; an invoice must show its names as
// they are, so Validate refuses such text with the field and the character,
// and the name can be fixed where it is kept.

var fonts = sync.OnceValue(func() []*sfnt.Font {
	var fs []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			panic("invoicepdf: the embedded Go font does not parse: " + err.Error())
		}
		fs = append(fs, f)
	}
	return fs
})

// printable returns an error naming the first character of s that the
// fonts cannot draw, or nil. Line breaks are allowed: they break lines.
func printable(field, s string) error {
	var buf *sfnt.Buffer // large, so made only for a rare character
	latin := latinGlyphs()
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if int(r) < len(latin) {
			if latin[r] {
				continue
			}
		} else {
			if buf == nil {
				buf = new(sfnt.Buffer)
			}
			if drawable(buf, r) {
				continue
			}
		}
		return fmt.Errorf("%s has a character the invoice font cannot show: %q (U+%04X)", field, r, r)
	}
	return nil
}

// drawable reports whether every font has a glyph for r.
func drawable(buf *sfnt.Buffer, r rune) bool {
	if r < ' ' {
		return false
	}
	for _, f := range fonts() {
		if g, err := f.GlyphIndex(buf, r); err != nil || g == 0 {
			return false
		}
	}
	return true
}

// latinGlyphs is drawable of the characters up to U+024F (Latin and its
// extensions), worked out once: nearly every character of an invoice is
// one, and looking each up in the fonts cost more than the rest of making
// its e-invoice.
var latinGlyphs = sync.OnceValue(func() []bool {
	var buf sfnt.Buffer
	t := make([]bool, 0x250)
	for r := range t {
		t[r] = drawable(&buf, rune(r))
	}
	return t
})

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
