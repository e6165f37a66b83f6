package invoicepdf

import (
	"bytes"
	"encoding/xml"
	"time"
)

// xmp returns the XMP metadata of a hybrid invoice: PDF/A-3b, the
// document information of the Info dictionary (PDF/A wants the two to
// agree), and the Factur-X properties with the PDF/A extension schema
// that describes them (PDF/A allows only properties of a schema it knows
// or one described in the file).
func xmp(info docInfo, date time.Time, profile string) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	when := date.UTC().Format("2006-01-02T15:04:05") + "+00:00"
	var b bytes.Buffer
	w := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
		}
		b.WriteByte('\n')
	}
	w(`<?xpacket begin="`, "\uFEFF", `" id="W5M0MpCehiHzreSzNTczkc9d"?>`)
	w(`<x:xmpmeta xmlns:x="adobe:ns:meta/">`)
	w(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`)

	w(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">`)
	w(`<pdfaid:part>3</pdfaid:part>`)
	w(`<pdfaid:conformance>B</pdfaid:conformance>`)
	w(`</rdf:Description>`)

	w(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	w(`<dc:format>application/pdf</dc:format>`)
	w(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`, esc(info.title), `</rdf:li></rdf:Alt></dc:title>`)
	w(`<dc:creator><rdf:Seq><rdf:li>`, esc(info.author), `</rdf:li></rdf:Seq></dc:creator>`)
	w(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">`, esc(info.subject), `</rdf:li></rdf:Alt></dc:description>`)
	w(`</rdf:Description>`)

	w(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`)
	w(`<xmp:CreatorTool>`, esc(info.creator), `</xmp:CreatorTool>`)
	w(`<xmp:CreateDate>`, when, `</xmp:CreateDate>`)
	w(`<xmp:ModifyDate>`, when, `</xmp:ModifyDate>`)
	w(`<xmp:MetadataDate>`, when, `</xmp:MetadataDate>`)
	w(`</rdf:Description>`)

	w(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`)
	w(`<pdf:Producer>`, esc(hybridProducer), `</pdf:Producer>`)
	w(`</rdf:Description>`)

	w(`<rdf:Description rdf:about="" xmlns:fx="`, facturXNamespace, `">`)
	w(`<fx:DocumentType>INVOICE</fx:DocumentType>`)
	w(`<fx:DocumentFileName>`, FacturXFileName, `</fx:DocumentFileName>`)
	w(`<fx:Version>1.0</fx:Version>`)
	w(`<fx:ConformanceLevel>`, esc(profile), `</fx:ConformanceLevel>`)
	w(`</rdf:Description>`)

	w(`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">`)
	w(`<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">`)
	w(`<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>`)
	w(`<pdfaSchema:namespaceURI>`, facturXNamespace, `</pdfaSchema:namespaceURI>`)
	w(`<pdfaSchema:prefix>fx</pdfaSchema:prefix>`)
	w(`<pdfaSchema:property><rdf:Seq>`)
	for _, p := range [][2]string{
		{"DocumentFileName", "The name of the embedded XML document"},
		{"DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"},
		{"Version", "The actual version of the standard applying to the embedded XML document"},
		{"ConformanceLevel", "The conformance level of the embedded XML document"},
	} {
		w(`<rdf:li rdf:parseType="Resource">`)
		w(`<pdfaProperty:name>`, p[0], `</pdfaProperty:name>`)
		w(`<pdfaProperty:valueType>Text</pdfaProperty:valueType>`)
		w(`<pdfaProperty:category>external</pdfaProperty:category>`)
		w(`<pdfaProperty:description>`, p[1], `</pdfaProperty:description>`)
		w(`</rdf:li>`)
	}
	w(`</rdf:Seq></pdfaSchema:property>`)
	w(`</rdf:li></rdf:Bag></pdfaExtension:schemas>`)
	w(`</rdf:Description>`)

	w(`</rdf:RDF>`)
	w(`</x:xmpmeta>`)
	b.WriteString(`<?xpacket end="w"?>`)
	return b.Bytes()
}

// facturXNamespace is the namespace of the Factur-X XMP properties
// (ZUGFeRD 2 uses it too).
const facturXNamespace = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
