package textfold_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"ascii is lower-cased", "Web-01.FSN", "web-01.fsn"},
		{"umlauts lose their dots", "Lüneburger Heide", "luneburger heide"},
		{"capital umlauts too", "MÜLLER", "muller"},
		{"decomposed input folds the same", "Mu\u0308ller", "muller"},
		{"sharp s is ss", "Straße", "strasse"},
		{"capital sharp s is ss", "STRAẞE", "strasse"},
		{"accents", "Café Crème Señor Ångström Łódź", "cafe creme senor angstrom lodz"},
		{"ligatures and letters without decomposition", "Æbeltoft Øresund Œuvre ﬁne Þór", "aebeltoft oresund oeuvre fine thor"},
		{"full-width letters", "ＬＥＩＴ", "leit"},
		{"white space and control characters collapse", "  a\t\tb\x1fc \n", "a b c"},
		{"addresses keep their punctuation", "10.0.1.5 anna.becker@acme.example", "10.0.1.5 anna.becker@acme.example"},
		{"empty", "   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := textfold.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKey(t *testing.T) {
	t.Parallel()
	s := textfold.Sep
	tests := []struct {
		name   string
		fields []string
		want   string
	}{
		{"fields between separators", []string{"Acme", "Acme GmbH", "DE123456789"}, s + "acme" + s + "acme gmbh" + s + "de123456789" + s},
		{"empty fields stay in place", []string{"web-01", ""}, s + "web-01" + s + s},
		{"umlauts also spelled the German way", []string{"Jörg Müller"}, s + "jorg muller" + s + "joerg mueller" + s},
		{"no fields", nil, s},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := textfold.Key(tt.fields...); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.fields, got, tt.want)
			}
		})
	}
}

// A folded query is found in the key of what a person means by it.
func TestQueriesMeetTheirKeys(t *testing.T) {
	t.Parallel()
	tests := []struct{ query, field string }{
		{"luneb", "Lüneburger Heide Honig"},
		{"muller", "Anna Müller"},
		{"mueller", "Anna Müller"},
		{"MÜLLER", "anna müller"},
		{"strasse", "Hauptstraße 1"},
		{"straße", "Hauptstrasse 1"},
		{"10.0.1", "10.0.1.5"},
	}
	for _, tt := range tests {
		if key, q := textfold.Key(tt.field), textfold.Fold(tt.query); !strings.Contains(key, q) {
			t.Errorf("%q (folded %q) is not in the key %q of %q", tt.query, q, key, tt.field)
		}
	}
}

func TestKeyFitsAnIndexEntry(t *testing.T) {
	t.Parallel()
	k := textfold.Key(strings.Repeat("ü", 3000))
	if len(k) > textfold.MaxKey || !utf8.ValidString(k) {
		t.Errorf("key of %d bytes (valid UTF-8: %v), want at most %d", len(k), utf8.ValidString(k), textfold.MaxKey)
	}
}

func BenchmarkFold(b *testing.B) {
	for b.Loop() {
		textfold.Fold("Lüneburger Heide Honig GmbH & Co. KG")
	}
}
