package web

import (
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHandler(t *testing.T) {
	t.Parallel()
	// The compressed copies hold markers, not real brotli or gzip: the
	// handler sends them as they are.
	dist := fstest.MapFS{
		"index.html":             {Data: []byte("<html>app</html>")},
		"index.html.br":          {Data: []byte("br(index)")},
		"index.html.gz":          {Data: []byte("gz(index)")},
		"assets/index-abc.js":    {Data: []byte("console.log(1)")},
		"assets/index-abc.js.br": {Data: []byte("br(js)")},
		"assets/index-abc.js.gz": {Data: []byte("gz(js)")},
		// Brotli did not save enough here; the build wrote only gzip.
		"assets/index-abc.css":    {Data: []byte("body{margin:0}")},
		"assets/index-abc.css.gz": {Data: []byte("gz(css)")},
		// Too small to compress.
		"favicon.svg": {Data: []byte("<svg/>")},
		// No extension: the type is sniffed from the file, not its copy.
		"LICENSE":    {Data: []byte("Permission is hereby granted")},
		"LICENSE.gz": {Data: []byte("\x1f\x8b\x08\x00gz(license)")},
	}
	h := Handler(dist)
	const (
		immutable = "public, max-age=31536000, immutable"
		browser   = "gzip, deflate, br, zstd"
		absent    = "" // the header is not in the answer
	)
	js, css, html := mime.TypeByExtension(".js"), mime.TypeByExtension(".css"), "text/html; charset=utf-8"
	type headers = map[string]string
	tests := []struct {
		name, method, path string
		request            headers
		status             int
		body               string
		want               headers
	}{
		{"entry page", "GET", "/", nil, 200, "<html>app</html>",
			headers{"Cache-Control": "no-cache", "Content-Type": html, "Content-Encoding": absent, "Vary": "Accept-Encoding"}},
		{"entry page, brotli", "GET", "/", headers{"Accept-Encoding": browser}, 200, "br(index)",
			headers{"Cache-Control": "no-cache", "Content-Type": html, "Content-Encoding": "br", "Content-Length": "9", "Vary": "Accept-Encoding"}},
		{"deep link falls back to the SPA", "GET", "/organizations/org_01abc", nil, 200, "<html>app</html>",
			headers{"Cache-Control": "no-cache", "Content-Type": html}},
		{"deep link, gzip", "GET", "/organizations/org_01abc", headers{"Accept-Encoding": "gzip"}, 200, "gz(index)",
			headers{"Cache-Control": "no-cache", "Content-Type": html, "Content-Encoding": "gzip"}},
		{"hashed asset is cached forever", "GET", "/assets/index-abc.js", nil, 200, "console.log(1)",
			headers{"Cache-Control": immutable, "Content-Type": js, "Content-Encoding": absent, "Content-Length": "14", "Vary": "Accept-Encoding"}},
		{"brotli is preferred", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": browser}, 200, "br(js)",
			headers{"Cache-Control": immutable, "Content-Type": js, "Content-Encoding": "br", "Content-Length": "6", "Vary": "Accept-Encoding"}},
		{"gzip when brotli is not accepted", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": "gzip, deflate"}, 200, "gz(js)",
			headers{"Cache-Control": immutable, "Content-Type": js, "Content-Encoding": "gzip", "Content-Length": "6", "Vary": "Accept-Encoding"}},
		{"gzip when brotli is refused", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": "br;q=0, *"}, 200, "gz(js)",
			headers{"Content-Encoding": "gzip"}},
		{"gzip when it is rated higher", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": "br;q=0.5, gzip;q=0.8"}, 200, "gz(js)",
			headers{"Content-Encoding": "gzip"}},
		{"the file itself when nothing is accepted", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": "br;q=0, gzip;q=0"}, 200, "console.log(1)",
			headers{"Content-Type": js, "Content-Encoding": absent, "Content-Length": "14", "Vary": "Accept-Encoding"}},
		{"the file itself when only identity is accepted", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": "identity"}, 200, "console.log(1)",
			headers{"Content-Encoding": absent, "Vary": "Accept-Encoding"}},
		{"the file itself when identity is rated higher", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": "br;q=0.5, identity"}, 200, "console.log(1)",
			headers{"Content-Encoding": absent}},
		{"a missing copy falls back to the next", "GET", "/assets/index-abc.css", headers{"Accept-Encoding": browser}, 200, "gz(css)",
			headers{"Cache-Control": immutable, "Content-Type": css, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}},
		{"a missing copy falls back to the file", "GET", "/assets/index-abc.css", headers{"Accept-Encoding": "br"}, 200, "body{margin:0}",
			headers{"Content-Type": css, "Content-Encoding": absent, "Vary": "Accept-Encoding"}},
		{"a file without copies does not vary", "GET", "/favicon.svg", headers{"Accept-Encoding": browser}, 200, "<svg/>",
			headers{"Cache-Control": "no-cache", "Content-Type": "image/svg+xml", "Content-Encoding": absent, "Vary": absent}},
		{"a compressed copy has the type of the file", "GET", "/LICENSE", headers{"Accept-Encoding": "gzip"}, 200, "\x1f\x8b\x08\x00gz(license)",
			headers{"Content-Type": "text/plain; charset=utf-8", "Content-Encoding": "gzip"}},
		{"HEAD of a compressed copy", "HEAD", "/assets/index-abc.js", headers{"Accept-Encoding": browser}, 200, "",
			headers{"Cache-Control": immutable, "Content-Type": js, "Content-Encoding": "br", "Content-Length": "6", "Vary": "Accept-Encoding"}},
		{"HEAD of the file", "HEAD", "/assets/index-abc.js", nil, 200, "",
			headers{"Content-Type": js, "Content-Encoding": absent, "Content-Length": "14"}},
		{"a range is taken from the file itself", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": browser, "Range": "bytes=0-6"}, 206, "console",
			headers{"Content-Encoding": absent, "Content-Range": "bytes 0-6/14", "Vary": "Accept-Encoding"}},
		{"not modified", "GET", "/assets/index-abc.js", headers{"Accept-Encoding": browser, "If-None-Match": "*"}, 304, "",
			headers{"Content-Encoding": absent, "Content-Length": absent, "Vary": "Accept-Encoding"}},
		{"a compressed copy asked for by name is sent as it is", "GET", "/assets/index-abc.js.br", headers{"Accept-Encoding": browser}, 200, "br(js)",
			headers{"Cache-Control": immutable, "Content-Encoding": absent}},
		{"missing asset is a 404, not the SPA", "GET", "/assets/gone.js", headers{"Accept-Encoding": browser}, 404, "404 page not found\n",
			headers{"Content-Encoding": absent}},
		{"missing file with an extension is a 404", "GET", "/robots.txt", nil, 404, "404 page not found\n", nil},
		{"no writes", "POST", "/", nil, 405, "method not allowed\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.request {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			body, _ := io.ReadAll(rec.Result().Body)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if string(body) != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
			for k, want := range tt.want {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	t.Parallel()
	both := []string{"br", "gzip"}
	tests := []struct {
		name      string
		header    []string
		available []string
		want      string
	}{
		{"no header: the file itself", nil, both, ""},
		{"empty header: the file itself", []string{""}, both, ""},
		{"a browser's list: brotli", []string{"gzip, deflate, br, zstd"}, both, "br"},
		{"only gzip", []string{"gzip"}, both, "gzip"},
		{"x-gzip is gzip", []string{"x-gzip"}, both, "gzip"},
		{"codings are case-insensitive", []string{"BR"}, both, "br"},
		{"brotli refused", []string{"br;q=0, gzip"}, both, "gzip"},
		{"the higher q wins", []string{"br;q=0.5, gzip;q=0.8"}, both, "gzip"},
		{"a tie goes to brotli", []string{"gzip;q=0.8, br;q=0.8"}, both, "br"},
		{"spaces around parameters", []string{"br ; q=0.9 , gzip ; q=0.2"}, both, "br"},
		{"any coding", []string{"*"}, both, "br"},
		{"any coding but brotli", []string{"*;q=0.1, br;q=0"}, both, "gzip"},
		{"a listed coding beats the wildcard", []string{"*;q=0.9, gzip;q=0.1"}, both, "br"},
		{"nothing but identity", []string{"*;q=0"}, both, ""},
		{"all refused", []string{"br;q=0, gzip;q=0"}, both, ""},
		{"identity asked for", []string{"identity"}, both, ""},
		{"identity rated higher", []string{"identity, br;q=0.5"}, both, ""},
		{"identity refused", []string{"br, identity;q=0"}, both, "br"},
		{"a low q is still acceptable", []string{"gzip;q=0.001"}, both, "gzip"},
		{"an invalid q refuses", []string{"br;q=high, gzip"}, both, "gzip"},
		{"q above 1 refuses", []string{"br;q=2, gzip"}, both, "gzip"},
		{"several header lines", []string{"gzip", "br"}, both, "br"},
		{"none of ours", []string{"deflate, zstd"}, both, ""},
		{"only the copies that exist", []string{"br, gzip"}, []string{"gzip"}, "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := negotiate(tt.header, tt.available); got != tt.want {
				t.Errorf("negotiate(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestHandlerWithoutIndex(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	Handler(fstest.MapFS{"favicon.svg": {Data: []byte("<svg/>")}}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "make build") {
		t.Errorf("got %d %q", rec.Code, rec.Body.String())
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
