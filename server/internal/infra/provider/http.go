package provider

import (
	"context"
	"crypto/tls"
	"crypto/x509"
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
	// Validate has refused a config whose PEM does not parse.
	t.TLSClientConfig, _ = c.tlsConfig()
	t.MaxIdleConnsPerHost = 8
	t.DialContext = guardedDialer(c.AllowLinkLocal).DialContext
	return &http.Client{Transport: t, Timeout: c.CallTimeout()}
}

// tlsConfig is the TLS side of c: the CA to trust, the client certificate
// to present, or a self-signed certificate accepted. nil means Go's
// defaults. A PEM that does not parse is a FieldError on its credential.
func (c Config) tlsConfig() (*tls.Config, error) {
	if !c.InsecureSkipVerify && c.TLSCA == "" && c.TLSCert == "" && c.TLSKey == "" {
		return nil, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.InsecureSkipVerify {
		cfg.InsecureSkipVerify = true //nolint:gosec // the operator chose to accept a self-signed certificate
	}
	if c.TLSCA != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(c.TLSCA)) {
			return nil, &FieldError{Field: "tls_ca_certificate", Reason: "is not a PEM certificate (-----BEGIN CERTIFICATE-----, as in the daemon's ca.pem)"}
		}
		cfg.RootCAs = pool
	}
	switch {
	case c.TLSCert == "" && c.TLSKey == "":
	case c.TLSCert == "":
		return nil, &FieldError{Field: "tls_client_certificate", Reason: "is required with a client key (cert.pem)"}
	case c.TLSKey == "":
		return nil, &FieldError{Field: "tls_client_key", Reason: "is required with a client certificate (key.pem)"}
	default:
		pair, err := tls.X509KeyPair([]byte(c.TLSCert), []byte(c.TLSKey))
		if err != nil {
			return nil, &FieldError{Field: "tls_client_certificate", Reason: "and key do not form a pair: " + err.Error()}
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
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
// (e.g. "in Hetzner Cloud under Security → API tokens"). recognized tells
// whether the answer came from the provider's API (its error format, its
// headers): only then is a refusal the provider's word on the
// credentials. A refusal from anything else (a proxy, a web server) says
// nothing about them, so it is reported as an answer not like the
// provider's, never as credentials accepted. A call that succeeded is the
// provider's API in any case.
func CheckFrom(err error, recognized bool, hint string) Check {
	switch {
	case err == nil:
		return Check{Reachable: true, Recognized: true, Authenticated: true, Authorized: true}
	case errors.Is(err, ErrUnauthorized):
		return Check{Reachable: true, Recognized: recognized, Message: "The provider answered but rejected the credentials. Check them " + hint + "."}
	case errors.Is(err, ErrForbidden) && recognized:
		return Check{Reachable: true, Recognized: true, Authenticated: true, Message: "The credentials were accepted but may not read everything Leitstand needs. Grant read access " + hint + "."}
	case errors.Is(err, ErrBadResponse), errors.Is(err, ErrForbidden):
		return Check{Reachable: true, Recognized: recognized, Message: "The endpoint answered, but not like this provider: " + err.Error() + ". Check the URL."}
	default:
		return Check{Recognized: recognized, Message: "The provider could not be reached: " + err.Error() + ". Check the URL, the network path and the firewall."}
	}
}
