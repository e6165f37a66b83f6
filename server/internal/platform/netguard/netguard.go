// Package netguard keeps the connections the platform makes on behalf of
// others (webhook deliveries, a reseller's mail server) away from the
// platform's own network: the cloud metadata service, link-local and
// reserved addresses always, loopback and private networks unless the
// server allows them. Addresses are checked after name resolution at every
// connection, and the checked address is the one dialled, so a name that
// comes to point inward is refused.
package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"
)

// Addresses never reached: link-local (and with it the cloud metadata
// service), metadata addresses elsewhere, and what is no host.
var neverPrefixes = []netip.Prefix{
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("fd00:ec2::254/128"),
	netip.MustParsePrefix("100.100.100.200/32"), // Alibaba Cloud metadata
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("224.0.0.0/4"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("ff00::/8"),
	netip.MustParsePrefix("::/128"),
}

// Addresses reached only where private targets are allowed: loopback,
// private networks (RFC 1918, unique local), shared address space and the
// benchmarking range.
var privatePrefixes = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("198.18.0.0/15"),
}

// ErrRefused is why a connection was not made: the address is one the
// guard does not reach.
var ErrRefused = errors.New("refused target")

// Refused says why what (webhooks, resellers' mail servers) may not reach
// ip, or "".
func Refused(ip netip.Addr, allowPrivate bool, what string) string {
	ip = ip.Unmap()
	for _, p := range neverPrefixes {
		if p.Contains(ip) {
			return fmt.Sprintf("%s is a link-local, metadata or reserved address, which %s never reach", ip, what)
		}
	}
	if allowPrivate {
		return ""
	}
	if IsPrivate(ip) {
		return fmt.Sprintf("%s is a loopback or private address; %s reach it only where the server allows private targets", ip, what)
	}
	return ""
}

// IsPrivate reports whether ip is loopback or private.
func IsPrivate(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range privatePrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Resolver looks names up (net.DefaultResolver; a fake in tests).
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// ResolverFunc is a function that is a Resolver.
type ResolverFunc func(ctx context.Context, network, host string) ([]netip.Addr, error)

// LookupNetIP implements Resolver.
func (f ResolverFunc) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	return f(ctx, network, host)
}

// DialContext returns a dial function that resolves the host, refuses it
// when any of its addresses is refused, and dials the first address;
// allowPrivate is asked at every connection.
func DialContext(r Resolver, allowPrivate func() bool, what string, timeout time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	dialer := &net.Dialer{Timeout: timeout}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		var addrs []netip.Addr
		if ip, err := netip.ParseAddr(host); err == nil {
			addrs = []netip.Addr{ip}
		} else if addrs, err = r.LookupNetIP(ctx, "ip", host); err != nil {
			return nil, err
		}
		for _, ip := range addrs {
			if why := Refused(ip, allowPrivate(), what); why != "" {
				return nil, fmt.Errorf("%w: %s", ErrRefused, why)
			}
		}
		if len(addrs) == 0 {
			return nil, fmt.Errorf("%s has no address", host)
		}
		return dialer.DialContext(ctx, network, net.JoinHostPort(addrs[0].Unmap().String(), port))
	}
}
