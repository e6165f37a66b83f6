package invoicepdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
)

// The Factur-X profiles (ZUGFeRD 2 calls them the same), as the XMP
// metadata of a hybrid invoice names them in fx:ConformanceLevel. The
// profile is the one the embedded XML claims in its guideline
// (ExchangedDocumentContext): the caller that builds the XML knows it.
const (
	ProfileMinimum   = "MINIMUM"
	ProfileBasicWL   = "BASIC WL"
	ProfileBasic     = "BASIC"
	ProfileEN16931   = "EN 16931"
	ProfileExtended  = "EXTENDED"
	ProfileXRechnung = "XRECHNUNG"
)

// FacturXFileName is the name the XML is embedded under; Factur-X and
// ZUGFeRD readers look for it.
const FacturXFileName = "factur-x.xml"

// hybridProducer is the PDF's producer in Info and XMP.
const hybridProducer = "Leitstand invoicepdf"

// RenderHybrid renders doc as Render does and makes the PDF a hybrid
// ZUGFeRD/Factur-X invoice: PDF/A-3b with xml, the invoice as UN/CEFACT
// Cross Industry Invoice of the given profile (ProfileEN16931 for a
// German B2B invoice), embedded as factur-x.xml. xml must be well-formed
// with a CrossIndustryInvoice root; when it has an invoice number
// (ExchangedDocument/ID) that must be doc.Number. RenderHybrid does not
// check the XML against the schema or the EN 16931 rules, nor that its
// amounts are the document's: the caller that builds both does.
//
// The result is Render(doc) with an incremental update appended (see
// pdfupdate.go): the pages are byte for byte those of Render(doc). The
// same doc, xml and profile always give the same bytes.
func RenderHybrid(doc Document, xml []byte, profile string) ([]byte, error) {
	rel, ok := map[string]string{
		// Factur-X: the two profiles below EN 16931 are not a complete
		// invoice, so their XML is data about the PDF rather than an
		// alternative to it.
		ProfileMinimum: "Data", ProfileBasicWL: "Data",
		ProfileBasic: "Alternative", ProfileEN16931: "Alternative",
		ProfileExtended: "Alternative", ProfileXRechnung: "Alternative",
	}[profile]
	if !ok {
		return nil, fmt.Errorf("invoice %s: Factur-X profile %q: want MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED or XRECHNUNG", doc.Number, profile)
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	if err := checkInvoiceXML(xml, doc.Number); err != nil {
		return nil, fmt.Errorf("invoice %s: the XML to embed: %w", doc.Number, err)
	}
	base, err := Render(doc)
	if err != nil {
		return nil, err
	}
	info := (&renderer{doc: doc}).info()
	pdf, err := makeHybrid(base, hybridMeta{
		info:     info,
		date:     doc.IssueDate.Time(),
		xml:      xml,
		profile:  profile,
		relation: rel,
		desc:     "Rechnungsdaten (Factur-X/ZUGFeRD, " + profile + ") zu " + info.title,
	})
	if err != nil {
		return nil, fmt.Errorf("invoice %s: making the PDF a PDF/A-3: %w", doc.Number, err)
	}
	return pdf, nil
}

// checkInvoiceXML checks that x is well-formed XML with a
// CrossIndustryInvoice root, and that its invoice number, if any, is
// number.
func checkInvoiceXML(x []byte, number string) error {
	if len(bytes.TrimSpace(x)) == 0 {
		return errors.New("empty")
	}
	dec := xml.NewDecoder(bytes.NewReader(x))
	var path []string
	var id strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
			} else if len(path) == 0 {
				return errors.New("more than one root element")
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if slices.Equal(path, []string{"CrossIndustryInvoice", "ExchangedDocument", "ID"}) {
				id.Write(t)
			}
		}
	}
	if root == "" {
		return errors.New("not well-formed: no root element")
	}
	if root != "CrossIndustryInvoice" {
		return fmt.Errorf("the root element is %q, not CrossIndustryInvoice", root)
	}
	if got := strings.TrimSpace(id.String()); got != "" && got != number {
		return fmt.Errorf("it is invoice %q", got)
	}
	return nil
}

// hybridMeta is what makeHybrid adds to a PDF.
type hybridMeta struct {
	info     docInfo
	date     time.Time // creation and modification, of the PDF and the XML
	xml      []byte
	profile  string // fx:ConformanceLevel
	relation string // AFRelationship: "Alternative" or "Data"
	desc     string // the embedded file's description
}

// makeHybrid appends to base, a PDF as fpdf writes it, an incremental
// update that makes it PDF/A-3b with m.xml embedded as factur-x.xml.
//
// fpdf v0.12.0 has no way to write what this needs: its attachments get
// an empty /F, no /AFRelationship, no /Subtype or /ModDate on the
// embedded stream, a name tree key "Attachement1" instead of the file's
// name, and the catalog gets no /AF; its trailer has no /ID; its dates
// carry no time zone (which leaves PDF/A validators to guess whether Info
// and XMP agree). So the update writes, as new objects, the output
// intent's ICC profile, the XMP metadata (without a filter, as PDF/A
// wants), the embedded file and its file specification; writes anew the
// Info dictionary (dates in UTC, a producer) and the catalog (fpdf's
// entries, plus /Metadata, /OutputIntents, /Names /EmbeddedFiles and
// /AF); and a trailer with /ID.
func makeHybrid(base []byte, m hybridMeta) ([]byte, error) {
	f, err := readPDF(base)
	if err != nil {
		return nil, err
	}
	if f.trailer.get("Encrypt") != nil {
		return nil, errors.New("the PDF is encrypted")
	}
	root, err := pdfRef(f.trailer.get("Root"))
	if err != nil {
		return nil, fmt.Errorf("trailer /Root: %w", err)
	}
	info, err := pdfRef(f.trailer.get("Info"))
	if err != nil {
		return nil, fmt.Errorf("trailer /Info: %w", err)
	}
	catalog, err := f.object(root)
	if err != nil {
		return nil, err
	}
	names := pdfDict{}
	if v := catalog.get("Names"); v != nil {
		if names, err = parseDict(v); err != nil {
			return nil, fmt.Errorf("catalog /Names: %w", err)
		}
	}
	u, err := newPDFUpdate(f)
	if err != nil {
		return nil, err
	}
	ref := func(n int) []byte { return fmt.Appendf(nil, "%d 0 R", n) }
	date := m.date.UTC()
	pdfDate := pdfString("D:" + date.Format("20060102150405") + "+00'00'")

	icc := u.alloc()
	u.object(icc, pdfDict{
		{"N", []byte("3")},
		{"Alternate", []byte("/DeviceRGB")},
		{"Filter", []byte("/FlateDecode")},
	}, deflate(srgbICC()))

	meta := u.alloc()
	u.object(meta, pdfDict{
		{"Type", []byte("/Metadata")},
		{"Subtype", []byte("/XML")},
	}, xmp(m.info, date, m.profile))

	file := u.alloc()
	sum := md5.Sum(m.xml)
	u.object(file, pdfDict{
		{"Type", []byte("/EmbeddedFile")},
		{"Subtype", []byte("/text#2Fxml")},
		{"Params", pdfDict{
			{"Size", fmt.Append(nil, len(m.xml))},
			{"CreationDate", pdfDate},
			{"ModDate", pdfDate},
			{"CheckSum", []byte("<" + hex.EncodeToString(sum[:]) + ">")},
		}.bytes()},
		{"Filter", []byte("/FlateDecode")},
	}, deflate(m.xml))

	spec := u.alloc()
	u.object(spec, pdfDict{
		{"Type", []byte("/Filespec")},
		{"F", pdfString(FacturXFileName)},
		{"UF", pdfString(FacturXFileName)},
		{"EF", pdfDict{{"F", ref(file)}, {"UF", ref(file)}}.bytes()},
		{"Desc", pdfString(m.desc)},
		{"AFRelationship", []byte("/" + m.relation)},
	}, nil)

	u.object(info, pdfDict{
		{"Title", pdfString(m.info.title)},
		{"Author", pdfString(m.info.author)},
		{"Subject", pdfString(m.info.subject)},
		{"Creator", pdfString(m.info.creator)},
		{"Producer", pdfString(hybridProducer)},
		{"CreationDate", pdfDate},
		{"ModDate", pdfDate},
	}, nil)

	names = append(names.without("EmbeddedFiles"), pdfEntry{"EmbeddedFiles",
		pdfDict{{"Names", append(append([]byte("["), pdfString(FacturXFileName)...), " "+string(ref(spec))+"]"...)}}.bytes()})
	intent := pdfDict{
		{"Type", []byte("/OutputIntent")},
		{"S", []byte("/GTS_PDFA1")},
		{"OutputConditionIdentifier", pdfString(srgbDescription)},
		{"RegistryName", pdfString("http://www.color.org")},
		{"Info", pdfString(srgbDescription)},
		{"DestOutputProfile", ref(icc)},
	}
	catalog = append(catalog.without("Version", "Metadata", "OutputIntents", "Names", "AF"),
		pdfEntry{"Version", []byte("/1.7")}, // PDF/A-3 is based on PDF 1.7
		pdfEntry{"Metadata", ref(meta)},
		pdfEntry{"OutputIntents", append(append([]byte("["), intent.bytes()...), ']')},
		pdfEntry{"Names", names.bytes()},
		pdfEntry{"AF", append(append([]byte("["), ref(spec)...), ']')},
	)
	u.object(root, catalog, nil)

	// The file's identifier: a digest of what it is made of, the same on
	// every rendering.
	h := sha256.New()
	h.Write(base)
	h.Write([]byte{0})
	h.Write(m.xml)
	h.Write([]byte{0})
	h.Write([]byte(m.profile))
	id := "<" + hex.EncodeToString(h.Sum(nil)[:16]) + ">"
	return u.finish(pdfDict{
		{"Root", ref(root)},
		{"Info", ref(info)},
		{"ID", []byte("[" + id + " " + id + "]")},
	}), nil
}

// pdfString writes s as a PDF text string: plain ASCII as a literal,
// anything else in UTF-16BE with a byte order mark, in hex.
func pdfString(s string) []byte {
	ascii := true
	for _, c := range []byte(s) {
		if c < 0x20 || c > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return []byte("(" + r.Replace(s) + ")")
	}
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}

// deflate compresses b for a /FlateDecode stream. The same input gives the
// same output.
func deflate(b []byte) []byte {
	var out bytes.Buffer
	w, _ := zlib.NewWriterLevel(&out, zlib.BestCompression)
	w.Write(b)
	w.Close()
	return out.Bytes()
}
