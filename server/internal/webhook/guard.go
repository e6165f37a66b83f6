package webhook

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/netguard"
)

// what the guard's refusals call webhooks.
const what = "webhooks"

// ErrRefusedTarget is why an attempt did not connect: the address is one
// webhooks may not reach.
var ErrRefusedTarget = netguard.ErrRefused

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
		if why := netguard.Refused(ip, s.allowPrivate, what); why != "" {
			return apierr.Invalid(field, "url.target", "%s", why)
		}
	}
	if u.Scheme == "http" {
		private := len(addrs) > 0
		for _, ip := range addrs {
			private = private && netguard.IsPrivate(ip)
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
	t.DialContext = netguard.DialContext(netguard.ResolverFunc(func(ctx context.Context, network, host string) ([]netip.Addr, error) {
		// Asked at every connection: tests put a resolver of their own in.
		return s.resolver.LookupNetIP(ctx, network, host)
	}), func() bool { return s.allowPrivate }, what, Timeout)
	return &http.Client{
		Transport:     t,
		Timeout:       Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
