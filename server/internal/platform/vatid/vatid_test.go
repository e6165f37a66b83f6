package vatid

import "testing"

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"german valid", "DE136695976", true},
		{"german with spaces", "de 136 695 976", true},
		{"german wrong check digit", "DE136695975", false},
		{"german too short", "DE13669597", false},
		{"austrian", "ATU13585627", true},
		{"dutch", "NL123456789B01", true},
		{"unknown country", "XX123456789", false},
		{"greece uses EL", "GR123456789", false},
		{"too short", "DE", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := Validate(tt.in); (err == nil) != tt.ok {
				t.Fatalf("Validate(%q) = %v, want ok=%v", tt.in, err, tt.ok)
			}
		})
	}
}

func TestGermanCheckDigitGeneratesValidNumbers(t *testing.T) {
	t.Parallel()
	for _, first8 := range []string{"12345678", "81234567", "00000001", "99999999"} {
		n := "DE" + first8 + string(rune('0'+GermanCheckDigit(first8)))
		if err := Validate(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}
