package invoicepdf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Letter is a letter about open invoices, such as a payment reminder or a
// Mahnung: the invoices' letterhead, footer and bank details, with
// paragraphs and a table of what is open instead of invoice lines.
type Letter struct {
	// Title is printed large and names the letter: "1. Mahnung".
	Title string
	Date  calendar.Date
	// PayBy is the deadline the letter sets.
	PayBy    calendar.Date
	Currency string
	Issuer   Issuer
	Customer Customer
	// Reference is what the transfer names (the invoices' numbers): the
	// GiroCode's remittance text and the "Verwendungszweck".
	Reference string
	// Paragraphs come before the table (the salutation first), Closing
	// after the bank details (the greeting); a paragraph's line breaks
	// are kept.
	Paragraphs []string
	Items      []LetterItem
	Closing    []string
}

// LetterItem is one open invoice of a letter.
type LetterItem struct {
	// Description names it: "Rechnung RE-2027-000042 vom 02.01.2027".
	Description string
	DueDate     calendar.Date
	AmountCents int64
	PaidCents   int64
}

// OpenCents is what is open of the item.
func (i LetterItem) OpenCents() int64 { return i.AmountCents - i.PaidCents }

// TotalCents is what is open of all items: the amount the letter asks for.
func (l Letter) TotalCents() int64 {
	var n int64
	for _, i := range l.Items {
		n += i.OpenCents()
	}
	return n
}

// Validate reports everything that keeps l from being a complete letter,
// in one error, or nil. RenderLetter calls it first.
func (l *Letter) Validate() error {
	var errs []string
	need := func(ok bool, format string, args ...any) {
		if !ok {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	need(!blank(l.Title), "the title is missing")
	need(!l.Date.IsZero(), "the date is missing")
	need(l.PayBy.After(l.Date), "the deadline is after the letter's date")
	need(len(l.Currency) == 3 && l.Currency == strings.ToUpper(l.Currency), "the currency is an ISO 4217 code like EUR, not %q", l.Currency)
	need(!blank(l.Reference), "the reference is missing")
	need(!blank(l.Issuer.Name) && completeAddress(l.Issuer.Address), "the issuer needs a name and an address")
	need(!blank(l.Issuer.Bank.IBAN) && !blank(l.Issuer.Bank.Holder), "the issuer's bank account needs a holder and an IBAN")
	need(!blank(l.Customer.Name) && completeAddress(l.Customer.Address), "the customer needs a name and an address")
	need(len(l.Items) > 0, "a letter names at least one open invoice")
	need(l.TotalCents() > 0, "a letter asks for a positive amount, not %d cents", l.TotalCents())
	doc := l.document()
	texts := doc.texts()
	texts = append(texts, [2]string{"the title", l.Title})
	for i, p := range append(append([]string{}, l.Paragraphs...), l.Closing...) {
		texts = append(texts, [2]string{fmt.Sprintf("paragraph %d", i+1), p})
	}
	for i, it := range l.Items {
		texts = append(texts, [2]string{fmt.Sprintf("item %d", i+1), it.Description})
	}
	for _, t := range texts {
		if err := printable(t[0], t[1]); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New("letter " + l.Title + " " + l.Reference + ": " + strings.Join(errs, "; "))
}

// document is what the letter shares with an invoice: the parties, the
// date, the reference as the number, and the total as what is to pay, for
// the letterhead, the footer and the bank details with the GiroCode.
func (l Letter) document() Document {
	return Document{Kind: KindInvoice, Number: l.Reference, IssueDate: l.Date, DueDate: l.PayBy, Currency: l.Currency,
		Issuer: l.Issuer, Customer: l.Customer, GrossCents: l.TotalCents(),
		PaymentTerms: fmt.Sprintf("Bitte überweisen Sie %s bis zum %s.", formatMoney(l.TotalCents(), l.Currency), formatDate(l.PayBy))}
}

// RenderLetter lays out l as a PDF. The same Letter always gives the same
// bytes.
func RenderLetter(l Letter) ([]byte, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	doc := l.document()
	qr, err := giroMatrix(doc)
	if err != nil {
		return nil, err
	}
	r := &renderer{doc: doc, qr: qr, letter: &l}
	return r.render("letter " + l.Reference)
}

// letterInfo are the rows of a letter's information block.
func (r *renderer) letterInfo() [][2]string {
	l := r.letter
	rows := [][2]string{{"Datum", formatDate(l.Date)}}
	if l.Customer.Number != "" {
		rows = append(rows, [2]string{"Kundennummer", l.Customer.Number})
	}
	return append(rows, [2]string{"Zahlbar bis", formatDate(l.PayBy)})
}

// paragraphs draws texts, one paragraph each, breaking pages between lines.
func (r *renderer) paragraphs(texts []string) {
	const lh = 5.0
	for _, p := range texts {
		r.setFont("", 10)
		for _, line := range r.wrap(p, contentW) {
			r.room(lh)
			y := r.pdf.GetY()
			r.setFont("", 10)
			r.black()
			r.text(left, y, contentW, lh, line, "L")
			r.pdf.SetY(y + lh)
		}
		r.pdf.SetY(r.pdf.GetY() + 2)
	}
}

// letterColumns are the columns of a letter's table of open invoices.
var letterColumns = []struct {
	title string
	w     float64
	align string
}{{"Beleg", 70, "L"}, {"Fällig am", 24, "R"}, {"Betrag", 24, "R"}, {"Bezahlt", 22, "R"}, {"Offen", 25, "R"}}

// items draws the table of open invoices with the total open under it.
func (r *renderer) items() {
	l := r.letter
	const lh, padY = 4.2, 1.6
	pad := func(i int) float64 {
		if i == 0 || i == len(letterColumns)-1 {
			return 1
		}
		return 1.5
	}
	header := func() {
		y := r.pdf.GetY()
		r.pdf.SetFillColor(fillGrey, fillGrey, fillGrey)
		r.pdf.Rect(left, y, contentW, 6.5, "F")
		r.setFont("B", 8.5)
		r.black()
		x := left
		for i, c := range letterColumns {
			r.text(x+pad(i), y+1.2, c.w-2*pad(i), 4, c.title, c.align)
			x += c.w
		}
		r.pdf.SetY(y + 6.5)
	}
	r.room(6.5 + 2*lh + 2*padY)
	header()
	for _, it := range l.Items {
		r.setFont("", 9)
		cells := []string{it.Description, formatDate(it.DueDate), formatMoney(it.AmountCents, l.Currency),
			formatMoney(it.PaidCents, l.Currency), formatMoney(it.OpenCents(), l.Currency)}
		wrapped := make([][]string, len(cells))
		n := 1
		for i, c := range letterColumns {
			wrapped[i] = r.wrap(cells[i], c.w-2*pad(i))
			n = max(n, len(wrapped[i]))
		}
		h := float64(n)*lh + 2*padY
		if r.room(h + totalLH + 4) {
			header()
		}
		y := r.pdf.GetY()
		r.setFont("", 9)
		r.black()
		x := left
		for i, c := range letterColumns {
			for j, s := range wrapped[i] {
				r.text(x+pad(i), y+padY+float64(j)*lh, c.w-2*pad(i), lh, s, c.align)
			}
			x += c.w
		}
		r.rule(y + h)
		r.pdf.SetY(y + h)
	}
	y := r.pdf.GetY() + 1.6
	r.setFont("B", 9.5)
	r.black()
	r.text(95, y, 65, totalLH, "Offener Betrag", "L")
	r.text(right-35, y, 34, totalLH, formatMoney(l.TotalCents(), l.Currency), "R")
	r.pdf.SetY(y + totalLH + 4)
}
