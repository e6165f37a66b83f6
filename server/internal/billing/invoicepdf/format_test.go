package invoicepdf

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

func TestFormatMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cents    int64
		currency string
		want     string
	}{
		{0, "EUR", "0,00\u00a0€"},
		{5, "EUR", "0,05\u00a0€"},
		{123456, "EUR", "1.234,56\u00a0€"},
		{-28205, "EUR", "-282,05\u00a0€"},
		{99999999999, "EUR", "999.999.999,99\u00a0€"},
		{100000, "CHF", "1.000,00\u00a0CHF"},
	}
	for _, tt := range tests {
		if got := formatMoney(tt.cents, tt.currency); got != tt.want {
			t.Errorf("formatMoney(%d, %s) = %q, want %q", tt.cents, tt.currency, got, tt.want)
		}
	}
}

func TestFormatRate(t *testing.T) {
	t.Parallel()
	for r, want := range map[Rate]string{0: "0 %", 700: "7 %", 1900: "19 %", 550: "5,5 %", 725: "7,25 %", 1050: "10,5 %", 1000: "10 %", 5: "0,05 %"} {
		if got := formatRate(r); got != want {
			t.Errorf("formatRate(%d) = %q, want %q", r, got, want)
		}
	}
}

func TestFormatDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    calendar.Period
		want string
	}{
		{"a month, end excluded", calendar.Period{Start: calendar.D(2026, 12, 1), End: calendar.D(2027, 1, 1)}, "01.12.2026 – 31.12.2026"},
		{"leap day included", calendar.Period{Start: calendar.D(2028, 2, 15), End: calendar.D(2028, 3, 15)}, "15.02.2028 – 14.03.2028"},
		{"one day", calendar.Period{Start: calendar.D(2027, 1, 17), End: calendar.D(2027, 1, 18)}, "17.01.2027"},
	}
	for _, tt := range tests {
		if got := formatPeriod(tt.p); got != tt.want {
			t.Errorf("%s: formatPeriod = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFormatQuantityAndUnitPrice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		l              Line
		qty, unitPrice string
	}{
		{"one month", Line{Quantity: 1, Unit: UnitMonth, UnitPriceCents: 1990}, "1\u00a0Monat", "19,90\u00a0€ / Monat"},
		{"months", Line{Quantity: 3, Unit: UnitMonth, UnitPriceCents: 1990}, "3\u00a0Monate", "19,90\u00a0€ / Monat"},
		{"days", Line{Quantity: 12, Unit: UnitDay, UnitPriceCents: 3}, "12\u00a0Tage", "0,03\u00a0€ / Tag"},
		{"one day", Line{Quantity: 1, Unit: UnitDay, UnitPriceCents: 3}, "1\u00a0Tag", "0,03\u00a0€ / Tag"},
		{"minutes at an hourly rate", Line{Quantity: 90, Unit: UnitMinute, UnitPriceCents: 9500, BaseQuantity: 60}, "90\u00a0Min.", "95,00\u00a0€ / Std."},
		{"minutes at a per-minute rate", Line{Quantity: 15, Unit: UnitMinute, UnitPriceCents: 200, BaseQuantity: 1}, "15\u00a0Min.", "2,00\u00a0€ / Min."},
		{"hours", Line{Quantity: 3, Unit: UnitHour, UnitPriceCents: 9500}, "3\u00a0Std.", "95,00\u00a0€ / Std."},
		{"pieces", Line{Quantity: 2, Unit: UnitPiece, UnitPriceCents: 3990}, "2\u00a0Stk.", "39,90\u00a0€ / Stk."},
		{"gigabytes per hundred", Line{Quantity: 1500, Unit: UnitGigabyte, UnitPriceCents: 50, BaseQuantity: 100}, "1.500\u00a0GB", "0,50\u00a0€ / 100\u00a0GB"},
		{"cancelled month", Line{Quantity: -1, Unit: UnitMonth, UnitPriceCents: 1990}, "-1\u00a0Monat", "19,90\u00a0€ / Monat"},
	}
	for _, tt := range tests {
		if got := formatQuantity(tt.l); got != tt.qty {
			t.Errorf("%s: formatQuantity = %q, want %q", tt.name, got, tt.qty)
		}
		if got := formatUnitPrice(tt.l, "EUR"); got != tt.unitPrice {
			t.Errorf("%s: formatUnitPrice = %q, want %q", tt.name, got, tt.unitPrice)
		}
	}
}
