package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHandler(t *testing.T) {
	t.Parallel()
	dist := fstest.MapFS{
		"index.html":          {Data: []byte("<html>app</html>")},
		"assets/index-abc.js": {Data: []byte("console.log(1)")},
		"favicon.svg":         {Data: []byte("<svg/>")},
	}
	h := Handler(dist)
	tests := []struct {
		name, method, path string
		status             int
		body, cache        string
	}{
		{"entry page", "GET", "/", 200, "app", "no-cache"},
		{"deep link falls back to the SPA", "GET", "/organizations/org_01abc", 200, "app", "no-cache"},
		{"hashed asset is cached forever", "GET", "/assets/index-abc.js", 200, "console.log", "public, max-age=31536000, immutable"},
		{"other file revalidates", "GET", "/favicon.svg", 200, "<svg/>", "no-cache"},
		{"missing asset is a 404, not the SPA", "GET", "/assets/gone.js", 404, "", ""},
		{"missing file with an extension is a 404", "GET", "/robots.txt", 404, "", ""},
		{"no writes", "POST", "/", 405, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			body, _ := io.ReadAll(rec.Result().Body)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if !strings.Contains(string(body), tt.body) {
				t.Errorf("body %q does not contain %q", body, tt.body)
			}
			if got := rec.Header().Get("Cache-Control"); tt.cache != "" && got != tt.cache {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
		})
	}
}

func TestHandlerWithoutSPA(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	Handler(nil).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "make build") {
		t.Errorf("got %d %q", rec.Code, rec.Body.String())
	}
}
