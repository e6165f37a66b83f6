// Package cents is the arithmetic of money the billing packages share:
// amounts are int64 cents, a share of an amount is rounded once, half away
// from zero, in integer arithmetic (never a float, not even in between),
// and an amount is written the German way. Keeping the one rounding rule
// here is what makes a line's net, a discount and the VAT of an invoice
// agree wherever they are computed.
package cents

import (
	"errors"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// ErrOverflow is returned when a product or a quotient does not fit in
// int64 cents.
var ErrOverflow = errors.New("the amount does not fit in 64-bit cents")

// MulDiv is a × b / c rounded to the nearest integer, a half away from zero
// (2.5 → 3, -2.5 → -3): half up for the positive amounts of an invoice, and
// the exact negative for a cancellation that negates them. The product is
// computed in 128 bits, so it is exact for any int64 a and b. c must be
// positive.
func MulDiv(a, b, c int64) (int64, error) {
	if c <= 0 {
		return 0, errors.New("a divisor must be positive")
	}
	if a == math.MinInt64 || b == math.MinInt64 {
		return 0, ErrOverflow
	}
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(abs(a), abs(b))
	d := uint64(c)
	if hi >= d {
		return 0, ErrOverflow
	}
	q, r := bits.Div64(hi, lo, d)
	// r < d <= MaxInt64, so 2r cannot wrap.
	if 2*r >= d {
		q++
	}
	if q > math.MaxInt64 {
		return 0, ErrOverflow
	}
	if neg {
		return -int64(q), nil
	}
	return int64(q), nil
}

func abs(n int64) uint64 {
	if n < 0 {
		return uint64(-n)
	}
	return uint64(n)
}

// Format writes an amount the German way: 123456 EUR is "1.234,56 €",
// -5 is "-0,05 €". Another currency is written with its code ("1,00 CHF").
func Format(amount int64, currency string) string {
	var b strings.Builder
	u := abs(amount)
	if amount < 0 {
		b.WriteByte('-')
	}
	b.WriteString(group(u / 100))
	b.WriteByte(',')
	frac := u % 100
	b.WriteByte(byte('0' + frac/10))
	b.WriteByte(byte('0' + frac%10))
	b.WriteByte(' ')
	if currency == "EUR" {
		b.WriteString("€")
	} else {
		b.WriteString(currency)
	}
	return b.String()
}

// group writes n with a dot between groups of three digits.
func group(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Percent writes a rate in basis points the German way: 1900 is "19 %",
// 1250 is "12,5 %", 725 is "7,25 %".
func Percent(basisPoints int) string {
	sign := ""
	if basisPoints < 0 {
		sign, basisPoints = "-", -basisPoints
	}
	s := sign + strconv.Itoa(basisPoints/100)
	if frac := basisPoints % 100; frac != 0 {
		f := strconv.Itoa(100 + frac)[1:] // two digits
		s += "," + strings.TrimSuffix(f, "0")
	}
	return s + " %"
}
