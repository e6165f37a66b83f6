// Package web serves the built admin SPA: files as they are, every other
// path as index.html (the SPA routes it), with cache headers that let
// browsers keep hashed assets forever and always revalidate the entry page.
// Text files go out brotli- or gzip-compressed to clients that accept it,
// from the copies the build compressed once at the highest level
// (frontend/vite.config.ts).
package web

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// codings are the compressed copies the build writes next to a file, in the
// order they are preferred: brotli is smaller than gzip.
var codings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// Handler serves dist, or a short page explaining how to build the SPA
// when dist is nil.
func Handler(dist fs.FS) http.Handler {
	if dist == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(notBuilt))
		})
	}
	_, err := fs.Stat(dist, "index.html")
	hasIndex := err == nil
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(dist, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					w.Header().Set("Cache-Control", "no-cache")
				}
				serveFile(w, r, dist, name)
				return
			}
			if strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
				http.NotFound(w, r)
				return
			}
		}
		w.Header().Set("Cache-Control", "no-cache")
		if !hasIndex {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			http.ServeContent(w, r, "index.html", time.Time{}, strings.NewReader(notBuilt))
			return
		}
		serveFile(w, r, dist, "index.html")
	})
}

// serveFile sends name, or the compressed copy of it the client prefers.
// A file that has copies varies by Accept-Encoding, whichever is sent. A
// Range request gets the file itself, so its byte offsets mean what the
// client thinks they mean.
func serveFile(w http.ResponseWriter, r *http.Request, dist fs.FS, name string) {
	var available []string
	for _, c := range codings {
		if st, err := fs.Stat(dist, name+c.suffix); err == nil && !st.IsDir() {
			available = append(available, c.name)
		}
	}
	coding := ""
	if len(available) > 0 {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Header.Get("Range") == "" {
			coding = negotiate(r.Header.Values("Accept-Encoding"), available)
		}
	}
	if err := send(w, r, dist, name, coding); err != nil {
		w.Header().Del("Cache-Control")
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
	}
}

// send serves name itself (coding "") or its copy in coding, with name's
// Content-Type. It fails only before anything is written.
func send(w http.ResponseWriter, r *http.Request, dist fs.FS, name, coding string) error {
	st, err := fs.Stat(dist, name)
	if err != nil {
		return err
	}
	file := name
	for _, c := range codings {
		if c.name == coding {
			file += c.suffix
		}
	}
	f, err := dist.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker) // embed.FS files are
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		content = bytes.NewReader(data)
	}
	if coding == "" {
		http.ServeContent(w, r, name, st.ModTime(), content)
		return nil
	}
	ctype, err := contentType(dist, name)
	if err != nil {
		return err
	}
	copyStat, err := f.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Encoding", coding)
	// ServeContent leaves Content-Length out once Content-Encoding is set,
	// as it would be wrong for a body compressed on the fly; this one was
	// compressed at build time and its length is known.
	http.ServeContent(lengthWriter{w, copyStat.Size()}, r, name, st.ModTime(), content)
	return nil
}

// negotiate picks the coding to send among available (in order of
// preference) from the request's Accept-Encoding (RFC 9110, section
// 12.5.3), or "" for the file itself: the coding with the highest q-value
// above zero, where listed codings beat "*" and ties go to the earlier in
// available. The file itself is chosen over them only when the client rates
// "identity" higher; a client that sends no Accept-Encoding gets the file.
func negotiate(header []string, available []string) string {
	if len(header) == 0 {
		return ""
	}
	weights := map[string]float64{}
	for _, element := range strings.Split(strings.Join(header, ","), ",") {
		coding, params, _ := strings.Cut(element, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		if coding == "x-gzip" {
			coding = "gzip"
		}
		q := 1.0
		for _, param := range strings.Split(params, ";") {
			key, value, _ := strings.Cut(param, "=")
			if strings.EqualFold(strings.TrimSpace(key), "q") {
				v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
				if err != nil || v < 0 || v > 1 {
					v = 0
				}
				q = v
			}
		}
		if _, seen := weights[coding]; !seen {
			weights[coding] = q
		}
	}
	weight := func(coding string) (float64, bool) {
		if q, ok := weights[coding]; ok {
			return q, true
		}
		q, ok := weights["*"]
		return q, ok
	}
	best, bestQ := "", 0.0
	for _, coding := range available {
		if q, _ := weight(coding); q > bestQ {
			best, bestQ = coding, q
		}
	}
	if q, listed := weight("identity"); listed && q > bestQ {
		return ""
	}
	return best
}

// contentType is the type of the file name as ServeContent finds it: by
// its extension, or sniffed from its first bytes.
func contentType(dist fs.FS, name string) (string, error) {
	if ctype := mime.TypeByExtension(path.Ext(name)); ctype != "" {
		return ctype, nil
	}
	f, err := dist.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	return http.DetectContentType(head[:n]), nil
}

// lengthWriter sets Content-Length on a 200 answer (not on a 304 or 412,
// which have no body).
type lengthWriter struct {
	http.ResponseWriter
	size int64
}

func (w lengthWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		w.Header().Set("Content-Length", strconv.FormatInt(w.size, 10))
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w lengthWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

const notBuilt = `<!doctype html><html><head><meta charset="utf-8"><title>Leitstand</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Leitstand API</h1>
<p>The API is running. This binary was built without the admin SPA; build it with <code>make build</code>
(or run <code>make run</code>) to serve the administration panel here.</p>
</body></html>
`
