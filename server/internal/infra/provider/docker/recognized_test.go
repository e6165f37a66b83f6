package docker_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
)

// Check tells whether the endpoint answered as a Docker Engine (an API
// version on /_ping): only then is a refusal the engine's word. A TLS
// handshake that fails, a refused connection or another server's answer
// stays unrecognized.
func TestCheckRecognizesEngine(t *testing.T) {
	tests := []struct {
		name       string
		config     func(t *testing.T) provider.Config
		recognized bool
		authed     bool
	}{
		{"an engine", func(t *testing.T) provider.Config {
			sim, _ := newSim(t, 2)
			return sim.Config()
		}, true, true},
		{"an engine over TLS with a client certificate", func(t *testing.T) provider.Config {
			return newTLSVerify(t, 7).Config()
		}, true, true},
		{"an engine's authorization plugin refusing", func(t *testing.T) provider.Config {
			sim, _ := newSim(t, 2)
			sim.SetAuthzDenied(true)
			return sim.Config()
		}, true, true},
		{"an engine refusing /_ping too", func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, map[string]string{"Api-Version": "1.51", "Content-Type": "application/json"},
				`{"message":"authorization denied by plugin opa-docker-authz: request rejected by administrative policy"}`)
		}, true, true},
		{"a --tlsverify daemon without a client certificate", func(t *testing.T) provider.Config {
			cfg := newTLSVerify(t, 8).Config()
			cfg.TLSCert, cfg.TLSKey = "", ""
			return cfg
		}, false, false},
		{"a certificate from another CA", func(t *testing.T) provider.Config {
			cfg := newTLSVerify(t, 9).Config()
			cfg.TLSCA = newTLSVerify(t, 10).TLSFiles().CA
			return cfg
		}, false, false},
		{"plain HTTP to a TLS port", func(t *testing.T) provider.Config {
			sim := dockersim.NewTLS(provider.SimOptions{ContainersPerMachine: 2, Seed: 11})
			t.Cleanup(sim.Close)
			cfg := sim.Config()
			cfg.Endpoint = strings.Replace(cfg.Endpoint, "https://", "tcp://", 1)
			return cfg
		}, false, false},
		{"nothing listening", func(t *testing.T) provider.Config {
			return provider.Config{Endpoint: closedEndpoint(t)}
		}, false, false},
		{"a web page instead of the engine", func(t *testing.T) provider.Config {
			sim, _ := newSim(t, 2)
			sim.SetGarbage(true)
			return sim.Config()
		}, false, false},
		{"a web server's login (401)", func(t *testing.T) provider.Config {
			return answering(t, http.StatusUnauthorized, map[string]string{"Content-Type": "text/html", "WWW-Authenticate": `Basic realm="docker"`},
				"<html><body><h1>401 Authorization Required</h1></body></html>")
		}, false, false},
		{"a web server's refusal (403)", func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>403 Forbidden</h1></body></html>")
		}, false, false},
		{"a web server's 404", func(t *testing.T) provider.Config {
			return answering(t, http.StatusNotFound, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>404 Not Found</h1></body></html>")
		}, false, false},
		{"a proxy whose upstream is down (502)", func(t *testing.T) provider.Config {
			return answering(t, http.StatusBadGateway, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, false, false},
		{"another server's OK", func(t *testing.T) provider.Config {
			return answering(t, http.StatusOK, map[string]string{"Content-Type": "text/plain"}, "OK")
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

// answering is a server on plain HTTP that answers every request alike.
func answering(t *testing.T, status int, header map[string]string, body string) provider.Config {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return provider.Config{Endpoint: strings.Replace(ts.URL, "http://", "tcp://", 1)}
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
	return "tcp://" + addr
}
