package docker_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
)

// Check tells whether the endpoint answered as a Docker Engine (an API
// version on /_ping): only then is a refusal the engine's word. A TLS
// handshake that fails, a refused connection or another server's answer
// stays unrecognized.
func TestCheckRecognizesEngine(t *testing.T) {
	tests := []providertest.CheckCase{
		{Name: "an engine", Config: func(t *testing.T) provider.Config {
			sim, _ := newSim(t, 2)
			return sim.Config()
		}, Recognized: true, Authenticated: true},
		{Name: "an engine over TLS with a client certificate", Config: func(t *testing.T) provider.Config {
			return newTLSVerify(t, 7).Config()
		}, Recognized: true, Authenticated: true},
		{Name: "an engine's authorization plugin refusing", Config: func(t *testing.T) provider.Config {
			sim, _ := newSim(t, 2)
			sim.SetAuthzDenied(true)
			return sim.Config()
		}, Recognized: true, Authenticated: true},
		{Name: "an engine refusing /_ping too", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, map[string]string{"Api-Version": "1.51", "Content-Type": "application/json"},
				`{"message":"authorization denied by plugin opa-docker-authz: request rejected by administrative policy"}`)
		}, Recognized: true, Authenticated: true},
		{Name: "a --tlsverify daemon without a client certificate", Config: func(t *testing.T) provider.Config {
			cfg := newTLSVerify(t, 8).Config()
			cfg.TLSCert, cfg.TLSKey = "", ""
			return cfg
		}, Recognized: false, Authenticated: false},
		{Name: "a certificate from another CA", Config: func(t *testing.T) provider.Config {
			cfg := newTLSVerify(t, 9).Config()
			cfg.TLSCA = newTLSVerify(t, 10).TLSFiles().CA
			return cfg
		}, Recognized: false, Authenticated: false},
		{Name: "plain HTTP to a TLS port", Config: func(t *testing.T) provider.Config {
			sim := dockersim.NewTLS(provider.SimOptions{ContainersPerMachine: 2, Seed: 11})
			t.Cleanup(sim.Close)
			cfg := sim.Config()
			cfg.Endpoint = strings.Replace(cfg.Endpoint, "https://", "tcp://", 1)
			return cfg
		}, Recognized: false, Authenticated: false},
		{Name: "nothing listening", Config: func(t *testing.T) provider.Config {
			return provider.Config{Endpoint: closedEndpoint(t)}
		}, Recognized: false, Authenticated: false},
		{Name: "a web page instead of the engine", Config: func(t *testing.T) provider.Config {
			sim, _ := newSim(t, 2)
			sim.SetGarbage(true)
			return sim.Config()
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's login (401)", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusUnauthorized, map[string]string{"Content-Type": "text/html", "WWW-Authenticate": `Basic realm="docker"`},
				"<html><body><h1>401 Authorization Required</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's refusal (403)", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>403 Forbidden</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's 404", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusNotFound, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>404 Not Found</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a proxy whose upstream is down (502)", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusBadGateway, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "another server's OK", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusOK, map[string]string{"Content-Type": "text/plain"}, "OK")
		}, Recognized: false, Authenticated: false},
	}
	providertest.Checks(t, tests, func(t *testing.T, cfg provider.Config) provider.Provider { return newProvider(t, cfg) })
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
func closedEndpoint(t *testing.T) string { return "tcp://" + providertest.ClosedAddress(t) }
