// Package api assembles the HTTP surface of Leitstand: every Connect service
// (Connect, gRPC and gRPC-Web on one handler), reflection, health, metrics
// and the SPA, behind the middleware every request passes through.
package api

import (
	"cmp"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"connectrpc.com/connect"
	"connectrpc.com/grpchealth"
	"connectrpc.com/grpcreflect"
	"connectrpc.com/validate"
	"github.com/klauspost/compress/gzip"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/leitstand/leitstand/server/internal/api/export"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/admission"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// Options are what the HTTP surface is built from.
type Options struct {
	DB       *db.DB
	Logger   *slog.Logger
	Audit    *audit.Writer
	Identity *identity.Service
	// Modules are the areas whose services are mounted, in order.
	Modules []module.Module
	// AllowedOrigins may call the API from a browser on another origin (an
	// SPA hosted elsewhere), with credentials.
	AllowedOrigins []string
	// TrustProxy makes X-Forwarded-For and X-Forwarded-Proto count.
	TrustProxy bool
	// ProxyHops is how many proxies append to X-Forwarded-For (default 1).
	ProxyHops int
	// BodyTimeout bounds how long a request's body may take to arrive
	// (default BodyTimeout).
	BodyTimeout time.Duration
	// SPA serves everything that is not the API; nil answers 404.
	SPA http.Handler
	// Draining, when set, makes /readyz answer 503: the process is
	// stopping and takes no new work.
	Draining *atomic.Bool
	// Metrics observe every call (declared by Module); nil counts calls
	// nowhere.
	Metrics *Metrics
	// Registry is what /metrics serves; nil serves nothing.
	Registry *prometheus.Registry
	// Reads admits the reads (see limitReads); nil: a gate of
	// admission.ReadsPerCPU per CPU.
	Reads *admission.Gate
}

// NewHandler returns the whole HTTP surface.
func NewHandler(o Options) http.Handler {
	reg := o.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	metrics := o.Metrics
	if metrics == nil {
		metrics = NewMetrics()
	}
	// One request path: metrics and error mapping wrap everything; the
	// procedure is noted for the audit trail; protovalidate checks the
	// request; then the declared permission is enforced.
	// Access is checked before validation, so a caller who may not call a
	// procedure learns nothing about its fields; the gate below refuses
	// most such callers before their body is even read.
	access := authz.NewInterceptor(o.Audit)
	opts := connect.WithHandlerOptions(
		connect.WithInterceptors(
			metrics,
			authz.Probes(o.Audit),
			errorInterceptor{logger: o.Logger},
			procedureInterceptor{},
			access,
			validate.NewInterceptor(),
			nulInterceptor{},
		),
		connect.WithCodec(jsonCodec{name: "json"}),
		connect.WithCodec(jsonCodec{name: "json; charset=utf-8"}),
		connect.WithReadMaxBytes(MaxMessageBytes),
		// Small answers cost more CPU to compress than they save on the wire;
		// larger ones (list pages) are compressed at gzip's fastest level,
		// which keeps most of the saving for a fraction of the CPU. The
		// klauspost implementation writes the same format as compress/gzip
		// at about a third of its CPU per byte.
		connect.WithCompressMinBytes(1024),
		connect.WithCompression("gzip",
			func() connect.Decompressor { return &gzip.Reader{} },
			func() connect.Compressor {
				w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
				return w
			}),
	)
	mux := http.NewServeMux()
	for _, m := range o.Modules {
		for _, svc := range m.Services {
			mux.Handle(svc.Mount(opts))
		}
		for _, r := range m.Routes {
			mux.Handle(r.Pattern, r.Handler)
		}
	}
	services := module.ServiceNames(o.Modules)
	// Every List RPC as a CSV download, through the services' own handlers
	// and interceptors (mux is complete by the time a request arrives).
	mux.Handle(export.Prefix, export.New(mux, services, o.Logger, time.Now))
	reflector := grpcreflect.NewStaticReflector(services...)
	mux.Handle(grpcreflect.NewHandlerV1(reflector))
	mux.Handle(grpcreflect.NewHandlerV1Alpha(reflector))
	mux.Handle(grpchealth.NewHandler(newHealthChecker(o.DB, services)))

	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if o.Draining != nil && o.Draining.Load() {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		if err := o.DB.Ping(r.Context()); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	if o.SPA != nil {
		mux.Handle("/", o.SPA)
	}

	reads := o.Reads
	if reads == nil {
		reads = admission.ForCPUs(0)
	}
	readProcs := readProcedures(services)
	var h http.Handler = mux
	h = access.Gate(h)
	h = writesFirst(reads, readProcs, h)
	h = auth.Middleware(o.Identity, o.Logger, h)
	h = limitReads(reads, readProcs, h)
	h = limitBodies(cmp.Or(o.BodyTimeout, BodyTimeout), h)
	h = securityHeaders(h)
	h = crossOriginProtection(o.AllowedOrigins, h)
	h = withCORS(o.AllowedOrigins, h)
	h = reqctx.Middleware(reqctx.Proxies{Trust: o.TrustProxy, Hops: o.ProxyHops}, h)
	return h
}
