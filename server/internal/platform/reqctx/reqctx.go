// Package reqctx carries facts about the current request — its id, the
// procedure called, where it came from — to the code that records them (the
// audit trail, logs) without threading them through every signature.
package reqctx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
)

// Info describes one request.
type Info struct {
	RequestID  string
	Procedure  string
	RemoteAddr string
	UserAgent  string
	// Secure is true when the client reached us over TLS (directly or, when
	// configured, through a proxy that says so).
	Secure bool
}

type key struct{}

// With returns ctx carrying info.
func With(ctx context.Context, info *Info) context.Context {
	return context.WithValue(ctx, key{}, info)
}

// From returns the request's info; never nil.
func From(ctx context.Context) *Info {
	if i, ok := ctx.Value(key{}).(*Info); ok {
		return i
	}
	return &Info{}
}

// HeaderRequestID is the header a request id arrives and leaves in.
const HeaderRequestID = "X-Request-Id"

var validID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,128}$`)

// Middleware gives every request an Info: the caller's X-Request-Id when it
// looks sane (so a proxy's id carries through), a new random one otherwise.
// trustProxy makes X-Forwarded-Proto count for Secure.
func Middleware(trustProxy bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(HeaderRequestID)
		if !validID.MatchString(id) {
			id = NewID()
		}
		w.Header().Set(HeaderRequestID, id)
		info := &Info{
			RequestID:  id,
			RemoteAddr: r.RemoteAddr,
			UserAgent:  r.UserAgent(),
			Secure:     r.TLS != nil || (trustProxy && r.Header.Get("X-Forwarded-Proto") == "https"),
		}
		if trustProxy {
			if f := r.Header.Get("X-Forwarded-For"); f != "" {
				info.RemoteAddr = f
			}
		}
		next.ServeHTTP(w, r.WithContext(With(r.Context(), info)))
	})
}

// NewID returns a random request id.
func NewID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
