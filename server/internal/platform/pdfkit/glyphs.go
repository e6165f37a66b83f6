package pdfkit

import (
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The Go fonts cover Latin (with the letters of Turkish, Polish, Czech,
// Nordic and the other European languages), Greek and Cyrillic, but not
// CJK, Arabic or emoji. A character they lack would print as an empty box,
// and one beyond U+FFFF makes fpdf panic; a document must show names as
// they are, so it refuses such text (Missing names the character) and the
// name can be fixed where it is kept.

var fonts = sync.OnceValue(func() []*sfnt.Font {
	var fs []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			panic("pdfkit: the embedded Go font does not parse: " + err.Error())
		}
		fs = append(fs, f)
	}
	return fs
})

// Missing returns the first character of s that the fonts cannot draw,
// and true; or false when they draw all of it. Line breaks are drawable:
// they break lines.
func Missing(s string) (rune, bool) {
	var buf *sfnt.Buffer // large, so made only for a rare character
	latin := latinGlyphs()
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if int(r) < len(latin) {
			if latin[r] {
				continue
			}
		} else {
			if buf == nil {
				buf = new(sfnt.Buffer)
			}
			if drawable(buf, r) {
				continue
			}
		}
		return r, true
	}
	return 0, false
}

// drawable reports whether every font has a glyph for r.
func drawable(buf *sfnt.Buffer, r rune) bool {
	if r < ' ' {
		return false
	}
	for _, f := range fonts() {
		if g, err := f.GlyphIndex(buf, r); err != nil || g == 0 {
			return false
		}
	}
	return true
}

// latinGlyphs is drawable of the characters up to U+024F (Latin and its
// extensions), worked out once: nearly every character of an invoice is
// one, and looking each up in the fonts cost more than the rest of making
// its e-invoice.
var latinGlyphs = sync.OnceValue(func() []bool {
	var buf sfnt.Buffer
	t := make([]bool, 0x250)
	for r := range t {
		t[r] = drawable(&buf, rune(r))
	}
	return t
})
