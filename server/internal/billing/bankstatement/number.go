package bankstatement

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// invoiceRef is an invoice number as a remittance names it: the prefix
// when one is written, the year and the sequence number. Two spellings of
// a number are the same invoice when these agree, so "RE-2026-000123",
// "re 2026 123" and "RE2026000123" all name RE-2026-000123.
type invoiceRef struct {
	prefix    string // upper-case letters and digits, "" when not written
	year, seq int
}

func (r invoiceRef) String() string {
	if r.prefix == "" {
		return fmt.Sprintf("%d-%06d", r.year, r.seq)
	}
	return fmt.Sprintf("%s-%d-%06d", r.prefix, r.year, r.seq)
}

// numberPattern is how invoice.Number writes a number: the configured
// prefix (such as "RE-"), the year, a hyphen, the sequence.
var numberPattern = regexp.MustCompile(`^(.*?)(\d{4})-(\d{1,6})$`)

// parseNumber reads an open invoice's number. The prefix is whatever
// precedes the year, without its punctuation; this is how Match learns
// the prefixes without being told the setting (and knows the old prefix
// of invoices still open after the setting changed).
func parseNumber(number string) (invoiceRef, bool) {
	m := numberPattern.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(number)))
	if m == nil {
		return invoiceRef{}, false
	}
	year, _ := strconv.Atoi(m[2])
	seq, _ := strconv.Atoi(m[3])
	if !validYear(year) || seq < 1 {
		return invoiceRef{}, false
	}
	prefix := strings.Map(func(r rune) rune {
		if isAlnum(r) {
			return r
		}
		return -1
	}, m[1])
	return invoiceRef{prefix: prefix, year: year, seq: seq}, true
}

// found is a number named in a text. glued is set when it was read across
// a space inside the sequence ("RE-2026-000 123", a number broken where the
// bank joined two remittance lines); such a reading counts only when it
// names an open invoice, since the space may as well separate two numbers.
type found struct {
	ref   invoiceRef
	glued bool
}

// findNumbers lists the invoice numbers text names. It reads two shapes:
//
//   - a known prefix, then the year and the sequence, with up to three
//     separators (space - _ / . : #) around each, or none: "RE-2026-000123",
//     "RE 2026 123", "RE2026000123", "Re: 2026/000123";
//   - without a prefix, the year, a hyphen, slash or underscore, and the
//     full six-digit sequence: "Rechnung 2026-000123". Leading zeros may
//     only be dropped after the prefix, so that a month ("Abrechnung
//     2026-03") is not taken for an invoice.
//
// The year must be 2000–2099 and the sequence 1–999999, and the two must
// stand on their own: not inside a longer run of digits (an IBAN, an
// account number), not followed by another group of digits joined with
// - . or / (a date such as 2026-03-14), not after other letters glued on
// or joined by a hyphen (another company's number, "RG-2026-000123").
func findNumbers(text string, prefixes []string) []found {
	s := []rune(strings.ToUpper(text))
	var out []found
	for i := 0; i < len(s); i++ {
		if tokenStart(s, i) {
			if fs, end := prefixed(s, i, prefixes); len(fs) > 0 {
				out = append(out, fs...)
				i = end - 1
				continue
			}
		}
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1])) {
			if fs, end := bare(s, i); len(fs) > 0 {
				out = append(out, fs...)
				i = end - 1
			}
		}
	}
	return out
}

// prefixed reads a number that starts with one of the prefixes at s[i].
func prefixed(s []rune, i int, prefixes []string) ([]found, int) {
	for _, p := range prefixes {
		pr := []rune(p)
		if i+len(pr) > len(s) || string(s[i:i+len(pr)]) != p {
			continue
		}
		j := skipSeparators(s, i+len(pr))
		end := digitsEnd(s, j)
		n := end - j
		switch {
		case n == 4: // the year on its own, the sequence after separators
			year := atoi(s[j:end])
			k := skipSeparators(s, end)
			if k == end || !validYear(year) {
				continue
			}
			if fs, e := sequence(s, k, p, year, 1); len(fs) > 0 {
				return fs, e
			}
		case n >= 5 && n <= 10: // written without separators: RE2026000123
			year, seq := atoi(s[j:j+4]), atoi(s[j+4:end])
			if validYear(year) && validSeq(seq) && !chained(s, end) {
				return []found{{ref: invoiceRef{p, year, seq}}}, end
			}
		}
	}
	return nil, 0
}

// bare reads a number without a prefix whose year starts at s[i].
func bare(s []rune, i int) ([]found, int) {
	end := digitsEnd(s, i)
	if end-i != 4 {
		return nil, 0
	}
	year := atoi(s[i:end])
	if !validYear(year) || foreignLeft(s, i) {
		return nil, 0
	}
	// One of - / _ between year and sequence, perhaps with a space.
	k, marks := end, 0
	for k < len(s) && k-end < 3 && strings.ContainsRune(" -/_", s[k]) {
		if s[k] != ' ' {
			marks++
		}
		k++
	}
	if marks != 1 {
		return nil, 0
	}
	return sequence(s, k, "", year, 6)
}

// sequence reads the sequence number at s[k]: its readings (the digits as
// they stand, and glued across one space, when both may be meant) and
// where the number ends. A sequence must have at least minDigits digits.
func sequence(s []rune, k int, prefix string, year, minDigits int) ([]found, int) {
	end := digitsEnd(s, k)
	n := end - k
	if n == 0 || n > 6 {
		return nil, 0
	}
	var out []found
	last := 0
	if n >= minDigits && !chained(s, end) {
		if seq := atoi(s[k:end]); validSeq(seq) {
			out = append(out, found{ref: invoiceRef{prefix, year, seq}})
			last = end
		}
	}
	// A six-digit sequence broken by one space where two lines were joined.
	if n < 6 && end+1 < len(s) && s[end] == ' ' && isDigit(s[end+1]) {
		end2 := digitsEnd(s, end+1)
		if n+end2-end-1 == 6 && !chained(s, end2) {
			digits := string(s[k:end]) + string(s[end+1:end2])
			if seq, _ := strconv.Atoi(digits); validSeq(seq) {
				out = append(out, found{ref: invoiceRef{prefix, year, seq}, glued: true})
				last = end2
			}
		}
	}
	return out, last
}

// tokenStart reports whether s[i] begins a word: the text's start, or
// after something that is neither letter nor digit. The check digits of a
// structured creditor reference also end one (RF18RE2026000123 names
// RE2026000123).
func tokenStart(s []rune, i int) bool {
	if i == 0 || !isAlnum(s[i-1]) {
		return true
	}
	return i >= 4 && s[i-4] == 'R' && s[i-3] == 'F' && isDigit(s[i-2]) && isDigit(s[i-1]) && tokenStart(s, i-4)
}

// foreignLeft reports whether the year at s[i] continues something on its
// left: a run of digits joined by - . / (the end of a date or an account
// number), or letters glued on or joined by a hyphen or underscore (a
// prefix of up to four letters; a longer word is taken as a word, as in
// "Rechnung-2026-000123").
func foreignLeft(s []rune, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	if isLetter(c) {
		return true
	}
	if i < 2 {
		return false
	}
	if strings.ContainsRune("-./", c) && isDigit(s[i-2]) {
		return true
	}
	if c == '-' || c == '_' {
		n := 0
		for j := i - 2; j >= 0 && isLetter(s[j]); j-- {
			n++
		}
		return n > 0 && n <= 4
	}
	return false
}

// chained reports whether the digits ending at s[end] go on as another
// group joined by - . or /, as the day of a date does.
func chained(s []rune, end int) bool {
	return end+1 < len(s) && strings.ContainsRune("-./", s[end]) && isDigit(s[end+1])
}

// skipSeparators skips up to three separators at s[j].
func skipSeparators(s []rune, j int) int {
	for k := 0; k < 3 && j < len(s) && strings.ContainsRune(" -_/.:#", s[j]); k++ {
		j++
	}
	return j
}

func digitsEnd(s []rune, j int) int {
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return j
}

func atoi(ds []rune) int {
	n, _ := strconv.Atoi(string(ds))
	return n
}

func validYear(y int) bool { return y >= 2000 && y <= 2099 }
func validSeq(n int) bool  { return n >= 1 && n <= 999999 }
func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isLetter(r rune) bool { return unicode.IsLetter(r) }
func isAlnum(r rune) bool  { return isDigit(r) || isLetter(r) }
