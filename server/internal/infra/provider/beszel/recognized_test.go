package beszel_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
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
	tests := []struct {
		name       string
		config     func(t *testing.T) provider.Config
		recognized bool
		authed     bool
	}{
		{"signed in", func(t *testing.T) provider.Config {
			s, _ := newSim(t, 3, 1)
			return s.Config()
		}, true, true},
		{"wrong password", func(t *testing.T) provider.Config {
			s, _ := newSim(t, 3, 1)
			cfg := s.Config()
			cfg.Password = "wrong"
			return cfg
		}, true, false},
		{"user asked for a second factor", func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, pbHealth),
				signInPath: pbJSON(http.StatusUnauthorized, `{"mfaId":"p4b8x2k6m0q3r7t"}`),
			}, pbNotFound)
		}, true, false},
		{"user not verified", func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, pbHealth),
				signInPath: pbJSON(http.StatusForbidden, `{"data":{},"message":"Please verify your account first.","status":403}`),
			}, pbNotFound)
		}, true, false},
		{"sign-in refused in PocketBase's format before 0.23, health worded otherwise", func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, `{"code":200,"message":"API is up.","data":{}}`),
				signInPath: pbJSON(http.StatusBadRequest, `{"code":400,"message":"Failed to authenticate.","data":{}}`),
			}, pbNotFound)
		}, true, false},
		{"a proxy's login in front of a healthy hub", func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{healthPath: pbJSON(http.StatusOK, pbHealth)}, html(http.StatusUnauthorized, proxyLogin))
		}, true, false},
		{"nothing listening", func(t *testing.T) provider.Config {
			s, _ := newSim(t, 1, 0)
			cfg := s.Config()
			cfg.Endpoint = closedEndpoint(t)
			return cfg
		}, false, false},
		{"a web page instead of the hub", func(t *testing.T) provider.Config {
			s, _ := newSim(t, 3, 1)
			s.SetGarbage(true)
			return s.Config()
		}, false, false},
		{"a web server's login (401)", func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusUnauthorized, proxyLogin))
		}, false, false},
		{"a web server's refusal (403)", func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusForbidden, "<html><body>Forbidden</body></html>"))
		}, false, false},
		{"a web server's 404", func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusNotFound, "<html><body>Not Found</body></html>"))
		}, false, false},
		{"a proxy whose upstream is down (502)", func(t *testing.T) provider.Config {
			return answering(t, nil, html(http.StatusBadGateway, "<html><body>Bad Gateway</body></html>"))
		}, false, false},
		{"another JSON API", func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, `{"code":200,"message":"ok"}`),
				signInPath: pbJSON(http.StatusBadRequest, `{"message":"invalid request"}`),
			}, pbJSON(http.StatusNotFound, `{"message":"not found"}`))
		}, false, false},
		{"another JSON API asking for a login", func(t *testing.T) provider.Config {
			return answering(t, map[string]answer{
				healthPath: pbJSON(http.StatusOK, `{"code":200,"message":"ok"}`),
			}, pbJSON(http.StatusUnauthorized, `{"status":"error","message":"unauthorized"}`))
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
