package beszel_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/providertest"
)

const (
	healthPath = "/api/health"
	signInPath = "/api/collections/users/auth-with-password"

	pbHealth   = `{"message":"API is healthy.","code":200,"data":{}}`
	htmlPage   = "<!DOCTYPE html><html><body><h1>It works!</h1></body></html>"
	proxyLogin = "<html><body><h1>401 Authorization Required</h1></body></html>"
)

// answer is one canned answer of a server on loopback.
type answer struct {
	status      int
	contentType string
	body        string
}

// answering serves routes by path; any other path gets notFound.
func answering(t *testing.T, routes map[string]answer, notFound answer) provider.Config {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := routes[r.URL.Path]
		if !ok {
			a = notFound
		}
		w.Header().Set("Content-Type", a.contentType)
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	}))
	t.Cleanup(ts.Close)
	return provider.Config{Endpoint: ts.URL, Username: beszelsim.Email, Password: "secret"}
}

func pbJSON(status int, body string) answer { return answer{status, "application/json", body} }
func html(status int, body string) answer   { return answer{status, "text/html", body} }

// Check tells whether the endpoint answered as a Beszel hub (PocketBase's
// health and error format, a sign-in that issued a token): only then is a
// refused sign-in the hub's word.
func TestCheckRecognizesHub(t *testing.T) {
	pbNotFound := pbJSON(http.StatusNotFound, `{"data":{},"message":"The requested resource wasn't found.","status":404}`)
	tests := []providertest.CheckCase{
		{Name: "signed in", Config: func(t *testing.T) provider.Config {
			s, _ := newSim(t, 3, 1)
			return s.Config()
		}, Recognized: true, Authenticated: true},
		{Name: "wrong password", Config: func(t *testing.T) provider.Config {
			s, _ := newSim(t, 3, 1)
			cfg := s.Config()
			cfg.Password = "wrong"
			return cfg
		}, Recognized: true, Authenticated: false},
		{Name: "user asked for a second factor", Config: func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, pbHealth),
				signInPath: pbJSON(http.StatusUnauthorized, `{"mfaId":"p4b8x2k6m0q3r7t"}`),
			}, pbNotFound)
		}, Recognized: true, Authenticated: false},
		{Name: "user not verified", Config: func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, pbHealth),
				signInPath: pbJSON(http.StatusForbidden, `{"data":{},"message":"Please verify your account first.","status":403}`),
			}, pbNotFound)
		}, Recognized: true, Authenticated: false},
		{Name: "sign-in refused in PocketBase's format before 0.23, health worded otherwise", Config: func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, `{"code":200,"message":"API is up.","data":{}}`),
				signInPath: pbJSON(http.StatusBadRequest, `{"code":400,"message":"Failed to authenticate.","data":{}}`),
			}, pbNotFound)
		}, Recognized: true, Authenticated: false},
		{Name: "a proxy's login in front of a healthy hub", Config: func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{healthPath: pbJSON(http.StatusOK, pbHealth)}, html(http.StatusUnauthorized, proxyLogin))
		}, Recognized: true, Authenticated: false},
		{Name: "nothing listening", Config: func(t *testing.T) provider.Config {
			s, _ := newSim(t, 1, 0)
			cfg := s.Config()
			cfg.Endpoint = closedEndpoint(t)
			return cfg
		}, Recognized: false, Authenticated: false},
		{Name: "a web page instead of the hub", Config: func(t *testing.T) provider.Config {
			s, _ := newSim(t, 3, 1)
			s.SetGarbage(true)
			return s.Config()
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's login (401)", Config: func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusUnauthorized, proxyLogin))
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's refusal (403)", Config: func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusForbidden, "<html><body>Forbidden</body></html>"))
		}, Recognized: false, Authenticated: false},
		{Name: "a web server's 404", Config: func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusNotFound, "<html><body>Not Found</body></html>"))
		}, Recognized: false, Authenticated: false},
		{Name: "a proxy whose upstream is down (502)", Config: func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusBadGateway, "<html><body>Bad Gateway</body></html>"))
		}, Recognized: false, Authenticated: false},
		{Name: "another JSON API", Config: func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, `{"code":200,"message":"ok"}`),
				signInPath: pbJSON(http.StatusBadRequest, `{"message":"invalid request"}`),
			}, pbJSON(http.StatusNotFound, `{"message":"not found"}`))
		}, Recognized: false, Authenticated: false},
		{Name: "another JSON API asking for a login", Config: func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, `{"code":200,"message":"ok"}`),
			}, pbJSON(http.StatusUnauthorized, `{"status":"error","message":"unauthorized"}`))
		}, Recognized: false, Authenticated: false},
	}
	providertest.Checks(t, tests, func(t *testing.T, cfg provider.Config) provider.Provider { return newProvider(t, cfg) })
}

// closedEndpoint is an address on loopback nothing listens on.
func closedEndpoint(t *testing.T) string { return "http://" + providertest.ClosedAddress(t) }
