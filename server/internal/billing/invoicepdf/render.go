package invoicepdf

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/leitstand/leitstand/server/internal/billing/girocode"
	"github.com/leitstand/leitstand/server/internal/platform/iban"
	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
)

// Page geometry in millimetres: A4 portrait, DIN 5008 form B (the address
// window of a DL or C5/6 envelope starts 45 mm from the top, 20 mm from the
// left; the information block 50 mm from the top, 125 mm from the left).
const (
	pageW      = 210.0
	left       = 25.0 // DIN 5008 left margin
	right      = 190.0
	contentW   = right - left
	windowTop  = 45.0
	addressTop = windowTop + 17.7 // below the 5 lines of the notes zone
	infoLeft   = 125.0
	infoTop    = 50.0
	bodyBottom = 258.0 // the body stops here; page number and footer follow
	footerTop  = 268.0
	laterTop   = 28.0 // where the body resumes on the following pages
	qrSize     = 30.0 // the GiroCode's edge; the EPC suggests at least 2 cm
)

// Grey tones (0 black … 255 white).
const (
	textGrey = 90  // labels, footer
	lineGrey = 200 // rules between table rows
	fillGrey = 238 // table header background
)

// column is a column of the line table.
type column struct {
	title string
	w     float64 // millimetres
	align string
	cell  func(l Line, currency string) string
}

// lineColumns are the columns of d's line table. An invoice without VAT
// (§ 19 UStG, reverse charge) has no VAT column: its width goes to the
// description, and the amount is not called net.
func lineColumns(d Document) []column {
	cols := []column{
		{"Pos.", 10, "L", func(l Line, _ string) string { return fmt.Sprint(l.Position) }},
		{"Beschreibung", 63, "L", func(l Line, _ string) string { return l.Description }},
		{"Menge", 20, "R", func(l Line, _ string) string { return formatQuantity(l) }},
		{"Einzelpreis", 32, "R", formatUnitPrice},
		{"USt.", 14, "R", func(l Line, _ string) string { return formatRate(l.VATRate) }},
		{"Betrag netto", 26, "R", func(l Line, c string) string { return formatMoney(l.NetCents, c) }},
	}
	if !anyVAT(d) {
		cols[1].w += cols[4].w
		cols[5].title = "Betrag"
		cols = slices.Delete(cols, 4, 5)
	}
	return cols
}

// anyVAT reports whether a line of d bears VAT.
func anyVAT(d Document) bool {
	for _, l := range d.Lines {
		if l.VATRate > 0 {
			return true
		}
	}
	return false
}

// Render lays out doc as a PDF. It refuses a Document that Validate
// refuses. The same Document always gives the same bytes.
func Render(doc Document) ([]byte, error) {
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	qr, err := giroMatrix(doc)
	if err != nil {
		return nil, err
	}
	// The footer says "Seite 1 von N", and N is known only when the body is
	// laid out; the footer never moves the body, so a second pass with the
	// count of the first gives the same pages with the right total.
	r := &renderer{doc: doc, cols: lineColumns(doc), qr: qr}
	return r.render("invoice " + doc.Number)
}

// render lays the document out twice, the second time with the page count
// of the first, and writes the PDF; what names it in errors.
func (r *renderer) render(what string) ([]byte, error) {
	if err := r.layout(); err != nil {
		return nil, err
	}
	r.pages = r.pdf.PageNo()
	if err := r.layout(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("%s: writing the PDF: %w", what, err)
	}
	return buf.Bytes(), nil
}

// giroMatrix returns the GiroCode's modules, or nil when the invoice gets
// none: a currency other than EUR, or a total a transfer cannot carry (zero
// or a credit).
func giroMatrix(doc Document) ([][]bool, error) {
	if doc.Currency != "EUR" {
		return nil, nil
	}
	b := doc.Issuer.Bank
	p, err := girocode.Payload(girocode.Transfer{
		Name: b.Holder, IBAN: b.IBAN, BIC: b.BIC,
		AmountCents: doc.GrossCents, Currency: doc.Currency, Remittance: doc.Number,
	})
	if errors.Is(err, girocode.ErrAmount) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("invoice %s: %w", doc.Number, err)
	}
	return girocode.Matrix(p)
}

type renderer struct {
	doc   Document
	cols  []column
	qr    [][]bool
	pages int // total from the first pass; 0 during it
	pdf   *fpdf.Fpdf
	// letter, when set, is what is drawn instead of an invoice (doc then
	// holds what the two share).
	letter *Letter
}

// layout draws the document into a new r.pdf.
func (r *renderer) layout() error {
	d := r.doc
	// Dated the issue date, so the output is a function of doc.
	pdf := pdfkit.New("P", d.IssueDate.Time(), "de-DE")
	r.pdf = pdf
	info := r.info()
	pdf.SetTitle(info.title, true)
	pdf.SetAuthor(info.author, true)
	pdf.SetSubject(info.subject, true)
	pdf.SetCreator(info.creator, true)
	pdf.SetDisplayMode("fullpage", "single")
	pdf.SetMargins(left, laterTop, pageW-right)
	pdf.SetFooterFunc(r.footer)
	if len(d.Issuer.Logo) > 0 {
		if err := r.registerLogo(); err != nil {
			return err
		}
	}

	pdf.AddPage()
	r.letterhead()
	if r.letter != nil {
		r.paragraphs(r.letter.Paragraphs)
		r.items()
		r.payment()
		r.pdf.SetY(r.pdf.GetY() + 2)
		r.paragraphs(r.letter.Closing)
	} else {
		r.table()
		r.totals()
		r.notes()
		r.payment()
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("invoice %s: laying out the PDF: %w", d.Number, err)
	}
	return nil
}

// docInfo is what the PDF's document information dictionary says (and
// the XMP metadata of a hybrid invoice repeats).
type docInfo struct{ title, author, subject, creator string }

func (r *renderer) info() docInfo {
	d := r.doc
	return docInfo{
		title:   r.title() + " " + d.Number,
		author:  d.Issuer.Name,
		subject: r.title() + " " + d.Number + " an " + d.Customer.Name,
		creator: "Leitstand",
	}
}

func (r *renderer) title() string {
	if r.letter != nil {
		return r.letter.Title
	}
	if r.doc.Kind == KindCancellation {
		return "Stornorechnung"
	}
	return "Rechnung"
}

// registerLogo registers the issuer's logo for the letterhead.
func (r *renderer) registerLogo() error {
	if err := registerLogo(r.pdf, r.doc.Issuer.Logo); err != nil {
		return fmt.Errorf("invoice %s: %w", r.doc.Number, err)
	}
	return nil
}

// registerLogo checks the logo's format by its first bytes, so a wrong
// file fails here with a clear message instead of deep inside fpdf.
func registerLogo(pdf *fpdf.Fpdf, logo []byte) error {
	var tp string
	switch {
	case bytes.HasPrefix(logo, []byte("\x89PNG\r\n\x1a\n")):
		tp = "PNG"
	case bytes.HasPrefix(logo, []byte{0xFF, 0xD8, 0xFF}):
		tp = "JPG"
	default:
		return errors.New("the issuer's logo must be a PNG or a JPEG")
	}
	pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(logo))
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("the issuer's logo: %w", err)
	}
	return nil
}

// CheckLogo says whether Render can print logo as the issuer's logo: a PNG
// or JPEG of a kind the PDF library embeds (not an interlaced PNG, for
// one). Check an upload with it, so that no invoice fails to render later.
func CheckLogo(logo []byte) error {
	return registerLogo(fpdf.New("P", "mm", "A4", ""), logo)
}

// setFont switches font and size (points); bold is "B" or "".
func (r *renderer) setFont(style string, size float64) {
	r.pdf.SetFont(pdfkit.Font, style, size)
}

func (r *renderer) grey(g int) { r.pdf.SetTextColor(g, g, g) }
func (r *renderer) black()     { r.pdf.SetTextColor(0, 0, 0) }

// text writes s in a box of width w at (x, y), aligned "L", "R" or "C".
func (r *renderer) text(x, y, w, h float64, s, align string) {
	pdfkit.Text(r.pdf, x, y, w, h, s, align)
}

// wrap breaks s into lines no wider than w in the current font
// (pdfkit.Wrap).
func (r *renderer) wrap(s string, w float64) []string { return pdfkit.Wrap(r.pdf, s, w) }

// room starts a new page when h millimetres do not fit above the footer.
// It reports whether it did.
func (r *renderer) room(h float64) bool {
	if r.pdf.GetY()+h <= bodyBottom {
		return false
	}
	r.pdf.AddPage()
	r.continuation()
	return true
}

// continuation heads the following pages: who and which invoice.
func (r *renderer) continuation() {
	r.setFont("B", 9)
	r.black()
	r.text(left, 14, contentW/2, 5, r.doc.Issuer.Name, "L")
	r.setFont("", 9)
	r.text(left+contentW/2, 14, contentW/2, 5, r.title()+" "+r.doc.Number+" vom "+formatDate(r.doc.IssueDate), "R")
	r.rule(20)
	r.pdf.SetY(laterTop)
}

// rule draws a thin grey line across the body at y.
func (r *renderer) rule(y float64) {
	r.pdf.SetDrawColor(lineGrey, lineGrey, lineGrey)
	r.pdf.SetLineWidth(0.2)
	r.pdf.Line(left, y, right, y)
}

// letterhead draws the first page above the table: logo and name, fold
// marks, sender line and address, information block, title.
func (r *renderer) letterhead() {
	d := r.doc
	pdf := r.pdf

	// Logo and name, top right.
	y := 12.0
	if len(d.Issuer.Logo) > 0 {
		info := pdf.GetImageInfo("logo")
		w, h := 60.0, 60.0*info.Height()/info.Width()
		if h > 18 {
			w, h = 18*info.Width()/info.Height(), 18
		}
		pdf.ImageOptions("logo", right-w, y, w, h, false, fpdf.ImageOptions{}, 0, "")
		y += h + 2
	}
	r.setFont("B", 12)
	r.black()
	r.text(infoLeft-20, y, right-infoLeft+20, 6, d.Issuer.Name, "R")

	// Fold and punch marks in the left margin (DIN 5008 form B).
	pdf.SetDrawColor(150, 150, 150)
	pdf.SetLineWidth(0.2)
	for _, m := range []struct{ y, w float64 }{{105, 5}, {148.5, 8}, {210, 5}} {
		pdf.Line(3, m.y, 3+m.w, m.y)
	}

	// Sender line at the bottom of the window's notes zone, so it shows
	// through the window above the address.
	a := d.Issuer.Address
	sender := []string{d.Issuer.Name}
	sender = append(sender, a.Lines[0], a.PostalCode+" "+a.City)
	if a.Country != "" {
		sender = append(sender, strings.ToUpper(a.Country))
	}
	// A long one breaks between its parts onto more lines, upwards.
	r.setFont("", 7)
	r.grey(textGrey)
	var lines []string
	for _, part := range sender {
		if n := len(lines); n > 0 && pdf.GetStringWidth(lines[n-1]+" · "+part) <= 80 {
			lines[n-1] += " · " + part
		} else {
			lines = append(lines, part)
		}
	}
	pdf.SetDrawColor(textGrey, textGrey, textGrey)
	for i, l := range lines {
		y := addressTop - 4.5 - float64(len(lines)-1-i)*3.2
		r.text(left, y, 80, 3.5, l, "L")
		if i == len(lines)-1 {
			pdf.Line(left, addressTop-0.8, left+min(pdf.GetStringWidth(l), 80), addressTop-0.8)
		}
	}

	// Address.
	c := d.Customer
	addr := append([]string{c.Name}, c.Address.Lines...)
	addr = append(addr, c.Address.PostalCode+" "+c.Address.City)
	if c.Address.Country != "" {
		addr = append(addr, strings.ToUpper(c.Address.Country))
	}
	r.setFont("", 10)
	r.black()
	y = addressTop + 0.5
	for _, a := range addr {
		for _, l := range r.wrap(a, 80) { // the window is 90 mm wide
			r.text(left, y, 80, 4.4, l, "L")
			y += 4.4
		}
	}

	// Information block.
	type row struct{ label, value string }
	rows := []row{{r.title() + "snummer", d.Number}, {r.title() + "sdatum", formatDate(d.IssueDate)}}
	if r.letter != nil {
		rows = nil
		for _, rw := range r.letterInfo() {
			rows = append(rows, row{rw[0], rw[1]})
		}
	}
	if r.letter == nil {
		if d.ServicePeriod.Days() == 1 {
			rows = append(rows, row{"Leistungsdatum", formatPeriod(d.ServicePeriod)})
		} else {
			rows = append(rows, row{"Leistungszeitraum", formatPeriod(d.ServicePeriod)})
		}
		if c.Number != "" {
			rows = append(rows, row{"Kundennummer", c.Number})
		}
		if c.VATID != "" {
			rows = append(rows, row{"Ihre USt-IdNr.", c.VATID})
		}
		switch {
		case c.Reference != "" && c.PublicSector:
			rows = append(rows, row{"Leitweg-ID", c.Reference})
		case c.Reference != "":
			rows = append(rows, row{"Ihre Referenz", c.Reference})
		}
		if d.Cancels != nil {
			rows = append(rows, row{"Stornierte Rechnung", d.Cancels.Number}, row{"vom", formatDate(d.Cancels.IssueDate)})
		}
		if !d.DueDate.IsZero() && d.GrossCents > 0 {
			rows = append(rows, row{"Zahlbar bis", formatDate(d.DueDate)})
		}
	}
	y = infoTop
	for _, rw := range rows {
		r.setFont("", 8.5)
		r.grey(textGrey)
		r.text(infoLeft, y, 30, 4.6, rw.label, "L")
		labelW := pdf.GetStringWidth(rw.label) + 3
		r.setFont("", 9)
		r.black()
		for _, l := range r.wrap(rw.value, right-infoLeft-labelW) {
			r.text(infoLeft, y, right-infoLeft, 4.6, l, "R")
			y += 4.6
		}
	}

	// Title, below the window and the information block.
	y = max(103, y+8)
	r.setFont("B", 16)
	r.text(left, y, contentW, 8, r.title(), "L")
	y += 11
	if d.Cancels != nil {
		r.setFont("", 10)
		msg := fmt.Sprintf("Diese Stornorechnung storniert die Rechnung %s vom %s.", d.Cancels.Number, formatDate(d.Cancels.IssueDate))
		for _, l := range r.wrap(msg, contentW) {
			r.text(left, y, contentW, 5, l, "L")
			y += 5
		}
		y += 3
	}
	pdf.SetY(y)
}

// tableHeader draws the column titles at the current position.
func (r *renderer) tableHeader() {
	pdf := r.pdf
	y := pdf.GetY()
	pdf.SetFillColor(fillGrey, fillGrey, fillGrey)
	pdf.Rect(left, y, contentW, 6.5, "F")
	r.setFont("B", 8.5)
	r.black()
	x := left
	for i, c := range r.cols {
		pad := r.cellPad(i)
		r.text(x+pad, y+1.2, c.w-2*pad, 4, c.title, c.align)
		x += c.w
	}
	pdf.SetY(y + 6.5)
}

// cellPad is the inner margin of column i; the outer columns keep less, so
// their text lines up with the body's edges.
func (r *renderer) cellPad(i int) float64 {
	if i == 0 || i == len(r.cols)-1 {
		return 1
	}
	return 1.5
}

// table draws the lines; a line that does not fit goes to the next page,
// which repeats the header row.
func (r *renderer) table() {
	d := r.doc
	const lh, padY = 4.2, 1.6
	r.room(6.5 + 2*lh + 2*padY) // the header never stands alone
	r.tableHeader()
	for i, l := range d.Lines {
		r.setFont("", 9)
		wrapped := make([][]string, len(r.cols))
		n := 1
		for i, c := range r.cols {
			wrapped[i] = r.wrap(c.cell(l, d.Currency), c.w-2*r.cellPad(i))
			n = max(n, len(wrapped[i]))
		}
		h := float64(n)*lh + 2*padY
		need := h
		if i == len(d.Lines)-1 { // the totals never stand alone on a page
			need += r.totalsHeight()
		}
		if r.room(need) {
			r.tableHeader()
		}
		y := r.pdf.GetY()
		r.setFont("", 9) // the header row left bold behind
		r.black()
		x := left
		for i, c := range r.cols {
			for j, s := range wrapped[i] {
				r.text(x+r.cellPad(i), y+padY+float64(j)*lh, c.w-2*r.cellPad(i), lh, s, c.align)
			}
			x += c.w
		}
		r.rule(y + h)
		r.pdf.SetY(y + h)
	}
}

// totalRow is a line of the totals block.
type totalRow struct {
	label, value string
	bold         bool
}

const totalLH = 5.2 // line height of the totals block

// totalRows are net, VAT per rate and gross.
func (r *renderer) totalRows() []totalRow {
	d := r.doc
	var rows []totalRow
	// Without VAT there is nothing to break down: the notes say why
	// (§ 19 UStG, reverse charge), and a "USt. 0 %" line would only
	// suggest a tax rate of zero.
	if anyVAT(d) {
		rows = append(rows, totalRow{"Nettobetrag", formatMoney(d.TotalNetCents, d.Currency), false})
		for _, t := range d.Totals {
			rows = append(rows, totalRow{"USt. " + formatRate(t.Rate) + " auf " + formatMoney(t.NetCents, d.Currency), formatMoney(t.VATCents, d.Currency), false})
		}
	}
	return append(rows, totalRow{"Gesamtbetrag", formatMoney(d.GrossCents, d.Currency), true})
}

// totalsHeight is the height of the totals block with its space above.
func (r *renderer) totalsHeight() float64 {
	return 3 + float64(len(r.totalRows()))*totalLH + 1.6
}

// totals draws the totals block right-aligned under the table.
func (r *renderer) totals() {
	rows := r.totalRows()
	const lh = totalLH
	r.pdf.SetY(r.pdf.GetY() + 3)
	r.room(r.totalsHeight() - 3)
	y := r.pdf.GetY()
	const x0 = 95.0
	for _, rw := range rows {
		if rw.bold && len(rows) > 1 {
			r.pdf.SetDrawColor(0, 0, 0)
			r.pdf.SetLineWidth(0.3)
			r.pdf.Line(x0, y+0.8, right, y+0.8)
			y += 1.6
		}
		style := ""
		if rw.bold {
			style = "B"
		}
		r.setFont(style, 9.5)
		r.black()
		r.text(x0, y, 65, lh, rw.label, "L")
		r.text(right-35, y, 34, lh, rw.value, "R")
		y += lh
	}
	r.pdf.SetY(y + 6)
}

// notes draws the statutory hints and free texts, one paragraph each.
func (r *renderer) notes() {
	notes := r.doc.Notes
	if r.doc.ReverseCharge {
		notes = append([]string{"Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)."}, notes...)
	}
	const lh = 4.6
	r.setFont("", 9.5)
	r.black()
	for _, n := range notes {
		lines := r.wrap(n, contentW)
		// Keep a short note together; a long one may break between lines.
		r.room(float64(min(len(lines), 3)) * lh)
		for _, l := range lines {
			r.room(lh)
			y := r.pdf.GetY()
			r.setFont("", 9.5)
			r.black()
			r.text(left, y, contentW, lh, l, "L")
			r.pdf.SetY(y + lh)
		}
		r.pdf.SetY(r.pdf.GetY() + 2)
	}
}

// payment draws the payment terms, the GiroCode and the bank details,
// kept together on one page.
func (r *renderer) payment() {
	d := r.doc
	b := d.Issuer.Bank
	const lh = 4.6
	r.setFont("B", 9.5)
	terms := r.wrap(d.PaymentTerms, contentW)
	if d.PaymentTerms == "" {
		terms = nil
	}
	// Nothing to pay on a credit: the terms say what happens instead, and
	// the bank details stay in the footer.
	pay := d.GrossCents > 0
	h := float64(len(terms)) * lh
	switch {
	case r.qr != nil:
		h += 4 + qrSize + 6
	case pay:
		h += 4 + 6*lh
	}
	r.pdf.SetY(r.pdf.GetY() + 2)
	r.room(h)
	y := r.pdf.GetY()
	r.black()
	for _, l := range terms {
		r.text(left, y, contentW, lh, l, "L")
		y += lh
	}
	if !pay {
		r.pdf.SetY(y)
		return
	}
	y += 4

	x := left
	if r.qr != nil {
		r.giroCode(left, y)
		r.setFont("", 7)
		r.grey(textGrey)
		r.text(left, y+qrSize+1, qrSize, 3.5, "Bezahlen mit GiroCode", "C")
		x = left + qrSize + 8 // beyond the code's quiet zone
	}
	rows := [][2]string{{"Kontoinhaber", b.Holder}, {"IBAN", iban.Format(b.IBAN)}}
	if b.BIC != "" {
		rows = append(rows, [2]string{"BIC", iban.Normalize(b.BIC)})
	}
	if b.BankName != "" {
		rows = append(rows, [2]string{"Bank", b.BankName})
	}
	rows = append(rows, [2]string{"Verwendungszweck", d.Number})
	r.setFont("B", 9.5)
	r.black()
	r.text(x, y, 80, lh, "Bankverbindung", "L")
	for i, rw := range rows {
		yy := y + float64(i+1)*lh
		r.setFont("", 9)
		r.grey(textGrey)
		r.text(x, yy, 32, lh, rw[0], "L")
		r.black()
		r.text(x+32, yy, right-x-32, lh, rw[1], "L")
	}
	r.pdf.SetY(y + h)
}

// giroCode draws the QR matrix as filled squares, one rectangle per run of
// dark modules in a row: sharp at any zoom and small in the file.
func (r *renderer) giroCode(x, y float64) {
	m := r.qr
	s := qrSize / float64(len(m))
	r.pdf.SetFillColor(0, 0, 0)
	for row, mods := range m {
		for col := 0; col < len(mods); {
			if !mods[col] {
				col++
				continue
			}
			start := col
			for col < len(mods) && mods[col] {
				col++
			}
			r.pdf.Rect(x+float64(start)*s, y+float64(row)*s, float64(col-start)*s, s, "F")
		}
	}
}

// footer draws the page number and the issuer's particulars on every page.
func (r *renderer) footer() {
	d := r.doc
	is := d.Issuer
	r.setFont("", 8)
	r.grey(textGrey)
	if r.pages > 0 {
		r.text(left, footerTop-6, contentW, 4, fmt.Sprintf("Seite %d von %d", r.pdf.PageNo(), r.pages), "R")
	}
	r.rule(footerTop)

	a := is.Address
	col1 := append([]string{is.Name}, a.Lines...)
	col1 = append(col1, a.PostalCode+" "+a.City)
	if a.Country != "" {
		col1 = append(col1, a.Country)
	}
	var col2 []string
	for _, kv := range [][2]string{{"Tel. ", is.Phone}, {"", is.Email}, {"", is.Website}} {
		if kv[1] != "" {
			col2 = append(col2, kv[0]+kv[1])
		}
	}
	var col3 []string
	if is.RegisterCourt != "" || is.RegisterNumber != "" {
		col3 = append(col3, "Registergericht:", strings.TrimSpace(is.RegisterCourt+" "+is.RegisterNumber))
	}
	if len(is.ManagingDirectors) > 0 {
		col3 = append(col3, "Geschäftsführung: "+strings.Join(is.ManagingDirectors, ", "))
	}
	var col4 []string
	if is.VATID != "" {
		col4 = append(col4, "USt-IdNr. "+is.VATID)
	}
	if is.TaxNumber != "" {
		col4 = append(col4, "Steuernr. "+is.TaxNumber)
	}
	if is.Bank.BankName != "" {
		col4 = append(col4, is.Bank.BankName)
	}
	col4 = append(col4, "IBAN "+iban.Format(is.Bank.IBAN))
	if is.Bank.BIC != "" {
		col4 = append(col4, "BIC "+iban.Normalize(is.Bank.BIC))
	}

	r.setFont("", 7)
	widths := []float64{33, 44, 42, 46}
	x := left
	for i, col := range [][]string{col1, col2, col3, col4} {
		y := footerTop + 2
		for _, s := range col {
			for _, l := range r.wrap(s, widths[i]-2) {
				r.text(x, y, widths[i]-2, 3.1, l, "L")
				y += 3.1
			}
		}
		x += widths[i]
	}
}
