package certificate

import (
	"fmt"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// wording is what a certificate says around its values, in one language.
type wording struct {
	lang            string // of the PDF: "de-DE"
	title, subtitle string
	certify         string
	// before and after are the sentence's parts around the course: the
	// day of the session and its duration, formatted.
	before, after     func(day, duration string) string
	validFrom         string
	validUntil        string
	code              string
	trainer, issuedBy string
	verify            func(code, hint string) string
	date              func(calendar.Date) string
	hours, minutes    [2]string // singular, plural
	and               string
}

var wordings = map[string]wording{
	German: {
		lang: "de-DE", title: "Zertifikat", subtitle: "Teilnahmebescheinigung",
		certify:    "Hiermit wird bestätigt, dass",
		before:     func(day, _ string) string { return "am " + day + " an der Schulung" },
		after:      func(_, d string) string { return "im Umfang von " + d + " erfolgreich teilgenommen hat." },
		validFrom:  "Gültig ab",
		validUntil: "Gültig bis",
		code:       "Prüfcode",
		trainer:    "Schulungsleitung", issuedBy: "Ausgestellt von",
		verify: func(code, hint string) string {
			return "Die Echtheit dieses Zertifikats lässt sich mit dem Prüfcode " + code + " bestätigen: " + hint
		},
		date:  func(d calendar.Date) string { return fmt.Sprintf("%02d.%02d.%04d", d.Day(), d.Month(), d.Year()) },
		hours: [2]string{"Stunde", "Stunden"}, minutes: [2]string{"Minute", "Minuten"}, and: "und",
	},
	English: {
		lang: "en-GB", title: "Certificate", subtitle: "of Completion",
		certify:    "This is to certify that",
		before:     func(_, _ string) string { return "successfully completed the course" },
		after:      func(day, d string) string { return "held on " + day + ", with a duration of " + d + "." },
		validFrom:  "Valid from",
		validUntil: "Valid until",
		code:       "Verification code",
		trainer:    "Trainer", issuedBy: "Issued by",
		verify: func(code, hint string) string {
			return "Verify this certificate with the code " + code + ": " + hint
		},
		date:  func(d calendar.Date) string { return fmt.Sprintf("%d %s %04d", d.Day(), d.Month(), d.Year()) },
		hours: [2]string{"hour", "hours"}, minutes: [2]string{"minute", "minutes"}, and: "and",
	},
}

// formatDuration writes minutes in hours and minutes: "4 Stunden",
// "1 hour and 30 minutes", "45 Minuten".
func (w wording) formatDuration(minutes int) string {
	unit := func(n int, names [2]string) string {
		if n == 1 {
			return "1\u00a0" + names[0]
		}
		return fmt.Sprintf("%d\u00a0%s", n, names[1])
	}
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return unit(m, w.minutes)
	case m == 0:
		return unit(h, w.hours)
	}
	return unit(h, w.hours) + " " + w.and + " " + unit(m, w.minutes)
}
