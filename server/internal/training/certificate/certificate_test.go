package certificate

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// The tests read the PDFs back with poppler's command-line tools, as an
// independent reader. They are a build dependency (make deps-poppler), not
// an optional one: without them the tests fail.
func poppler(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s is missing: install the Debian package poppler-utils (make deps-poppler)", tool)
	}
	return path
}

// sample is a German certificate with umlauts and ß in every name.
func sample() Certificate {
	return Certificate{
		Language: German, Name: "Jürgen Weiß-Öztürk", CourseTitle: "Datenschutz-Grundlagen für Beschäftigte",
		DurationMinutes: 210, SessionDay: calendar.D(2026, time.November, 14),
		ValidFrom: calendar.D(2026, time.November, 14), ValidUntil: calendar.D(2027, time.February, 28),
		Trainer: "Dr. Anna Groß", Issuer: "Muster Hosting GmbH", Code: "K7QM-4XRT-9BWD-2HNE",
		VerifyHint: "https://leitstand.muster-hosting.de/verify",
	}
}

// render renders c, and writes the PDF to $CERTIFICATE_SAMPLES when set,
// to look at.
func render(t *testing.T, name string, c Certificate) []byte {
	t.Helper()
	pdf, err := Render(c)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if dir := os.Getenv("CERTIFICATE_SAMPLES"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pdf
}

// text extracts the text of pdf in its layout, with every run of white
// space (including no-break spaces) made one space.
func text(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command(poppler(t, "pdftotext"), "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\u00a0", " ")), " ")
}

func wantText(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", got)
	}
}

func TestGermanCertificate(t *testing.T) {
	t.Parallel()
	got := text(t, render(t, "certificate-de", sample()))
	wantText(t, got,
		"Muster Hosting GmbH", "Zertifikat", "Teilnahmebescheinigung", "Hiermit wird bestätigt, dass",
		"Jürgen Weiß-Öztürk", "am 14.11.2026 an der Schulung", "Datenschutz-Grundlagen für Beschäftigte",
		"im Umfang von 3 Stunden und 30 Minuten erfolgreich teilgenommen hat.",
		"Gültig ab Gültig bis Prüfcode", "14.11.2026 28.02.2027 K7QM-4XRT-9BWD-2HNE",
		"Dr. Anna Groß", "Schulungsleitung", "Ausgestellt von",
		"Die Echtheit dieses Zertifikats lässt sich mit dem Prüfcode K7QM-4XRT-9BWD-2HNE bestätigen: https://leitstand.muster-hosting.de/verify",
	)
}

func TestEnglishCertificate(t *testing.T) {
	t.Parallel()
	c := sample()
	c.Language, c.DurationMinutes, c.Trainer = English, 60, ""
	got := text(t, render(t, "certificate-en", c))
	wantText(t, got,
		"Muster Hosting GmbH", "Certificate", "of Completion", "This is to certify that",
		"Jürgen Weiß-Öztürk", "successfully completed the course", "Datenschutz-Grundlagen für Beschäftigte",
		"held on 14 November 2026, with a duration of 1 hour.",
		"Valid from Valid until Verification code", "14 November 2026 28 February 2027 K7QM-4XRT-9BWD-2HNE",
		"Issued by", "Verify this certificate with the code K7QM-4XRT-9BWD-2HNE: https://leitstand.muster-hosting.de/verify",
	)
	if strings.Contains(got, "Trainer") {
		t.Error("a certificate without a trainer names one")
	}
}

func TestOnePageA4WithMetadata(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{German, English} {
		c := sample()
		c.Language = lang
		pdf := render(t, "certificate-meta-"+lang, c)
		cmd := exec.Command(poppler(t, "pdfinfo"), "-enc", "UTF-8", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		title := map[string]string{German: "Zertifikat", English: "Certificate"}[lang]
		for _, re := range []string{
			`(?m)^Title:\s+` + title + ` Jürgen Weiß-Öztürk – Datenschutz-Grundlagen für Beschäftigte$`,
			`(?m)^Author:\s+Muster Hosting GmbH$`,
			`(?m)^Page size:\s+841.89 x 595.28 pts \(A4\)`,
			`(?m)^Pages:\s+1$`,
		} {
			if !regexp.MustCompile(re).Match(out) {
				t.Errorf("%s: pdfinfo does not match %s:\n%s", lang, re, out)
			}
		}
		if want := map[string]string{German: "de-DE", English: "en-GB"}[lang]; !bytes.Contains(pdf, []byte("/Lang ("+want+")")) {
			t.Errorf("%s: no document language %s", lang, want)
		}
	}
}

// Long names and titles stay on the page: the name shrinks, then wraps;
// the title wraps.
func TestLongTextsStayOnThePage(t *testing.T) {
	t.Parallel()
	c := sample()
	c.Name = "Maximiliane Friederike Alexandra von und zu Hohenzollern-Sigmaringen-Schaumburg-Lippe"
	c.CourseTitle = strings.Repeat("Informationssicherheit im Rechenzentrumsbetrieb nach ISO 27001 ", 3)
	got := text(t, render(t, "certificate-long", c))
	wantText(t, got, "Hohenzollern-Sigmaringen-Schaumburg-Lippe", "Informationssicherheit", "K7QM-4XRT-9BWD-2HNE")
}

func TestSameCertificateSameBytes(t *testing.T) {
	t.Parallel()
	a, err := Render(sample())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Render(sample())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("two renderings differ: %x and %x", sha256.Sum256(a), sha256.Sum256(b))
		}
	}
	if !bytes.Contains(a, []byte("D:20261114000000")) {
		t.Error("the PDF's dates are not the first valid day")
	}
}

func TestRenderRefusesIncompleteCertificates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Certificate)
		want   string
	}{
		{"another language", func(c *Certificate) { c.Language = "fr" }, `the language is "fr"`},
		{"no name", func(c *Certificate) { c.Name = " " }, "the person's name is missing"},
		{"no course", func(c *Certificate) { c.CourseTitle = "" }, "the course's title is missing"},
		{"no duration", func(c *Certificate) { c.DurationMinutes = 0 }, "duration is 0 minutes"},
		{"no session day", func(c *Certificate) { c.SessionDay = calendar.Date{} }, "the day of the session is missing"},
		{"valid until before from", func(c *Certificate) { c.ValidUntil = c.ValidFrom.AddDays(-1) }, "before the first"},
		{"no issuer", func(c *Certificate) { c.Issuer = "" }, "the issuer is missing"},
		{"no code", func(c *Certificate) { c.Code = "" }, "the verification code is missing"},
		{"a character the font lacks", func(c *Certificate) { c.Name = "山田 太郎" },
			`the name has a character the certificate font cannot show: '山' (U+5C71)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := sample()
			tt.change(&c)
			_, err := Render(c)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "certificate ") {
				t.Errorf("Render = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestDurations(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		minutes int
		de, en  string
	}{
		{45, "45 Minuten", "45 minutes"},
		{60, "1 Stunde", "1 hour"},
		{61, "1 Stunde und 1 Minute", "1 hour and 1 minute"},
		{480, "8 Stunden", "8 hours"},
	} {
		de, en := wordings[German].formatDuration(tt.minutes), wordings[English].formatDuration(tt.minutes)
		if strings.ReplaceAll(de, "\u00a0", " ") != tt.de || strings.ReplaceAll(en, "\u00a0", " ") != tt.en {
			t.Errorf("%d minutes = %q, %q; want %q, %q", tt.minutes, de, en, tt.de, tt.en)
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/certificate.pdf from the current rendering")

// TestSample keeps testdata/certificate.pdf, a sample to look at, equal to
// what Render makes of sample(). A change of layout, fonts or of the fpdf
// version changes the bytes: look at the new sample, then accept it with
// go test . -run TestSample -update.
func TestSample(t *testing.T) {
	pdf, err := Render(sample())
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/certificate.pdf"
	if *update {
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with go test . -run TestSample -update)", err)
	}
	if !bytes.Equal(pdf, want) {
		t.Errorf("Render(sample()) differs from %s (sha256 %x, the sample's %x): look at it, then go test . -run TestSample -update",
			path, sha256.Sum256(pdf), sha256.Sum256(want))
	}
}
