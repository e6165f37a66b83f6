// Package auth authenticates requests: argon2id password hashes, random
// secrets for sessions and API tokens (stored only as SHA-256), and the HTTP
// middleware that turns a cookie or a bearer token into a principal.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the cost parameters of new password hashes. Existing
// hashes keep the parameters they were made with.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultArgon2 follows OWASP's argon2id recommendation (19 MiB, t=2, p=1).
var DefaultArgon2 = Argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// TestArgon2 is cheap, for tests and the demo seed's many customer users.
var TestArgon2 = Argon2Params{Memory: 1024, Time: 1, Threads: 1}

// HashPassword returns the argon2id hash of pw in PHC string form.
func HashPassword(pw string, p Argon2Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// NeedsRehash reports whether hash was made with parameters other than p,
// so that the next sign-in replaces it.
func NeedsRehash(hash string, p Argon2Params) bool {
	got, ok := paramsOf(hash)
	return !ok || got != p
}

func paramsOf(hash string) (Argon2Params, bool) {
	parts := strings.Split(hash, "$")
	var p Argon2Params
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, false
	}
	return p, true
}

// CheckPassword reports whether pw matches hash. An empty or malformed hash
// never matches.
func CheckPassword(hash, pw string) bool {
	p, ok := paramsOf(hash)
	if !ok {
		return false
	}
	parts := strings.Split(hash, "$")
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// Secret prefixes tell a person (and secret scanners) what a secret is.
const (
	SessionSecretPrefix = "lss_"
	TokenSecretPrefix   = "lst_"
)

// NewSecret returns a random secret with the given prefix and its hash.
func NewSecret(prefix string) (secret string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: no randomness: " + err.Error())
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret is how secrets are stored and looked up.
func HashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// ErrNoCredential means the request carried no credential at all.
var ErrNoCredential = errors.New("no credential")
