package demo

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// mailSink is the demo's mail server: an SMTP server on loopback that
// accepts every message and keeps none, so the demo's invoices are
// e-mailed (and show as sent) without reaching anyone.
type mailSink struct {
	srv      *smtp.Server
	port     int
	accepted atomic.Int64
}

func startMailSink() (*mailSink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	m := &mailSink{port: ln.Addr().(*net.TCPAddr).Port}
	m.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return sinkSession{m}, nil }))
	m.srv.Domain = "mail.demo.leitstand.test"
	m.srv.ReadTimeout, m.srv.WriteTimeout = 30*time.Second, 30*time.Second
	m.srv.MaxMessageBytes = 32 << 20
	m.srv.EnableSMTPUTF8 = true
	go func() { _ = m.srv.Serve(ln) }()
	return m, nil
}

type sinkSession struct{ m *mailSink }

func (sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s sinkSession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	s.m.accepted.Add(1)
	return nil
}
func (sinkSession) Reset()        {}
func (sinkSession) Logout() error { return nil }

// demoMail is the demo issuer's mail settings: the sink, in plain text on
// loopback.
func demoMail(port int) settings.Settings {
	return settings.Settings{SMTP: settings.SMTP{Host: "127.0.0.1", Port: port, Security: mail.None,
		From: "rechnungen@demo.leitstand.test", FromName: "Leitstand Hosting Buchhaltung"}}
}

// mailPaths are the settings demoMail sets.
var mailPaths = []string{"smtp.host", "smtp.port", "smtp.security", "smtp.from_address", "smtp.from_name"}

// AttachMail points the demo issuer's mail settings at the running sink:
// it listens on a new port at every start. Settings that name another
// mail server (an operator trying the demo with a real one) are left
// alone.
func (f *Fleet) AttachMail(ctx context.Context, set *settings.Service) error {
	if f.mail == nil {
		return nil
	}
	ctx = authz.System(ctx)
	current, _, err := set.Get(ctx)
	if err != nil {
		return err
	}
	if current.SMTP.Host != "" && current.SMTP.Host != "127.0.0.1" {
		return nil
	}
	if current.SMTP.Host == "127.0.0.1" && current.SMTP.Port == f.mail.port {
		return nil
	}
	if _, _, err := set.Update(ctx, demoMail(f.mail.port), mailPaths, fmt.Sprintf("the demo's mail server listens on port %d", f.mail.port)); err != nil {
		return fmt.Errorf("demo mail settings: %w", err)
	}
	return nil
}

// AttachResellerMail points the mail settings of reseller be, which the
// demo set to the sink, at the running sink, sending from its own address.
// Settings naming another mail server are left alone.
func (f *Fleet) AttachResellerMail(ctx context.Context, set *settings.Service, be uuid.UUID, from, fromName string) error {
	if f.mail == nil {
		return nil
	}
	ctx = tenancy.OnBehalfOf(authz.System(ctx), be)
	current, _, err := set.Get(ctx)
	if err != nil {
		return err
	}
	if (current.SMTP.Host != "" && current.SMTP.Host != "127.0.0.1") || (current.SMTP.Host == "127.0.0.1" && current.SMTP.Port == f.mail.port) {
		return nil
	}
	v := demoMail(f.mail.port)
	v.SMTP.From, v.SMTP.FromName = from, fromName
	if _, _, err := set.Update(ctx, v, mailPaths, fmt.Sprintf("the demo's mail server listens on port %d", f.mail.port)); err != nil {
		return fmt.Errorf("demo mail settings of a reseller: %w", err)
	}
	return nil
}
