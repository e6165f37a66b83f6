// Package app wires Leitstand together: database, domain services and the
// HTTP surface. The binary and the end-to-end API tests build it the same way.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/leitstand/leitstand/server/internal/api"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// App is a wired Leitstand.
type App struct {
	DB       *db.DB
	Clock    clock.Clock
	Logger   *slog.Logger
	Audit    *audit.Writer
	Identity *identity.Service
	Orgs     *organization.Service
	Members  *member.Service
}

// Options configure New.
type Options struct {
	Clock  clock.Clock
	Logger *slog.Logger
	Policy *identity.Policy
}

// New migrates the database and builds the services on it.
func New(ctx context.Context, d *db.DB, o Options) (*App, error) {
	if o.Clock == nil {
		o.Clock = clock.System()
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	policy := identity.DefaultPolicy
	if o.Policy != nil {
		policy = *o.Policy
	}
	if err := d.Migrate(ctx); err != nil {
		return nil, err
	}
	tenancy.Register(d.Client)
	if _, err := tenancy.EnsureLicensee(ctx, d.Client, o.Clock); err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	aw := audit.NewWriter(d.Client, o.Clock, o.Logger)
	return &App{
		DB: d, Clock: o.Clock, Logger: o.Logger, Audit: aw,
		Identity: identity.NewService(d.Client, d.Dialect, d.SQL, aw, o.Clock, policy, o.Logger),
		Orgs:     organization.NewService(d.Client, aw, o.Clock),
		Members:  member.NewService(d.Client, aw, o.Clock, policy.Argon2),
	}, nil
}

// HTTPOptions are the parts of the HTTP surface that vary by deployment.
type HTTPOptions struct {
	AllowedOrigins []string
	TrustProxy     bool
	SPA            http.Handler
}

// Handler returns the HTTP surface.
func (a *App) Handler(o HTTPOptions) http.Handler {
	return api.NewHandler(api.Options{
		DB: a.DB, Logger: a.Logger, Audit: a.Audit, Identity: a.Identity, Orgs: a.Orgs, Members: a.Members,
		AllowedOrigins: o.AllowedOrigins, TrustProxy: o.TrustProxy, SPA: o.SPA,
	})
}
