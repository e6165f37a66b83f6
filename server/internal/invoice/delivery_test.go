package invoice_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	billingmail "github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/smtptest"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// mailing makes env an issuer that sends through a loopback SMTP server,
// with one customer that has a billing address and one without.
func mailing(t *testing.T, env *apptest.Env) (srv *smtptest.Server, with, without uuid.UUID) {
	t.Helper()
	srv = smtptest.Start(t, smtptest.Options{})
	sys := authz.System(t.Context())
	p := platform(t, env)
	if _, _, err := env.Settings.Update(sys, settings.Settings{SMTP: settings.SMTP{Host: srv.Host, Port: srv.Port,
		Security: billingmail.None, From: "rechnung@leitstand.test", FromName: "Leitstand Buchhaltung"}}, []string{"smtp"}, "fixture"); err != nil {
		t.Fatal(err)
	}
	o, err := env.Orgs.Create(sys, organization.Values{Name: "Acme", BillingEmail: "buchhaltung@acme.example", Address: organization.Address{
		Line1: "Hafenstraße 12", PostalCode: "20457", City: "Hamburg", CountryCode: "DE"}}, p, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	return srv, o.ID, customer(t, env, p, "Ohne Adresse")
}

func delivery(t *testing.T, env *apptest.Env, org uuid.UUID) invoice.Invoice {
	t.Helper()
	list, err := env.Invoices.ForOrganization(authz.System(t.Context()), org)
	if err != nil || len(list) == 0 {
		t.Fatalf("invoices = %+v %v", list, err)
	}
	inv, err := env.Invoices.Get(authz.System(t.Context()), list[0].ID)
	if err != nil || inv.Delivery == nil {
		t.Fatalf("invoice = %+v %v", inv, err)
	}
	return *inv
}

// An issued invoice is e-mailed to the billing address with its PDF, and
// the server's answer is kept; without an address it fails at once.
func TestAnIssuedInvoiceIsMailedWithItsPDF(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		srv, with, without := mailing(t, env)
		sys := authz.System(t.Context())
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if got := delivery(t, env, without).Delivery; got.Status != invoice.DeliveryFailed || !strings.Contains(got.Answer, "no billing e-mail") {
			t.Errorf("without an address: %+v", got)
		}
		if got := delivery(t, env, with).Delivery; got.Status != invoice.DeliveryQueued || got.To != "buchhaltung@acme.example" {
			t.Errorf("queued: %+v", got)
		}
		r, err := env.Invoices.Deliver(sys)
		if err != nil || r.Sent != 1 {
			t.Fatalf("deliver = %+v %v", r, err)
		}
		inv := delivery(t, env, with)
		if inv.Delivery.Status != invoice.DeliverySent || !strings.HasPrefix(inv.Delivery.Answer, "250") || inv.Delivery.Attempts != 1 {
			t.Errorf("sent: %+v", inv.Delivery)
		}
		msgs := srv.Messages()
		if len(msgs) != 1 || msgs[0].To[0] != "buchhaltung@acme.example" {
			t.Fatalf("received %+v", msgs)
		}
		m, err := mail.ReadMessage(bytes.NewReader(msgs[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		if subject != "Ihre Rechnung "+inv.Number {
			t.Errorf("subject %q", subject)
		}
		_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
		parts := multipart.NewReader(m.Body, params["boundary"])
		var attached []byte
		for {
			p, err := parts.NextPart()
			if err != nil {
				break
			}
			if p.FileName() == inv.Number+".pdf" {
				attached, _ = io.ReadAll(decoded(p))
			}
		}
		f, _, err := env.Invoices.PDF(sys, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := io.ReadAll(f)
		f.Close()
		if len(stored) == 0 || !bytes.Equal(attached, stored) {
			t.Errorf("the attachment (%d bytes) is not the invoice's PDF (%d bytes)", len(attached), len(stored))
		}
		if r, err := env.Invoices.Deliver(sys); err != nil || r.Sent+r.Failed+r.Retrying != 0 || len(srv.Messages()) != 1 {
			t.Errorf("a second run sent again: %+v %v", r, err)
		}
	})
}

// An organization taking XRechnung gets its invoice at its e-invoice
// address as the XML (the file a download gives) with the PDF beside it.
func TestAnXRechnungOrganizationIsMailedTheXML(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		srv, with, _ := mailing(t, env)
		sys := authz.System(t.Context())
		if _, err := env.Orgs.Update(sys, with, organization.Values{EInvoice: organization.EInvoice{Format: organization.EInvoiceXRechnungUBL,
			ElectronicAddress: "e-rechnung@acme.example"}}, []string{"e_invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		inv := delivery(t, env, with)
		if got := inv.Delivery; got.To != "e-rechnung@acme.example" || got.EInvoiceFormat != organization.EInvoiceXRechnungUBL {
			t.Errorf("queued: %+v", got)
		}
		if r, err := env.Invoices.Deliver(sys); err != nil || r.Sent != 1 {
			t.Fatalf("deliver = %+v %v", r, err)
		}
		msgs := srv.Messages()
		if len(msgs) != 1 || msgs[0].To[0] != "e-rechnung@acme.example" {
			t.Fatalf("received %+v", msgs)
		}
		got := attachments(t, msgs[0].Data)
		x, err := env.Invoices.EInvoice(sys, inv.ID, organization.EInvoiceXRechnungUBL)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[inv.Number+".xml"], x.Content) || !bytes.Contains(x.Content, []byte("<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>")) {
			t.Errorf("the XML attached (%d bytes) is not the invoice's XRechnung UBL (%d bytes)", len(got[inv.Number+".xml"]), len(x.Content))
		}
		if len(got[inv.Number+".pdf"]) == 0 || len(got) != 2 {
			t.Errorf("attachments %d, want the XML and the PDF", len(got))
		}
	})
}

// attachments are the files of a message, by name.
func attachments(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	parts := multipart.NewReader(m.Body, params["boundary"])
	out := map[string][]byte{}
	for {
		p, err := parts.NextPart()
		if err != nil {
			return out
		}
		if p.FileName() != "" {
			out[p.FileName()], _ = io.ReadAll(decoded(p))
		}
	}
}

// A temporary refusal is tried again later; a permanent one is left
// FAILED with the server's answer.
func TestAFailedDeliveryIsRetriedOrKeptWithTheAnswer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		srv, with, _ := mailing(t, env)
		sys := authz.System(t.Context())
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		srv.Refuse(451, "mailbox busy")
		if r, err := env.Invoices.Deliver(sys); err != nil || r.Retrying != 1 {
			t.Fatalf("deliver = %+v %v", r, err)
		}
		got := delivery(t, env, with).Delivery
		if got.Status != invoice.DeliveryQueued || got.Attempts != 1 || !strings.Contains(got.Answer, "451") || got.NextAttemptTime == nil ||
			!got.NextAttemptTime.Equal(env.Clock.Now().Add(5*time.Minute)) {
			t.Errorf("after a temporary refusal: %+v", got)
		}
		// Not before its time.
		if r, err := env.Invoices.Deliver(sys); err != nil || r.Retrying+r.Sent+r.Failed != 0 {
			t.Errorf("tried again too early: %+v %v", r, err)
		}
		env.Clock.Advance(5 * time.Minute)
		srv.Refuse(550, "no such user")
		if r, err := env.Invoices.Deliver(sys); err != nil || r.Failed != 1 {
			t.Fatalf("deliver = %+v %v", r, err)
		}
		got = delivery(t, env, with).Delivery
		if got.Status != invoice.DeliveryFailed || got.Attempts != 2 || !strings.Contains(got.Answer, "550") || got.NextAttemptTime != nil {
			t.Errorf("after a permanent refusal: %+v", got)
		}
		if len(srv.Messages()) != 0 {
			t.Errorf("a refused message was recorded as received")
		}
	})
}

// decoded reads a MIME part's body in its transfer encoding.
func decoded(p *multipart.Part) io.Reader {
	if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "base64") {
		return base64.NewDecoder(base64.StdEncoding, p)
	}
	return p
}
