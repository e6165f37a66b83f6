package blob_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/blob"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func webp(payload string) []byte {
	b := []byte("RIFF0000WEBPVP8L" + payload)
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-8))
	return b
}

func TestImagesAreKnownByTheirContent(t *testing.T) {
	t.Parallel()
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">`
	tests := []struct {
		name    string
		content []byte
		want    string // extension, or a word of the refusal
	}{
		{"png", pngBytes(t), "png"},
		{"webp", webp("abcd"), "webp"},
		{"svg", []byte(svg + `<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="8" height="8"/></svg>`), "svg"},
		{"svg with declaration, BOM and comment", []byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- drawn by hand -->" + svg + `<use xlink:href="#a"/></svg>`), "svg"},
		{"svg with an embedded PNG", []byte(svg + `<image href="data:image/png;base64,iVBORw0KGgo=" width="8" height="8"/></svg>`), "svg"},
		{"svg with editor metadata", []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:ink="http://www.inkscape.org/namespaces/inkscape" ink:version="1.3"><ink:grid/></svg>`), "svg"},
		{"empty", nil, "empty"},
		{"a GIF", []byte("GIF89a\x01\x00\x01\x00"), "not a PNG"},
		{"a PNG cut short", pngBytes(t)[:20], "not a valid one"},
		{"a WebP with a wrong size", append(webp("abcd"), 'x'), "not a valid one"},
		{"html", []byte(`<html><body>hi</body></html>`), "root element"},
		{"svg in no namespace", []byte(`<svg><rect/></svg>`), "root element"},
		{"script", []byte(svg + `<script>alert(1)</script></svg>`), "<script>"},
		{"script in upper case", []byte(svg + `<SCRIPT>alert(1)</SCRIPT></svg>`), "<SCRIPT>"},
		{"foreignObject", []byte(svg + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`), "foreignObject"},
		{"html element", []byte(svg + `<h:iframe xmlns:h="http://www.w3.org/1999/xhtml"/></svg>`), "HTML"},
		{"event handler", []byte(svg + `<rect onclick="alert(1)"/></svg>`), "event handler"},
		{"event handler on the root", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "event handler"},
		{"external href", []byte(svg + `<image href="https://evil.example/x.png"/></svg>`), "refer to other files"},
		{"external xlink:href", []byte(svg + `<use xlink:href="other.svg#a"/></svg>`), "refer to other files"},
		{"javascript link", []byte(svg + `<a href="javascript:alert(1)"><rect/></a></svg>`), "refer to other files"},
		{"embedded svg", []byte(svg + `<image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>`), "refer to other files"},
		{"external url() in an attribute", []byte(svg + `<rect fill="url(https://evil.example/#g)"/></svg>`), "url("},
		{"external url() in a style", []byte(svg + `<style>rect { fill: url('//evil.example/p.svg#g') }</style></svg>`), "url("},
		{"css import", []byte(svg + `<style>@import "https://evil.example/x.css";</style></svg>`), "@import"},
		{"doctype with entities", []byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>` + svg + `</svg>`), "DOCTYPE"},
		{"stylesheet instruction", []byte(`<?xml-stylesheet href="https://evil.example/x.css"?>` + svg + `</svg>`), "processing instruction"},
		{"not well formed", []byte(svg + `<rect>`), "well-formed"},
		{"two roots", []byte(svg + `</svg>` + svg + `</svg>`), "not an SVG image"},
		{"other encoding", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>` + svg + `</svg>`), "well-formed"},
		{"too large", append(pngBytes(t), make([]byte, 1024)...), "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			img, err := blob.CheckImage(tt.content, len(pngBytes(t))+512)
			if err == nil {
				if img.Ext != tt.want {
					t.Errorf("accepted as %s, want %s", img.Ext, tt.want)
				}
				return
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("refused with %q, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	n := blob.Name([]byte("x"), "svg")
	if n != "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881.svg" || !blob.ValidName(n, blob.ImageExts...) {
		t.Errorf("Name = %s", n)
	}
	for _, bad := range []string{"", "x.svg", strings.Repeat("a", 64) + ".exe", strings.Repeat("A", 64) + ".png", "../" + n, strings.Repeat("a", 64)} {
		if blob.ValidName(bad, blob.ImageExts...) {
			t.Errorf("ValidName(%q) = true", bad)
		}
	}
}

// The cleanup removes what nothing refers to once the grace period is
// over, in a directory as the default store keeps it, and removes nothing
// the second time.
func TestCleanupRemovesWhatNothingRefersTo(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	s, err := blob.Open(ctx, "file://"+filepath.ToSlash(dir)+"?create_dir=true&no_tmp_dir=true")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	put := func(name string, age time.Duration) {
		t.Helper()
		if err := s.Put(ctx, "icons", name, []byte(name), "image/svg+xml"); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(filepath.Join(dir, "icons", name), now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	put("used.svg", 30*24*time.Hour)
	put("old.svg", 25*time.Hour)
	put("fresh.svg", time.Hour)
	if err := s.Put(ctx, "other", "kept.svg", []byte("x"), "image/svg+xml"); err != nil {
		t.Fatal(err)
	}
	owners := []blob.Owner{{Prefix: "icons", Referenced: func(t2 context.Context) ([]string, error) { return []string{"used.svg"}, nil }}}
	res, err := s.Cleanup(ctx, owners, now, 24*time.Hour)
	if err != nil || res.Files != 3 || res.Removed != 1 || res.Recent != 1 || res.Bytes != int64(len("old.svg")) {
		t.Fatalf("cleanup = %+v %v", res, err)
	}
	var left []string
	_ = s.List(ctx, "icons", func(o blob.Object) error { left = append(left, o.Name); return nil })
	if strings.Join(left, ",") != "fresh.svg,used.svg" {
		t.Errorf("left = %v", left)
	}
	if ok, _ := s.Exists(ctx, "other", "kept.svg"); !ok {
		t.Errorf("a file of a kind no owner declares was removed")
	}
	if res, err := s.Cleanup(ctx, owners, now, 24*time.Hour); err != nil || res.Removed != 0 {
		t.Errorf("second cleanup = %+v %v, want nothing removed", res, err)
	}
}

func TestStoredImagesAreServedForGood(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := blob.NewMemory()
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)
	name := blob.Name(svg, "svg")
	if err := s.Put(ctx, "catalog-icons", name, svg, "image/svg+xml"); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(blob.Route, s.Handler(slog.New(slog.DiscardHandler), "catalog-icons"))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	res, err := http.Get(srv.URL + blob.URL("catalog-icons", name))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	h := res.Header
	if res.StatusCode != 200 || !bytes.Equal(body, svg) || h.Get("Content-Type") != "image/svg+xml" ||
		h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("X-Content-Type-Options") != "nosniff" ||
		h.Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'; sandbox" || h.Get("ETag") == "" {
		t.Errorf("answer = %d %q %v", res.StatusCode, body, h)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+blob.URL("catalog-icons", name), nil)
	req.Header.Set("If-None-Match", h.Get("ETag"))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation = %v %v, want 304", res, err)
	}
	for _, path := range []string{
		blob.URL("catalog-icons", blob.Name([]byte("other"), "svg")), // not stored
		blob.URL("avatars", name),                                    // not a public kind
		"/files/catalog-icons/..%2f..%2fsecret.key",
		"/files/catalog-icons/" + strings.TrimSuffix(name, ".svg") + ".html",
	} {
		if res, err := http.Get(srv.URL + path); err != nil || res.StatusCode != http.StatusNotFound {
			t.Errorf("%s = %v %v, want 404", path, res.StatusCode, err)
		}
	}
}
