// Package ratelimit bounds what anonymous callers may do in a window of
// time (certificate checks, sign-ups), counted per client network.
package ratelimit

import (
	"net/netip"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/clock"
)

// ClientKey is the part of a client address that identifies a client: the
// IPv4 address, or the IPv6 /64 (one subscriber's network, whose addresses
// the client picks freely).
func ClientKey(addr string) string {
	ap, err := netip.ParseAddrPort(addr)
	ip := ap.Addr()
	if err != nil {
		if ip, err = netip.ParseAddr(addr); err != nil {
			return addr
		}
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// Limiter allows n events a window per key, in memory: each replica counts
// its own, so n bounds a client per replica.
type Limiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	clock  clock.Clock
	start  time.Time
	counts map[string]int
}

// New returns a limiter of n events a window per key.
func New(n int, window time.Duration, clk clock.Clock) *Limiter {
	return &Limiter{n: n, window: window, clock: clk, counts: map[string]int{}}
}

// Allow counts an event of key and says whether it is within the limit.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if now.Sub(l.start) >= l.window || now.Before(l.start) {
		l.start, l.counts = now, map[string]int{}
	}
	l.counts[key]++
	return l.counts[key] <= l.n
}
