// Package leitwegid checks the Leitweg-ID, the address of a German public
// authority's invoice inbox that XRechnung carries as the buyer reference
// (BT-10): a coarse address of 2 to 12 digits, an optional fine address of
// up to 30 letters and digits, and two check digits, joined by hyphens
// (991-01234-44). The check digits are ISO/IEC 7064 MOD 97-10 over the
// addresses, as an IBAN's: a mistyped Leitweg-ID routes an invoice nowhere,
// so it is refused where it is typed.
package leitwegid

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

var pattern = regexp.MustCompile(`^([0-9]{2,12})(?:-([0-9A-Z]{1,30}))?-([0-9]{2})$`)

// Normalize writes id as it is checked and stored: trimmed, upper case.
func Normalize(id string) string { return strings.ToUpper(strings.TrimSpace(id)) }

// Validate reports why id is not a Leitweg-ID, or nil.
func Validate(id string) error {
	m := pattern.FindStringSubmatch(Normalize(id))
	if m == nil {
		return errors.New("a Leitweg-ID is 2 to 12 digits, an optional part of up to 30 letters and digits, and 2 check digits, joined by hyphens, e.g. 991-01234-44")
	}
	if want := CheckDigits(m[1] + m[2]); want != m[3] {
		return fmt.Errorf("the check digits of this Leitweg-ID are %s, not %s: a character is mistyped", want, m[3])
	}
	return nil
}

// CheckDigits are the two check digits of the addresses s (without
// hyphens): 98 minus s·100 mod 97, each letter counted as two digits
// (A = 10 … Z = 35).
func CheckDigits(s string) string {
	var digits strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		}
	}
	n, _ := new(big.Int).SetString(digits.String()+"00", 10)
	if n == nil {
		n = new(big.Int)
	}
	rem := new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%02d", 98-rem)
}
