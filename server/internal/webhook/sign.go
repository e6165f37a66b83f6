package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// The headers of a delivery.
const (
	// SignatureHeader carries t=<unix seconds>,v1=<hex HMAC-SHA256 of
	// "<t>.<body>"> with one v1 per valid secret.
	SignatureHeader = "Leitstand-Signature"
	// EventIDHeader carries the event's id (evt_…), the same in every
	// delivery of the event.
	EventIDHeader = "Leitstand-Event-Id"
	// EventTypeHeader carries the event's type.
	EventTypeHeader = "Leitstand-Event-Type"
	// DeliveryIDHeader carries the delivery's id (whd_…).
	DeliveryIDHeader = "Leitstand-Delivery-Id"
)

// SecretPrefix starts every signing secret.
const SecretPrefix = "whsec_"

// NewSecret returns a new signing secret: whsec_ and 32 random bytes.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return SecretPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// Sign returns the signature header's value for body sent at t, with a
// signature by each of secrets (the current first).
func Sign(t time.Time, body []byte, secrets ...string) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	parts := []string{"t=" + ts}
	for _, secret := range secrets {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(ts))
		m.Write([]byte("."))
		m.Write(body)
		parts = append(parts, "v1="+hex.EncodeToString(m.Sum(nil)))
	}
	return strings.Join(parts, ",")
}
