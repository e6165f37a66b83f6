// Package certificate renders the certificate of a licence: the one-page
// A4 proof, in German or English, that a person completed a course, with
// the code anyone can check it by (the public RPC
// leitstand.admin.v1.TrainingService/VerifyCertificate). Plain values in,
// bytes out, no database; the same Certificate always gives the same
// bytes.
package certificate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
)

// The languages a certificate is written in.
const (
	German  = "de"
	English = "en"
)

// Certificate is everything a certificate shows.
type Certificate struct {
	// Language is German ("de") or English ("en").
	Language string
	// Name is the person's, as the licence holds it.
	Name string
	// CourseTitle and DurationMinutes are the course's.
	CourseTitle     string
	DurationMinutes int
	// SessionDay is the day the session was held.
	SessionDay calendar.Date
	// ValidFrom and ValidUntil are the licence's first and last valid day
	// (both included).
	ValidFrom, ValidUntil calendar.Date
	// Trainer is the name of who held the session; optional.
	Trainer string
	// Issuer is the platform operator's company: "Muster Hosting GmbH".
	Issuer string
	// Code is the licence's verification code: "K7QM-4XRT-9BWD-2HNE".
	Code string
	// VerifyHint says where the code is checked, a text or a URL;
	// optional.
	VerifyHint string
}

// Validate reports everything that keeps c from being a complete
// certificate, in one error, or nil. Render calls it first.
func (c *Certificate) Validate() error {
	var errs []string
	need := func(ok bool, format string, args ...any) {
		if !ok {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	need(c.Language == German || c.Language == English, "the language is %q, not de or en", c.Language)
	need(!blank(c.Name), "the person's name is missing")
	need(!blank(c.CourseTitle), "the course's title is missing")
	need(c.DurationMinutes > 0, "the course's duration is %d minutes, not a positive number", c.DurationMinutes)
	need(!c.SessionDay.IsZero(), "the day of the session is missing")
	need(!c.ValidFrom.IsZero() && !c.ValidUntil.IsZero(), "the first or the last valid day is missing")
	need(!c.ValidUntil.Before(c.ValidFrom), "the last valid day %s is before the first %s", c.ValidUntil, c.ValidFrom)
	need(!blank(c.Issuer), "the issuer is missing")
	need(!blank(c.Code), "the verification code is missing")
	for _, t := range [][2]string{
		{"the name", c.Name}, {"the course's title", c.CourseTitle}, {"the trainer's name", c.Trainer},
		{"the issuer", c.Issuer}, {"the verification code", c.Code}, {"the verification hint", c.VerifyHint},
	} {
		if r, ok := pdfkit.Missing(t[1]); ok {
			errs = append(errs, fmt.Sprintf("%s has a character the certificate font cannot show: %q (U+%04X)", t[0], r, r))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New("certificate " + c.Code + ": " + strings.Join(errs, "; "))
}
