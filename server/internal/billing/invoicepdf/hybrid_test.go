package invoicepdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// ciiXML is a short Cross Industry Invoice for invoice(): enough of one to
// embed (the XML's own content is the business of its builder).
const ciiXML = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>urn:cen.eu:en16931:2017</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>RE-2027-000042</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20270103</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Nordlicht Hosting GmbH</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Bäckerei Schröder &amp; Söhne KG</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:GrandTotalAmount>282.05</ram:GrandTotalAmount>
        <ram:DuePayableAmount>282.05</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`

// renderHybrid renders the hybrid invoice of invoice(), and writes it to
// $INVOICEPDF_SAMPLES when set.
func renderHybrid(t *testing.T, name string) []byte {
	t.Helper()
	pdf, err := RenderHybrid(invoice(), []byte(ciiXML), ProfileEN16931)
	if err != nil {
		t.Fatalf("RenderHybrid: %v", err)
	}
	if dir := os.Getenv("INVOICEPDF_SAMPLES"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pdf
}

// writeTemp writes pdf to a file of its own and returns its path: pdfdetach
// reads no standard input.
func writeTemp(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	cmd := exec.Command(poppler(t, tool), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s %s: %v %s", tool, strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out)
}

func TestHybridEmbedsTheXML(t *testing.T) {
	t.Parallel()
	in := writeTemp(t, renderHybrid(t, "hybrid"))
	list := run(t, "pdfdetach", "-list", in)
	if !regexp.MustCompile(`^1 embedded files\n1: factur-x.xml\n$`).MatchString(list) {
		t.Errorf("pdfdetach -list:\n%s", list)
	}
	out := filepath.Join(t.TempDir(), "factur-x.xml")
	run(t, "pdfdetach", "-save", "1", "-o", out, in)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != ciiXML {
		t.Errorf("the embedded file is not the XML given:\n%s", got)
	}
}

// TestHybridIsPDFA3 checks the file's structure: what a PDF/A-3 Factur-X
// invoice needs in its catalog, metadata, embedded file and trailer.
func TestHybridIsPDFA3(t *testing.T) {
	t.Parallel()
	pdf := renderHybrid(t, "hybrid-pdfa")
	f, err := readPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	obj := func(v []byte) pdfDict {
		t.Helper()
		n, err := pdfRef(v)
		if err != nil {
			t.Fatal(err)
		}
		d, err := f.object(n)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	stream := func(v []byte) (pdfDict, []byte) {
		t.Helper()
		n, _ := pdfRef(v)
		d := obj(v)
		at := f.offsets[n] + bytes.Index(pdf[f.offsets[n]:], []byte("stream\n")) + len("stream\n")
		var length int
		if _, err := fmtSscan(string(d.get("Length")), &length); err != nil {
			t.Fatal(err)
		}
		data := pdf[at : at+length]
		if !bytes.HasPrefix(pdf[at+length:], []byte("\nendstream")) {
			t.Errorf("object %d: /Length %d does not end at endstream", n, length)
		}
		if string(d.get("Filter")) == "/FlateDecode" {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(r); err != nil {
				t.Fatal(err)
			}
		}
		return d, data
	}

	if id := f.trailer.get("ID"); !regexp.MustCompile(`^\[<[0-9a-f]{32}> <[0-9a-f]{32}>\]$`).Match(id) {
		t.Errorf("trailer /ID %q", id)
	}
	if f.trailer.get("Encrypt") != nil {
		t.Error("encrypted")
	}
	cat := obj(f.trailer.get("Root"))
	for _, k := range []string{"Pages", "Lang", "OpenAction", "PageLayout"} { // fpdf's, kept
		if cat.get(k) == nil {
			t.Errorf("the catalog lost /%s: %s", k, cat.bytes())
		}
	}

	// The output intent, with the sRGB profile.
	oi := string(cat.get("OutputIntents"))
	if !strings.Contains(oi, "/S /GTS_PDFA1") || !strings.Contains(oi, "/OutputConditionIdentifier (sRGB IEC61966-2.1)") {
		t.Errorf("/OutputIntents %s", oi)
	}
	iccRef := regexp.MustCompile(`/DestOutputProfile (\d+ 0 R)`).FindStringSubmatch(oi)
	if iccRef == nil {
		t.Fatalf("no /DestOutputProfile in %s", oi)
	}
	iccDict, icc := stream([]byte(iccRef[1]))
	if string(iccDict.get("N")) != "3" || !bytes.Equal(icc, srgbICC()) {
		t.Errorf("the output intent's profile is not the sRGB profile (/N %s)", iccDict.get("N"))
	}

	// The metadata: PDF/A-3b, the profile, and what Info says.
	metaDict, meta := stream(cat.get("Metadata"))
	if metaDict.get("Filter") != nil || string(metaDict.get("Subtype")) != "/XML" {
		t.Errorf("metadata stream %s: want /Subtype /XML and no filter", metaDict.bytes())
	}
	for _, want := range []string{
		"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>", "<fx:DocumentType>INVOICE</fx:DocumentType>",
		"<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>", "<fx:Version>1.0</fx:Version>",
		"<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>",
		`<rdf:li xml:lang="x-default">Rechnung RE-2027-000042</rdf:li>`,
		"<rdf:li>Nordlicht Hosting GmbH</rdf:li>",
		"Bäckerei Schröder &amp; Söhne KG",
		"<xmp:CreateDate>2027-01-03T00:00:00+00:00</xmp:CreateDate>",
		"<xmp:CreatorTool>Leitstand</xmp:CreatorTool>",
		"<pdf:Producer>" + hybridProducer + "</pdf:Producer>",
	} {
		if !bytes.Contains(meta, []byte(want)) {
			t.Errorf("the XMP lacks %s", want)
		}
	}
	if err := xmlWellFormed(meta); err != nil {
		t.Errorf("the XMP: %v", err)
	}

	// The embedded file, in the name tree and in /AF.
	af := regexp.MustCompile(`^\[(\d+ 0 R)\]$`).FindSubmatch(cat.get("AF"))
	if af == nil {
		t.Fatalf("catalog /AF %q: want one file", cat.get("AF"))
	}
	if names := string(cat.get("Names")); !strings.Contains(names, "/EmbeddedFiles") ||
		!strings.Contains(names, "[(factur-x.xml) "+string(af[1])+"]") {
		t.Errorf("catalog /Names %s: want factur-x.xml, the file of /AF", names)
	}
	spec := obj(af[1])
	for k, want := range map[string]string{
		"Type": "/Filespec", "F": "(factur-x.xml)", "UF": "(factur-x.xml)", "AFRelationship": "/Alternative",
	} {
		if got := string(spec.get(k)); got != want {
			t.Errorf("file specification /%s %s, want %s", k, got, want)
		}
	}
	if spec.get("Desc") == nil {
		t.Error("file specification without /Desc")
	}
	ef, err := parseDict(spec.get("EF"))
	if err != nil {
		t.Fatal(err)
	}
	fileDict, file := stream(ef.get("F"))
	if string(file) != ciiXML {
		t.Error("the embedded stream is not the XML")
	}
	if string(fileDict.get("Subtype")) != "/text#2Fxml" || string(fileDict.get("Type")) != "/EmbeddedFile" {
		t.Errorf("embedded file stream %s", fileDict.bytes())
	}
	params := string(fileDict.get("Params"))
	for _, want := range []string{"/ModDate (D:20270103000000+00'00')", "/CreationDate (D:20270103000000+00'00')", "/Size " + itoa(len(ciiXML))} {
		if !strings.Contains(params, want) {
			t.Errorf("/Params %s lacks %s", params, want)
		}
	}

	// Info agrees with the XMP.
	info := obj(f.trailer.get("Info"))
	if got := string(info.get("CreationDate")); got != "(D:20270103000000+00'00')" {
		t.Errorf("Info /CreationDate %s", got)
	}
	if got := string(info.get("Producer")); got != "("+hybridProducer+")" {
		t.Errorf("Info /Producer %s", got)
	}
}

// TestHybridReaders has poppler and qpdf (when installed) read the file.
func TestHybridReaders(t *testing.T) {
	t.Parallel()
	pdf := renderHybrid(t, "hybrid-readers")
	in := writeTemp(t, pdf)
	info := run(t, "pdfinfo", "-enc", "UTF-8", in)
	for _, re := range []string{
		`(?m)^Title:\s+Rechnung RE-2027-000042$`,
		`(?m)^Author:\s+Nordlicht Hosting GmbH$`,
		`(?m)^Producer:\s+` + hybridProducer + `$`,
		`(?m)^CreationDate:\s+.*2027`,
		`(?m)^Metadata Stream:\s+yes$`,
		`(?m)^Encrypted:\s+no$`,
		`(?m)^Pages:\s+1$`,
		`(?m)^PDF version:\s+1.7$`,
	} {
		if !regexp.MustCompile(re).MatchString(info) {
			t.Errorf("pdfinfo does not match %s:\n%s", re, info)
		}
	}
	meta := run(t, "pdfinfo", "-meta", in)
	if !strings.Contains(meta, "<pdfaid:part>3</pdfaid:part>") || !strings.Contains(meta, "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>") {
		t.Errorf("pdfinfo -meta:\n%s", meta)
	}

	fonts := run(t, "pdffonts", in)
	rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	if len(rows) == 0 {
		t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, row := range rows {
		// name, type (two words), encoding, emb, sub, uni, object ID
		f := strings.Fields(row)
		if len(f) < 8 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", row)
		}
	}

	// The text is the same as that of the plain PDF.
	plain := render(t, "hybrid-plain", invoice())
	if text(t, pdf) != text(t, plain) {
		t.Error("the hybrid PDF's text differs from the plain one's")
	}

	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(qpdf, "--check", in).CombinedOutput(); err != nil ||
			!strings.Contains(string(out), "No syntax or stream encoding errors found") {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	} else {
		t.Log("qpdf is not installed: not checked with it")
	}
}

func TestHybridSameInputSameBytes(t *testing.T) {
	t.Parallel()
	a := renderHybrid(t, "hybrid-a")
	b := renderHybrid(t, "hybrid-b")
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings differ: %x and %x", sha256.Sum256(a), sha256.Sum256(b))
	}
	// The hybrid is the plain PDF with an update appended: its pages are
	// the same bytes.
	plain, err := Render(invoice())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a, plain) {
		t.Error("the hybrid PDF does not begin with Render's")
	}
	// Another XML or profile gives another file and identifier.
	c, err := RenderHybrid(invoice(), []byte(strings.Replace(ciiXML, "282.05", "282.06", 1)), ProfileEN16931)
	if err != nil {
		t.Fatal(err)
	}
	fa, _ := readPDF(a)
	fc, _ := readPDF(c)
	if bytes.Equal(fa.trailer.get("ID"), fc.trailer.get("ID")) {
		t.Error("two files with different XML have the same /ID")
	}
}

func TestHybridProfiles(t *testing.T) {
	t.Parallel()
	for profile, rel := range map[string]string{ProfileMinimum: "/Data", ProfileBasicWL: "/Data", ProfileXRechnung: "/Alternative"} {
		pdf, err := RenderHybrid(invoice(), []byte(ciiXML), profile)
		if err != nil {
			t.Fatalf("%s: %v", profile, err)
		}
		if !bytes.Contains(pdf, []byte("/AFRelationship "+rel)) || !bytes.Contains(pdf, []byte("<fx:ConformanceLevel>"+profile+"</fx:ConformanceLevel>")) {
			t.Errorf("%s: want /AFRelationship %s and the profile in the XMP", profile, rel)
		}
	}
}

func TestRenderHybridRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, xml, profile, wantErr string
		change                      func(*Document)
	}{
		{"unknown profile", ciiXML, "COMFORT", "profile", nil},
		{"empty XML", "", ProfileEN16931, "empty", nil},
		{"not XML", "%PDF-1.4", ProfileEN16931, "well-formed", nil},
		{"broken XML", ciiXML[:len(ciiXML)-30], ProfileEN16931, "well-formed", nil},
		{"other root", `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>`, ProfileEN16931, `root element is "Invoice"`, nil},
		{"other invoice", strings.Replace(ciiXML, "RE-2027-000042", "RE-2027-000043", 1), ProfileEN16931, `invoice "RE-2027-000043"`, nil},
		{"incomplete document", ciiXML, ProfileEN16931, "number is missing", func(d *Document) { d.Number = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := invoice()
			if tt.change != nil {
				tt.change(&d)
			}
			_, err := RenderHybrid(d, []byte(tt.xml), tt.profile)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("RenderHybrid: error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func fmtSscan(s string, n *int) (int, error) { return fmt.Sscan(s, n) }

func itoa(n int) string { return strconv.Itoa(n) }

func xmlWellFormed(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// TestHybridOfEveryKind makes every fixture a hybrid: several pages, no
// logo, a cancellation.
func TestHybridOfEveryKind(t *testing.T) {
	t.Parallel()
	for name, d := range map[string]Document{
		"cancellation": cancellation(), "reverse charge": reverseCharge(),
		"small business": smallBusiness(), "long": long(60),
	} {
		x := strings.Replace(ciiXML, "RE-2027-000042", d.Number, 1)
		pdf, err := RenderHybrid(d, []byte(x), ProfileEN16931)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		in := writeTemp(t, pdf)
		if list := run(t, "pdfdetach", "-list", in); list != "1 embedded files\n1: factur-x.xml\n" {
			t.Errorf("%s: pdfdetach -list:\n%s", name, list)
		}
		run(t, "pdfinfo", in)
	}
}
