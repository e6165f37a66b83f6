// Package vatid checks VAT identification numbers: the national format of
// each EU member state and, for German numbers, the check digit, so that a
// typo is caught when it is entered and not when an invoice bounces.
package vatid

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// formats are the national formats after the two-letter prefix (VIES).
var formats = map[string]*regexp.Regexp{
	"AT": regexp.MustCompile(`^U\d{8}$`),
	"BE": regexp.MustCompile(`^[01]\d{9}$`),
	"BG": regexp.MustCompile(`^\d{9,10}$`),
	"CY": regexp.MustCompile(`^\d{8}[A-Z]$`),
	"CZ": regexp.MustCompile(`^\d{8,10}$`),
	"DE": regexp.MustCompile(`^\d{9}$`),
	"DK": regexp.MustCompile(`^\d{8}$`),
	"EE": regexp.MustCompile(`^\d{9}$`),
	"EL": regexp.MustCompile(`^\d{9}$`),
	"ES": regexp.MustCompile(`^[A-Z0-9]\d{7}[A-Z0-9]$`),
	"FI": regexp.MustCompile(`^\d{8}$`),
	"FR": regexp.MustCompile(`^[A-HJ-NP-Z0-9]{2}\d{9}$`),
	"HR": regexp.MustCompile(`^\d{11}$`),
	"HU": regexp.MustCompile(`^\d{8}$`),
	"IE": regexp.MustCompile(`^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$`),
	"IT": regexp.MustCompile(`^\d{11}$`),
	"LT": regexp.MustCompile(`^(\d{9}|\d{12})$`),
	"LU": regexp.MustCompile(`^\d{8}$`),
	"LV": regexp.MustCompile(`^\d{11}$`),
	"MT": regexp.MustCompile(`^\d{8}$`),
	"NL": regexp.MustCompile(`^\d{9}B\d{2}$`),
	"PL": regexp.MustCompile(`^\d{10}$`),
	"PT": regexp.MustCompile(`^\d{9}$`),
	"RO": regexp.MustCompile(`^\d{2,10}$`),
	"SE": regexp.MustCompile(`^\d{12}$`),
	"SI": regexp.MustCompile(`^\d{8}$`),
	"SK": regexp.MustCompile(`^\d{10}$`),
	"XI": regexp.MustCompile(`^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$`),
	"CH": regexp.MustCompile(`^E\d{9}(MWST|TVA|IVA)?$`),
	"GB": regexp.MustCompile(`^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$`),
}

// Normalize removes spaces, dots and dashes and upper-cases the number.
func Normalize(s string) string {
	return strings.ToUpper(separators.Replace(strings.TrimSpace(s)))
}

// separators is made once: a Replacer builds its tables on first use, and
// the billing run normalises a VAT ID for every invoice.
var separators = strings.NewReplacer(" ", "", ".", "", "-", "")

// Validate reports what is wrong with a VAT ID, or nil.
func Validate(s string) error {
	n := Normalize(s)
	if len(n) < 4 {
		return errors.New("a VAT ID starts with a two-letter country code followed by the national number")
	}
	cc, num := n[:2], n[2:]
	re, ok := formats[cc]
	if !ok {
		return fmt.Errorf("%s is not a country code of a VAT ID (Greece is EL)", cc)
	}
	if !re.MatchString(num) {
		return fmt.Errorf("%s is not a valid VAT ID format for %s", n, cc)
	}
	if cc == "DE" && !germanCheckDigit(num) {
		return fmt.Errorf("%s has a wrong check digit", n)
	}
	return nil
}

// germanCheckDigit checks the ninth digit of a German number.
func germanCheckDigit(num string) bool {
	return GermanCheckDigit(num[:8]) == int(num[8]-'0')
}

// GermanCheckDigit returns the check digit (ISO 7064 MOD 11,10) for the
// first eight digits of a German VAT number, e.g. to generate valid test data.
func GermanCheckDigit(first8 string) int {
	product := 10
	for i := range 8 {
		sum := (int(first8[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = (2 * sum) % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return check
}
