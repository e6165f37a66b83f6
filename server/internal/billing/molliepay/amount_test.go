package molliepay

import (
	"testing"

	"github.com/VictorAvelar/mollie-api-go/v4/mollie"
)

func TestFormatAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cents    int64
		currency string
		want     string
		wantErr  bool
	}{
		{11900, "EUR", "119.00", false},
		{5, "EUR", "0.05", false},
		{50, "EUR", "0.50", false},
		{100, "eur", "1.00", false},
		{123456789, "CHF", "1234567.89", false},
		{11900, "JPY", "119", false},
		{100, "ISK", "1", false},
		{11950, "JPY", "", true},
		{0, "EUR", "", true},
		{-5, "EUR", "", true},
		{100, "EURO", "", true},
		{100, "", "", true},
	}
	for _, tt := range tests {
		got, err := formatAmount(tt.cents, tt.currency)
		if tt.wantErr {
			if err == nil {
				t.Errorf("formatAmount(%d, %q) = %+v, want an error", tt.cents, tt.currency, got)
			}
			continue
		}
		if err != nil || got.Value != tt.want {
			t.Errorf("formatAmount(%d, %q) = %+v, %v; want %s", tt.cents, tt.currency, got, err, tt.want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value, currency string
		want            int64
		wantErr         bool
	}{
		{"119.00", "EUR", 11900, false},
		{"0.05", "EUR", 5, false},
		{"0.00", "EUR", 0, false},
		{"1234567.89", "eur", 123456789, false},
		{"119", "JPY", 11900, false},
		{"92233720368547758.07", "EUR", 9223372036854775807, false},
		{"1.005", "EUR", 0, true},
		{"1.0", "EUR", 0, true},
		{"1", "EUR", 0, true},
		{"1.", "EUR", 0, true},
		{".50", "EUR", 0, true},
		{"119.00", "JPY", 0, true},
		{"-1.00", "EUR", 0, true},
		{"+1.00", "EUR", 0, true},
		{"1,00", "EUR", 0, true},
		{"01.00", "EUR", 0, true},
		{" 1.00", "EUR", 0, true},
		{"1e2", "EUR", 0, true},
		{"", "EUR", 0, true},
		{"92233720368547759.00", "EUR", 0, true},
		{"1.00", "", 0, true},
	}
	for _, tt := range tests {
		got, _, err := parseAmount(&mollie.Amount{Value: tt.value, Currency: tt.currency})
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseAmount(%q %s) = %d, %v; want %d, error %v", tt.value, tt.currency, got, err, tt.want, tt.wantErr)
		}
	}
	if got, c, err := parseAmount(nil); got != 0 || c != "" || err != nil {
		t.Errorf("nil amount: %d %q %v", got, c, err)
	}
}

func TestAmountsRoundTrip(t *testing.T) {
	t.Parallel()
	for _, cents := range []int64{1, 5, 9, 10, 99, 100, 101, 11900, 999999, 1<<53 + 1, 1<<62 + 7} {
		a, err := formatAmount(cents, "EUR")
		if err != nil {
			t.Fatal(err)
		}
		back, currency, err := parseAmount(a)
		if err != nil || back != cents || currency != "EUR" {
			t.Errorf("%d → %s → %d %s, %v", cents, a.Value, back, currency, err)
		}
	}
}
