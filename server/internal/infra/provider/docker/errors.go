package docker

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Causes Check words on its own, beyond provider's error kinds.
var (
	// errClientCert: the daemon, run with --tlsverify, ended the handshake
	// over the client certificate; the TLS alert it sent follows.
	errClientCert   = errors.New("the daemon refused the TLS client certificate (--tlsverify)")
	errUntrusted    = errors.New("the daemon's TLS certificate is not trusted")
	errHostname     = errors.New("the daemon's TLS certificate is for another name")
	errCertInvalid  = errors.New("the daemon's TLS certificate is not valid")
	errWantsTLS     = errors.New("the daemon expects TLS on this port")
	errNoTLS        = errors.New("the daemon does not speak TLS on this port")
	errDaemonFailed = errors.New("the daemon failed")
	errNotEngine    = errors.New("not a Docker Engine answer")
	errTooNew       = errors.New("the engine does not speak the client's API version")
	errTooOld       = errors.New("the engine is older than Leitstand supports")
)

// clientCertAlerts are the TLS alerts a Go server (dockerd is one) sends
// when it refuses a client's certificate or the lack of one: "certificate
// required" (TLS 1.3) or "handshake failure" (TLS 1.2) for none, "unknown
// certificate authority", "expired certificate" or "bad certificate" for
// one it does not accept.
var clientCertAlerts = []string{
	"certificate required", "handshake failure", "bad certificate", "unknown certificate authority",
	"expired certificate", "revoked certificate", "unsupported certificate", "unknown certificate",
}

// remoteAlert is the TLS alert the peer sent, as crypto/tls words it in
// "remote error: tls: …", or "".
func remoteAlert(msg string) string {
	_, rest, ok := strings.Cut(msg, "remote error: tls: ")
	if !ok {
		return ""
	}
	for _, a := range clientCertAlerts {
		if strings.HasPrefix(rest, a) {
			return a
		}
	}
	return ""
}

// classify maps the client library's error to provider's kinds. The
// library reports HTTP statuses as containerd errdefs classes and
// connection trouble as its own errConnectionFailed, which hides the
// cause behind a fixed text; the daemon's refusal of a client certificate
// only shows in the message, as the TLS alert it sent (with TLS 1.3 it
// arrives on the first read, after the handshake seemed to succeed).
func classify(err error) error {
	if err == nil || isClassified(err) {
		return err
	}
	msg := err.Error()
	var (
		verify    *tls.CertificateVerificationError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return provider.Unreachable(err)
	case remoteAlert(msg) != "":
		return fmt.Errorf("%w: %w: %s", provider.ErrUnauthorized, errClientCert, remoteAlert(msg))
	case strings.Contains(msg, "--tlsverify"):
		return fmt.Errorf("%w: %w: %s", provider.ErrUnauthorized, errClientCert, "handshake failure")
	case errors.As(err, &hostname):
		return fmt.Errorf("%w: %w: %w", provider.ErrUnreachable, errHostname, rootCause(err))
	case errors.As(err, &invalid):
		return fmt.Errorf("%w: %w: %w", provider.ErrUnreachable, errCertInvalid, rootCause(err))
	case errors.As(err, &unknownCA), errors.As(err, &verify):
		return fmt.Errorf("%w: %w: %w", provider.ErrUnreachable, errUntrusted, rootCause(err))
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return fmt.Errorf("%w: %w", provider.ErrBadResponse, errNoTLS)
	case strings.Contains(msg, "Client sent an HTTP request to an HTTPS server"),
		strings.Contains(msg, "malformed HTTP response"):
		return fmt.Errorf("%w: %w", provider.ErrBadResponse, errWantsTLS)
	case strings.Contains(msg, "is too new. Maximum supported API version"):
		return fmt.Errorf("%w: %w: %s", provider.ErrBadResponse, errTooNew, detail(err))
	case strings.Contains(msg, "is not supported by this client"):
		return fmt.Errorf("%w: %w: %s", provider.ErrBadResponse, errTooOld, msg)
	case cerrdefs.IsUnauthorized(err):
		return provider.StatusError(401, detail(err))
	case cerrdefs.IsPermissionDenied(err):
		return provider.StatusError(403, detail(err))
	case cerrdefs.IsNotFound(err):
		return provider.StatusError(404, detail(err))
	case cerrdefs.IsInternal(err), cerrdefs.IsUnavailable(err), cerrdefs.IsNotImplemented(err), cerrdefs.IsUnknown(err):
		// Unknown covers the statuses errdefs has no class for, in
		// practice a proxy's 502 or 504 for a daemon that is down.
		return fmt.Errorf("%w: %w: %s", provider.ErrUnreachable, errDaemonFailed, detail(err))
	case cerrdefs.IsInvalidArgument(err), cerrdefs.IsConflict(err), cerrdefs.IsFailedPrecondition(err),
		cerrdefs.IsResourceExhausted(err), cerrdefs.IsNotModified(err):
		return fmt.Errorf("%w: %s", provider.ErrBadResponse, detail(err))
	case client.IsErrConnectionFailed(err), isNetError(err):
		return provider.Unreachable(err)
	default:
		// What is left are answers the client could not decode.
		return fmt.Errorf("%w: %w (%v)", provider.ErrBadResponse, errNotEngine, err)
	}
}

func isClassified(err error) bool {
	for _, k := range []error{provider.ErrUnreachable, provider.ErrUnauthorized, provider.ErrForbidden, provider.ErrBadResponse, provider.ErrNotFound} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne)
}

// detail is the daemon's own message without the library's prefix.
func detail(err error) string {
	return strings.TrimPrefix(err.Error(), "Error response from daemon: ")
}

// detailOf is what follows the status in a provider.StatusError.
func detailOf(err error) string {
	s := err.Error()
	if _, after, ok := strings.Cut(s, "): "); ok {
		return after
	}
	return s
}

func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// after is err's text past the sentinel's, i.e. the cause it was given.
func after(err, sentinel error) string {
	s := err.Error()
	if _, rest, ok := strings.Cut(s, sentinel.Error()+": "); ok {
		return rest
	}
	return s
}

// reason is err's text without the kind it wraps, for a sentence that
// already says what kind of failure it is.
func reason(err error) string {
	s := err.Error()
	for _, k := range []error{provider.ErrUnreachable, provider.ErrUnauthorized, provider.ErrForbidden, provider.ErrBadResponse, provider.ErrNotFound} {
		s = strings.TrimPrefix(s, k.Error()+": ")
	}
	return s
}
