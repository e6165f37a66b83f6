// Package infra is the platform's infrastructure: provider connections and
// the servers they report on, the sync that pulls their status, metrics and
// containers, health against thresholds, and container control.
package infra

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
)

// Dialer returns the Provider for a connection's settings.
type Dialer func(kind provider.Kind, cfg provider.Config) (provider.Provider, error)

// Options tune the service.
type Options struct {
	// Dial reaches providers; nil means Dial (the real client libraries).
	Dial Dialer
	// SyncConcurrency bounds how many connections sync at once (default 8).
	SyncConcurrency int
	// SyncTimeout bounds one connection's snapshot (default 45 s), so one
	// slow provider cannot hold the tick past its minute.
	SyncTimeout time.Duration
	// CallTimeout bounds each request to a provider (default 20 s).
	CallTimeout time.Duration
	// AllowLinkLocal lets connections reach link-local and cloud metadata
	// addresses, which are refused by default (provider.RefusedDestination).
	AllowLinkLocal bool
	// Retention is how long metrics are kept (default 30 days).
	Retention time.Duration
}

// Service is the infrastructure domain.
type Service struct {
	client  *ent.Client
	dialect string
	audit   *audit.Writer
	clock   clock.Clock
	box     *secrets.Box
	logger  *slog.Logger
	opts    Options
	prom    *promMetrics

	// applyMu serialises writing connections' snapshots: their reads run
	// concurrently, but two connections reporting on one server must not
	// each write back what they read before the other wrote.
	applyMu sync.Mutex

	// followers run after every sync tick (AfterSync).
	followers []func(context.Context) error

	// providers keeps each connection's Provider between ticks (keyed by
	// id and last change), so adapters can turn counters into rates.
	mu        sync.Mutex
	providers map[uuid.UUID]cachedProvider
}

type cachedProvider struct {
	changed time.Time
	p       provider.Provider
}

// NewService returns the infrastructure domain.
func NewService(client *ent.Client, dialect string, aw *audit.Writer, clk clock.Clock, box *secrets.Box, logger *slog.Logger, opts Options) *Service {
	if opts.Dial == nil {
		opts.Dial = Dial
	}
	if opts.SyncConcurrency <= 0 {
		opts.SyncConcurrency = 8
	}
	if opts.SyncTimeout <= 0 {
		opts.SyncTimeout = 45 * time.Second
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = provider.DefaultTimeout
	}
	if opts.Retention <= 0 {
		opts.Retention = 30 * 24 * time.Hour
	}
	return &Service{client: client, dialect: dialect, audit: aw, clock: clk, box: box, logger: logger, opts: opts,
		prom: newPromMetrics(), providers: map[uuid.UUID]cachedProvider{}}
}

// Retention is how long metrics are kept.
func (s *Service) Retention() time.Duration { return s.opts.Retention }

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// providerFor returns the connection's Provider, reusing the one of the last
// tick while the connection is unchanged.
func (s *Service) providerFor(c *ent.Connection) (provider.Provider, error) {
	s.mu.Lock()
	cp, ok := s.providers[c.ID]
	s.mu.Unlock()
	if ok && cp.changed.Equal(c.UpdateTime) {
		return cp.p, nil
	}
	cfg, err := s.config(c)
	if err != nil {
		return nil, err
	}
	p, err := s.opts.Dial(provider.Kind(c.Kind), cfg)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.providers[c.ID] = cachedProvider{changed: c.UpdateTime, p: p}
	s.mu.Unlock()
	return p, nil
}

func (s *Service) forget(id uuid.UUID) {
	s.mu.Lock()
	delete(s.providers, id)
	s.mu.Unlock()
}
