package invoicepdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// The documents the tests render: one per kind of invoice a German hosting
// operator writes.

func issuer() Issuer {
	return Issuer{
		Name:              "Nordlicht Hosting GmbH",
		Address:           Address{Lines: []string{"Hafenstraße 12"}, PostalCode: "20457", City: "Hamburg"},
		Email:             "buchhaltung@nordlicht-hosting.de",
		Phone:             "+49 40 1234567-0",
		Website:           "www.nordlicht-hosting.de",
		TaxNumber:         "22/345/67890",
		VATID:             "DE123456789",
		RegisterCourt:     "Amtsgericht Hamburg",
		RegisterNumber:    "HRB 123456",
		ManagingDirectors: []string{"Jana Petersen", "Ömer Yılmaz"},
		Bank: BankAccount{
			Holder: "Nordlicht Hosting GmbH", IBAN: "DE89370400440532013000",
			BIC: "COBADEFFXXX", BankName: "Commerzbank",
		},
		Logo: logoPNG(),
	}
}

// invoice is a domestic invoice with lines at 19 % and 7 %.
func invoice() Document {
	lines := []Line{
		{Position: 1, Description: "vServer „M“ (4 vCPU, 8 GB RAM, 160 GB NVMe), Dezember 2026", Quantity: 1, Unit: UnitMonth, UnitPriceCents: 1990, NetCents: 1990, VATRate: 1900},
		{Position: 2, Description: "Technischer Support: Migration der Datenbank", Quantity: 90, Unit: UnitMinute, UnitPriceCents: 9500, BaseQuantity: 60, NetCents: 14250, VATRate: 1900},
		{Position: 3, Description: "Datenverkehr über das Inklusivvolumen hinaus", Quantity: 250, Unit: UnitGigabyte, UnitPriceCents: 1, NetCents: 250, VATRate: 1900},
		{Position: 4, Description: "Fachbuch „Linux-Server für Einsteiger“", Quantity: 2, Unit: UnitPiece, UnitPriceCents: 3990, NetCents: 7980, VATRate: 700},
		{Position: 5, Description: "Zusätzliche IPv4-Adresse, anteilig", Quantity: 12, Unit: UnitDay, UnitPriceCents: 3, NetCents: 36, VATRate: 1900},
	}
	return Document{
		Kind:          KindInvoice,
		Number:        "RE-2027-000042",
		IssueDate:     calendar.D(2027, 1, 3),
		DueDate:       calendar.D(2027, 1, 17),
		ServicePeriod: calendar.Period{Start: calendar.D(2026, 12, 1), End: calendar.D(2027, 1, 1)},
		Currency:      "EUR",
		Issuer:        issuer(),
		Customer: Customer{
			Name:    "Bäckerei Schröder & Söhne KG",
			Address: Address{Lines: []string{"Zum Mühlenteich 7"}, PostalCode: "24103", City: "Kiel"},
			Number:  "K-10023",
		},
		Lines: lines,
		Totals: []RateTotal{
			{Rate: 1900, NetCents: 16526, VATCents: 3140},
			{Rate: 700, NetCents: 7980, VATCents: 559},
		},
		TotalNetCents: 24506,
		TotalVATCents: 3699,
		GrossCents:    28205,
		Notes:         []string{"Vielen Dank für Ihren Auftrag."},
		PaymentTerms:  "Zahlbar ohne Abzug bis 17.01.2027.",
	}
}

// reverseCharge is an invoice to a business in Austria: the customer owes
// the VAT.
func reverseCharge() Document {
	d := invoice()
	d.Number = "RE-2027-000043"
	d.Customer = Customer{
		Name:    "Alpenblick Software GmbH",
		Address: Address{Lines: []string{"Mariahilfer Straße 88", "3. Stock"}, PostalCode: "1070", City: "Wien", Country: "Österreich"},
		Number:  "K-20417",
		VATID:   "ATU12345678",
	}
	d.Lines = []Line{
		{Position: 1, Description: "Dedizierter Server „XL“, Dezember 2026", Quantity: 1, Unit: UnitMonth, UnitPriceCents: 18900, NetCents: 18900},
		{Position: 2, Description: "Rufbereitschaft", Quantity: 3, Unit: UnitHour, UnitPriceCents: 9500, NetCents: 28500},
	}
	d.Totals = []RateTotal{{Rate: 0, NetCents: 47400}}
	d.TotalNetCents, d.TotalVATCents, d.GrossCents = 47400, 0, 47400
	d.ReverseCharge = true
	d.Notes = nil
	return d
}

// smallBusiness is an invoice of a small business (§ 19 UStG) that shows
// no VAT.
func smallBusiness() Document {
	d := invoice()
	d.Number = "2027-007"
	d.Issuer.Name = "Webhosting Krause e. K."
	d.Issuer.Bank.Holder = "Webhosting Krause e. K."
	d.Issuer.VATID = ""
	d.Issuer.RegisterCourt, d.Issuer.RegisterNumber = "Amtsgericht Kiel", "HRA 4711"
	d.Issuer.ManagingDirectors = nil
	d.Issuer.Logo = nil
	d.Lines = []Line{{Position: 1, Description: "Webhosting „Basis“, Dezember 2026", Quantity: 1, Unit: UnitMonth, UnitPriceCents: 499, NetCents: 499}}
	d.Totals = []RateTotal{{Rate: 0, NetCents: 499}}
	d.TotalNetCents, d.TotalVATCents, d.GrossCents = 499, 0, 499
	d.Notes = []string{"Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."}
	return d
}

// cancellation reverses invoice().
func cancellation() Document {
	d := invoice()
	d.Kind = KindCancellation
	d.Number = "RE-2027-000051"
	d.IssueDate = calendar.D(2027, 1, 10)
	d.DueDate = calendar.Date{}
	d.Cancels = &InvoiceRef{Number: "RE-2027-000042", IssueDate: calendar.D(2027, 1, 3)}
	for i := range d.Lines {
		d.Lines[i].Quantity = -d.Lines[i].Quantity
		d.Lines[i].NetCents = -d.Lines[i].NetCents
	}
	for i := range d.Totals {
		d.Totals[i].NetCents, d.Totals[i].VATCents = -d.Totals[i].NetCents, -d.Totals[i].VATCents
	}
	d.TotalNetCents, d.TotalVATCents, d.GrossCents = -d.TotalNetCents, -d.TotalVATCents, -d.GrossCents
	d.Notes = nil
	d.PaymentTerms = "Der Betrag wird Ihrem Kundenkonto gutgeschrieben."
	return d
}

// long is an invoice of n lines, enough for several pages.
func long(n int) Document {
	d := invoice()
	d.Number = "RE-2027-000099"
	d.Lines = nil
	var net int64
	for i := range n {
		desc := fmt.Sprintf("vServer „S“ web-%02d.kunde.example", i+1)
		if i%7 == 3 { // some lines wrap
			desc += ", inklusive täglicher Sicherung mit 14 Tagen Aufbewahrung und Snapshot vor jedem Update"
		}
		d.Lines = append(d.Lines, Line{Position: i + 1, Description: desc, Quantity: 1, Unit: UnitMonth, UnitPriceCents: 990, NetCents: 990, VATRate: 1900})
		net += 990
	}
	vat := (net*19 + 50) / 100
	d.Totals = []RateTotal{{Rate: 1900, NetCents: net, VATCents: vat}}
	d.TotalNetCents, d.TotalVATCents, d.GrossCents = net, vat, net+vat
	return d
}

// logoPNG is a small two-colour wordmark-shaped logo (4:1).
func logoPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 240, 60))
	for y := range 60 {
		for x := range 240 {
			switch {
			case (x-30)*(x-30)+(y-30)*(y-30) < 26*26:
				img.Set(x, y, color.NRGBA{R: 20, G: 70, B: 140, A: 255})
			case x > 70 && y > 22 && y < 38:
				img.Set(x, y, color.NRGBA{R: 0, G: 150, B: 170, A: 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}
