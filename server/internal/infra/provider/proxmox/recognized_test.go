package proxmox_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
)

// Check tells whether the endpoint answered as Proxmox VE: only then is a
// refused token Proxmox's word. Anything else that answers, or nothing at
// all, stays unrecognized, whatever it answered.
func TestCheckRecognizesProxmox(t *testing.T) {
	tests := []providertest.CheckCase{
		{Name: "token accepted", Config: func(t *testing.T) provider.Config {
			return newSim(t, provider.SimOptions{Seed: 21}).Config()
		}, Recognized: true, Authenticated: true},
		{Name: "token rejected by pveproxy", Config: func(t *testing.T) provider.Config {
			cfg := newSim(t, provider.SimOptions{Seed: 22}).Config()
			cfg.Token = proxmoxsim.TokenID + "=00000000-0000-0000-0000-000000000000"
			return cfg
		}, Recognized: true, Authenticated: false},
		{Name: "token without privileges", Config: func(t *testing.T) provider.Config {
			sim := newSim(t, provider.SimOptions{Seed: 23})
			sim.SetTokenPrivileges(false)
			return sim.Config()
		}, Recognized: true, Authenticated: true},
		{Name: "pveproxy's refusal behind a proxy that replaces the Server header", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusUnauthorized, "invalid token value!", "nginx/1.24.0", "application/json;charset=UTF-8", `{"data":null}`)
		}, Recognized: true, Authenticated: false},
		{Name: "pveproxy's missing privilege behind a proxy", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusForbidden, "Permission check failed (/, Sys.Audit)", "nginx/1.24.0", "application/json;charset=UTF-8", `{"data":null}`)
		}, Recognized: true, Authenticated: true},
		{Name: "nothing listening", Config: func(t *testing.T) provider.Config {
			return withToken(closedEndpoint(t))
		}, Recognized: false, Authenticated: false},
		{Name: "a certificate Leitstand does not trust", Config: func(t *testing.T) provider.Config {
			cfg := newSim(t, provider.SimOptions{Seed: 24}).Config()
			cfg.HTTPClient = nil
			return cfg
		}, Recognized: false, Authenticated: false},
		{Name: "a web page instead of the API", Config: func(t *testing.T) provider.Config {
			sim := newSim(t, provider.SimOptions{Seed: 25})
			sim.SetGarbage(true)
			return sim.Config()
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's login (401)", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusUnauthorized, "Unauthorized", "nginx/1.24.0", "text/html", "<html><body><h1>401 Authorization Required</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's refusal (403)", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusForbidden, "Forbidden", "nginx/1.24.0", "text/html", "<html><body><h1>403 Forbidden</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's 404", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusNotFound, "Not Found", "nginx/1.24.0", "text/html", "<html><body><h1>404 Not Found</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's 501", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusNotImplemented, "Not Implemented", "Apache", "text/html", "<html><body>Not Implemented</body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a proxy whose upstream is down (502)", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusBadGateway, "Bad Gateway", "nginx/1.24.0", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "JSON without a version", Config: func(t *testing.T) provider.Config {
			return rawServer(t, http.StatusOK, "OK", "", "application/json", `{"data":{}}`)
		}, Recognized: false, Authenticated: false},
	}
	providertest.Checks(t, tests, func(t *testing.T, cfg provider.Config) provider.Provider { return connect(t, cfg) })
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
func closedEndpoint(t *testing.T) string { return "https://" + providertest.ClosedAddress(t) }
