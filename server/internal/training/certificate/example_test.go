package certificate_test

import (
	"crypto/sha256"
	"fmt"
	"log"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/training/certificate"
)

// A licence's certificate is rendered from the licence, its course and
// session, and the platform's company name, in the language the person
// asks for.
func ExampleRender() {
	pdf, err := certificate.Render(certificate.Certificate{
		Language:        certificate.German,
		Name:            "Jürgen Weiß",
		CourseTitle:     "Datenschutz-Grundlagen",
		DurationMinutes: 240,
		SessionDay:      calendar.D(2026, time.November, 14),
		ValidFrom:       calendar.D(2026, time.November, 14),
		ValidUntil:      calendar.D(2028, time.November, 13),
		Trainer:         "Dr. Anna Groß",
		Issuer:          "Muster Hosting GmbH",
		Code:            "K7QM-4XRT-9BWD-2HNE",
		VerifyHint:      "https://leitstand.muster-hosting.de/verify",
	})
	if err != nil {
		log.Fatal(err) // an incomplete certificate
	}
	fmt.Printf("%d bytes, sha256 %x\n", len(pdf), sha256.Sum256(pdf))
}
