package girocode

import (
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

func valid() Transfer {
	return Transfer{
		Name:        "Beispiel Hosting GmbH",
		IBAN:        "DE89 3704 0044 0532 0130 00",
		BIC:         "COBADEFFXXX",
		AmountCents: 123456,
		Currency:    "EUR",
		Remittance:  "RE-2027-000042",
	}
}

func TestPayload(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Transfer)
		want   string
	}{
		{"full", func(*Transfer) {},
			"BCD\n002\n1\nSCT\nCOBADEFFXXX\nBeispiel Hosting GmbH\nDE89370400440532013000\nEUR1234.56\n\n\nRE-2027-000042"},
		{"no BIC, as version 002 allows", func(tr *Transfer) { tr.BIC = "" },
			"BCD\n002\n1\nSCT\n\nBeispiel Hosting GmbH\nDE89370400440532013000\nEUR1234.56\n\n\nRE-2027-000042"},
		{"smallest amount, 8-character BIC in lower case", func(tr *Transfer) { tr.AmountCents = 1; tr.BIC = "cobadeff" },
			"BCD\n002\n1\nSCT\nCOBADEFF\nBeispiel Hosting GmbH\nDE89370400440532013000\nEUR0.01\n\n\nRE-2027-000042"},
		{"largest amount", func(tr *Transfer) { tr.AmountCents = MaxAmountCents },
			"BCD\n002\n1\nSCT\nCOBADEFFXXX\nBeispiel Hosting GmbH\nDE89370400440532013000\nEUR999999999.99\n\n\nRE-2027-000042"},
		{"umlauts in UTF-8, name at its limit", func(tr *Transfer) { tr.Name = strings.Repeat("ä", 65) + " GmbH" },
			"BCD\n002\n1\nSCT\nCOBADEFFXXX\n" + strings.Repeat("ä", 65) + " GmbH\nDE89370400440532013000\nEUR1234.56\n\n\nRE-2027-000042"},
		{"whole euros keep two decimals", func(tr *Transfer) { tr.AmountCents = 9500 },
			"BCD\n002\n1\nSCT\nCOBADEFFXXX\nBeispiel Hosting GmbH\nDE89370400440532013000\nEUR95.00\n\n\nRE-2027-000042"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := valid()
			tt.change(&tr)
			got, err := Payload(tr)
			if err != nil {
				t.Fatalf("Payload: %v", err)
			}
			if got != tt.want {
				t.Errorf("Payload =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestPayloadRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(*Transfer)
		wantErr string
		amount  bool // errors.Is(err, ErrAmount)
	}{
		{"zero", func(tr *Transfer) { tr.AmountCents = 0 }, "EUR 0.01", true},
		{"negative (a cancellation)", func(tr *Transfer) { tr.AmountCents = -500 }, "EUR 0.01", true},
		{"above a billion", func(tr *Transfer) { tr.AmountCents = MaxAmountCents + 1 }, "999,999,999.99", true},
		{"other currency", func(tr *Transfer) { tr.Currency = "CHF" }, "EUR", false},
		{"no currency", func(tr *Transfer) { tr.Currency = "" }, "EUR", false},
		{"name too long", func(tr *Transfer) { tr.Name = strings.Repeat("x", 71) }, "71 characters", false},
		{"no name", func(tr *Transfer) { tr.Name = " " }, "name", false},
		{"line break in name", func(tr *Transfer) { tr.Name = "A\nB" }, "one line", false},
		{"remittance too long", func(tr *Transfer) { tr.Remittance = strings.Repeat("x", 141) }, "141 characters", false},
		{"bad IBAN", func(tr *Transfer) { tr.IBAN = "DE89370400440532013001" }, "check digits", false},
		{"bad BIC", func(tr *Transfer) { tr.BIC = "COBA1EFF" }, "not a BIC", false},
		{"BIC of wrong length", func(tr *Transfer) { tr.BIC = "COBADEFFX" }, "not a BIC", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := valid()
			tt.change(&tr)
			_, err := Payload(tr)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Payload: error %v, want one containing %q", err, tt.wantErr)
			}
			if got := errors.Is(err, ErrAmount); got != tt.amount {
				t.Errorf("errors.Is(err, ErrAmount) = %v, want %v", got, tt.amount)
			}
		})
	}
}

// TestMatrixDecodes draws the matrix as a picture, the way a banking app's
// camera sees it, and reads it back with an independent decoder.
func TestMatrixDecodes(t *testing.T) {
	t.Parallel()
	tr := valid()
	tr.Name = "Müller & Söhne Rechenzentrum GmbH" // UTF-8 must survive
	p, err := Payload(tr)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Matrix(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) < 21 || len(m) != len(m[0]) {
		t.Fatalf("matrix is %d×%d, want a square of at least 21", len(m), len(m[0]))
	}
	// Without a quiet zone the finder pattern starts in the first module.
	if !m[0][0] || !m[0][6] || !m[6][0] || m[1][1] {
		t.Error("matrix does not start with a finder pattern: quiet zone left in?")
	}
	got, level := decode(t, m)
	if got != p {
		t.Errorf("decoded\n%q\nwant\n%q", got, p)
	}
	if level != "M" {
		t.Errorf("error correction level %s, the EPC requires M", level)
	}
}

func TestMatrixRefusesTooLong(t *testing.T) {
	t.Parallel()
	if _, err := Matrix(strings.Repeat("x", 400)); err == nil {
		t.Error("Matrix accepted a payload beyond version 13")
	}
}

// decode renders m at 4 pixels a module with a 4-module quiet zone and
// returns the text and error correction level an independent reader finds.
func decode(t *testing.T, m [][]bool) (string, string) {
	t.Helper()
	const px, quiet = 4, 4
	size := (len(m) + 2*quiet) * px
	img := image.NewGray(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			r, c := y/px-quiet, x/px-quiet
			dark := r >= 0 && c >= 0 && r < len(m) && c < len(m) && m[r][c]
			if dark {
				img.SetGray(x, y, color.Gray{})
			} else {
				img.SetGray(x, y, color.Gray{Y: 255})
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_CHARACTER_SET: "UTF-8", gozxing.DecodeHintType_PURE_BARCODE: true}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		t.Fatalf("decoding the matrix: %v", err)
	}
	level, _ := res.GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string)
	return res.GetText(), level
}
