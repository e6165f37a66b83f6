package api_test

import (
	"net/http"
	"strings"
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Every answer carries the security headers, the SPA's page and the API's
// alike; HSTS over TLS.
func TestSecurityHeaders(t *testing.T) {
	_, srv := server(t, testdb.SQLite)
	for _, path := range []string{"/", "/readyz", adminv1connect.AuthServiceGetCurrentUserProcedure} {
		res, err := apptest.HTTPClient(srv).Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self';") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
			"Strict-Transport-Security": "max-age=63072000"} {
			if got := h.Get(name); got != want {
				t.Errorf("%s: %s = %q, want %q", path, name, got, want)
			}
		}
	}
}

// Over TLS only the __Host- cookie signs a browser in: the same session
// under the plain name, as a sibling subdomain could plant it, does not.
func TestOverTLSOnlyTheHostCookieCounts(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	env.User(t, "op@example.com", authz.RoleOperator)
	res, err := adminv1connect.NewAuthServiceClient(apptest.HTTPClient(srv), srv.URL).Login(t.Context(),
		connect.NewRequest(&adminv1.LoginRequest{Email: "op@example.com", Password: apptest.Password}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := http.ParseSetCookie(res.Header().Get("Set-Cookie"))
	if err != nil || c.Name != auth.SecureCookieName {
		t.Fatalf("cookie %+v %v", c, err)
	}
	current := func(name string) error {
		req := connect.NewRequest(&adminv1.GetCurrentUserRequest{})
		req.Header().Set("Cookie", name+"="+c.Value)
		_, err := adminv1connect.NewAuthServiceClient(srv.Client(), srv.URL).GetCurrentUser(t.Context(), req)
		return err
	}
	if err := current(auth.SecureCookieName); err != nil {
		t.Fatalf("the __Host- cookie: %v", err)
	}
	if err := current(auth.CookieName); connect.CodeOf(err) != connect.CodeUnauthenticated {
		t.Errorf("the plain cookie over TLS: %v, want unauthenticated", err)
	}
}
