package molliepay

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/VictorAvelar/mollie-api-go/v4/mollie"
)

// Mollie writes an amount as a decimal string with exactly as many
// decimals as the currency has: two for all it supports but the yen and
// the Icelandic króna, which have none (Mollie's multicurrency guide).
// Leitstand's amounts are hundredths for every currency (billing/cents),
// so a yen amount must be whole yen.
var zeroDecimal = map[string]bool{"JPY": true, "ISK": true}

// checkCurrency refuses what is not an ISO 4217 code.
func checkCurrency(currency string) (string, error) {
	c := strings.ToUpper(currency)
	if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", fmt.Errorf("mollie: %q is not a currency code", currency)
	}
	return c, nil
}

// formatAmount writes cents as Mollie's amount: 11900 EUR is "119.00",
// 5 is "0.05"; 11900 JPY is "119". Only positive amounts are ever sent.
func formatAmount(cents int64, currency string) (*mollie.Amount, error) {
	c, err := checkCurrency(currency)
	if err != nil {
		return nil, err
	}
	if cents <= 0 {
		return nil, fmt.Errorf("mollie: an amount must be positive, not %d cents", cents)
	}
	if zeroDecimal[c] {
		if cents%100 != 0 {
			return nil, fmt.Errorf("mollie: %s has no fractional unit, so %d hundredths cannot be sent exactly", c, cents)
		}
		return &mollie.Amount{Currency: c, Value: strconv.FormatInt(cents/100, 10)}, nil
	}
	return &mollie.Amount{Currency: c, Value: fmt.Sprintf("%d.%02d", cents/100, cents%100)}, nil
}

// parseAmount reads Mollie's amount as cents, exactly: the value must
// have the currency's number of decimals, digits only, no sign. A nil
// amount (Mollie leaves out what is zero) is zero.
func parseAmount(a *mollie.Amount) (cents int64, currency string, err error) {
	if a == nil {
		return 0, "", nil
	}
	c, err := checkCurrency(a.Currency)
	if err != nil {
		return 0, "", err
	}
	bad := func(why string) error {
		return fmt.Errorf("mollie: amount %q %s: %s", a.Value, c, why)
	}
	whole, frac, hasFrac := strings.Cut(a.Value, ".")
	want := 2
	if zeroDecimal[c] {
		want = 0
	}
	switch {
	case whole == "" || !digits(whole):
		return 0, "", bad("not a decimal number")
	case len(whole) > 1 && whole[0] == '0':
		return 0, "", bad("leading zero")
	case hasFrac && (frac == "" || !digits(frac)):
		return 0, "", bad("not a decimal number")
	case len(frac) != want:
		return 0, "", bad(fmt.Sprintf("%s has %d decimals", c, want))
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n > math.MaxInt64/100 {
		return 0, "", bad("too large")
	}
	cents = n * 100
	if want == 2 {
		f, _ := strconv.ParseInt(frac, 10, 64) // two digits, checked above
		cents += f
	}
	return cents, c, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
