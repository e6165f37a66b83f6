package auth

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	t.Parallel()
	h, err := HashPassword("correct horse battery", TestArgon2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with its parameters", h)
	}
	h2, _ := HashPassword("correct horse battery", TestArgon2)
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	tests := []struct {
		name, hash, pw string
		ok             bool
	}{
		{"right password", h, "correct horse battery", true},
		{"wrong password", h, "correct horse batterY", false},
		{"empty hash never matches", "", "", false},
		{"malformed hash", "$argon2id$v=19$garbage", "x", false},
		{"other algorithm", "$2a$10$abcdefghijklmnopqrstuv", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := CheckPassword(tt.hash, tt.pw); got != tt.ok {
				t.Errorf("CheckPassword = %v, want %v", got, tt.ok)
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	t.Parallel()
	s1, h1 := NewSecret(TokenSecretPrefix)
	s2, _ := NewSecret(TokenSecretPrefix)
	if s1 == s2 || !strings.HasPrefix(s1, "lst_") || len(s1) < 40 {
		t.Errorf("secrets %q %q", s1, s2)
	}
	if string(HashSecret(s1)) != string(h1) {
		t.Error("the stored hash does not match the secret")
	}
}
