package usagereport

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
)

// Languages are the languages a report's PDF is laid out in.
var Languages = []string{"de", "en"}

// wording is a PDF's text in one language.
type wording struct {
	lang, title, allEntities, entity, organization, period, generated                        string
	totals, byMonth, byOrganization, month, name                                             string
	services, servicesAtEnd, servers, storageAvg, storagePeak, traffic, hours, billable, net string
	none, page                                                                               string
	months                                                                                   [12]string
	thousands, decimal                                                                       string
}

var wordings = map[string]wording{
	"en": {lang: "en-GB", title: "Usage report", allEntities: "All billing entities", entity: "Billing entity",
		organization: "Organization", period: "Period", generated: "Generated",
		totals: "Totals", byMonth: "By month", byOrganization: "By organization", month: "Month", name: "Organization",
		services: "Services", servicesAtEnd: "Services at the end", servers: "Servers", storageAvg: "Storage (avg.)",
		storagePeak: "Storage (peak)", traffic: "Traffic", hours: "Hours", billable: "of which billable", net: "Net revenue",
		none: "No organizations in this period.", page: "Page",
		months:    [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		thousands: ",", decimal: "."},
	"de": {lang: "de-DE", title: "Nutzungsbericht", allEntities: "Alle Rechnungssteller", entity: "Rechnungssteller",
		organization: "Organisation", period: "Zeitraum", generated: "Erstellt",
		totals: "Summen", byMonth: "Nach Monat", byOrganization: "Nach Organisation", month: "Monat", name: "Organisation",
		services: "Dienste", servicesAtEnd: "Dienste am Ende", servers: "Server", storageAvg: "Speicher (Ø)",
		storagePeak: "Speicher (Spitze)", traffic: "Traffic", hours: "Stunden", billable: "davon abrechenbar", net: "Nettoumsatz",
		none: "Keine Organisationen in diesem Zeitraum.", page: "Seite",
		months:    [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		thousands: ".", decimal: ","},
}

func (w wording) monthName(m Month) string { return w.months[m.Month-1] + " " + strconv.Itoa(m.Year) }

func (w wording) periodName(from, to Month) string {
	if from == to {
		return w.monthName(from)
	}
	return w.monthName(from) + " – " + w.monthName(to)
}

// integer writes n with thousands separators.
func (w wording) integer(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(w.thousands)
		}
		b.WriteRune(r)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// fixed writes n hundredths with two decimals.
func (w wording) fixed(hundredths int64) string {
	sign := ""
	if hundredths < 0 {
		sign, hundredths = "−", -hundredths
	}
	return sign + w.integer(hundredths/100) + w.decimal + fmt.Sprintf("%02d", hundredths%100)
}

// gb writes bytes as GB (10⁹ bytes, as the invoice counts) with two
// decimals.
func (w wording) gb(b int64) string { return w.fixed((b+5_000_000)/10_000_000) + "\u00a0GB" }

// hours writes minutes as hours with two decimals.
func (w wording) hoursOf(min int64) string { return w.fixed((min*100 + 30) / 60) }

func (w wording) money(cents int64) string { return w.fixed(cents) + "\u00a0€" }

// Page geometry in millimetres: A4 portrait.
const (
	pdfLeft   = 15.0
	pdfRight  = 195.0
	pdfBottom = 280.0
	rowH      = 5.5
)

var pdfAccent = [3]int{22, 58, 104}

// RenderPDF lays out r in language ("de" or "en"). The same report gives
// the same bytes.
func RenderPDF(r *Report, language string) ([]byte, error) {
	w, ok := wordings[language]
	if !ok {
		return nil, fmt.Errorf("usage report: no wording in %q", language)
	}
	pdf := pdfkit.New("P", r.GenerateTime, w.lang)
	pdf.SetTitle(w.title+" "+w.periodName(r.From, r.To), true)
	pdf.SetCreator("Leitstand", true)
	l := &layout{pdf: pdf, w: w, r: r}
	l.newPage()
	l.head()
	l.totals()
	l.months()
	l.organizations()
	l.footers()
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("usage report: laying out the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("usage report: writing the PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// FileName names the PDF of r.
func FileName(r *Report, language string) string {
	base := "usage-report"
	if language == "de" {
		base = "Nutzungsbericht"
	}
	if r.From == r.To {
		return base + "-" + r.From.String() + ".pdf"
	}
	return base + "-" + r.From.String() + "-" + r.To.String() + ".pdf"
}

type layout struct {
	pdf *fpdf.Fpdf
	w   wording
	r   *Report
	y   float64
}

func (l *layout) font(style string, size float64) { l.pdf.SetFont(pdfkit.Font, style, size) }

func (l *layout) newPage() {
	l.pdf.AddPage()
	l.y = 18
}

// room starts a new page unless h millimetres fit below y; true when it
// did.
func (l *layout) room(h float64) bool {
	if l.y+h <= pdfBottom {
		return false
	}
	l.newPage()
	return true
}

func (l *layout) head() {
	w, r := l.w, l.r
	l.font("B", 20)
	l.pdf.SetTextColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	pdfkit.Text(l.pdf, pdfLeft, l.y, pdfRight-pdfLeft, 9, w.title, "L")
	l.y += 13
	entity := r.BillingEntityName
	if entity == "" {
		entity = w.allEntities
	}
	pairs := [][2]string{{w.entity, entity}}
	if r.OrganizationName != "" {
		pairs = append(pairs, [2]string{w.organization, r.OrganizationName})
	}
	pairs = append(pairs, [2]string{w.period, w.periodName(r.From, r.To)},
		[2]string{w.generated, r.GenerateTime.UTC().Format(time.DateTime) + " UTC"})
	l.pdf.SetTextColor(0, 0, 0)
	for _, p := range pairs {
		l.font("B", 10)
		pdfkit.Text(l.pdf, pdfLeft, l.y, 40, 5, p[0], "L")
		l.font("", 10)
		pdfkit.Text(l.pdf, pdfLeft+40, l.y, pdfRight-pdfLeft-40, 5, p[1], "L")
		l.y += 5.5
	}
	l.y += 4
}

func (l *layout) heading(s string) {
	l.room(20)
	l.font("B", 13)
	l.pdf.SetTextColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	pdfkit.Text(l.pdf, pdfLeft, l.y, pdfRight-pdfLeft, 7, s, "L")
	l.pdf.SetTextColor(0, 0, 0)
	l.y += 9
}

func (l *layout) totals() {
	w, f := l.w, l.r.Totals
	l.heading(w.totals)
	pairs := [][2]string{
		{w.services, w.integer(int64(f.Services))},
		{w.servicesAtEnd, w.integer(int64(f.ServicesAtEnd))},
		{w.servers, w.integer(int64(f.Servers))},
		{w.storageAvg, w.gb(f.AverageStorageBytes)},
		{w.storagePeak, w.gb(f.PeakStorageBytes)},
		{w.traffic, w.gb(f.TrafficBytes)},
		{w.hours, w.hoursOf(f.Minutes) + " (" + w.billable + " " + w.hoursOf(f.BillableMinutes) + ")"},
		{w.net, w.money(f.NetRevenueCents)},
	}
	for i, p := range pairs {
		x := pdfLeft + float64(i%2)*90
		l.font("", 10)
		pdfkit.Text(l.pdf, x, l.y, 40, 5, p[0], "L")
		l.font("B", 10)
		pdfkit.Text(l.pdf, x+40, l.y, 45, 5, p[1], "R")
		if i%2 == 1 {
			l.y += 6
		}
	}
	l.y += 6
}

// column is a table's column: its width and alignment.
type column struct {
	title string
	w     float64
	align string
}

func (l *layout) columns(first string) []column {
	w := l.w
	return []column{{first, 52, "L"}, {w.services, 18, "R"}, {w.servers, 16, "R"}, {w.storageAvg, 24, "R"},
		{w.traffic, 24, "R"}, {w.hours, 18, "R"}, {w.net, 28, "R"}}
}

// entityColumns are the organizations' columns with the billing entity
// after the name: the figures' columns narrowed to make room.
func (l *layout) entityColumns() []column {
	w := l.w
	return []column{{w.name, 36, "L"}, {w.entity, 32, "L"}, {w.services, 15, "R"}, {w.servers, 13, "R"},
		{w.storageAvg, 22, "R"}, {w.traffic, 22, "R"}, {w.hours, 15, "R"}, {w.net, 25, "R"}}
}

// entitiesCovered reports whether the report's rows belong to more than
// one billing entity: then each row names its entity.
func (l *layout) entitiesCovered() bool {
	if l.r.BillingEntity != uuid.Nil {
		return false
	}
	seen := map[uuid.UUID]bool{}
	for _, row := range l.r.Rows {
		seen[row.BillingEntity] = true
	}
	return len(seen) > 1
}

func (l *layout) tableHead(cols []column) {
	l.font("B", 9)
	l.pdf.SetFillColor(235, 239, 245)
	l.pdf.Rect(pdfLeft, l.y, pdfRight-pdfLeft, rowH+0.5, "F")
	x := pdfLeft
	for _, c := range cols {
		pdfkit.Text(l.pdf, x+1, l.y+0.5, c.w-2, rowH, c.title, c.align)
		x += c.w
	}
	l.y += rowH + 1
}

// tableRow writes a row: the leading text cells (a name, and an entity)
// and the figures.
func (l *layout) tableRow(cols []column, f Figures, leading ...string) {
	w := l.w
	cells := append(slices.Clone(leading), w.integer(int64(f.Services)), w.integer(int64(f.Servers)), w.gb(f.AverageStorageBytes),
		w.gb(f.TrafficBytes), w.hoursOf(f.Minutes), w.money(f.NetRevenueCents))
	l.font("", 9)
	// A long name is cut to its column rather than running into the next.
	for i := range leading {
		if lines := pdfkit.Wrap(l.pdf, cells[i], cols[i].w-2); len(lines) > 1 {
			cells[i] = strings.TrimSpace(lines[0]) + "…"
		}
	}
	x := pdfLeft
	for i, c := range cols {
		pdfkit.Text(l.pdf, x+1, l.y, c.w-2, rowH, cells[i], c.align)
		x += c.w
	}
	l.pdf.SetDrawColor(220, 220, 220)
	l.pdf.Line(pdfLeft, l.y+rowH, pdfRight, l.y+rowH)
	l.y += rowH
}

func (l *layout) months() {
	l.heading(l.w.byMonth)
	cols := l.columns(l.w.month)
	l.tableHead(cols)
	for _, m := range l.r.Months {
		if l.room(rowH) {
			l.tableHead(cols)
		}
		l.tableRow(cols, m.Figures, l.w.monthName(m.Month))
	}
	l.y += 6
}

func (l *layout) organizations() {
	l.heading(l.w.byOrganization)
	if len(l.r.Rows) == 0 {
		l.font("", 10)
		pdfkit.Text(l.pdf, pdfLeft, l.y, pdfRight-pdfLeft, 5, l.w.none, "L")
		l.y += 6
		return
	}
	cols, withEntity := l.columns(l.w.name), l.entitiesCovered()
	if withEntity {
		cols = l.entityColumns()
	}
	l.tableHead(cols)
	for _, row := range l.r.Rows {
		if l.room(rowH) {
			l.tableHead(cols)
		}
		if withEntity {
			l.tableRow(cols, row.Figures, row.OrganizationName, row.BillingEntityName)
		} else {
			l.tableRow(cols, row.Figures, row.OrganizationName)
		}
	}
}

// footers numbers the pages once all are laid out.
func (l *layout) footers() {
	n := l.pdf.PageNo()
	for p := 1; p <= n; p++ {
		l.pdf.SetPage(p)
		l.font("", 8)
		l.pdf.SetTextColor(120, 120, 120)
		pdfkit.Text(l.pdf, pdfLeft, 287, pdfRight-pdfLeft, 4, fmt.Sprintf("%s %d / %d", l.w.page, p, n), "R")
	}
}
