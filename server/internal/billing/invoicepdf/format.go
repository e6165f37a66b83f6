package invoicepdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// units are the German abbreviations of the units, singular and
// plural; abbreviations with a period do not change in the plural.
var units = map[Unit][2]string{
	UnitPiece:    {"Stk.", "Stk."},
	UnitMonth:    {"Monat", "Monate"},
	UnitDay:      {"Tag", "Tage"},
	UnitHour:     {"Std.", "Std."},
	UnitMinute:   {"Min.", "Min."},
	UnitGigabyte: {"GB", "GB"},
}

// unitName is the unit as it follows a quantity of n: "1 Monat", "3 Monate".
func unitName(u Unit, n int64) string {
	if n == 1 || n == -1 {
		return units[u][0]
	}
	return units[u][1]
}

// formatInt groups thousands with a period, as German does: 1.234.567.
func formatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatMoney writes cents the German way: "1.234,56 €", "-5,00 €". A
// currency other than EUR is written as its code: "1.234,56 CHF".
func formatMoney(cents int64, currency string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	sym := currency
	if currency == "EUR" {
		sym = "€"
	}
	// A no-break space keeps amount and symbol on one line.
	return fmt.Sprintf("%s%s,%02d\u00a0%s", sign, formatInt(cents/100), cents%100, sym)
}

// formatDate writes a date the German way: "17.01.2027".
func formatDate(d calendar.Date) string {
	return fmt.Sprintf("%02d.%02d.%04d", d.Day(), d.Month(), d.Year())
}

// formatPeriod writes the days a period covers, its last day included.
func formatPeriod(p calendar.Period) string {
	last := p.End.AddDays(-1)
	if p.Days() == 1 {
		return formatDate(p.Start)
	}
	return formatDate(p.Start) + " – " + formatDate(last)
}

// formatRate writes a VAT rate: "19 %", "5,5 %", "7,25 %".
func formatRate(r Rate) string {
	s := fmt.Sprintf("%d,%02d", r/100, r%100)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "0"), ",0")
	return s + " %"
}

// formatQuantity writes a quantity with its unit: "3 Stk.", "1 Monat".
func formatQuantity(l Line) string {
	return formatInt(l.Quantity) + "\u00a0" + unitName(l.Unit, l.Quantity)
}

// formatUnitPrice writes a line's price per base quantity: "12,00 € / Monat",
// "95,00 € / Std." for 60 minutes (what a reader expects of an hourly
// rate), otherwise "0,50 € / 100 GB".
func formatUnitPrice(l Line, currency string) string {
	price := formatMoney(l.UnitPriceCents, currency)
	switch {
	case l.BaseQuantity <= 1:
		return price + " / " + unitName(l.Unit, 1)
	case l.Unit == UnitMinute && l.BaseQuantity == 60:
		return price + " / " + unitName(UnitHour, 1)
	default:
		return price + " / " + formatInt(l.BaseQuantity) + "\u00a0" + unitName(l.Unit, l.BaseQuantity)
	}
}
