package blob

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
)

// Route is the pattern Handler serves.
const Route = "GET /files/{kind}/{name}"

// URL is the path where the file name of kind prefix is served.
func URL(prefix, name string) string {
	if name == "" {
		return ""
	}
	return "/files/" + prefix + "/" + name
}

// imageCSP keeps a stored image from doing anything when it is opened as a
// document of its own: no scripts, no loads, a sandbox; inline styles are
// how SVG is often drawn.
const imageCSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

// Handler serves the images stored under the public prefixes at
// /files/<prefix>/<name>. A name is the hash of its content, so an answer
// is cached for a year without revalidation; the type comes from the
// name's extension, which the upload read from the content. Anything else
// is 404.
func (s *Store) Handler(logger *slog.Logger, public ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind, name := r.PathValue("kind"), r.PathValue("name")
		if !slices.Contains(public, kind) || !ValidName(name, servedExts()...) {
			http.NotFound(w, r)
			return
		}
		rc, mod, err := s.Open(r.Context(), kind, name)
		if errors.Is(err, ErrNotFound) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			logger.ErrorContext(r.Context(), "read stored file", "kind", kind, "name", name, "err", err)
			http.Error(w, "the file cannot be read", http.StatusInternalServerError)
			return
		}
		defer rc.Close()
		content, err := io.ReadAll(rc)
		if err != nil {
			logger.ErrorContext(r.Context(), "read stored file", "kind", kind, "name", name, "err", err)
			http.Error(w, "the file cannot be read", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", ContentTypeOf(name))
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		hash, _, _ := strings.Cut(name, ".")
		h.Set("ETag", `"`+hash+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", imageCSP)
		// An image may be shown by the SPA hosted on another origin.
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		http.ServeContent(w, r, name, mod, bytes.NewReader(content))
	})
}
