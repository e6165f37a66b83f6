// Package providertest holds what the tests of every provider adapter
// share: making a provider and its snapshot, and the table of endpoints a
// Check must recognize or not.
package providertest

import (
	"net"
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// New returns the provider that newFn (the adapter's New) makes of cfg.
func New[P any](t testing.TB, newFn func(provider.Config) (P, error), cfg provider.Config) P {
	t.Helper()
	p, err := newFn(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

// Snapshot returns what p reports now.
func Snapshot(t testing.TB, p provider.Provider) *provider.Snapshot {
	t.Helper()
	s, err := p.Snapshot(t.Context())
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return s
}

// CheckCase is an endpoint and what a Check of it must find.
type CheckCase struct {
	Name string
	// Config points at the endpoint, started for the test.
	Config        func(t *testing.T) provider.Config
	Recognized    bool
	Authenticated bool
}

// Checks runs a Check of every case's endpoint with the provider that
// connect makes, in parallel. An endpoint must be recognized as the
// provider before it can be said to have authenticated.
func Checks(t *testing.T, cases []CheckCase, connect func(t *testing.T, cfg provider.Config) provider.Provider) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			c := connect(t, tt.Config(t)).Check(t.Context())
			if c.Recognized != tt.Recognized || c.Authenticated != tt.Authenticated {
				t.Errorf("Check = %+v, want Recognized %v, Authenticated %v", c, tt.Recognized, tt.Authenticated)
			}
			if c.Authenticated && !c.Recognized {
				t.Errorf("Check = %+v: authenticated by an endpoint it did not recognize", c)
			}
		})
	}
}

// ClosedAddress is an address on loopback nothing listens on, host:port.
func ClosedAddress(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}
