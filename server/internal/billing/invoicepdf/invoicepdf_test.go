package invoicepdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	_ "image/png" // pdftoppm's pages
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/girocode"
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

// render renders d, and writes the PDF to $INVOICEPDF_SAMPLES when set, to
// look at.
func render(t *testing.T, name string, d Document) []byte {
	t.Helper()
	pdf, err := Render(d)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if dir := os.Getenv("INVOICEPDF_SAMPLES"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pdf
}

// text extracts the text of pdf in its layout (so a label and its value
// stay on one line), with every run of white space (including the no-break
// spaces in amounts) made one space. Pages are numbered from 1; no pages
// means all.
func text(t *testing.T, pdf []byte, page ...int) string {
	t.Helper()
	args := []string{"-layout", "-enc", "UTF-8"}
	if len(page) > 0 {
		args = append(args, "-f", fmt.Sprint(page[0]), "-l", fmt.Sprint(page[0]))
	}
	cmd := exec.Command(poppler(t, "pdftotext"), append(args, "-", "-")...)
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

// TestInvoiceShowsEveryRequiredField checks the particulars § 14 (4) UStG
// asks of an invoice, and § 14a (5) of a reverse-charge invoice, in the
// text a reader extracts.
func TestInvoiceShowsEveryRequiredField(t *testing.T) {
	t.Parallel()
	got := text(t, render(t, "invoice", invoice()))
	wantText(t, got,
		// 1. name and address of issuer and customer
		"Nordlicht Hosting GmbH", "Hafenstraße 12", "20457 Hamburg",
		"Bäckerei Schröder & Söhne KG", "Zum Mühlenteich 7", "24103 Kiel",
		// 2. tax number or VAT id
		"Steuernr. 22/345/67890", "USt-IdNr. DE123456789",
		// 3. date, 4. number
		"Rechnungsdatum 03.01.2027", "Rechnungsnummer RE-2027-000042",
		// 5. quantity and kind of each line
		"vServer „M“", "1 Monat", "19,90 € / Monat",
		"Technischer Support: Migration der", "90 Min.", "95,00 € / Std.", "142,50 €",
		"250 GB", "0,01 € / GB", "2 Stk.", "39,90 € / Stk.", "12 Tage",
		// 6. service period
		"Leistungszeitraum 01.12.2026 – 31.12.2026",
		// 7., 8. net per rate, rate and VAT amount, gross
		"Nettobetrag 245,06 €",
		"USt. 19 % auf 165,26 € 31,40 €", "USt. 7 % auf 79,80 € 5,59 €",
		"Gesamtbetrag 282,05 €",
		// and what the customer needs to pay
		"Kundennummer K-10023", "Zahlbar ohne Abzug bis 17.01.2027.",
		"Kontoinhaber Nordlicht Hosting GmbH", "IBAN DE89 3704 0044 0532 0130 00", "BIC COBADEFFXXX",
		"Bank Commerzbank", "Verwendungszweck RE-2027-000042", "Bezahlen mit GiroCode",
		// the footer of a GmbH's business letters
		"Amtsgericht Hamburg HRB 123456", "Geschäftsführung: Jana Petersen,", "Ömer Yılmaz",
		"Seite 1 von 1",
	)
	if strings.Contains(got, "Steuerschuldnerschaft") {
		t.Error("a domestic invoice says the customer owes the tax")
	}
}

func TestReverseChargeNamesCustomersVATID(t *testing.T) {
	t.Parallel()
	got := text(t, render(t, "reverse-charge", reverseCharge()))
	wantText(t, got,
		"Alpenblick Software GmbH", "Mariahilfer Straße 88", "3. Stock", "1070 Wien", "ÖSTERREICH",
		"Ihre USt-IdNr. ATU12345678", "Steuerschuldnerschaft des Leistungsempfängers",
		"Gesamtbetrag 474,00 €", "3 Std.", "95,00 € / Std.",
	)
	if strings.Contains(got, "USt. 0 %") {
		t.Error("an invoice without VAT breaks down a VAT of 0 %")
	}
}

func TestSmallBusinessNote(t *testing.T) {
	t.Parallel()
	got := text(t, render(t, "small-business", smallBusiness()))
	wantText(t, got,
		"Webhosting Krause e. K.", "Steuernr. 22/345/67890",
		"Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.", "Gesamtbetrag 4,99 €",
		"Amtsgericht Kiel HRA 4711",
	)
	if strings.Contains(got, "USt-IdNr.") || strings.Contains(got, "Geschäftsführung") {
		t.Error("empty fields of the issuer printed with their labels")
	}
	if strings.Contains(got, "USt.") || strings.Contains(got, "netto") {
		t.Error("a small business's invoice shows VAT or net amounts")
	}
}

func TestCancellation(t *testing.T) {
	t.Parallel()
	got := text(t, render(t, "cancellation", cancellation()))
	wantText(t, got,
		"Stornorechnung", "Stornorechnungsnummer RE-2027-000051", "Stornorechnungsdatum 10.01.2027",
		"Stornierte Rechnung RE-2027-000042", "vom 03.01.2027",
		"Diese Stornorechnung storniert die Rechnung RE-2027-000042 vom 03.01.2027.",
		"-1 Monat", "-90 Min.", "-142,50 €", "Gesamtbetrag -282,05 €",
		"Der Betrag wird Ihrem Kundenkonto gutgeschrieben.",
	)
	// Nothing to transfer: no GiroCode, no due date, no request to pay.
	for _, s := range []string{"GiroCode", "Zahlbar bis", "Verwendungszweck"} {
		if strings.Contains(got, s) {
			t.Errorf("a cancellation invoice shows %q", s)
		}
	}
}

func TestLongInvoiceRepeatsHeaderAndNumbersPages(t *testing.T) {
	t.Parallel()
	pdf := render(t, "long", long(60))
	got := text(t, pdf)
	pages := strings.Count(got, "Seite ")
	if pages < 2 {
		t.Fatalf("60 lines on %d page(s)", pages)
	}
	for p := 1; p <= pages; p++ {
		wantText(t, got, fmt.Sprintf("Seite %d von %d", p, pages))
	}
	const header = "Pos. Beschreibung Menge Einzelpreis USt. Betrag netto"
	for p := 1; p <= pages; p++ {
		pt := text(t, pdf, p)
		first := strings.Index(pt, ".kunde.example")
		if first < 0 {
			t.Errorf("page %d has no table lines: the totals stand alone", p)
			continue
		}
		if h := strings.Index(pt, header); h < 0 || h > first {
			t.Errorf("page %d has table lines without the header row above them", p)
		}
	}
	if n := strings.Count(got, "Rechnung RE-2027-000099 vom 03.01.2027"); n != pages-1 {
		t.Errorf("continuation heading %d times on %d following pages", n, pages-1)
	}
	// Every line once, in order.
	last := -1
	for i := 1; i <= 60; i++ {
		at := strings.Index(got, fmt.Sprintf("web-%02d.kunde.example", i))
		if at < last {
			t.Fatalf("line %d missing or out of order", i)
		}
		last = at
	}
}

func TestSameDocumentSameBytes(t *testing.T) {
	t.Parallel()
	for name, d := range map[string]Document{"invoice": invoice(), "long": long(60)} {
		a, err := Render(d)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			b, err := Render(d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("%s: two renderings differ: %x and %x", name, sha256.Sum256(a), sha256.Sum256(b))
			}
		}
	}
	a, _ := Render(invoice())
	if !bytes.Contains(a, []byte("D:20270103000000")) {
		t.Error("the PDF's dates are not the issue date")
	}
}

func TestMetadata(t *testing.T) {
	t.Parallel()
	pdf := render(t, "invoice-meta", invoice())
	cmd := exec.Command(poppler(t, "pdfinfo"), "-enc", "UTF-8", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, re := range []string{
		`(?m)^Title:\s+Rechnung RE-2027-000042$`,
		`(?m)^Author:\s+Nordlicht Hosting GmbH$`,
		`(?m)^Page size:\s+595.28 x 841.89 pts \(A4\)`,
		`(?m)^Pages:\s+1$`,
	} {
		if !regexp.MustCompile(re).Match(out) {
			t.Errorf("pdfinfo does not match %s:\n%s", re, out)
		}
	}
	if !bytes.Contains(pdf, []byte("/Lang (de-DE)")) {
		t.Error("no document language de-DE")
	}
	// The fonts travel with the file.
	for _, f := range []string{"/FontFile2", "/ToUnicode"} {
		if !bytes.Contains(pdf, []byte(f)) {
			t.Errorf("no %s: fonts not embedded", f)
		}
	}
}

// TestGiroCodeScans renders the first page as a picture and reads the
// GiroCode with an independent decoder: it must carry the transfer.
func TestGiroCodeScans(t *testing.T) {
	t.Parallel()
	d := invoice()
	pdf := render(t, "invoice-qr", d)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(poppler(t, "pdftoppm"), "-r", "150", "-png", "-gray", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_CHARACTER_SET: "UTF-8", gozxing.DecodeHintType_TRY_HARDER: true,
	})
	if err != nil {
		t.Fatalf("no GiroCode found on the page: %v", err)
	}
	want, err := girocode.Payload(girocode.Transfer{
		Name: "Nordlicht Hosting GmbH", IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX",
		AmountCents: 28205, Currency: "EUR", Remittance: "RE-2027-000042",
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.GetText() != want {
		t.Errorf("GiroCode reads\n%q\nwant\n%q", res.GetText(), want)
	}
}

func TestRenderRefusesIncompleteDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(*Document)
		wantErr string
	}{
		{"no kind", func(d *Document) { d.Kind = KindUnspecified }, "kind"},
		{"no number", func(d *Document) { d.Number = " " }, "number is missing"},
		{"no issue date", func(d *Document) { d.IssueDate = calendar.Date{} }, "issue date"},
		{"empty service period", func(d *Document) { d.ServicePeriod.End = d.ServicePeriod.Start }, "service period"},
		{"no tax number nor VAT id", func(d *Document) { d.Issuer.TaxNumber, d.Issuer.VATID = "", "" }, "tax number or VAT id"},
		{"issuer without city", func(d *Document) { d.Issuer.Address.City = "" }, "issuer's address"},
		{"customer without street", func(d *Document) { d.Customer.Address.Lines = nil }, "customer's address"},
		{"reverse charge without VAT id", func(d *Document) { d.ReverseCharge = true }, "customer's VAT id"},
		{"cancellation without the invoice", func(d *Document) { d.Kind = KindCancellation }, "number and date of the invoice it cancels"},
		{"invoice that cancels", func(d *Document) { d.Cancels = &InvoiceRef{Number: "X"} }, "cancels nothing"},
		{"no lines", func(d *Document) { d.Lines = nil }, "at least one line"},
		{"unknown unit", func(d *Document) { d.Lines[0].Unit = "KGM" }, `unit "KGM"`},
		{"rate total off", func(d *Document) { d.Totals[0].NetCents++ }, "net total at 19 %"},
		{"rate missing", func(d *Document) { d.Totals = d.Totals[:1] }, "no entry for the lines at 7 %"},
		{"gross off", func(d *Document) { d.GrossCents++ }, "gross amount"},
		{"VAT at 0 %", func(d *Document) { *d = reverseCharge(); d.Totals[0].VATCents = 1 }, "VAT at 0 % is 1 cents"},
		{"bad IBAN for the GiroCode", func(d *Document) { d.Issuer.Bank.IBAN = "DE89370400440532013001" }, "check digits"},
		{"emoji in the customer's name", func(d *Document) { d.Customer.Name = "Pixel 😀 GmbH" }, `the customer's name has a character the invoice font cannot show: '😀' (U+1F600)`},
		{"CJK in an address", func(d *Document) { d.Customer.Address.City = "東京" }, "the customer's address has a character"},
		{"tab in a line", func(d *Document) { d.Lines[1].Description = "a\tb" }, "line 2 has a character"},
		{"logo not an image", func(d *Document) { d.Issuer.Logo = []byte("GIF89a") }, "PNG or a JPEG"},
		{"logo broken", func(d *Document) { d.Issuer.Logo = []byte("\x89PNG\r\n\x1a\nnot really") }, "logo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := invoice()
			tt.change(&d)
			_, err := Render(d)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Render: error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestOtherCurrencyHasNoGiroCode(t *testing.T) {
	t.Parallel()
	d := invoice()
	d.Currency = "CHF"
	got := text(t, render(t, "chf", d))
	wantText(t, got, "Gesamtbetrag 282,05 CHF", "19,90 CHF / Monat", "Bankverbindung")
	if strings.Contains(got, "GiroCode") {
		t.Error("a GiroCode for a transfer in CHF")
	}
}

func TestJPEGLogo(t *testing.T) {
	t.Parallel()
	img, _, err := image.Decode(bytes.NewReader(logoPNG()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	d := invoice()
	d.Issuer.Logo = b.Bytes()
	pdf := render(t, "jpeg-logo", d)
	if !bytes.Contains(pdf, []byte("/DCTDecode")) {
		t.Error("the JPEG logo is not embedded as a JPEG")
	}
}

var update = flag.Bool("update", false, "rewrite testdata/invoice.pdf from the current rendering")

// TestSample keeps testdata/invoice.pdf, a sample to look at, equal to what
// Render makes of invoice(). A change of layout, fonts or of the fpdf
// version changes the bytes: look at the new sample, then accept it with
// go test . -run TestSample -update. Stored invoices keep their bytes; only a
// new rendering of an old Document would differ.
func TestSample(t *testing.T) {
	pdf, err := Render(invoice())
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/invoice.pdf"
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
		t.Errorf("Render(invoice()) differs from %s (sha256 %x, the sample's %x): look at it, then go test . -run TestSample -update",
			path, sha256.Sum256(pdf), sha256.Sum256(want))
	}
}

// TestStoredSnapshotRendersTheSame stores Documents the way the invoice
// store may (JSON) and renders them again, with the logo loaded from the
// file the document names: the bytes must not change.
func TestStoredSnapshotRendersTheSame(t *testing.T) {
	t.Parallel()
	for name, d := range map[string]Document{"invoice": invoice(), "cancellation": cancellation(), "reverse charge": reverseCharge()} {
		if d.Issuer.Logo != nil {
			d.Issuer.LogoFile = "logo.png"
		}
		want, err := Render(d)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(stored, []byte(`"Kind":"`)) || !bytes.Contains(stored, []byte(`"IssueDate":"20`)) {
			t.Errorf("%s: kind or dates not stored by name: %.200s", name, stored)
		}
		if bytes.Contains(stored, []byte(`"Logo"`)) {
			t.Errorf("%s: the logo's bytes are stored with the document", name)
		}
		var back Document
		if err := json.Unmarshal(stored, &back); err != nil {
			t.Fatal(err)
		}
		if back.Issuer.LogoFile != d.Issuer.LogoFile || back.Issuer.Logo != nil {
			t.Errorf("%s: read back the logo file %q and %d bytes of logo", name, back.Issuer.LogoFile, len(back.Issuer.Logo))
		}
		back.Issuer.Logo = d.Issuer.Logo // loaded from LogoFile
		got, err := Render(back)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: rendering the stored snapshot gives other bytes", name)
		}
	}
}

// Documents stored before the logo was stored by its file's name hold
// "Logo": null; they still read, without a logo.
func TestDocumentsStoredWithALogoFieldStillRead(t *testing.T) {
	t.Parallel()
	d := invoice()
	d.Issuer.Logo = nil
	want, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte("LogoFile")) {
		t.Errorf("a document without a logo stores its file's name: %s", stored)
	}
	old := bytes.Replace(stored, []byte(`"Issuer":{`), []byte(`"Issuer":{"Logo":null,`), 1)
	var back Document
	if err := json.Unmarshal(old, &back); err != nil {
		t.Fatal(err)
	}
	if got, err := Render(back); err != nil || !bytes.Equal(got, want) {
		t.Errorf("a document stored with \"Logo\": null renders otherwise (%v)", err)
	}
}

func TestCheckLogo(t *testing.T) {
	t.Parallel()
	// A PNG whose header says it is interlaced (byte 28), with the header's
	// checksum made to match.
	interlaced := logoPNG()
	interlaced[28] = 1
	binary.BigEndian.PutUint32(interlaced[29:33], crc32.ChecksumIEEE(interlaced[12:29]))
	tests := []struct {
		name string
		logo []byte
		ok   bool
	}{
		{"PNG", logoPNG(), true},
		{"GIF", []byte("GIF89a"), false},
		{"interlaced PNG", interlaced, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckLogo(tt.logo); (err == nil) != tt.ok {
				t.Errorf("CheckLogo = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestNamesInOtherScripts(t *testing.T) {
	t.Parallel()
	d := invoice()
	d.Customer.Name = "Ωμέγα Юрий Łódź Ærø Çağrı Dvořák"
	d.Customer.Address.Lines = []string{"Þórsgata 5, ½ Treppe"}
	wantText(t, text(t, render(t, "scripts", d)), "Ωμέγα Юрий Łódź Ærø Çağrı Dvořák", "Þórsgata 5, ½ Treppe")
}
