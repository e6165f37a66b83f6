package hetzner_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner/hetznersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
)

// Check tells whether the endpoint answered as the Hetzner Cloud API (a
// server list, or its error object with a code): only then is a refused
// token Hetzner's word. A bare error page could be any server's.
func TestCheckRecognizesHetzner(t *testing.T) {
	tests := []providertest.CheckCase{
		{Name: "token accepted", Config: func(t *testing.T) provider.Config {
			return newSim(t, 3).Config()
		}, Recognized: true, Authenticated: true},
		{Name: "token rejected by the API", Config: func(t *testing.T) provider.Config {
			cfg := newSim(t, 3).Config()
			cfg.Token = strings.Repeat("x", 64)
			return cfg
		}, Recognized: true, Authenticated: false},
		{Name: "rate limited by the API", Config: func(t *testing.T) provider.Config {
			sim := newSim(t, 3)
			sim.SetRateLimited(true)
			return sim.Config()
		}, Recognized: true, Authenticated: false},
		{Name: "the API failing (503)", Config: func(t *testing.T) provider.Config {
			sim := newSim(t, 3)
			sim.SetUnavailable(true)
			return sim.Config()
		}, Recognized: true, Authenticated: false},
		{Name: "the API without /v1", Config: func(t *testing.T) provider.Config {
			cfg := newSim(t, 3).Config()
			cfg.Endpoint = strings.TrimSuffix(cfg.Endpoint, "/v1")
			return cfg
		}, Recognized: true, Authenticated: false},
		{Name: "a refusal in the API's error object", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, "application/json", `{"error":{"code":"forbidden","message":"insufficient permissions","details":{}}}`)
		}, Recognized: true, Authenticated: true},
		{Name: "nothing listening", Config: func(t *testing.T) provider.Config {
			return provider.Config{Endpoint: closedEndpoint(t) + "/v1", Token: hetznersim.Token}
		}, Recognized: false, Authenticated: false},
		{Name: "a web page instead of the API", Config: func(t *testing.T) provider.Config {
			sim := newSim(t, 3)
			sim.SetGarbage(true)
			return sim.Config()
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's login (401)", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusUnauthorized, "text/html", "<html><body><h1>401 Authorization Required</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's refusal (403)", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusForbidden, "text/html", "<html><body><h1>403 Forbidden</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's 404", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusNotFound, "text/html", "<html><body><h1>404 Not Found</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "a proxy whose upstream is down (502)", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusBadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
		}, Recognized: false, Authenticated: false},
		{Name: "another API's error without a code", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusUnauthorized, "application/json", `{"error":{"message":"unauthorized"}}`)
		}, Recognized: false, Authenticated: false},
		{Name: "JSON without pagination", Config: func(t *testing.T) provider.Config {
			return answering(t, http.StatusOK, "application/json", `{"servers":[]}`)
		}, Recognized: false, Authenticated: false},
	}
	providertest.Checks(t, tests, func(t *testing.T, cfg provider.Config) provider.Provider { return newProvider(t, cfg) })
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
func closedEndpoint(t *testing.T) string { return "http://" + providertest.ClosedAddress(t) }
