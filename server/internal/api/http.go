package api

import (
	"context"
	"net/http"
	"slices"
	"strings"

	connectcors "connectrpc.com/cors"
	"connectrpc.com/grpchealth"

	"github.com/leitstand/leitstand/server/internal/platform/db"
)

// crossOriginProtection refuses state-changing browser requests from other
// sites (CSRF), using Sec-Fetch-Site and Origin; configured SPA origins are
// trusted. Tools that send neither header (gRPC, curl) are unaffected, and
// the SameSite=Strict cookie is a second line of defence.
func crossOriginProtection(origins []string, next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	for _, o := range origins {
		_ = p.AddTrustedOrigin(o)
	}
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"code":"permission_denied","message":"cross-site requests that change state are refused"}`))
	}))
	return p.Handler(next)
}

// withCORS lets the configured SPA origins call the API with credentials.
func withCORS(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	methods := strings.Join(connectcors.AllowedMethods(), ", ")
	headers := strings.Join(append(connectcors.AllowedHeaders(), "Authorization"), ", ")
	exposed := strings.Join(append(connectcors.ExposedHeaders(), "X-Request-Id"), ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !slices.Contains(origins, origin) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Access-Control-Expose-Headers", exposed)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", methods)
			h.Set("Access-Control-Allow-Headers", headers)
			h.Set("Access-Control-Max-Age", "7200")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// healthChecker answers gRPC health checks: serving while the database
// answers.
type healthChecker struct {
	db       *db.DB
	services []string
}

func newHealthChecker(d *db.DB, services []string) *healthChecker {
	return &healthChecker{db: d, services: services}
}

func (c *healthChecker) Check(ctx context.Context, req *grpchealth.CheckRequest) (*grpchealth.CheckResponse, error) {
	if req.Service != "" && !slices.Contains(c.services, req.Service) {
		return &grpchealth.CheckResponse{Status: grpchealth.StatusUnknown}, nil
	}
	if err := c.db.Ping(ctx); err != nil {
		return &grpchealth.CheckResponse{Status: grpchealth.StatusNotServing}, nil
	}
	return &grpchealth.CheckResponse{Status: grpchealth.StatusServing}, nil
}
