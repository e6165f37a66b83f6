package cents_test

import (
	"errors"
	"math"
	"testing"

	"github.com/leitstand/leitstand/server/internal/billing/cents"
)

// The rounding edges: exactly half goes away from zero, so a negated
// amount rounds to the negated result.
func TestMulDivRoundsHalfAwayFromZero(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		a, b, c int64
		want    int64
	}{
		{"exact", 3, 100, 1, 300},
		{"below half rounds down", 1, 149, 100, 1},         // 1.49
		{"half rounds up", 1, 150, 100, 2},                 // 1.50
		{"above half rounds up", 1, 151, 100, 2},           // 1.51
		{"negative half away from zero", -1, 150, 100, -2}, // -1.50
		{"negative below half", -1, 149, 100, -1},
		{"both negative is positive", -1, -150, 100, 2},
		{"19 % of 1.20 € is 0.228 €", 120, 1900, 10000, 23},
		{"19 % of 12.00 € is 2.28 €", 1200, 1900, 10000, 228},
		{"half a cent of VAT: 19 % of 0.50 € is 0.095 €", 50, 1900, 10000, 10},
		{"and negated", -50, 1900, 10000, -10},
		{"45 minutes at 90.00 € an hour", 45, 9000, 60, 6750},
		{"one of 31 days of 10.00 €", 1, 1000, 31, 32}, // 32.258…
		{"product beyond 64 bits, quotient within", math.MaxInt64, 4, 8, math.MaxInt64/2 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := cents.MulDiv(tt.a, tt.b, tt.c)
			if err != nil || got != tt.want {
				t.Fatalf("MulDiv(%d, %d, %d) = %d, %v; want %d", tt.a, tt.b, tt.c, got, err, tt.want)
			}
		})
	}
}

func TestMulDivRefusesWhatDoesNotFit(t *testing.T) {
	t.Parallel()
	if _, err := cents.MulDiv(math.MaxInt64, 2, 1); !errors.Is(err, cents.ErrOverflow) {
		t.Errorf("MaxInt64 × 2: %v, want overflow", err)
	}
	if _, err := cents.MulDiv(math.MinInt64, 1, 1); !errors.Is(err, cents.ErrOverflow) {
		t.Errorf("MinInt64: %v, want overflow", err)
	}
	if _, err := cents.MulDiv(1, 1, 0); err == nil {
		t.Error("a divisor of 0 is an error")
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		amount   int64
		currency string
		want     string
	}{
		{0, "EUR", "0,00 €"},
		{5, "EUR", "0,05 €"},
		{-5, "EUR", "-0,05 €"},
		{123456, "EUR", "1.234,56 €"},
		{100000000, "EUR", "1.000.000,00 €"},
		{100, "CHF", "1,00 CHF"},
	} {
		if got := cents.Format(tt.amount, tt.currency); got != tt.want {
			t.Errorf("Format(%d, %s) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	t.Parallel()
	for bp, want := range map[int]string{1900: "19 %", 0: "0 %", 1250: "12,5 %", 725: "7,25 %", 5: "0,05 %", 10000: "100 %"} {
		if got := cents.Percent(bp); got != want {
			t.Errorf("Percent(%d) = %q, want %q", bp, got, want)
		}
	}
}
