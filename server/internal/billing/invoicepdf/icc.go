package invoicepdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"sync"
)

// PDF/A needs an output intent with an ICC profile for the device colours
// the pages use (fpdf paints in DeviceRGB and DeviceGray). The profile is
// built here rather than shipped as a file: a matrix/TRC display profile
// for sRGB takes a few tables of well-known numbers, and nothing is read
// from disk or the network at run time.

// srgbDescription names the profile, in its desc tag and in the output
// intent.
const srgbDescription = "sRGB IEC61966-2.1"

// srgbICC returns an ICC version 2.1 display profile of sRGB (IEC
// 61966-2.1): the sRGB primaries adapted to the D50 connection space with
// the Bradford transform, as the ICC's own sRGB profiles give them, and
// the sRGB tone curve sampled at 1024 points. The bytes never change.
var srgbICC = sync.OnceValue(func() []byte {
	// The tone curve: linear near black, then a 2.4 power.
	const points = 1024
	curve := make([]byte, 12+2*points)
	copy(curve, "curv")
	binary.BigEndian.PutUint32(curve[8:], points)
	for i := range points {
		v := float64(i) / (points - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		binary.BigEndian.PutUint16(curve[12+2*i:], uint16(math.Round(v*65535)))
	}

	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", iccDescription(srgbDescription)},
		{"cprt", iccText("No copyright, use freely")},
		{"wtpt", iccXYZ(0.9642, 1.0, 0.8249)}, // D50, the connection space's white
		{"rXYZ", iccXYZ(0.4360747, 0.2225045, 0.0139322)},
		{"gXYZ", iccXYZ(0.3850649, 0.7168786, 0.0971045)},
		{"bXYZ", iccXYZ(0.1430804, 0.0606169, 0.7141733)},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}

	const headerLen = 128
	tableLen := 4 + 12*len(tags)
	var data bytes.Buffer // the tags' data, after header and tag table
	table := make([]byte, tableLen)
	binary.BigEndian.PutUint32(table, uint32(len(tags)))
	offsets := map[*byte]int{} // the three curves share one copy
	for i, t := range tags {
		off, ok := offsets[&t.data[0]]
		if !ok {
			off = headerLen + tableLen + data.Len()
			offsets[&t.data[0]] = off
			data.Write(t.data)
			for data.Len()%4 != 0 { // every tag starts on a 4-byte boundary
				data.WriteByte(0)
			}
		}
		e := table[4+12*i:]
		copy(e, t.sig)
		binary.BigEndian.PutUint32(e[4:], uint32(off))
		binary.BigEndian.PutUint32(e[8:], uint32(len(t.data)))
	}

	h := make([]byte, headerLen)
	binary.BigEndian.PutUint32(h[0:], uint32(headerLen+tableLen+data.Len()))
	copy(h[8:], []byte{2, 0x10, 0, 0}) // version 2.1.0
	copy(h[12:], "mntr")               // display device
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ")
	for i, v := range []uint16{2024, 1, 1, 0, 0, 0} { // creation date, fixed
		binary.BigEndian.PutUint16(h[24+2*i:], v)
	}
	copy(h[36:], "acsp")
	// Platform, flags, device, attributes, rendering intent (perceptual):
	// all zero. The illuminant of the connection space is D50.
	copy(h[68:], iccXYZ(0.9642, 1.0, 0.8249)[8:])
	return append(append(h, table...), data.Bytes()...)
})

// iccXYZ is an XYZType tag.
func iccXYZ(x, y, z float64) []byte {
	b := make([]byte, 20)
	copy(b, "XYZ ")
	for i, v := range []float64{x, y, z} {
		binary.BigEndian.PutUint32(b[8+4*i:], uint32(int32(math.Round(v*65536)))) // s15Fixed16
	}
	return b
}

// iccText is a textType tag: ASCII, NUL-terminated.
func iccText(s string) []byte {
	return append(append([]byte("text\x00\x00\x00\x00"), s...), 0)
}

// iccDescription is a version 2 textDescriptionType tag: the ASCII
// description, and empty Unicode and ScriptCode descriptions.
func iccDescription(s string) []byte {
	b := []byte("desc\x00\x00\x00\x00")
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
	b = append(append(b, s...), 0)
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 0) // Unicode language code and count
	b = append(b, 0, 0, 0)                // ScriptCode code and count
	return append(b, make([]byte, 67)...) // ScriptCode description, unused
}
