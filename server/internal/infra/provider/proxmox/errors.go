package proxmox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// exchange is what the last HTTP response of one call looked like.
type exchange struct {
	status      int
	reason      string
	contentType string
	server      string
	date        time.Time
}

type exchangeKey struct{}

// recorder notes each response's status line and headers in the call's
// exchange. go-proxmox reports 401 and 403 as one error and decodes bodies
// without the status, while Proxmox puts its error messages into the reason
// phrase; without this the adapter could not tell a rejected token from a
// missing privilege, or say why.
type recorder struct{ base http.RoundTripper }

func (t *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	res, err := base.RoundTrip(r)
	if res != nil {
		if ex, ok := r.Context().Value(exchangeKey{}).(*exchange); ok {
			ex.status = res.StatusCode
			ex.reason = strings.TrimSpace(strings.TrimPrefix(res.Status, strconv.Itoa(res.StatusCode)))
			ex.contentType = res.Header.Get("Content-Type")
			ex.server = res.Header.Get("Server")
			ex.date, _ = http.ParseTime(res.Header.Get("Date"))
		}
	}
	return res, err
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the
// wrapped transport.
func (t *recorder) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// callError is a failed API call: the provider error it means, and the
// reason in Proxmox's (or the network's) words for messages to operators.
type callError struct {
	op     string
	status int
	detail string
	err    error
	// untrusted marks a TLS certificate the client refused; provider's
	// Unreachable keeps only the text of the cause.
	untrusted bool
	// proxmox marks an answer that came from pveproxy, whatever it said:
	// the URL is right, only the answer was not what Leitstand expected.
	proxmox bool
}

func (e *callError) Error() string { return "proxmox: " + e.op + ": " + e.err.Error() }
func (e *callError) Unwrap() error { return e.err }

func detail(err error) string {
	var ce *callError
	if errors.As(err, &ce) && ce.detail != "" {
		return ce.detail
	}
	return err.Error()
}

func statusOf(err error) int {
	var ce *callError
	if errors.As(err, &ce) {
		return ce.status
	}
	return 0
}

// opOf is the call that failed, e.g. "read /cluster/resources".
func opOf(err error) string {
	var ce *callError
	if errors.As(err, &ce) {
		return ce.op
	}
	return "a call"
}

func fromProxmox(err error) bool {
	var ce *callError
	return errors.As(err, &ce) && ce.proxmox
}

// pveproxy names itself in every answer; a 501, 401 or 403 whose reason
// reads like pveproxy's ("Method 'GET /x' not implemented", "invalid token
// value!", "Permission check failed (/, Sys.Audit)") is its too, also
// behind a proxy that replaces the header. A bare "401 Unauthorized" or
// "403 Forbidden" could come from any server and is not.
func (ex *exchange) proxmox() bool {
	if strings.HasPrefix(ex.server, "pve-api-daemon") {
		return true
	}
	switch ex.status {
	case http.StatusNotImplemented:
		return strings.HasPrefix(ex.reason, "Method '")
	case http.StatusUnauthorized:
		return slices.ContainsFunc(tokenRefusals, func(r string) bool { return strings.Contains(ex.reason, r) })
	case http.StatusForbidden:
		return strings.HasPrefix(ex.reason, "Permission check failed")
	}
	return false
}

// tokenRefusals are parts of the reasons pveproxy gives when it refuses
// a request's credentials ("No ticket" for none, PVE::AccessControl's
// verify_token and the checks it makes for an API token), each distinct
// enough not to be another server's.
var tokenRefusals = []string{
	"No ticket",
	"no tokenid specified",
	"is not a valid token ID",
	"no such user ('",
	"no such token '",
	"token expired",
	"invalid token value!",
}

// badAnswer is an answer of the right format whose content the adapter
// cannot use.
func badAnswer(op string, ex exchange, what string) error {
	return &callError{op: op, status: ex.status, detail: what, proxmox: ex.proxmox(),
		err: fmt.Errorf("%w: %s", provider.ErrBadResponse, what)}
}

// classify turns a go-proxmox error into one of provider's. acting marks
// calls that change something: there a 500 is Proxmox refusing the action
// ("CT 101 already running"), not Proxmox being down.
func classify(op string, err error, ex *exchange, timeout time.Duration, acting bool) error {
	ce := &callError{op: op, status: ex.status, detail: ex.reason, proxmox: ex.proxmox()}
	switch {
	case ex.status == 0:
		ce.detail = transportDetail(err, timeout)
		ce.err = provider.Unreachable(err)
		ce.untrusted = untrustedCertificate(err)
	case ex.status == http.StatusUnauthorized, ex.status == http.StatusForbidden:
		ce.err = provider.StatusError(ex.status, ex.reason)
	case ex.status == http.StatusNotImplemented:
		// pveproxy answers 501 to a call it does not offer ("Method 'GET
		// /cluster/resources' not implemented"): the host answered, and
		// waiting will not help.
		ce.detail = fmt.Sprintf("HTTP 501 %s", ex.reason)
		ce.err = fmt.Errorf("%w (501): %s", provider.ErrBadResponse, ex.reason)
	case ex.status == http.StatusInternalServerError && missing(ex.reason):
		ce.err = fmt.Errorf("%w: %s", provider.ErrNotFound, ex.reason)
	case ex.status == http.StatusInternalServerError && acting:
		ce.err = fmt.Errorf("refused: %s", ex.reason)
	case ex.status >= 500:
		ce.err = provider.StatusError(ex.status, ex.reason)
	case ex.status >= 400:
		// Proxmox answers 400 to a parameter it rejects; anything else
		// (404, 405, …) comes from a server that is not pveproxy.
		ce.detail = fmt.Sprintf("HTTP %d %s", ex.status, ex.reason)
		ce.err = fmt.Errorf("%w (%d): %s", provider.ErrBadResponse, ex.status, ex.reason)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled), isTimeout(err):
		ce.detail = transportDetail(err, timeout)
		ce.err = provider.Unreachable(err)
	case ce.proxmox:
		ce.detail = "an answer of a shape Leitstand does not know: " + err.Error()
		ce.err = fmt.Errorf("%w: %s", provider.ErrBadResponse, ce.detail)
	default:
		ct := ex.contentType
		if ct == "" {
			ct = "no content type"
		}
		ce.detail = fmt.Sprintf("HTTP %d with %s instead of Proxmox VE API JSON", ex.status, ct)
		ce.err = fmt.Errorf("%w: %s (%v)", provider.ErrBadResponse, ce.detail, err)
	}
	return ce
}

// missing recognises Proxmox's ways of saying a guest or node is not
// there, which it reports as 500.
func missing(reason string) bool {
	return strings.Contains(reason, "does not exist") ||
		strings.HasPrefix(reason, "no such") ||
		strings.HasPrefix(reason, "hostname lookup")
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func untrusted(err error) bool {
	var ce *callError
	return errors.As(err, &ce) && ce.untrusted
}

func untrustedCertificate(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}

func transportDetail(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return fmt.Sprintf("no answer within %s", timeout)
	case errors.Is(err, context.Canceled):
		return "the request was cancelled"
	case untrustedCertificate(err):
		return "its TLS certificate is not trusted (" + rootCause(err) + ")"
	default:
		return strings.TrimPrefix(provider.Unreachable(err).Error(), provider.ErrUnreachable.Error()+": ")
	}
}

func rootCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}
