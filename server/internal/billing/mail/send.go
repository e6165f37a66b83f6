package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Security is how the connection to the SMTP server is protected.
type Security int

const (
	// StartTLS connects in plain text and switches to TLS with STARTTLS
	// before anything else; a server that does not offer it is refused.
	// The usual one, on port 587.
	StartTLS Security = iota + 1
	// TLS speaks TLS from the start (SMTPS, port 465).
	TLS
	// None sends in plain text, for a relay on the same host or network.
	// It never sends a password.
	None
)

// String names the security as the settings do.
func (s Security) String() string {
	switch s {
	case StartTLS:
		return "STARTTLS"
	case TLS:
		return "TLS"
	case None:
		return "NONE"
	}
	return fmt.Sprintf("Security(%d)", int(s))
}

// DefaultTimeout bounds a Send whose Server names no timeout.
const DefaultTimeout = 15 * time.Second

// Server is where and how messages are sent.
type Server struct {
	Host     string
	Port     int
	Security Security
	// Username and Password log in (AUTH); no login when Username is empty.
	Username, Password string
	// Timeout bounds the whole send, from dialing to the server's last
	// answer: DefaultTimeout when zero.
	Timeout time.Duration
	// Dial, when set, makes the connection (a guard that keeps a
	// reseller's server off the platform's own network).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// RootCAs, when set, are the certificates the server's must chain to
	// instead of the system's (tests).
	RootCAs *x509.CertPool
}

// Error is a send that failed: the server's reply, or why there was none.
type Error struct {
	// Code is the SMTP reply code (550, 451 …); 0 when the server gave
	// no reply (it could not be reached, the connection broke, TLS failed).
	Code int
	// Enhanced is the enhanced status code (5.1.1), when the server gave one.
	Enhanced string
	// Text is the server's reply text or the cause.
	Text string
	// Permanent says that sending the same message again will fail again:
	// a 5xx reply, a refused login, a certificate that does not verify.
	Permanent bool
	err       error
}

func (e *Error) Error() string {
	if e.Code == 0 {
		return e.Text
	}
	return strings.TrimSpace(fmt.Sprintf("%d %s %s", e.Code, e.Enhanced, strings.TrimPrefix(e.Text, e.Enhanced+" ")))
}

func (e *Error) Unwrap() error { return e.err }

// Temporary says whether sending again later may succeed: a 4xx reply, a
// server that could not be reached or did not answer in time. False for
// nil and for permanent failures.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		return !e.Permanent
	}
	return true
}

// ErrNoSettings is the failure of a billing entity without SMTP settings.
var ErrNoSettings = &Error{Text: "no SMTP settings", Permanent: true}

// Send delivers c through srv and returns the server's final reply, e.g.
// "250 2.0.0 Ok: queued as 4F2K9". A failure is an *Error.
func Send(ctx context.Context, srv Server, c *Composed) (string, error) {
	if srv.Host == "" {
		return "", ErrNoSettings
	}
	timeout := srv.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	opts := []gomail.Option{
		gomail.WithPort(srv.Port),
		gomail.WithTimeout(timeout),
		gomail.WithTLSConfig(&tls.Config{ServerName: srv.Host, MinVersion: tls.VersionTLS12, RootCAs: srv.RootCAs}),
	}
	switch srv.Security {
	case StartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLS:
		opts = append(opts, gomail.WithSSL())
	case None:
		if srv.Username != "" {
			return "", &Error{Text: "a login needs STARTTLS or TLS: the password would cross the network in plain text", Permanent: true}
		}
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return "", &Error{Text: fmt.Sprintf("unknown security %v", srv.Security), Permanent: true}
	}
	if srv.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(srv.Username), gomail.WithPassword(srv.Password))
	} else {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthNoAuth))
	}
	if srv.Dial != nil {
		opts = append(opts, gomail.WithDialContextFunc(srv.Dial))
	}
	client, err := gomail.NewClient(srv.Host, opts...)
	if err != nil {
		return "", &Error{Text: err.Error(), Permanent: true, err: err}
	}
	if err := client.DialAndSendWithContext(ctx, c.msg); err != nil {
		// A message the server took is sent, whatever closing the
		// connection said afterwards.
		if !c.msg.IsDelivered() {
			return "", classify(ctx, err)
		}
	}
	return reply(c.msg.ServerResponse()), nil
}

// reply puts the code back before the text of a 250 reply, which the SMTP
// library drops: "2.0.0 Ok: queued" is "250 2.0.0 Ok: queued".
func reply(text string) string {
	text = strings.ReplaceAll(strings.TrimSpace(text), "\n", " ")
	if len(text) >= 3 && text[:3] == "250" {
		return text
	}
	return strings.TrimSpace("250 " + text)
}

var (
	enhancedCode = regexp.MustCompile(`^[245]\.\d{1,3}\.\d{1,3}\b`)
	replyInText  = regexp.MustCompile(`\b([45]\d\d) (.*)$`)
)

// classify turns what go-mail returned into an *Error.
func classify(ctx context.Context, err error) *Error {
	// go-mail prefixes the phase; the cause says enough.
	text := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "dial failed: "), "send failed: ")
	out := &Error{Text: text, err: err}
	var tp *textproto.Error
	var se *gomail.SendError
	switch {
	case errors.As(err, &tp):
		out.Code, out.Text = tp.Code, strings.ReplaceAll(tp.Msg, "\n", " ")
	case errors.As(err, &se) && se.ErrorCode() != 0:
		out.Code = se.ErrorCode()
		// go-mail keeps the reply only in its message: "sending SMTP RCPT
		// TO command: 550 5.1.1 …, affected recipient(s): …".
		text := strings.SplitN(se.Error(), ", affected ", 2)[0]
		if m := replyInText.FindStringSubmatch(text); m != nil && m[1] == strconv.Itoa(out.Code) {
			out.Text = m[2]
			if u, err := strconv.Unquote(out.Text); err == nil {
				out.Text = u
			}
		}
	}
	if out.Code != 0 {
		out.Enhanced = enhancedCode.FindString(out.Text)
		out.Permanent = out.Code >= 500
		return out
	}
	var certInvalid x509.CertificateInvalidError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var verify *tls.CertificateVerificationError
	switch {
	case ctx.Err() != nil:
		out.Text = "the server did not answer in time: " + text
	case errors.As(err, &certInvalid), errors.As(err, &unknownAuthority), errors.As(err, &hostname), errors.As(err, &verify):
		// The server's certificate is not for this host or not trusted:
		// a matter of the settings, not of time.
		out.Permanent = true
	case errors.Is(err, gomail.ErrNoSupportedAuthDiscovered), errors.Is(err, gomail.ErrPlainAuthNotSupported),
		errors.Is(err, gomail.ErrLoginAuthNotSupported):
		out.Permanent = true
	case strings.Contains(err.Error(), "does not support STARTTLS"), strings.Contains(err.Error(), "does not support SMTP AUTH"):
		// go-mail says these in words only.
		out.Permanent = true
	}
	var ne net.Error
	if !out.Permanent && errors.As(err, &ne) && ne.Timeout() {
		out.Text = "the server did not answer in time: " + text
	}
	return out
}

// MaxAttempts is how often an e-mail is tried before it is left failed.
const MaxAttempts = 8

// RetryAfter is the wait before attempt n+1 after n temporary failures:
// minutes at first, then hours, about two days in all.
func RetryAfter(n int) time.Duration {
	waits := []time.Duration{5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour}
	return waits[min(max(n-1, 0), len(waits)-1)]
}
