package invoicepdf

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// An incremental update (ISO 32000-1, 7.5.6) appends new and changed
// objects, a cross-reference section for them and a trailer pointing back
// to the previous one, and leaves the bytes before it untouched. The
// hybrid invoice uses one to add what fpdf cannot write: the catalog's /AF
// and a file specification with /AFRelationship, a metadata stream
// without a filter, dates with a time zone in Info and XMP, and the
// trailer's /ID. The page content, fonts and images are fpdf's, unchanged.
//
// Only what fpdf writes needs to be read: a classic cross-reference table
// (no cross-reference streams, no object streams) and dictionaries in
// plain objects.

// pdfDict is a dictionary's entries in their order: a key (without the
// slash) and the value's bytes as they stand in the file.
type pdfDict []pdfEntry

type pdfEntry struct {
	key   string
	value []byte
}

// get returns the value of key, or nil.
func (d pdfDict) get(key string) []byte {
	for _, e := range d {
		if e.key == key {
			return e.value
		}
	}
	return nil
}

// without returns d without the entries of the keys.
func (d pdfDict) without(keys ...string) pdfDict {
	return slices.DeleteFunc(slices.Clone(d), func(e pdfEntry) bool { return slices.Contains(keys, e.key) })
}

// bytes writes d as a dictionary.
func (d pdfDict) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("<<")
	for _, e := range d {
		fmt.Fprintf(&b, "\n/%s %s", e.key, e.value)
	}
	b.WriteString("\n>>")
	return b.Bytes()
}

// pdfRef reads an indirect reference "12 0 R" and returns the object's
// number.
func pdfRef(v []byte) (int, error) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[1]) != "0" || string(f[2]) != "R" {
		return 0, fmt.Errorf("%q is not a reference to an object of generation 0", v)
	}
	return strconv.Atoi(string(f[0]))
}

// pdfScanner reads PDF syntax from b.
type pdfScanner struct {
	b []byte
	i int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// space skips white space and comments.
func (s *pdfScanner) space() {
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case isPDFSpace(c):
			s.i++
		case c == '%':
			for s.i < len(s.b) && s.b[s.i] != '\n' && s.b[s.i] != '\r' {
				s.i++
			}
		default:
			return
		}
	}
}

var errPDFEnd = errors.New("unexpected end of the PDF")

// token reads a name, number or keyword.
func (s *pdfScanner) token() []byte {
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '/' {
		s.i++
	}
	for s.i < len(s.b) && !isPDFSpace(s.b[s.i]) && !isPDFDelim(s.b[s.i]) {
		s.i++
	}
	return s.b[start:s.i]
}

// value skips one value (after white space) and returns its bytes. An
// integer followed by "0 R" is read as the reference it is.
func (s *pdfScanner) value() ([]byte, error) {
	s.space()
	if s.i >= len(s.b) {
		return nil, errPDFEnd
	}
	start := s.i
	switch c := s.b[s.i]; {
	case bytes.HasPrefix(s.b[s.i:], []byte("<<")):
		if _, err := s.dict(); err != nil {
			return nil, err
		}
	case c == '<': // hex string
		end := bytes.IndexByte(s.b[s.i:], '>')
		if end < 0 {
			return nil, errPDFEnd
		}
		s.i += end + 1
	case c == '(': // literal string: balanced parentheses, backslash escapes
		depth := 0
		for ; ; s.i++ {
			if s.i >= len(s.b) {
				return nil, errPDFEnd
			}
			switch s.b[s.i] {
			case '\\':
				s.i++
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				s.i++
				break
			}
		}
	case c == '[':
		s.i++
		for {
			s.space()
			if s.i >= len(s.b) {
				return nil, errPDFEnd
			}
			if s.b[s.i] == ']' {
				s.i++
				break
			}
			if _, err := s.value(); err != nil {
				return nil, err
			}
		}
	case c == ')' || c == '>' || c == ']' || c == '{' || c == '}':
		return nil, fmt.Errorf("unexpected %q at byte %d", c, s.i)
	default:
		tok := s.token()
		if _, err := strconv.Atoi(string(tok)); err == nil {
			// A reference is "num gen R"; look ahead without consuming
			// anything else.
			save := s.i
			s.space()
			gen := s.token()
			s.space()
			if _, err := strconv.Atoi(string(gen)); err == nil && len(gen) > 0 && string(s.token()) == "R" {
				break
			}
			s.i = save
		}
	}
	return s.b[start:s.i], nil
}

// dict reads a dictionary "<< … >>".
func (s *pdfScanner) dict() (pdfDict, error) {
	s.space()
	if !bytes.HasPrefix(s.b[s.i:], []byte("<<")) {
		return nil, fmt.Errorf("no dictionary at byte %d", s.i)
	}
	s.i += 2
	var d pdfDict
	for {
		s.space()
		if s.i >= len(s.b) {
			return nil, errPDFEnd
		}
		if bytes.HasPrefix(s.b[s.i:], []byte(">>")) {
			s.i += 2
			return d, nil
		}
		if s.b[s.i] != '/' {
			return nil, fmt.Errorf("a dictionary key is not a name at byte %d", s.i)
		}
		key := string(s.token()[1:])
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		d = append(d, pdfEntry{key, v})
	}
}

// parseDict reads the dictionary v.
func parseDict(v []byte) (pdfDict, error) {
	s := &pdfScanner{b: v}
	return s.dict()
}

// pdfFile is what an update needs of the PDF it extends.
type pdfFile struct {
	b         []byte
	startxref int         // offset of the last cross-reference section
	trailer   pdfDict     // the last trailer
	offsets   map[int]int // object number → offset, of the objects in use
}

// readPDF reads the cross-reference sections of b, from the last one back
// along /Prev.
func readPDF(b []byte) (*pdfFile, error) {
	at := bytes.LastIndex(b, []byte("startxref"))
	if at < 0 {
		return nil, errors.New("no startxref")
	}
	s := &pdfScanner{b: b, i: at + len("startxref")}
	s.space()
	start, err := strconv.Atoi(string(s.token()))
	if err != nil {
		return nil, fmt.Errorf("startxref: %w", err)
	}
	f := &pdfFile{b: b, startxref: start, offsets: map[int]int{}}
	seen := map[int]bool{}
	for off := start; ; {
		if off < 0 || off >= len(b) || seen[off] {
			return nil, fmt.Errorf("cross-reference section at %d: outside the file or seen before", off)
		}
		seen[off] = true
		trailer, err := f.readXref(off)
		if err != nil {
			return nil, fmt.Errorf("cross-reference section at %d: %w", off, err)
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		prev := trailer.get("Prev")
		if prev == nil {
			return f, nil
		}
		if off, err = strconv.Atoi(string(prev)); err != nil {
			return nil, fmt.Errorf("/Prev %q", prev)
		}
	}
}

// readXref reads the cross-reference table at off into f.offsets (entries
// of later sections win) and returns its trailer.
func (f *pdfFile) readXref(off int) (pdfDict, error) {
	s := &pdfScanner{b: f.b, i: off}
	if string(s.token()) != "xref" {
		return nil, errors.New("no xref table (cross-reference streams are not read)")
	}
	for {
		s.space()
		tok := s.token()
		if string(tok) == "trailer" {
			return s.dict()
		}
		first, err := strconv.Atoi(string(tok))
		if err != nil {
			return nil, fmt.Errorf("subsection start %q", tok)
		}
		s.space()
		count, err := strconv.Atoi(string(s.token()))
		if err != nil || count < 0 {
			return nil, errors.New("subsection count")
		}
		for n := first; n < first+count; n++ {
			s.space()
			o, err1 := strconv.Atoi(string(s.token()))
			s.space()
			gen := s.token()
			s.space()
			kind := string(s.token())
			if err1 != nil || len(gen) == 0 || (kind != "n" && kind != "f") {
				return nil, fmt.Errorf("entry of object %d", n)
			}
			if _, done := f.offsets[n]; done {
				continue // a later section's entry
			}
			if kind == "n" && string(gen) == "00000" {
				f.offsets[n] = o
			} else {
				f.offsets[n] = -1 // free or of a later generation: not read
			}
		}
	}
}

// object returns the dictionary of object n (of generation 0).
func (f *pdfFile) object(n int) (pdfDict, error) {
	off, ok := f.offsets[n]
	if !ok || off < 0 || off >= len(f.b) {
		return nil, fmt.Errorf("object %d is not in the cross-reference table", n)
	}
	s := &pdfScanner{b: f.b, i: off}
	var head [3]string
	for i := range head {
		s.space()
		head[i] = string(s.token())
	}
	if head != [3]string{strconv.Itoa(n), "0", "obj"} {
		return nil, fmt.Errorf("object %d: no \"%d 0 obj\" at byte %d", n, n, off)
	}
	d, err := s.dict()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return d, nil
}

// pdfUpdate collects the objects of an incremental update.
type pdfUpdate struct {
	base    *pdfFile
	out     bytes.Buffer
	offsets map[int]int
	size    int // the next free object number
}

func newPDFUpdate(base *pdfFile) (*pdfUpdate, error) {
	size, err := strconv.Atoi(string(base.trailer.get("Size")))
	if err != nil {
		return nil, fmt.Errorf("trailer /Size: %w", err)
	}
	u := &pdfUpdate{base: base, offsets: map[int]int{}, size: size}
	u.out.Write(base.b)
	if !bytes.HasSuffix(base.b, []byte("\n")) && !bytes.HasSuffix(base.b, []byte("\r")) {
		u.out.WriteByte('\n')
	}
	return u, nil
}

// alloc returns the number of a new object.
func (u *pdfUpdate) alloc() int {
	u.size++
	return u.size - 1
}

// object writes object n with the dictionary d and, when stream is not
// nil, the stream's data (d's /Length is set here).
func (u *pdfUpdate) object(n int, d pdfDict, stream []byte) {
	if stream != nil {
		d = append(d.without("Length"), pdfEntry{"Length", []byte(strconv.Itoa(len(stream)))})
	}
	u.offsets[n] = u.out.Len()
	fmt.Fprintf(&u.out, "%d 0 obj\n%s\n", n, d.bytes())
	if stream != nil {
		u.out.WriteString("stream\n")
		u.out.Write(stream)
		u.out.WriteString("\nendstream\n")
	}
	u.out.WriteString("endobj\n")
}

// finish writes the cross-reference section of the objects written and a
// trailer with the entries given (/Size and /Prev are set here), and
// returns the whole file.
func (u *pdfUpdate) finish(trailer pdfDict) []byte {
	xref := u.out.Len()
	u.out.WriteString("xref\n")
	nums := make([]int, 0, len(u.offsets))
	for n := range u.offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&u.out, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(&u.out, "%010d 00000 n \n", u.offsets[n]) // 20 bytes
		}
		i = j
	}
	trailer = append(pdfDict{
		{"Size", []byte(strconv.Itoa(u.size))},
		{"Prev", []byte(strconv.Itoa(u.base.startxref))},
	}, trailer.without("Size", "Prev")...)
	fmt.Fprintf(&u.out, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer.bytes(), xref)
	return u.out.Bytes()
}
