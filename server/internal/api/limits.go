package api

import (
	"net/http"
	"time"

	"connectrpc.com/connect"
)

// Request bounds. A message is at most MaxMessageBytes once decompressed
// (Connect enforces it for all three protocols, so a small gzip body
// cannot inflate past it); the body on the wire is bounded alike, and it
// must arrive within BodyTimeout, so a client dribbling bytes cannot hold
// a connection. An area that takes uploads (icons, bank statements) raises
// the bound for its own procedures only.
const (
	MaxMessageBytes = 4 << 20
	BodyTimeout     = 15 * time.Second
)

// limitBodies bounds the body of every RPC before anything reads it; it
// must arrive within timeout.
func limitBodies(timeout time.Duration, next http.Handler) http.Handler {
	rpc := connect.NewErrorWriter()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rpc.IsSupported(r) && r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, MaxMessageBytes+5)
			// Not every connection supports deadlines (httptest recorders);
			// then the server's own timeouts are all there is.
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(timeout))
		}
		next.ServeHTTP(w, r)
	})
}
