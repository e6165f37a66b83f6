package api_test

import (
	"net/http"
	"testing"

	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestCORSForAConfiguredSPAOrigin(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	srv := env.Server(t, app.HTTPOptions{AllowedOrigins: []string{"https://admin.example.com"}})
	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodOptions, srv.URL+"/leitstand.admin.v1.AuthService/Login", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type,connect-protocol-version")
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	ok := preflight("https://admin.example.com")
	if ok.Header.Get("Access-Control-Allow-Origin") != "https://admin.example.com" || ok.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("configured origin: headers %v", ok.Header)
	}
	if other := preflight("https://evil.example"); other.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin was allowed: %v", other.Header)
	}
	// A state-changing call from the configured origin gets through the
	// cross-site check (it is refused for credentials, not for its origin).
	client := apptest.HTTPClient(srv)
	code, _ := call(t, client, srv, "/leitstand.admin.v1.OrganizationService/CreateOrganization", `{"name":"X"}`,
		http.Header{"Origin": {"https://admin.example.com"}, "Sec-Fetch-Site": {"cross-site"}})
	if code != "unauthenticated" {
		t.Errorf("trusted origin: %q, want unauthenticated (let through to authentication)", code)
	}
}
