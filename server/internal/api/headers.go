package api

import (
	"net/http"

	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// contentSecurityPolicy lets the SPA load its own scripts and nothing
// else: no inline or foreign script, no framing (clickjacking), no
// plugins, forms and links only to this origin. Inline styles stay
// allowed: the component library sets element styles and CSS variables at
// run time, and styles cannot run code. Frames show only the SPA's own
// blob: URLs (an invoice's PDF, made from the bytes the API returned).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src blob:; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sends the headers every answer carries; HSTS only where
// the client reached us over TLS (directly, or through a trusted proxy that
// says so), as a browser ignores it otherwise and a plain-HTTP test setup
// must not be pinned to HTTPS.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if reqctx.From(r.Context()).Secure {
			h.Set("Strict-Transport-Security", "max-age=63072000")
		}
		next.ServeHTTP(w, r)
	})
}
