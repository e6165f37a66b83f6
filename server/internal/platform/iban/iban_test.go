package iban

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		wantErr  string // a part of the message; "" for valid
	}{
		{"German, grouped as printed", "DE89 3704 0044 0532 0130 00", ""},
		{"German, lower case", "de89370400440532013000", ""},
		{"Austrian", "AT611904300234573201", ""},
		{"Swiss", "CH9300762011623852957", ""},
		{"Dutch", "NL91ABNA0417164300", ""},
		{"French", "FR1420041010050500013M02606", ""},
		{"British", "GB29NWBK60161331926819", ""},
		{"Belgian", "BE68539007547034", ""},
		{"one digit mistyped", "DE89370400440532013001", "check digits"},
		{"two digits swapped", "DE89370400440532031000", "check digits"},
		{"too short for Germany", "DE8937040044053201300", "has 22 characters"},
		{"unknown country", "XX89370400440532013000", "not the country code"},
		{"punctuation", "DE89-3704-0044-0532-0130-00", "only letters and digits"},
		{"empty", "", "starts with a country code"},
		{"letters as check digits", "DEAB370400440532013000", "check digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Validate(tt.in)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate(%q) = %v, want valid", tt.in, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate(%q) = %v, want an error about %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	if got := Format("de89370400440532013000"); got != "DE89 3704 0044 0532 0130 00" {
		t.Errorf("Format = %q", got)
	}
}
