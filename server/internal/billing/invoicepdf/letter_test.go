package invoicepdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// letter is a first Mahnung about an invoice paid in part, with the fee
// of the reminder before it.
func letter() Letter {
	return Letter{
		Title: "1. Mahnung", Date: calendar.D(2027, 2, 7), PayBy: calendar.D(2027, 2, 14), Currency: "EUR",
		Issuer: issuer(),
		Customer: Customer{Name: "Bäckerei Schröder & Söhne KG", Number: "K-10023",
			Address: Address{Lines: []string{"Zum Mühlenteich 7"}, PostalCode: "24103", City: "Kiel"}},
		Reference:  "RE-2027-000042 RE-2027-000077",
		Paragraphs: []string{"Guten Tag,", "trotz unserer Zahlungserinnerung vom 24.01.2027 ist die folgende Rechnung noch offen."},
		Items: []LetterItem{
			{Description: "Rechnung RE-2027-000042 vom 03.01.2027", DueDate: calendar.D(2027, 1, 17), AmountCents: 28205, PaidCents: 10000},
			{Description: "Mahngebühr (Rechnung RE-2027-000077)", DueDate: calendar.D(2027, 2, 14), AmountCents: 500},
		},
		Closing: []string{"Mit freundlichen Grüßen", "Nordlicht Hosting GmbH"},
	}
}

func TestLetterShowsWhatIsOpenAndHowToPay(t *testing.T) {
	t.Parallel()
	pdf, err := RenderLetter(letter())
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("INVOICEPDF_SAMPLES"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "letter.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := text(t, pdf)
	wantText(t, got,
		"1. Mahnung", "Datum 07.02.2027", "Kundennummer K-10023", "Zahlbar bis 14.02.2027",
		"Bäckerei Schröder & Söhne KG", "Zum Mühlenteich 7", "24103 Kiel",
		"trotz unserer Zahlungserinnerung vom 24.01.2027",
		"Rechnung RE-2027-000042 vom 03.01.2027 17.01.2027 282,05 € 100,00 € 182,05 €",
		"Mahngebühr (Rechnung RE-2027-000077) 14.02.2027 5,00 € 0,00 € 5,00 €",
		"Offener Betrag 187,05 €",
		"Bitte überweisen Sie 187,05 € bis zum 14.02.2027.",
		"Verwendungszweck RE-2027-000042 RE-2027-000077", "Bezahlen mit GiroCode",
		"Mit freundlichen Grüßen", "Amtsgericht Hamburg HRB 123456", "Seite 1 von 1",
	)
	again, err := RenderLetter(letter())
	if err != nil || !bytes.Equal(pdf, again) {
		t.Errorf("the same letter rendered to other bytes (%v)", err)
	}
}

func TestRenderLetterRefusesIncompleteLetters(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(*Letter){
		"no title":                     func(l *Letter) { l.Title = " " },
		"deadline not after the date":  func(l *Letter) { l.PayBy = l.Date },
		"nothing open":                 func(l *Letter) { l.Items = []LetterItem{{Description: "x", AmountCents: 100, PaidCents: 100}} },
		"no items":                     func(l *Letter) { l.Items = nil },
		"customer without an address":  func(l *Letter) { l.Customer.Address = Address{} },
		"a character the font lacks":   func(l *Letter) { l.Paragraphs = append(l.Paragraphs, "Grüße 🙂") },
		"an issuer without an account": func(l *Letter) { l.Issuer.Bank.IBAN = "" },
	} {
		l := letter()
		change(&l)
		if _, err := RenderLetter(l); err == nil {
			t.Errorf("%s: rendered", name)
		} else if !strings.HasPrefix(err.Error(), "letter ") || !strings.Contains(err.Error(), "RE-2027-000042") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
