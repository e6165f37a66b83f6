package invoicepdf_test

import (
	"crypto/sha256"
	"fmt"
	"log"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
)

// The billing run fills a Document from the invoice it has computed, stores
// it with the invoice, renders it once and keeps the PDF with its SHA-256.
func ExampleRender() {
	doc := invoicepdf.Document{
		Kind:          invoicepdf.KindInvoice,
		Number:        "RE-2027-000042",
		IssueDate:     calendar.D(2027, 1, 3),
		DueDate:       calendar.D(2027, 1, 17),
		ServicePeriod: calendar.Period{Start: calendar.D(2026, 12, 1), End: calendar.D(2027, 1, 1)}, // December
		Currency:      "EUR",
		Issuer: invoicepdf.Issuer{
			Name:    "Nordlicht Hosting GmbH",
			Address: invoicepdf.Address{Lines: []string{"Hafenstraße 12"}, PostalCode: "20457", City: "Hamburg"},
			VATID:   "DE123456789",
			Bank:    invoicepdf.BankAccount{Holder: "Nordlicht Hosting GmbH", IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX"},
		},
		Customer: invoicepdf.Customer{
			Name:    "Bäckerei Schröder & Söhne KG",
			Address: invoicepdf.Address{Lines: []string{"Zum Mühlenteich 7"}, PostalCode: "24103", City: "Kiel"},
			Number:  "K-10023",
		},
		Lines: []invoicepdf.Line{
			{Position: 1, Description: "vServer „M“, Dezember 2026", Quantity: 1, Unit: invoicepdf.UnitMonth, UnitPriceCents: 1990, NetCents: 1990, VATRate: 1900},
			{Position: 2, Description: "Support", Quantity: 90, Unit: invoicepdf.UnitMinute, UnitPriceCents: 9500, BaseQuantity: 60, NetCents: 14250, VATRate: 1900},
		},
		Totals:        []invoicepdf.RateTotal{{Rate: 1900, NetCents: 16240, VATCents: 3086}},
		TotalNetCents: 16240,
		TotalVATCents: 3086,
		GrossCents:    19326,
		PaymentTerms:  "Zahlbar ohne Abzug bis 17.01.2027.",
	}
	pdf, err := invoicepdf.Render(doc)
	if err != nil {
		log.Fatal(err) // an incomplete or inconsistent document
	}
	fmt.Printf("%d bytes, sha256 %x\n", len(pdf), sha256.Sum256(pdf))
}
