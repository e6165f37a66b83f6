// Package secrets seals credentials for storage (AES-256-GCM) with a key
// from configuration, or one generated into the data directory on first
// start. Every sealed value is bound to what it belongs to (associated data,
// e.g. the row's id), so a ciphertext copied to another row does not open.
package secrets

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeyFile is the name of the generated key inside the data directory.
const KeyFile = "secret.key"

// version prefixes each sealed value, so the format (or key) can change
// later without guessing what old rows hold.
const version byte = 1

// ErrOpen is returned when a sealed value does not open: another key, or a
// value altered or moved to another row.
var ErrOpen = errors.New("secrets: sealed value does not open with this key")

// Box seals and opens values with one key.
type Box struct {
	aead cipher.AEAD
	key  []byte
}

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("secrets: key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead, key: bytes.Clone(key)}, nil
}

// Derive returns a 32-byte key for purpose, derived from the box's key
// (HMAC-SHA256 of the purpose under it): one secret in configuration, a
// separate key for each use, none of which reveals the others.
func (b *Box) Derive(purpose string) []byte {
	m := hmac.New(sha256.New, b.key)
	m.Write([]byte("leitstand/" + purpose))
	return m.Sum(nil)
}

// Load returns the Box for encoded, a base64 key from configuration, or —
// when encoded is empty — for the key in dataDir/secret.key, generating it
// (mode 0600) on first start. generated reports that a new key was written.
func Load(encoded, dataDir string) (box *Box, generated bool, err error) {
	if encoded != "" {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
		if err != nil {
			return nil, false, fmt.Errorf("secrets: the secret key is not base64: %w", err)
		}
		b, err := New(key)
		return b, false, err
	}
	path := filepath.Join(dataDir, KeyFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, false, err
		}
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, false, fmt.Errorf("secrets: create data directory: %w", err)
		}
		// O_EXCL: two processes starting at once must not each write a key.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return Load("", dataDir)
		}
		if err != nil {
			return nil, false, fmt.Errorf("secrets: write key: %w", err)
		}
		if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
			f.Close()
			return nil, false, fmt.Errorf("secrets: write key: %w", err)
		}
		if err := f.Close(); err != nil {
			return nil, false, fmt.Errorf("secrets: write key: %w", err)
		}
		b, err := New(key)
		return b, true, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("secrets: read key: %w", err)
	}
	key, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(raw)))
	if err != nil {
		return nil, false, fmt.Errorf("secrets: %s is not a base64 key: %w", path, err)
	}
	b, err := New(key)
	return b, false, err
}

// Seal encrypts plain, bound to ad.
func (b *Box) Seal(plain, ad []byte) []byte {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	out := append([]byte{version}, nonce...)
	return b.aead.Seal(out, nonce, plain, ad)
}

// Open decrypts sealed, which must have been sealed with ad.
func (b *Box) Open(sealed, ad []byte) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < 1+n || sealed[0] != version {
		return nil, ErrOpen
	}
	plain, err := b.aead.Open(nil, sealed[1:1+n], sealed[1+n:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}
