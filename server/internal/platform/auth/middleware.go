package auth

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// Cookie names. Behind TLS the cookie carries the __Host- prefix, which the
// browser only accepts with Secure, Path=/ and no Domain: it cannot be set
// or shadowed by a sibling subdomain.
const (
	CookieName       = "leitstand_session"
	SecureCookieName = "__Host-leitstand_session"
)

// Resolver looks up the principal behind a credential. It returns nil, nil
// for a credential that is unknown, expired, revoked or whose user is
// disabled.
type Resolver interface {
	ResolveSession(ctx context.Context, secret string) (*authz.Principal, error)
	ResolveToken(ctx context.Context, secret string) (*authz.Principal, error)
}

// Middleware authenticates every request at the HTTP layer, before any RPC
// (unary or streaming) runs: a bearer token or the session cookie becomes
// the principal in the request's context. A request without a valid
// credential goes on anonymously; the authorization interceptor then refuses
// whatever needs a signed-in caller.
func Middleware(res Resolver, logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var (
			p   *authz.Principal
			err error
		)
		if h := r.Header.Get("Authorization"); h != "" {
			if secret, ok := strings.CutPrefix(h, "Bearer "); ok {
				p, err = res.ResolveToken(ctx, strings.TrimSpace(secret))
			}
		} else if secret := SessionSecret(r); secret != "" {
			p, err = res.ResolveSession(ctx, secret)
		}
		if err != nil {
			logger.ErrorContext(ctx, "resolve credential", "err", err)
			http.Error(w, "authentication is unavailable", http.StatusServiceUnavailable)
			return
		}
		if p != nil {
			ctx = authz.WithPrincipal(ctx, p)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// SessionSecret returns the session cookie's value, if any. Over a secure
// connection only the __Host- cookie counts: a plain-named cookie can be
// planted by a sibling subdomain or over plain HTTP (cookie tossing), and
// would otherwise sign the browser into the planter's session.
func SessionSecret(r *http.Request) string {
	name := CookieName
	if reqctx.From(r.Context()).Secure {
		name = SecureCookieName
	}
	if c, err := r.Cookie(name); err == nil && c.Value != "" {
		return c.Value
	}
	return ""
}

// SessionCookie builds the Set-Cookie value for a session that the browser
// keeps for maxAge (the server decides about the session itself); an empty
// secret clears the cookie. Max-Age rather than Expires, so a client whose
// clock is off still keeps the cookie as long as intended.
func SessionCookie(ctx context.Context, secret string, maxAge time.Duration) *http.Cookie {
	secure := reqctx.From(ctx).Secure
	c := &http.Cookie{
		Name:     CookieName,
		Value:    secret,
		Path:     "/",
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteStrictMode,
		MaxAge:   int(maxAge.Seconds()),
	}
	if secure {
		c.Name = SecureCookieName
	}
	if secret == "" {
		c.MaxAge = -1
	}
	return c
}
