package invoicepdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// TestSRGBProfileParses reads the generated profile as an ICC reader
// would: header, tag table, and the tags a matrix/TRC display profile of
// version 2 must have.
func TestSRGBProfileParses(t *testing.T) {
	t.Parallel()
	p := srgbICC()
	if !bytes.Equal(p, srgbICC()) {
		t.Fatal("the profile changes between calls")
	}
	u32 := func(off int) uint32 { return binary.BigEndian.Uint32(p[off:]) }
	if len(p) < 132 {
		t.Fatalf("profile of %d bytes", len(p))
	}
	if int(u32(0)) != len(p) {
		t.Errorf("header says %d bytes, the profile has %d", u32(0), len(p))
	}
	for _, f := range []struct {
		off  int
		want string
	}{{8, "\x02\x10\x00\x00"}, {12, "mntr"}, {16, "RGB "}, {20, "XYZ "}, {36, "acsp"}} {
		if got := string(p[f.off : f.off+4]); got != f.want {
			t.Errorf("header at %d is %q, want %q", f.off, got, f.want)
		}
	}
	if len(p)%4 != 0 {
		t.Errorf("profile length %d is not a multiple of 4", len(p))
	}

	xyz := func(off int) [3]float64 {
		var v [3]float64
		for i := range v {
			v[i] = float64(int32(u32(off+4*i))) / 65536
		}
		return v
	}
	if got := xyz(68); math.Abs(got[0]-0.9642) > 1e-4 || got[1] != 1 || math.Abs(got[2]-0.8249) > 1e-4 {
		t.Errorf("illuminant %v, want D50", got)
	}

	n := int(u32(128))
	if 132+12*n > len(p) {
		t.Fatalf("tag table of %d tags runs past the end", n)
	}
	tags := map[string][]byte{}
	for i := range n {
		e := 132 + 12*i
		sig, off, size := string(p[e:e+4]), int(u32(e+4)), int(u32(e+8))
		if off%4 != 0 || off < 132+12*n || off+size > len(p) {
			t.Errorf("tag %s at %d, %d bytes: outside the data or not aligned", sig, off, size)
			continue
		}
		if tags[sig] != nil {
			t.Errorf("tag %s twice", sig)
		}
		tags[sig] = p[off : off+size]
	}
	types := map[string]string{
		"desc": "desc", "cprt": "text", "wtpt": "XYZ ",
		"rXYZ": "XYZ ", "gXYZ": "XYZ ", "bXYZ": "XYZ ",
		"rTRC": "curv", "gTRC": "curv", "bTRC": "curv",
	}
	for sig, typ := range types {
		d := tags[sig]
		if d == nil {
			t.Errorf("no %s tag", sig)
			continue
		}
		if string(d[:4]) != typ {
			t.Errorf("tag %s has type %q, want %q", sig, d[:4], typ)
		}
	}
	if t.Failed() {
		return
	}

	// desc: the ASCII description with its NUL, counted.
	d := tags["desc"]
	if cnt := int(binary.BigEndian.Uint32(d[8:])); string(d[12:12+cnt]) != srgbDescription+"\x00" || len(d) != 12+cnt+8+3+67 {
		t.Errorf("desc tag %q", d)
	}

	// The primaries add up to the white point: R = G = B = 1 is white
	// (to the 4th digit: the published D50 primaries add up to a Z of
	// 0.8252, the connection space's white has 0.8249).
	var sum [3]float64
	for _, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		for i := range 3 {
			sum[i] += float64(int32(binary.BigEndian.Uint32(tags[sig][8+4*i:]))) / 65536
		}
	}
	w := tags["wtpt"]
	for i := range 3 {
		if white := float64(int32(binary.BigEndian.Uint32(w[8+4*i:]))) / 65536; math.Abs(sum[i]-white) > 5e-4 {
			t.Errorf("primaries sum to %v, white is %v", sum, white)
			break
		}
	}

	// The tone curve: from 0 to 1, rising, with sRGB's 50 % at 21.4 %.
	c := tags["rTRC"]
	cnt := int(binary.BigEndian.Uint32(c[8:]))
	if len(c) != 12+2*cnt || cnt < 2 {
		t.Fatalf("curve of %d points in %d bytes", cnt, len(c))
	}
	at := func(i int) float64 { return float64(binary.BigEndian.Uint16(c[12+2*i:])) / 65535 }
	if at(0) != 0 || at(cnt-1) != 1 {
		t.Errorf("curve runs from %v to %v", at(0), at(cnt-1))
	}
	for i := 1; i < cnt; i++ {
		if at(i) < at(i-1) {
			t.Fatalf("curve falls at point %d", i)
		}
	}
	if mid := at(cnt / 2); math.Abs(mid-0.2140) > 0.002 {
		t.Errorf("curve at 50 %% is %.4f, sRGB's is 0.2140", mid)
	}
}
