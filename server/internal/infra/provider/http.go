package provider

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// DefaultTimeout bounds a call to a provider when Config.Timeout is zero.
const DefaultTimeout = 20 * time.Second

// Client returns the client a provider's requests go through: c's own
// when set, otherwise one with c's timeout and TLS choice.
func (c Config) Client() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	if c.InsecureSkipVerify {
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the operator chose to accept a self-signed certificate
	}
	t.MaxIdleConnsPerHost = 8
	return &http.Client{Transport: t, Timeout: c.CallTimeout()}
}

// CallTimeout is the bound on one call to the provider.
func (c Config) CallTimeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// Unreachable wraps err, a failure to get any answer, as ErrUnreachable
// with the reason in an operator's words.
func Unreachable(err error) error {
	var (
		dns *net.DNSError
		op  *net.OpError
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return fmt.Errorf("%w: no answer within the timeout", ErrUnreachable)
	case errors.As(err, &dns):
		return fmt.Errorf("%w: host %s not found", ErrUnreachable, dns.Name)
	case errors.As(err, &op) && op.Op == "dial":
		return fmt.Errorf("%w: connection refused or blocked (%v)", ErrUnreachable, op.Err)
	default:
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// StatusError maps an HTTP status a provider answered with to the error it
// means; what is the matter with the request, in the provider's words,
// goes into detail.
func StatusError(status int, detail string) error {
	switch {
	case status == http.StatusUnauthorized:
		return fmt.Errorf("%w (401): %s", ErrUnauthorized, detail)
	case status == http.StatusForbidden:
		return fmt.Errorf("%w (403): %s", ErrForbidden, detail)
	case status == http.StatusNotFound:
		return fmt.Errorf("%w (404): %s", ErrNotFound, detail)
	case status >= 500:
		return fmt.Errorf("%w: the provider failed (%d): %s", ErrUnreachable, status, detail)
	default:
		return fmt.Errorf("%w (%d): %s", ErrBadResponse, status, detail)
	}
}

// CheckFrom turns the error of a provider's first authenticated call into
// the Check an operator reads; hint says where the credentials are set up
// (e.g. "in Hetzner Cloud under Security → API tokens").
func CheckFrom(err error, hint string) Check {
	switch {
	case err == nil:
		return Check{Reachable: true, Authenticated: true, Authorized: true}
	case errors.Is(err, ErrUnauthorized):
		return Check{Reachable: true, Message: "The provider answered but rejected the credentials. Check them " + hint + "."}
	case errors.Is(err, ErrForbidden):
		return Check{Reachable: true, Authenticated: true, Message: "The credentials were accepted but may not read everything Leitstand needs. Grant read access " + hint + "."}
	case errors.Is(err, ErrBadResponse):
		return Check{Reachable: true, Message: "The endpoint answered, but not like this provider: " + err.Error() + ". Check the URL."}
	default:
		return Check{Message: "The provider could not be reached: " + err.Error() + ". Check the URL, the network path and the firewall."}
	}
}
