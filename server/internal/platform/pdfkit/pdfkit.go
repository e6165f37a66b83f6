// Package pdfkit holds what the PDFs the platform lays out by hand share:
// a document whose bytes are a function of what is drawn on it, the Go
// fonts embedded in it, the check that a text can be drawn with them, and
// text broken into lines. The invoices and letters (billing/invoicepdf)
// and the training certificates (training/certificate) are drawn with it
// on fpdf.
package pdfkit

import (
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Font is the family the Go fonts are registered under: regular as
// style "", bold as "B".
const Font = "go"

// New starts an A4 document in millimetres, "P" (portrait) or "L"
// (landscape), dated date, in language lang ("de-DE"): its dates fixed,
// its catalog sorted and its streams compressed, so that the same drawing
// gives the same bytes; the fonts embedded from memory (nothing is read
// from disk); no automatic page breaks (a layout checks its room itself)
// and no cell margins.
func New(orientation string, date time.Time, lang string) *fpdf.Fpdf {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetLang(lang)
	pdf.AddUTF8FontFromBytes(Font, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(Font, "B", gobold.TTF)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	return pdf
}

// Text writes s in a box of width w and height h at (x, y), aligned "L",
// "R" or "C", in the current font and colour.
func Text(pdf *fpdf.Fpdf, x, y, w, h float64, s, align string) {
	pdf.SetXY(x, y)
	pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// Wrap breaks s into lines no wider than w in pdf's current font, at
// spaces and line breaks only: no-break spaces keep "95,00 €" together
// (fpdf's SplitText breaks at them). A word wider than w is cut where it
// must be.
func Wrap(pdf *fpdf.Fpdf, s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(strings.ReplaceAll(para, "\u00a0", "\x00")) {
			word = strings.ReplaceAll(word, "\x00", "\u00a0")
			try := word
			if line != "" {
				try = line + " " + word
			}
			if pdf.GetStringWidth(try) <= w {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			for pdf.GetStringWidth(word) > w { // cut an overlong word
				n := len([]rune(word)) - 1
				for n > 1 && pdf.GetStringWidth(string([]rune(word)[:n])) > w {
					n--
				}
				out = append(out, string([]rune(word)[:n]))
				word = string([]rune(word)[n:])
			}
			line = word
		}
		out = append(out, line)
	}
	return out
}
