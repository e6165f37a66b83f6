// Package textfold folds text the way people type it into a search box:
// without case, without accents, with the Latin letters that have no
// decomposition spelled out (ß as ss, æ as ae, ø as o), so "luneb" meets
// "Lüneburger", "muller" meets "Müller" and "strasse" meets "Straße".
//
// Key makes the search key a searchable table keeps per row (the schema's
// searchable mixin writes it on every create and update, and
// server/internal/search matches and ranks on it); Fold makes the query.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Sep separates the fields of a key, and stands at its start and end, so
// that a field's start and the whole of a field can be matched with LIKE.
// Fold never returns it (it is a control character, which Fold turns into
// a space), so a folded query never spans two fields.
const Sep = "\x1f"

// MaxKey bounds a key's length in bytes, so that a key always fits an
// index entry (PostgreSQL's B-tree takes about 2,700 bytes). The fields
// searched are far shorter; a key that would be longer is cut at a
// character's boundary.
const MaxKey = 2000

// letters spells the lower-case letters that NFKD leaves whole.
var letters = map[rune]string{
	'ß': "ss",
	'æ': "ae",
	'œ': "oe",
	'ø': "o",
	'đ': "d",
	'ð': "d",
	'ħ': "h",
	'ı': "i",
	'ł': "l",
	'ŀ': "l",
	'þ': "th",
	'ŧ': "t",
	'ŋ': "n",
	'ĸ': "k",
	'ſ': "s",
}

// Fold returns s as search compares it: decomposed by compatibility
// (NFKD: "ﬁ" is "fi", a full-width "Ａ" is "A"), without combining marks,
// in lower case, with the letters NFKD leaves whole spelled in ASCII, and
// every run of white space and control characters one space, trimmed.
func Fold(s string) string {
	if isPlain(s) {
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		r = unicode.ToLower(r)
		if spelled, ok := letters[r]; ok {
			b.WriteString(spelled)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII and spaces, which folding
// only lower-cases and trims.
func isPlain(s string) bool {
	for i := range len(s) {
		if c := s[i]; c >= utf8.RuneSelf || (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return false
		}
	}
	return true
}

// umlauts spells the German umlauts the German way, for the second
// spelling Key keeps: "mueller" finds "Müller" as well as "muller" does.
var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue")

// Key returns the search key of a row: each field folded, between Seps,
// in the order given (the name first, by convention), and after a field
// with German umlauts its spelling with ae, oe and ue. Empty fields stay
// empty between their Seps, so the key of a row is never "" — which is
// how an unfilled key is told apart.
func Key(fields ...string) string {
	var b strings.Builder
	b.WriteString(Sep)
	for _, f := range fields {
		folded := Fold(f)
		b.WriteString(folded)
		b.WriteString(Sep)
		if strings.ContainsAny(f, "äöüÄÖÜ\u0308") {
			if alt := Fold(umlauts.Replace(norm.NFC.String(f))); alt != folded {
				b.WriteString(alt)
				b.WriteString(Sep)
			}
		}
	}
	return Cut(b.String(), MaxKey)
}

// Cut shortens s to at most n bytes, at a character's boundary.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
