package provider

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// Where a connection may go. A connection is told an address by whoever
// edits it, and then carries stored credentials there every minute; some
// addresses reach what no provider lives at but secrets do: a cloud's
// instance metadata service (169.254.169.254, fd00:ec2::254) and the rest of
// the link-local ranges. Those are refused unless the operator allows them
// (LEITSTAND_CONNECTIONS_ALLOW_LINK_LOCAL). Loopback and private networks
// stay allowed: Proxmox hosts and Docker engines live there.
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("fd00:ec2::254/128"),
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("224.0.0.0/4"),
	netip.MustParsePrefix("ff00::/8"),
}

// RefusedDestination says why a connection may not reach ip, or "" if it
// may.
func RefusedDestination(ip netip.Addr, allowLinkLocal bool) string {
	ip = ip.Unmap()
	for i, p := range refusedPrefixes {
		if !p.Contains(ip) {
			continue
		}
		if i < 3 {
			if allowLinkLocal {
				return ""
			}
			return fmt.Sprintf("%s is a link-local or cloud metadata address; connections may not reach it unless LEITSTAND_CONNECTIONS_ALLOW_LINK_LOCAL is set", ip)
		}
		return fmt.Sprintf("%s is not an address a provider can have", ip)
	}
	return ""
}

// guardedDialer dials only addresses RefusedDestination allows. It checks
// the address actually dialled, after name resolution, so a name that
// resolves to a metadata address is refused too.
func guardedDialer(allowLinkLocal bool) *net.Dialer {
	return &net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if why := RefusedDestination(ap.Addr(), allowLinkLocal); why != "" {
				return &refusedError{why}
			}
			return nil
		},
	}
}

type refusedError struct{ why string }

func (e *refusedError) Error() string { return e.why }
