// Package module is the shape of a domain area as the application sees it:
// the Connect services it serves, the jobs it schedules, the metrics it
// exports, its step of the demo data, the id prefixes it owns and what the
// global search finds of it, declared
// in one place (api/<area>/module.go). The application
// mounts, schedules and registers what the list of modules declares, and the
// tests that walk every procedure walk the same list, so an area is added
// by writing its module and naming it once (app.modules), and an area whose
// service is not mounted fails a test rather than going missing quietly.
package module

import (
	"context"
	"fmt"
	"net/http"

	"connectrpc.com/connect"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is what one area brings.
type Module struct {
	// Name names the area, e.g. "infrastructure".
	Name string
	// Services are the Connect services it serves.
	Services []Service
	// Jobs are its scheduled jobs; each calls one domain method.
	Jobs []jobs.Job
	// Collectors are its Prometheus metrics.
	Collectors []prometheus.Collector
	// Enums are the tables that convert its enums between the contract
	// and the domain; a test checks every value converts both ways.
	Enums []protoenum.Table
	// Demo adds the area's part of the demo data to an empty database; the
	// steps run in the order of the module list, as the server itself. Nil
	// when the area has none.
	Demo func(ctx context.Context) error
	// Prefixes are the TypeID prefixes of the objects the area names in
	// the API (org_…, srv_…); each prefix is owned by one area.
	Prefixes []ids.Prefix
	// Search are the kinds of object the global search finds in the area,
	// each with the permission that reads it and the function that finds
	// it (a domain call).
	Search []search.Searcher
	// Names name the area's objects, kind by kind, where the audit trail
	// shows the objects its events are about.
	Names []audit.Namer
	// Files are the kinds of stored file the area's rows refer to: the
	// storage cleanup keeps those and removes the rest, and the public
	// ones are served at /files/<prefix>/<name>.
	Files []blob.Owner
	// Routes are plain HTTP endpoints beside the Connect services (files,
	// downloads), behind the same middleware.
	Routes []Route
}

// Route is an HTTP endpoint: a ServeMux pattern and its handler.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Service is one Connect service of an area.
type Service struct {
	// Name is the service's fully-qualified name, for reflection and health.
	Name string
	// Mount returns the path the service is served under and its handler,
	// built with the options every service shares (interceptors, codecs,
	// limits): the adminv1connect.NewXServiceHandler of the service.
	Mount func(opts ...connect.HandlerOption) (string, http.Handler)
}

// Serve is the service named name that newHandler (the service's
// adminv1connect.NewXServiceHandler) mounts with handler h.
func Serve[H any](name string, newHandler func(H, ...connect.HandlerOption) (string, http.Handler), h H) Service {
	return Service{Name: name, Mount: func(opts ...connect.HandlerOption) (string, http.Handler) { return newHandler(h, opts...) }}
}

// ServiceNames lists the services of ms, in order.
func ServiceNames(ms []Module) []string {
	var out []string
	for _, m := range ms {
		for _, s := range m.Services {
			out = append(out, s.Name)
		}
	}
	return out
}

// Register registers the metrics every module of ms declares with reg: the
// one way metrics reach /metrics.
func Register(reg prometheus.Registerer, ms ...Module) {
	for _, m := range ms {
		reg.MustRegister(m.Collectors...)
	}
}

// Jobs lists the jobs of ms, in order.
func Jobs(ms []Module) []jobs.Job {
	var out []jobs.Job
	for _, m := range ms {
		out = append(out, m.Jobs...)
	}
	return out
}

// Searchers lists the searchers of ms, in order.
func Searchers(ms []Module) []search.Searcher {
	var out []search.Searcher
	for _, m := range ms {
		out = append(out, m.Search...)
	}
	return out
}

// Namers lists the namers of ms, in order.
func Namers(ms []Module) []audit.Namer {
	var out []audit.Namer
	for _, m := range ms {
		out = append(out, m.Names...)
	}
	return out
}

// Files lists the kinds of stored file ms declare, in order.
func Files(ms []Module) []blob.Owner {
	var out []blob.Owner
	for _, m := range ms {
		out = append(out, m.Files...)
	}
	return out
}

// SeedDemo runs the demo step of each module of ms, in order.
func SeedDemo(ctx context.Context, ms []Module) error {
	// What a step changes is audited as the demo data.
	ctx = audit.WithAction(ctx, audit.ActionDemoSeed)
	for _, m := range ms {
		if m.Demo == nil {
			continue
		}
		if err := m.Demo(ctx); err != nil {
			return fmt.Errorf("demo data of %s: %w", m.Name, err)
		}
	}
	return nil
}
