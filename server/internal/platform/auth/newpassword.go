package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a new password. MaxPasswordLength is what sign-in accepts
// (auth_service.proto's LoginRequest.password), so every password that can
// be set can also be used.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 1024
)

// commonPasswords are the most used passwords of public breach corpora
// that reach 12 characters, lower-cased; one a line.
//
//go:embed common_passwords.txt
var commonPasswordList string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for l := range strings.SplitSeq(commonPasswordList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// WeakPassword says why pw cannot be a new password, or "" if it can:
// too short or too long, blank, one character repeated, a run of the
// keyboard or the alphabet, one of the most common passwords, or the
// user's own e-mail address.
func WeakPassword(pw, email string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case strings.TrimSpace(pw) == "":
		return "must not be blank"
	case n < MinPasswordLength:
		return "must be at least 12 characters"
	case n > MaxPasswordLength:
		return "must be at most 1024 characters"
	}
	lower := strings.ToLower(pw)
	switch {
	case distinct(lower) <= 2:
		return "is too simple: it repeats one or two characters"
	case runOfKeys(lower):
		return "is too simple: it is a run of the keyboard or the alphabet"
	case commonPasswords[lower]:
		return "is one of the most common passwords"
	case email != "" && (strings.Contains(lower, strings.ToLower(email)) ||
		(len(localPart(email)) >= 6 && strings.Contains(lower, strings.ToLower(localPart(email))))):
		return "must not contain your e-mail address"
	}
	return ""
}

func distinct(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			seen[r] = true
		}
	}
	return len(seen)
}

// runOfKeys: every character follows its predecessor on one of the rows.
func runOfKeys(s string) bool {
	for _, row := range []string{"abcdefghijklmnopqrstuvwxyzabc", "01234567890123", "qwertyuiopqwertzuiop", "asdfghjklasdfghjkl", "yxcvbnmzxcvbnm"} {
		ok := true
		for i := 0; i+1 < len(s) && ok; i++ {
			ok = strings.Contains(row, s[i:i+2])
		}
		if ok {
			return true
		}
	}
	return false
}

func localPart(email string) string {
	l, _, _ := strings.Cut(email, "@")
	return l
}
