// Package reqctx carries facts about the current request — its id, the
// procedure called, where it came from — to the code that records them (the
// audit trail, logs) without threading them through every signature.
package reqctx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
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

// Proxies says which forwarding headers to believe.
type Proxies struct {
	// Trust makes X-Forwarded-For and X-Forwarded-Proto count.
	Trust bool
	// Hops is how many proxies append to X-Forwarded-For (0 counts as 1).
	// Entries further left were written by the client and prove nothing.
	Hops int
}

// Middleware gives every request an Info: the caller's X-Request-Id when it
// looks sane (so a proxy's id carries through), a new random one otherwise.
// Behind trusted proxies the client is the address the outermost proxy saw,
// and X-Forwarded-Proto counts for Secure.
func Middleware(p Proxies, next http.Handler) http.Handler {
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
			Secure:     r.TLS != nil || (p.Trust && r.Header.Get("X-Forwarded-Proto") == "https"),
		}
		if p.Trust {
			if a := forwardedFor(r.Header.Values("X-Forwarded-For"), max(p.Hops, 1)); a != "" {
				info.RemoteAddr = a
			}
		}
		next.ServeHTTP(w, r.WithContext(With(r.Context(), info)))
	})
}

// forwardedFor picks the client's address from X-Forwarded-For: each
// proxy appends the address it saw, so with hops proxies the hops-th entry
// from the end is the outermost proxy's view. An entry that is not an IP
// address (garbage, or an attempt to write into logs) is ignored.
func forwardedFor(values []string, hops int) string {
	var entries []string
	for _, v := range values {
		for e := range strings.SplitSeq(v, ",") {
			entries = append(entries, strings.TrimSpace(e))
		}
	}
	if len(entries) == 0 {
		return ""
	}
	e := entries[max(len(entries)-hops, 0)]
	if ap, err := netip.ParseAddrPort(e); err == nil {
		return ap.Addr().Unmap().String()
	}
	if ip, err := netip.ParseAddr(e); err == nil {
		return ip.Unmap().String()
	}
	return ""
}

// NewID returns a random request id.
func NewID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
