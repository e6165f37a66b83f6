package auth

import (
	"strings"
	"testing"
)

func TestWeakPassword(t *testing.T) {
	tests := []struct {
		name, pw, email string
		weak            bool
	}{
		{"blank", "              ", "", true},
		{"short", "Abc!1234", "", true},
		{"longer than sign-in accepts", strings.Repeat("xy7", 342), "", true},
		{"one character", "aaaaaaaaaaaaaaaa", "", true},
		{"two characters", "abababababababab", "", true},
		{"alphabet", "abcdefghijklmn", "", true},
		{"digits", "1234567890123", "", true},
		{"keyboard row", "qwertzuiopqwertz", "", true},
		{"common", "Password1234", "", true},
		{"common, German", "Willkommen123", "", true},
		{"own e-mail", "xX-jane.doe@example.com-Xx", "jane.doe@example.com", true},
		{"own name", "zz-janedoe-2026", "janedoe@example.com", true},
		{"passphrase", "correct horse battery", "", false},
		{"umlauts count as characters", "Grüße aus Köln", "", false},
		{"as long as sign-in accepts", strings.Repeat("xy7", 341) + "z", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := WeakPassword(tt.pw, tt.email); (got != "") != tt.weak {
				t.Errorf("WeakPassword(%q) = %q, want weak %v", tt.pw, got, tt.weak)
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	h, err := HashPassword("correct horse battery", TestArgon2)
	if err != nil {
		t.Fatal(err)
	}
	if NeedsRehash(h, TestArgon2) || !NeedsRehash(h, DefaultArgon2) || !NeedsRehash("", TestArgon2) {
		t.Error("NeedsRehash misjudges the parameters")
	}
}
