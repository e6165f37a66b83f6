package mail_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/smtptest"
)

var sender = mail.Sender{
	From: "rechnung@leitstand.example", FromName: "Leitstand Hosting GmbH – Buchhaltung",
	ReplyTo: "buchhaltung@leitstand.example", Bcc: "archiv@leitstand.example", Company: "Leitstand Hosting GmbH",
}

// pdf is a document with every byte value, so that no encoding step can
// lose one unnoticed.
func pdf() []byte {
	b := []byte("%PDF-1.7\n")
	for i := range 4096 {
		b = append(b, byte(i*31+7))
	}
	return append(b, "\n%%EOF\n"...)
}

var invoice = mail.Invoice{
	Number: "RE-2027-000042", Organization: "Müller & Söhne GmbH",
	TotalCents: 123456, Currency: "EUR",
	IssueDate: calendar.D(2027, 1, 3), DueDate: calendar.D(2027, 1, 17), PDF: pdf(),
}

// received is a message as the recipient reads it.
type received struct {
	header      netmail.Header
	subject     string
	body        string
	attachments map[string][]byte
	types       map[string]string
}

func parse(t *testing.T, data []byte) received {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	out := received{header: m.Header, subject: subject, attachments: map[string][]byte{}, types: map[string]string{}}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		t.Fatalf("Content-Type %q: %v", m.Header.Get("Content-Type"), err)
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = p // multipart decodes quoted-printable itself
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
			body = base64.NewDecoder(base64.StdEncoding, p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		ct, cp, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if name := p.FileName(); name != "" {
			out.attachments[name] = b
			out.types[name] = ct
			continue
		}
		if ct != "text/plain" || !strings.EqualFold(cp["charset"], "utf-8") {
			t.Errorf("body part %s charset %q", ct, cp["charset"])
		}
		out.body = string(b)
	}
	return out
}

func TestAnInvoiceArrivesWithItsPDFIntact(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.StartTLS, Username: "mailer", Password: "pässwort"})
	c, err := mail.Compose(mail.InvoiceMessage(sender, "buchhaltung@mueller.example", invoice))
	if err != nil {
		t.Fatal(err)
	}
	answer, err := mail.Send(t.Context(), mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.StartTLS,
		Username: "mailer", Password: "pässwort", RootCAs: srv.RootCAs}, c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(answer, "250 ") || !strings.Contains(answer, "queued") {
		t.Errorf("answer = %q, want the server's 250 reply", answer)
	}
	if srv.Logins() != 1 {
		t.Errorf("logins = %d", srv.Logins())
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("received %d messages", len(msgs))
	}
	m := msgs[0]
	if m.From != "rechnung@leitstand.example" || !slices.Equal(m.To, []string{"buchhaltung@mueller.example", "archiv@leitstand.example"}) {
		t.Errorf("envelope from %s to %v: want the bookkeeping's copy as a second recipient", m.From, m.To)
	}
	got := parse(t, m.Data)
	if got.header.Get("Bcc") != "" {
		t.Errorf("the blind copy shows: Bcc: %s", got.header.Get("Bcc"))
	}
	if got.subject != "Ihre Rechnung RE-2027-000042" {
		t.Errorf("subject = %q", got.subject)
	}
	from, err := (&netmail.AddressParser{WordDecoder: new(mime.WordDecoder)}).Parse(got.header.Get("From"))
	if err != nil || from.Name != "Leitstand Hosting GmbH – Buchhaltung" || from.Address != "rechnung@leitstand.example" {
		t.Errorf("From = %q (%v)", got.header.Get("From"), err)
	}
	if got.header.Get("Reply-To") != "<buchhaltung@leitstand.example>" && got.header.Get("Reply-To") != "buchhaltung@leitstand.example" {
		t.Errorf("Reply-To = %q", got.header.Get("Reply-To"))
	}
	for _, want := range []string{"Guten Tag Müller & Söhne GmbH,", "Rechnung RE-2027-000042 vom 03.01.2027", "1.234,56 €", "Fällig am: 17.01.2027", "Mit freundlichen Grüßen\nLeitstand Hosting GmbH"} {
		if !strings.Contains(strings.ReplaceAll(got.body, "\r\n", "\n"), want) {
			t.Errorf("body lacks %q:\n%s", want, got.body)
		}
	}
	if !bytes.Equal(got.attachments["RE-2027-000042.pdf"], invoice.PDF) {
		t.Errorf("attachment %v differs from the PDF sent (%d bytes)", len(got.attachments["RE-2027-000042.pdf"]), len(invoice.PDF))
	}
	if got.types["RE-2027-000042.pdf"] != "application/pdf" {
		t.Errorf("attachment type %q", got.types["RE-2027-000042.pdf"])
	}
}

func TestUmlautsSurviveInSubjectAndBodyOverImplicitTLS(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.Implicit})
	msg := mail.InvoiceMessage(sender, "kunde@example.com", mail.Invoice{
		Number: "RE-2027-000043", Cancels: "RE-2027-000042", Organization: "Bäckerei Öztürk",
		TotalCents: -123456, Currency: "EUR", IssueDate: calendar.D(2027, 2, 1), PDF: []byte("%PDF-1.7 storno"),
	})
	msg.Subject += " – Größenänderung ÄÖÜäöüß €"
	msg.Bcc = ""
	c, err := mail.Compose(msg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.Send(t.Context(), mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.TLS, RootCAs: srv.RootCAs}, c); err != nil {
		t.Fatal(err)
	}
	got := parse(t, srv.Messages()[0].Data)
	if want := "Stornorechnung RE-2027-000043 zur Rechnung RE-2027-000042 – Größenänderung ÄÖÜäöüß €"; got.subject != want {
		t.Errorf("subject = %q, want %q", got.subject, want)
	}
	for _, want := range []string{"Guten Tag Bäckerei Öztürk,", "Stornorechnung RE-2027-000043 vom 01.02.2027 zur Rechnung RE-2027-000042", "-1.234,56 €"} {
		if !strings.Contains(got.body, want) {
			t.Errorf("body lacks %q:\n%s", want, got.body)
		}
	}
	if strings.Contains(got.body, "Fällig") {
		t.Errorf("a cancellation invoice has no due date:\n%s", got.body)
	}
	if string(got.attachments["RE-2027-000043.pdf"]) != "%PDF-1.7 storno" {
		t.Errorf("attachments = %v", got.attachments)
	}
	if len(srv.Messages()[0].To) != 1 {
		t.Errorf("recipients without a Bcc: %v", srv.Messages()[0].To)
	}
}

func TestFailuresSayWhatTheServerAnsweredAndWhetherToRetry(t *testing.T) {
	t.Parallel()
	c, err := mail.Compose(mail.Message{From: "rechnung@leitstand.example", To: "kunde@example.com", Subject: "Test", Body: "Hallo"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		server    func(t *testing.T) mail.Server
		code      int
		text      string
		temporary bool
	}{
		{"mailbox unknown: 550 is permanent", func(t *testing.T) mail.Server {
			srv := smtptest.Start(t, smtptest.Options{})
			srv.Refuse(550, "mailbox unavailable")
			return mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.None}
		}, 550, "mailbox unavailable", false},
		{"greylisted: 451 is temporary", func(t *testing.T) mail.Server {
			srv := smtptest.Start(t, smtptest.Options{})
			srv.Refuse(451, "try again later")
			return mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.None}
		}, 451, "try again later", true},
		{"wrong password is permanent", func(t *testing.T) mail.Server {
			srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.StartTLS, Username: "mailer", Password: "right"})
			return mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.StartTLS, Username: "mailer", Password: "wrong", RootCAs: srv.RootCAs}
		}, 535, "", false},
		{"no STARTTLS offered is permanent", func(t *testing.T) mail.Server {
			srv := smtptest.Start(t, smtptest.Options{})
			return mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.StartTLS}
		}, 0, "STARTTLS", false},
		{"an untrusted certificate is permanent", func(t *testing.T) mail.Server {
			srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.StartTLS})
			return mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.StartTLS}
		}, 0, "certificate", false},
		{"connection refused is temporary", func(t *testing.T) mail.Server {
			return mail.Server{Host: "127.0.0.1", Port: smtptest.ClosedPort(t), Security: mail.None}
		}, 0, "refused", true},
		{"a password is never sent in plain text", func(t *testing.T) mail.Server {
			srv := smtptest.Start(t, smtptest.Options{})
			return mail.Server{Host: srv.Host, Port: srv.Port, Security: mail.None, Username: "mailer", Password: "x"}
		}, 0, "STARTTLS or TLS", false},
		{"no settings", func(*testing.T) mail.Server { return mail.Server{} }, 0, "no SMTP settings", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			answer, err := mail.Send(t.Context(), tt.server(t), c)
			var e *mail.Error
			if !errors.As(err, &e) {
				t.Fatalf("Send = %q, %v; want a *mail.Error", answer, err)
			}
			if e.Code != tt.code || !strings.Contains(e.Error(), tt.text) {
				t.Errorf("error = %d %q, want %d containing %q", e.Code, e.Error(), tt.code, tt.text)
			}
			if mail.Temporary(err) != tt.temporary {
				t.Errorf("Temporary(%v) = %v", err, !tt.temporary)
			}
			if tt.code >= 400 && e.Enhanced == "" {
				t.Errorf("no enhanced status code in %q", e.Error())
			}
		})
	}
}

func TestASilentServerFailsWithinTheTimeout(t *testing.T) {
	t.Parallel()
	c, err := mail.Compose(mail.Message{From: "rechnung@leitstand.example", To: "kunde@example.com", Subject: "Test", Body: "Hallo"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = mail.Send(t.Context(), mail.Server{Host: "127.0.0.1", Port: smtptest.Silent(t), Security: mail.StartTLS, Timeout: 300 * time.Millisecond}, c)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Send took %v with a timeout of 300ms", took)
	}
	if err == nil || !mail.Temporary(err) || !strings.Contains(err.Error(), "in time") {
		t.Errorf("Send = %v, want a temporary failure saying the server did not answer in time", err)
	}
}

func TestComposeRefusesBadAddresses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		msg  mail.Message
	}{
		{"no sender", mail.Message{To: "a@example.com"}},
		{"no recipient", mail.Message{From: "a@example.com"}},
		{"recipient with a name", mail.Message{From: "a@example.com", To: "Anna <a@example.com>"}},
		{"bcc without a domain", mail.Message{From: "a@example.com", To: "b@example.com", Bcc: "archiv"}},
		{"header injection", mail.Message{From: "a@example.com", To: "b@example.com\r\nBcc: c@example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := mail.Compose(tt.msg); err == nil {
				t.Error("Compose accepted it")
			}
		})
	}
}

// An organization taking XRechnung gets the XML it books, byte for byte,
// and the PDF beside it as a copy to read; the message says which is which.
func TestAnXRechnungArrivesAsXMLWithThePDFBeside(t *testing.T) {
	t.Parallel()
	inv := invoice
	xml := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rsm:CrossIndustryInvoice>Müller &amp; Söhne</rsm:CrossIndustryInvoice>\n")
	inv.XRechnung = &mail.XRechnung{Syntax: "CII", XML: xml}
	c, err := mail.Compose(mail.InvoiceMessage(sender, "e-rechnung@mueller.example", inv))
	if err != nil {
		t.Fatal(err)
	}
	data, err := c.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	got := parse(t, data)
	if !bytes.Equal(got.attachments["RE-2027-000042.xml"], xml) || got.types["RE-2027-000042.xml"] != "application/xml" {
		t.Errorf("XML attachment %q (%s), want the XRechnung", got.attachments["RE-2027-000042.xml"], got.types["RE-2027-000042.xml"])
	}
	if !bytes.Equal(got.attachments["RE-2027-000042.pdf"], inv.PDF) {
		t.Error("the PDF is not beside it")
	}
	if want := "als XRechnung (CII) in der Datei RE-2027-000042.xml bei; das PDF ist eine Kopie zur Ansicht."; !strings.Contains(got.body, want) {
		t.Errorf("body lacks %q:\n%s", want, got.body)
	}
	// Without one the PDF, the ZUGFeRD invoice, travels alone.
	c, err = mail.Compose(mail.InvoiceMessage(sender, "buchhaltung@mueller.example", invoice))
	if err != nil {
		t.Fatal(err)
	}
	if data, err = c.Bytes(); err != nil {
		t.Fatal(err)
	}
	if got := parse(t, data); len(got.attachments) != 1 || strings.Contains(got.body, "XRechnung") {
		t.Errorf("a ZUGFeRD invoice's mail has %d attachments:\n%s", len(got.attachments), got.body)
	}
}
