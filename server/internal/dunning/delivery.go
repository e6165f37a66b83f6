package dunning

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/dunningnotice"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Delivered is what a run of Deliver did.
type Delivered struct{ Sent, Retrying, Failed, Withdrawn int }

// Deliver sends the notices that are due: queued ones, and those whose
// wait after a temporary failure has passed, through the issuer's mail
// server and with the invoices' retry policy. A notice whose invoice was
// paid or cancelled meanwhile is withdrawn instead, and its fee invoice
// cancelled. Each is sent outside any transaction and its outcome recorded
// after; should the server stop between the two, the e-mail is sent again
// with the same Message-ID.
func (s *Service) Deliver(ctx context.Context) (Delivered, error) {
	var r Delivered
	due, err := s.client.DunningNotice.Query().Where(dunningnotice.StatusEQ(dunningnotice.StatusQUEUED),
		dunningnotice.NextAttemptTimeLTE(s.clock.Now())).Order(dunningnotice.ByNextAttemptTime()).Limit(500).All(ctx)
	if err != nil {
		return r, fmt.Errorf("notices due: %w", err)
	}
	var errs []error
	for _, n := range due {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		inv, err := s.client.Invoice.Get(ctx, n.InvoiceID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !open(inv) {
			if err := s.withdraw(ctx, n, inv); err != nil {
				errs = append(errs, err)
			} else {
				r.Withdrawn++
			}
			continue
		}
		// A letter that cannot be rendered is a failure of its own, kept
		// with the notice like a refusal of the mail server.
		name, pdf, sendErr := s.render(ctx, n)
		var answer string
		if sendErr == nil {
			answer, sendErr = s.send(ctx, n, pdf)
		}
		if err := s.record(ctx, n, name, answer, sendErr, &r); err != nil {
			errs = append(errs, err)
		}
	}
	return r, errors.Join(errs...)
}

// letterOfNotice reads the letter a notice stored.
func letterOfNotice(n *ent.DunningNotice) (invoicepdf.Letter, error) {
	var l invoicepdf.Letter
	if err := json.Unmarshal(n.Document, &l); err != nil {
		return l, fmt.Errorf("read the letter of %s: %w", ids.Format(ids.DunningNotice, n.ID), err)
	}
	return l, nil
}

// render renders a notice's letter from its stored document and stores it
// under its SHA-256 (the same document gives the same bytes, so the file a
// notice names once never changes).
func (s *Service) render(ctx context.Context, n *ent.DunningNotice) (string, []byte, error) {
	l, err := letterOfNotice(n)
	if err != nil {
		return "", nil, err
	}
	if l.Issuer.LogoFile != "" {
		if l.Issuer.Logo, err = s.invoices.Logo(ctx, l.Issuer.LogoFile); err != nil {
			return "", nil, fmt.Errorf("read the logo: %w", err)
		}
	}
	pdf, err := invoicepdf.RenderLetter(l)
	if err != nil {
		return "", nil, err
	}
	name := blob.Name(pdf, "pdf")
	if err := s.files.Put(ctx, FilePrefix, name, pdf, "application/pdf"); err != nil {
		return "", nil, fmt.Errorf("store the letter: %w", err)
	}
	return name, pdf, nil
}

// FileName is the name a notice's PDF is attached and downloaded as:
// 1-Mahnung-RE-2027-000042.pdf.
func FileName(level, invoiceNumber string) string {
	return strings.ReplaceAll(strings.ReplaceAll(titles[level], ". ", "-"), " ", "-") + "-" + invoiceNumber + ".pdf"
}

// send composes and sends one notice's e-mail with its letter.
func (s *Service) send(ctx context.Context, n *ent.DunningNotice, pdf []byte) (string, error) {
	org, err := s.client.Organization.Get(ctx, n.OrganizationID)
	if err != nil {
		return "", err
	}
	srv, sender, err := s.settings.SMTP(ctx, n.IssuerID)
	if err != nil {
		return "", err
	}
	l, err := letterOfNotice(n)
	if err != nil {
		return "", err
	}
	msg := mail.DunningMessage(sender, n.ToAddress, mail.Dunning{Title: l.Title, Invoice: n.InvoiceNumber, Organization: org.Name,
		OpenCents: l.TotalCents(), Currency: n.Currency, PayBy: l.PayBy, PDF: pdf, FileName: FileName(string(n.Level), n.InvoiceNumber)})
	msg.MessageID = fmt.Sprintf("<%s@%s>", n.ID, "dunning.leitstand")
	c, err := mail.Compose(msg)
	if err != nil {
		return "", err
	}
	return mail.Send(ctx, srv, c)
}

// record writes the outcome of an attempt, and the PDF's name once.
func (s *Service) record(ctx context.Context, n *ent.DunningNotice, pdfName, answer string, sendErr error, r *Delivered) error {
	now := s.clock.Now()
	attempts := n.Attempts + 1
	outcome := StatusSent
	switch {
	case sendErr == nil:
	case mail.Temporary(sendErr) && attempts < mail.MaxAttempts:
		outcome = "RETRYING"
	default:
		outcome = StatusFailed
	}
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		up := tx.DunningNotice.UpdateOneID(n.ID).Where(dunningnotice.StatusEQ(dunningnotice.StatusQUEUED)).
			SetAttempts(attempts).SetLastAttemptTime(now).SetUpdateTime(now)
		if n.PdfName == "" && pdfName != "" {
			up.SetPdfName(pdfName).SetPdfSha256(strings.TrimSuffix(pdfName, ".pdf"))
		}
		switch outcome {
		case StatusSent:
			up.SetStatus(dunningnotice.StatusSENT).SetAnswer(answer).ClearNextAttemptTime()
		case StatusFailed:
			up.SetStatus(dunningnotice.StatusFAILED).SetAnswer(sendErr.Error()).ClearNextAttemptTime()
		default:
			up.SetAnswer(sendErr.Error()).SetNextAttemptTime(now.Add(mail.RetryAfter(attempts)))
		}
		if err := up.Exec(ctx); err != nil {
			return err
		}
		a := answer
		if sendErr != nil {
			a = sendErr.Error()
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.DunningNotice, n.ID),
			After: map[string]any{"delivery": outcome, "to": n.ToAddress, "attempt": attempts, "answer": a}})
		return nil
	})
	if err != nil {
		return fmt.Errorf("record the delivery of %s: %w", ids.Format(ids.DunningNotice, n.ID), err)
	}
	switch outcome {
	case StatusSent:
		r.Sent++
	case StatusFailed:
		r.Failed++
	default:
		r.Retrying++
	}
	return nil
}

// withdraw keeps a notice whose invoice was paid or cancelled before it
// went out from being sent, and cancels its fee invoice: the fee was for a
// letter the customer never got. The fee invoice is cancelled first, so a
// failure in between leaves the notice queued for the next attempt.
func (s *Service) withdraw(ctx context.Context, n *ent.DunningNotice, inv *ent.Invoice) error {
	why := fmt.Sprintf("%s was paid before the %s went out", inv.Number, titles[string(n.Level)])
	if inv.Status == entinvoice.StatusCANCELLED {
		why = fmt.Sprintf("%s was cancelled before the %s went out", inv.Number, titles[string(n.Level)])
	}
	if n.FeeInvoiceID != nil {
		fee, err := s.client.Invoice.Get(ctx, *n.FeeInvoiceID)
		if err != nil {
			return err
		}
		if fee.Status != entinvoice.StatusCANCELLED {
			if _, _, err := s.invoices.Cancel(ctx, fee.ID, "the dunning notice was withdrawn: "+why); err != nil && !errors.Is(err, apierr.ErrFailedPrecondition) {
				return fmt.Errorf("cancel the fee invoice %s: %w", fee.Number, err)
			}
		}
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		k, err := tx.DunningNotice.Update().Where(dunningnotice.ID(n.ID), dunningnotice.StatusEQ(dunningnotice.StatusQUEUED)).
			SetStatus(dunningnotice.StatusWITHDRAWN).SetAnswer(why).ClearNextAttemptTime().SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil || k == 0 {
			if err == nil {
				err = audit.Unchanged
			}
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.DunningNotice, n.ID), Reason: why,
			Before: map[string]any{"status": StatusQueued}, After: map[string]any{"status": StatusWithdrawn}})
		return nil
	})
}
