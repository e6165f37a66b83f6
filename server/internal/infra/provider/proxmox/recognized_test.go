package proxmox_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
)

// Check tells whether the endpoint answered as Proxmox VE: only then is a
// refused token Proxmox's word. Anything else that answers, or nothing at
// all, stays unrecognized, whatever it answered.
func TestCheckRecognizesProxmox(t *testing.T) {
	tests := []struct {
		name       string
		config     func(t *testing.T) provider.Config
		recognized bool
		authed     bool
	}{
		{"token accepted", func(t *testing.T) provider.Config {
			return newSim(t, provider.SimOptions{Seed: 21}).Config()
		}, true, true},
		{"token rejected by pveproxy", func(t *testing.T) provider.Config {
			cfg := newSim(t, provider.SimOptions{Seed: 22}).Config()
			cfg.Token = proxmoxsim.TokenID + "=00000000-0000-0000-0000-000000000000"
			return cfg
		}, true, false},
		{"token without privileges", func(t *testing.T) provider.Config {
			sim := newSim(t, provider.SimOptions{Seed: 23})
			sim.SetTokenPrivileges(false)
			return sim.Config()
		}, true, true},
		{"pveproxy's refusal behind a proxy that replaces the Server header", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusUnauthorized, "invalid token value!", "nginx/1.24.0", "application/json;charset=UTF-8", `{"data":null}`)
		}, true, false},
		{"pveproxy's missing privilege behind a proxy", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusForbidden, "Permission check failed (/, Sys.Audit)", "nginx/1.24.0", "application/json;charset=UTF-8", `{"data":null}`)
		}, true, true},
		{"nothing listening", func(t *testing.T) provider.Config {
			return withToken(closedEndpoint(t))
		}, false, false},
		{"a certificate Leitstand does not trust", func(t *testing.T) provider.Config {
			cfg := newSim(t, provider.SimOptions{Seed: 24}).Config()
			cfg.HTTPClient = nil
			return cfg
		}, false, false},
		{"a web page instead of the API", func(t *testing.T) provider.Config {
			sim := newSim(t, provider.SimOptions{Seed: 25})
			sim.SetGarbage(true)
			return sim.Config()
		}, false, false},
		{"a web server's login (401)", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusUnauthorized, "Unauthorized", "nginx/1.24.0", "text/html", "<html><body><h1>401 Authorization Required</h1></body></html>")
		}, false, false},
		{"a web server's refusal (403)", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusForbidden, "Forbidden", "nginx/1.24.0", "text/html", "<html><body><h1>403 Forbidden</h1></body></html>")
		}, false, false},
		{"a web server's 404", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusNotFound, "Not Found", "nginx/1.24.0", "text/html", "<html><body><h1>404 Not Found</h1></body></html>")
		}, false, false},
		{"a web server's 501", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusNotImplemented, "Not Implemented", "Apache", "text/html", "<html><body>Not Implemented</body></html>")
		}, false, false},
		{"a proxy whose upstream is down (502)", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusBadGateway, "Bad Gateway", "nginx/1.24.0", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, false, false},
		{"JSON without a version", func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusOK, "OK", "", "application/json", `{"data":{}}`)
		}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := connect(t, tt.config(t)).Check(t.Context())
			if c.Recognized != tt.recognized || c.Authenticated != tt.authed {
				t.Errorf("Check = %+v, want Recognized %v, Authenticated %v", c, tt.recognized, tt.authed)
			}
			if c.Authenticated && !c.Recognized {
				t.Errorf("Check = %+v: authenticated by an endpoint it did not recognize", c)
			}
		})
	}
}

// Once the version showed Proxmox VE, a later step that fails keeps the
// endpoint recognized.
func TestCheckRecognizedAfterVersion(t *testing.T) {
	f := newFixture(t, map[string]reply{
		"GET /cluster/resources": {status: http.StatusNotImplemented, reason: "Method 'GET /cluster/resources' not implemented"},
	})
	if c := connect(t, f.config()).Check(context.Background()); c.OK() || !c.Recognized {
		t.Errorf("Check = %+v, want recognized but not OK", c)
	}
}

// rawServer answers every request with status and reason, the Server
// header server (none if empty) and body: another web server, or pveproxy
// behind a proxy that rewrites its headers but keeps its status line.
func rawServer(t *testing.T, status int, reason, server, contentType, body string) provider.Config {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer func() { _ = conn.Close() }()
		_, _ = fmt.Fprintf(buf, "HTTP/1.1 %03d %s\r\n", status, reason)
		if server != "" {
			_, _ = fmt.Fprintf(buf, "Server: %s\r\n", server)
		}
		_, _ = fmt.Fprintf(buf, "Content-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", contentType, len(body), body)
		_ = buf.Flush()
	}))
	t.Cleanup(ts.Close)
	cfg := withToken(ts.URL)
	cfg.HTTPClient = ts.Client()
	return cfg
}

func withToken(endpoint string) provider.Config {
	return provider.Config{Endpoint: endpoint, Token: proxmoxsim.TokenID + "=" + proxmoxsim.TokenSecret}
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
	return "https://" + addr
}
