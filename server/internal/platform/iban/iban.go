// Package iban checks International Bank Account Numbers: the length of the
// account's country and the ISO 7064 MOD 97-10 check digits, which catch
// every single mistyped character and nearly every swap of two.
package iban

import (
	"errors"
	"fmt"
	"strings"
)

// lengths is the IBAN length of each country that issues them (SEPA and
// the other IBAN countries customers of a German platform bank with).
var lengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24,
	"FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21,
	"HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21,
	"LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30,
	"NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
	"SE": 24, "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// Normalize removes spaces and upper-cases: the stored form.
func Normalize(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// Validate reports what is wrong with an IBAN, in words for the person who
// typed it, or nil.
func Validate(s string) error {
	n := Normalize(s)
	if len(n) < 5 {
		return errors.New("an IBAN starts with a country code and two check digits, followed by the account number")
	}
	for _, c := range n {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return fmt.Errorf("an IBAN has only letters and digits, not %q", c)
		}
	}
	cc := n[:2]
	want, ok := lengths[cc]
	if !ok {
		return fmt.Errorf("%s is not the country code of an IBAN country", cc)
	}
	if len(n) != want {
		return fmt.Errorf("an IBAN from %s has %d characters, this one has %d", cc, want, len(n))
	}
	if n[2] < '0' || n[2] > '9' || n[3] < '0' || n[3] > '9' {
		return errors.New("the third and fourth characters of an IBAN are its check digits")
	}
	if mod97(n[4:]+n[:4]) != 1 {
		return errors.New("the check digits do not match: a character is mistyped or two are swapped")
	}
	return nil
}

// mod97 is the remainder of the number that s spells, with A=10 … Z=35,
// computed digit by digit so no big integers are needed.
func mod97(s string) int {
	r := 0
	for _, c := range s {
		if c >= 'A' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

// Format groups an IBAN in blocks of four for display.
func Format(s string) string {
	n := Normalize(s)
	var b strings.Builder
	for i := 0; i < len(n); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n[i:min(i+4, len(n))])
	}
	return b.String()
}
