package settings

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	entsettings "github.com/leitstand/leitstand/server/ent/settings"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/netguard"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// errSealBroken is the cause logged when the stored SMTP password does not
// open: it was sealed for another row or with another key.
var errSealBroken = errors.New("the stored SMTP password does not open for its row")

// SMTP returns how billing entity be sends its invoice e-mails: the server
// with the password unsealed, and the sender (addresses, blind copy, company
// name). It reads for the platform's own bookkeeping (invoice delivery),
// whoever asks. Without a saved SMTP host (or sender address) it returns
// mail.ErrNoSettings, a permanent failure: deliveries then fail with "no
// SMTP settings" until the settings are saved.
func (s *Service) SMTP(ctx context.Context, be uuid.UUID) (mail.Server, mail.Sender, error) {
	row, err := s.client.Settings.Query().Where(entsettings.BillingEntityID(be)).Only(tenancy.Unscoped(ctx))
	if ent.IsNotFound(err) {
		return mail.Server{}, mail.Sender{}, mail.ErrNoSettings
	}
	if err != nil {
		return mail.Server{}, mail.Sender{}, fmt.Errorf("read settings: %w", err)
	}
	return s.smtpOf(ctx, row)
}

// isReseller reports whether billing entity be is a reseller.
func (s *Service) isReseller(ctx context.Context, be uuid.UUID) bool {
	kind, err := s.client.BillingEntity.Query().Where(entbe.ID(be)).Select(entbe.FieldKind).String(tenancy.Unscoped(ctx))
	// Unknown is treated as a reseller: guarded.
	return err != nil || kind != string(entbe.KindLICENSEE)
}

// AllowPrivateMailServers lets resellers' mail servers be on loopback and
// private networks (a test's or a demo's mail sink).
func (s *Service) AllowPrivateMailServers(allow bool) { s.allowPrivate = allow }

func (s *Service) smtpOf(ctx context.Context, row *ent.Settings) (mail.Server, mail.Sender, error) {
	v := fromRow(row).SMTP
	if v.Host == "" || v.From == "" {
		return mail.Server{}, mail.Sender{}, mail.ErrNoSettings
	}
	srv := mail.Server{Host: v.Host, Port: v.Port, Security: v.Security, Username: v.Username, Timeout: mail.DefaultTimeout}
	// A reseller's mail server is reached like a webhook: never on the
	// platform's own network. The licensee's may be its internal relay.
	if s.isReseller(ctx, row.BillingEntityID) {
		srv.Dial = netguard.DialContext(net.DefaultResolver, func() bool { return s.allowPrivate }, "resellers' mail servers", mail.DefaultTimeout)
	}
	if sealed := sealedPassword(row); sealed != nil {
		plain, err := s.box.Open(sealed, passwordAD(row.ID, row.BillingEntityID))
		if err != nil {
			return mail.Server{}, mail.Sender{}, fmt.Errorf("SMTP settings of billing entity %s: %w: %w", row.BillingEntityID, errSealBroken, err)
		}
		srv.Password = string(plain)
	}
	return srv, mail.Sender{From: v.From, FromName: v.FromName, ReplyTo: v.ReplyTo, Bcc: v.Bcc, Company: row.CompanyName}, nil
}

// TestResult is how a test e-mail went.
type TestResult struct {
	Delivered bool
	// Answer is the server's final reply when delivered, else its refusal
	// or why there was none.
	Answer string
	// Temporary says, for a failure, that trying again later may succeed.
	Temporary bool
}

// SendTestMail sends a short German test message to to through the
// caller's saved SMTP settings (without the blind copy), bounded by
// mail.DefaultTimeout, and records it in the audit trail (address, outcome,
// the server's answer). A send that fails is a result, not an error;
// settings without a host are FailedPrecondition.
func (s *Service) SendTestMail(ctx context.Context, to string) (TestResult, error) {
	if err := mail.CheckAddress(to); err != nil {
		return TestResult{}, apierr.Invalid("to", "email", "an e-mail address such as rechnung@example.com")
	}
	be, err := s.owner(ctx, s.client)
	if err != nil {
		return TestResult{}, err
	}
	row, err := s.client.Settings.Query().Where(entsettings.BillingEntityID(be)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return TestResult{}, fmt.Errorf("read settings: %w", err)
	}
	if row == nil {
		return TestResult{}, apierr.FailedPrecondition("save an SMTP server and a sender address first")
	}
	srv, from, err := s.smtpOf(ctx, row)
	if errors.Is(err, mail.ErrNoSettings) {
		return TestResult{}, apierr.FailedPrecondition("save an SMTP server and a sender address first")
	}
	if err != nil {
		return TestResult{}, err
	}
	c, err := mail.Compose(mail.Message{
		From: from.From, FromName: from.FromName, ReplyTo: from.ReplyTo, To: to,
		Subject: "Test-E-Mail von Leitstand",
		Body: "Guten Tag,\n\ndiese Nachricht prüft die SMTP-Einstellungen für den Rechnungsversand" +
			" von " + from.Company + ". Sie ist angekommen: Rechnungen werden auf diesem Weg versandt.\n\n" +
			"Mit freundlichen Grüßen\nLeitstand\n",
	})
	if err != nil {
		return TestResult{}, apierr.Invalid("to", "email", "%s", err.Error())
	}
	var r TestResult
	if answer, err := mail.Send(ctx, srv, c); err != nil {
		r = TestResult{Answer: err.Error(), Temporary: mail.Temporary(err)}
	} else {
		r = TestResult{Delivered: true, Answer: answer}
	}
	// The trail says who sent a message where, and what the server said.
	err = s.audit.Change(ctx, func(_ *ent.Tx, log *audit.Log) error {
		log.Record(audit.Event{TargetType: "settings", TargetID: ids.Format(ids.BillingEntity, be),
			After: map[string]any{"test_mail": map[string]any{"to": to, "delivered": r.Delivered, "answer": r.Answer}}})
		return nil
	})
	if err != nil {
		return TestResult{}, err
	}
	return r, nil
}

// sealedPassword is the row's sealed SMTP password; nil when none is
// stored. A row saved without a password may hold an empty value rather
// than NULL: that is no password either (opening it would fail).
func sealedPassword(row *ent.Settings) []byte {
	if row.SMTPPasswordSealed == nil || len(*row.SMTPPasswordSealed) == 0 {
		return nil
	}
	return *row.SMTPPasswordSealed
}
