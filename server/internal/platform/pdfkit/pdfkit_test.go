package pdfkit

import (
	"slices"
	"testing"
	"time"
)

func TestMissing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, s string
		want    rune
		missing bool
	}{
		{"German", "Grüße aus Köln, Straße 5", 0, false},
		{"Turkish and Polish", "Ömer Yılmaz, Łódź", 0, false},
		{"Greek and Cyrillic", "Αθήνα, Москва", 0, false},
		{"line breaks", "eins\nzwei", 0, false},
		{"a tab", "a\tb", '\t', true},
		{"CJK", "東京", '東', true},
		{"emoji", "Danke 🙂", '🙂', true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if r, ok := Missing(tt.s); r != tt.want || ok != tt.missing {
				t.Errorf("Missing(%q) = %q %v, want %q %v", tt.s, r, ok, tt.want, tt.missing)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	pdf := New("P", time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC), "de-DE")
	pdf.AddPage()
	pdf.SetFont(Font, "", 10)
	w := pdf.GetStringWidth("Betrag 1.234,56")
	tests := []struct {
		name, s string
		want    []string
	}{
		{"fits", "Betrag", []string{"Betrag"}},
		{"breaks at spaces", "Betrag 1.234,56 Betrag", []string{"Betrag 1.234,56", "Betrag"}},
		{"keeps no-break spaces", "Betrag 1.234,56\u00a0€", []string{"Betrag", "1.234,56\u00a0€"}},
		{"keeps line breaks", "a\nb", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := Wrap(pdf, tt.s, w); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Wrap(%q) = %q, want %q", tt.name, tt.s, got, tt.want)
		}
	}
	for _, l := range Wrap(pdf, "Donaudampfschifffahrtsgesellschaftskapitän", 20) {
		if pdf.GetStringWidth(l) > 20 {
			t.Errorf("an overlong word's piece %q is wider than 20 mm", l)
		}
	}
}
