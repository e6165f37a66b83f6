package certificate

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
)

// Page geometry in millimetres: A4 landscape, a double frame inside the
// margin, the text centred between the frame's sides.
const (
	pageW   = 297.0
	pageH   = 210.0
	frame   = 10.0 // the outer frame's distance from the edge
	left    = 35.0
	right   = pageW - left
	centreW = right - left
)

// The accent (a dark blue) and the greys (0 black … 255 white).
var accent = [3]int{22, 58, 104}

const (
	textGrey = 90
	lineGrey = 150
)

// Render lays out c as a one-page PDF. It refuses a Certificate that
// Validate refuses. The same Certificate always gives the same bytes.
func Render(c Certificate) ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	w := wordings[c.Language]
	// Dated its first valid day, so the output is a function of c.
	pdf := pdfkit.New("L", c.ValidFrom.Time(), w.lang)
	pdf.SetTitle(w.title+" "+c.Name+" – "+c.CourseTitle, true)
	pdf.SetAuthor(c.Issuer, true)
	pdf.SetSubject(w.title+" "+c.Code, true)
	pdf.SetCreator("Leitstand", true)
	pdf.SetDisplayMode("fullpage", "single")
	pdf.AddPage()
	r := renderer{pdf: pdf, c: c, w: w}
	r.frame()
	r.body()
	r.foot()
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("certificate %s: laying out the PDF: %w", c.Code, err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate %s: writing the PDF: %w", c.Code, err)
	}
	return buf.Bytes(), nil
}

type renderer struct {
	pdf *fpdf.Fpdf
	c   Certificate
	w   wording
}

func (r *renderer) font(style string, size float64) { r.pdf.SetFont(pdfkit.Font, style, size) }
func (r *renderer) colour(rgb [3]int)               { r.pdf.SetTextColor(rgb[0], rgb[1], rgb[2]) }
func (r *renderer) grey(g int)                      { r.pdf.SetTextColor(g, g, g) }

// centred writes the lines of s, wrapped to the text's width, centred,
// from y down, and returns the y below them.
func (r *renderer) centred(y, lh float64, s string) float64 {
	for _, l := range pdfkit.Wrap(r.pdf, s, centreW) {
		pdfkit.Text(r.pdf, left, y, centreW, lh, l, "C")
		y += lh
	}
	return y
}

// frame draws a thick outer and a thin inner frame in the accent colour.
func (r *renderer) frame() {
	pdf := r.pdf
	pdf.SetDrawColor(accent[0], accent[1], accent[2])
	pdf.SetLineWidth(1.2)
	pdf.Rect(frame, frame, pageW-2*frame, pageH-2*frame, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(frame+3, frame+3, pageW-2*frame-6, pageH-2*frame-6, "D")
}

// body draws the issuer, the title, the person and the course.
func (r *renderer) body() {
	c, w := r.c, r.w
	r.font("B", 11)
	r.grey(textGrey)
	y := r.centred(24, 5, c.Issuer)

	r.font("B", 34)
	r.colour(accent)
	y = r.centred(y+4, 14, w.title)
	r.font("", 14)
	r.grey(textGrey)
	y = r.centred(y, 7, w.subtitle)

	r.font("", 12)
	r.grey(0)
	y = r.centred(y+7, 6, w.certify)

	// The name as large as fits on one line, down to 16 pt; a longer one
	// wraps.
	size := 28.0
	r.font("B", size)
	for size > 16 && r.pdf.GetStringWidth(c.Name) > centreW {
		size--
		r.font("B", size)
	}
	y = r.centred(y+3, size*0.45, c.Name)
	r.pdf.SetDrawColor(lineGrey, lineGrey, lineGrey)
	r.pdf.SetLineWidth(0.3)
	r.pdf.Line(pageW/2-70, y+1.5, pageW/2+70, y+1.5)

	day, duration := w.date(c.SessionDay), w.formatDuration(c.DurationMinutes)
	r.font("", 12)
	y = r.centred(y+6, 6, w.before(day, duration))
	// The title on two lines at most, down to 13 pt; a longer one takes
	// more.
	size = 18.0
	r.font("B", size)
	for size > 13 && len(pdfkit.Wrap(r.pdf, c.CourseTitle, centreW)) > 2 {
		size--
		r.font("B", size)
	}
	r.colour(accent)
	y = r.centred(y+2, size*0.45, c.CourseTitle)
	r.font("", 12)
	r.grey(0)
	r.centred(y+2, 6, w.after(day, duration))
}

// foot draws the validity and the code, the signatures and the hint where
// to verify the certificate, at fixed places above the frame.
func (r *renderer) foot() {
	c, w := r.c, r.w
	pdf := r.pdf
	const y = 146.0
	cols := [][2]string{{w.validFrom, w.date(c.ValidFrom)}, {w.validUntil, w.date(c.ValidUntil)}, {w.code, c.Code}}
	colW := centreW / float64(len(cols))
	for i, col := range cols {
		x := left + float64(i)*colW
		r.font("", 9)
		r.grey(textGrey)
		pdfkit.Text(pdf, x, y, colW, 4.5, col[0], "C")
		r.font("B", 13)
		r.grey(0)
		pdfkit.Text(pdf, x, y+5, colW, 6.5, col[1], "C")
	}

	// The trainer (if named) and the issuer above a line each.
	const sy = 176.0
	signs := [][2]string{{c.Issuer, w.issuedBy}}
	if c.Trainer != "" {
		signs = [][2]string{{c.Trainer, w.trainer}, {c.Issuer, w.issuedBy}}
	}
	const signW = 80.0
	gap := (centreW - float64(len(signs))*signW) / float64(len(signs)+1)
	pdf.SetDrawColor(lineGrey, lineGrey, lineGrey)
	pdf.SetLineWidth(0.3)
	for i, s := range signs {
		x := left + gap + float64(i)*(signW+gap)
		r.font("", 11)
		r.grey(0)
		pdfkit.Text(pdf, x, sy-6, signW, 5, s[0], "C")
		pdf.Line(x, sy, x+signW, sy)
		r.font("", 8.5)
		r.grey(textGrey)
		pdfkit.Text(pdf, x, sy+1, signW, 4, s[1], "C")
	}

	if c.VerifyHint != "" {
		r.font("", 8)
		r.grey(textGrey)
		r.centred(pageH-frame-12, 3.6, w.verify(c.Code, c.VerifyHint))
	}
}
