package training

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/training/certificate"
)

// Certificate renders licence id's certificate in language (the course's
// when empty), and names its file.
func (s *Service) Certificate(ctx context.Context, id uuid.UUID, language string) ([]byte, string, error) {
	l, err := s.Licence(ctx, id)
	if err != nil {
		return nil, "", err
	}
	if l.State == Revoked {
		return nil, "", apierr.FailedPrecondition("the licence of %s was revoked (%s): it has no certificate", l.Name, l.RevokeReason)
	}
	if language == "" {
		language = l.CourseLanguage
	}
	if language != "de" && language != "en" {
		return nil, "", apierr.Invalid("language", "language.in", "de or en")
	}
	// The issuer is the platform, whoever downloads it.
	be, err := tenancy.Licensee(ctx, s.client)
	if err != nil {
		return nil, "", err
	}
	st, err := s.settings.Of(tenancy.Unscoped(ctx), be)
	if err != nil {
		return nil, "", err
	}
	// The company as invoices name it: the legal form added unless the
	// name ends with it.
	issuer := strings.TrimSpace(st.Company.Name)
	if lf := st.Company.LegalForm; lf != "" && !strings.HasSuffix(issuer, lf) {
		issuer += " " + lf
	}
	if issuer == "" {
		issuer = tenancy.LicenseeName
	}
	hint := "bei " + issuer
	if language == "en" {
		hint = "with " + issuer
	}
	if site := strings.TrimSpace(st.Company.Website); site != "" {
		hint = "über die Zertifikatsprüfung auf " + site
		if language == "en" {
			hint = "through the certificate check at " + site
		}
	}
	trainer := l.TrainerName
	if unprintable(trainer) != "" {
		trainer = "" // the trainer is optional on a certificate; the person and the course are not
	}
	pdf, err := certificate.Render(certificate.Certificate{Language: language, Name: l.Name, CourseTitle: l.CourseTitle,
		DurationMinutes: l.DurationMinutes, SessionDay: calendar.On(l.Held, st.Invoice.Location()), ValidFrom: l.ValidFrom, ValidUntil: l.ValidUntil,
		Trainer: trainer, Issuer: issuer, Code: l.Code, VerifyHint: hint})
	if err != nil {
		return nil, "", fmt.Errorf("render the certificate: %w", err)
	}
	word := "Zertifikat"
	if language == "en" {
		word = "Certificate"
	}
	return pdf, fileName(word, l.CourseTitle, l.Name) + ".pdf", nil
}

// fileName joins parts into a file name of letters, digits and dashes.
func fileName(parts ...string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.Join(parts, " ") {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case strings.ContainsRune("äöüÄÖÜß", r):
			b.WriteString(map[rune]string{'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "Ae", 'Ö': "Oe", 'Ü': "Ue", 'ß': "ss"}[r])
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
