package hetzner_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner/hetznersim"
)

// Check tells whether the endpoint answered as the Hetzner Cloud API (a
// server list, or its error object with a code): only then is a refused
// token Hetzner's word. A bare error page could be any server's.
func TestCheckRecognizesHetzner(t *testing.T) {
	tests := []struct {
		name       string
		config     func(t *testing.T) provider.Config
		recognized bool
		authed     bool
	}{
		{"token accepted", func(t *testing.T) provider.Config {
			return newSim(t, 3).Config()
		}, true, true},
		{"token rejected by the API", func(t *testing.T) provider.Config {
			cfg := newSim(t, 3).Config()
			cfg.Token = strings.Repeat("x", 64)
			return cfg
		}, true, false},
		{"rate limited by the API", func(t *testing.T) provider.Config {
			sim := newSim(t, 3)
			sim.SetRateLimited(true)
			return sim.Config()
		}, true, false},
		{"the API failing (503)", func(t *testing.T) provider.Config {
			sim := newSim(t, 3)
			sim.SetUnavailable(true)
			return sim.Config()
		}, true, false},
		{"the API without /v1", func(t *testing.T) provider.Config {
			cfg := newSim(t, 3).Config()
			cfg.Endpoint = strings.TrimSuffix(cfg.Endpoint, "/v1")
			return cfg
		}, true, false},
		{"a refusal in the API's error object", func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, "application/json", `{"error":{"code":"forbidden","message":"insufficient permissions","details":{}}}`)
		}, true, true},
		{"nothing listening", func(t *testing.T) provider.Config {
			return provider.Config{Endpoint: closedEndpoint(t) + "/v1", Token: hetznersim.Token}
		}, false, false},
		{"a web page instead of the API", func(t *testing.T) provider.Config {
			sim := newSim(t, 3)
			sim.SetGarbage(true)
			return sim.Config()
		}, false, false},
		{"a web server's login (401)", func(t *testing.T) provider.Config {
			return answering(t, http.StatusUnauthorized, "text/html", "<html><body><h1>401 Authorization Required</h1></body></html>")
		}, false, false},
		{"a web server's refusal (403)", func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, "text/html", "<html><body><h1>403 Forbidden</h1></body></html>")
		}, false, false},
		{"a web server's 404", func(t *testing.T) provider.Config {
			return answering(t, http.StatusNotFound, "text/html", "<html><body><h1>404 Not Found</h1></body></html>")
		}, false, false},
		{"a proxy whose upstream is down (502)", func(t *testing.T) provider.Config {
			return answering(t, http.StatusBadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, false, false},
		{"another API's error without a code", func(t *testing.T) provider.Config {
			return answering(t, http.StatusUnauthorized, "application/json", `{"error":{"message":"unauthorized"}}`)
		}, false, false},
		{"JSON without pagination", func(t *testing.T) provider.Config {
			return answering(t, http.StatusOK, "application/json", `{"servers":[]}`)
		}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newProvider(t, tt.config(t)).Check(t.Context())
			if c.Recognized != tt.recognized || c.Authenticated != tt.authed {
				t.Errorf("Check = %+v, want Recognized %v, Authenticated %v", c, tt.recognized, tt.authed)
			}
			if c.Authenticated && !c.Recognized {
				t.Errorf("Check = %+v: authenticated by an endpoint it did not recognize", c)
			}
		})
	}
}

// answering is a server that answers every request alike.
func answering(t *testing.T, status int, contentType, body string) provider.Config {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	// A short timeout keeps the client's retries of a 502 short.
	return provider.Config{Endpoint: ts.URL + "/v1", Token: hetznersim.Token, Timeout: 800 * time.Millisecond}
}

// closedEndpoint is an address on loopback nothing listens on.
func closedEndpoint(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "http://" + addr
}
