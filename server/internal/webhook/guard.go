package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Addresses a webhook may never reach: link-local (and with it the cloud
// metadata service), metadata addresses elsewhere, and what is no host.
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

// Addresses a webhook reaches only where private targets are allowed:
// loopback, private networks (RFC 1918, unique local), shared address
// space and the benchmarking range.
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

// ErrRefusedTarget is why an attempt did not connect: the address is one
// webhooks may not reach.
var ErrRefusedTarget = errors.New("refused target")

// refused says why a webhook may not reach ip, or "".
func refused(ip netip.Addr, allowPrivate bool) string {
	ip = ip.Unmap()
	for _, p := range neverPrefixes {
		if p.Contains(ip) {
			return fmt.Sprintf("%s is a link-local, metadata or reserved address, which webhooks never reach", ip)
		}
	}
	if allowPrivate {
		return ""
	}
	for _, p := range privatePrefixes {
		if p.Contains(ip) {
			return fmt.Sprintf("%s is a loopback or private address; webhooks reach it only where the server allows private targets", ip)
		}
	}
	return ""
}

// isPrivate reports whether ip is loopback or private.
func isPrivate(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range privatePrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// checkURL checks an endpoint's URL when it is set: https, or plain http
// to a private address where allowed; and none of the addresses its host
// resolves to refused. A name that does not resolve now is accepted: it
// is resolved again, and checked, at every attempt.
func (s *Service) checkURL(ctx context.Context, field, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return apierr.Invalid(field, "url.format", "%q is not an https URL", raw)
	}
	if u.User != nil {
		return apierr.Invalid(field, "url.userinfo", "the URL may not carry a user name or password; the signature authenticates Leitstand")
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		addrs = []netip.Addr{netip.MustParseAddr("127.0.0.1")}
	} else if found, err := s.resolver.LookupNetIP(ctx, "ip", host); err == nil {
		addrs = found
	}
	for _, ip := range addrs {
		if why := refused(ip, s.allowPrivate); why != "" {
			return apierr.Invalid(field, "url.target", "%s", why)
		}
	}
	if u.Scheme == "http" {
		private := len(addrs) > 0
		for _, ip := range addrs {
			private = private && isPrivate(ip)
		}
		if !s.allowPrivate || !private {
			return apierr.Invalid(field, "url.scheme", "webhooks are sent over https; plain http only to a loopback or private address where the server allows private targets")
		}
	}
	return nil
}

// newClient is the client deliveries are posted with: it connects only to
// addresses refused allows, checked after name resolution at every
// connection (a name that comes to point at a private address is
// refused), follows no redirect and uses no proxy.
func (s *Service) newClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.MaxIdleConnsPerHost = 2
	dialer := &net.Dialer{Timeout: Timeout}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		var addrs []netip.Addr
		if ip, err := netip.ParseAddr(host); err == nil {
			addrs = []netip.Addr{ip}
		} else if addrs, err = s.resolver.LookupNetIP(ctx, "ip", host); err != nil {
			return nil, err
		}
		for _, ip := range addrs {
			if why := refused(ip, s.allowPrivate); why != "" {
				return nil, fmt.Errorf("%w: %s", ErrRefusedTarget, why)
			}
		}
		if len(addrs) == 0 {
			return nil, fmt.Errorf("%s has no address", host)
		}
		return dialer.DialContext(ctx, network, net.JoinHostPort(addrs[0].Unmap().String(), port))
	}
	return &http.Client{
		Transport:     t,
		Timeout:       Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
