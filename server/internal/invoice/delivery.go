package invoice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoicedelivery"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// The states of an invoice's e-mail.
const (
	DeliveryQueued = "QUEUED"
	DeliverySent   = "SENT"
	DeliveryFailed = "FAILED"
)

// noAddress is the answer of a delivery that cannot be made.
const noAddress = "the organization has no billing e-mail address"

// Delivery is the state of an invoice's e-mail.
type Delivery struct {
	Status string
	To     string
	// EInvoiceFormat is the e-invoice it carries (organization's
	// EInvoice… formats).
	EInvoiceFormat  string
	Attempts        int
	Answer          string
	LastAttemptTime *time.Time
	NextAttemptTime *time.Time
}

func deliveryOf(r *ent.InvoiceDelivery) *Delivery {
	return &Delivery{Status: string(r.Status), To: r.ToAddress, EInvoiceFormat: r.EinvoiceFormat.String(), Attempts: r.Attempts, Answer: r.Answer,
		LastAttemptTime: r.LastAttemptTime, NextAttemptTime: r.NextAttemptTime}
}

// deliveries reads the e-mail states of invoices, by invoice.
func (s *Service) deliveries(ctx context.Context, invoices []uuid.UUID) (map[uuid.UUID]*Delivery, error) {
	rows, err := s.client.InvoiceDelivery.Query().Where(invoicedelivery.InvoiceIDIn(invoices...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read deliveries: %w", err)
	}
	out := make(map[uuid.UUID]*Delivery, len(rows))
	for _, r := range rows {
		out[r.InvoiceID] = deliveryOf(r)
	}
	return out, nil
}

// Delivered is what a run of Deliver did.
type Delivered struct{ Sent, Retrying, Failed int }

// Deliver sends the invoice e-mails that are due: queued ones, and those
// whose wait after a temporary failure has passed. Each is sent outside
// any transaction and its outcome recorded after; should the server stop
// between the two, the e-mail is sent again with the same Message-ID, by
// which mail programs know it for the same message.
func (s *Service) Deliver(ctx context.Context) (Delivered, error) {
	var r Delivered
	due, err := s.client.InvoiceDelivery.Query().Where(invoicedelivery.StatusEQ(invoicedelivery.StatusQUEUED),
		invoicedelivery.NextAttemptTimeLTE(s.clock.Now())).Order(invoicedelivery.ByNextAttemptTime()).Limit(500).All(ctx)
	if err != nil {
		return r, fmt.Errorf("deliveries due: %w", err)
	}
	var errs []error
	for _, d := range due {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		answer, sendErr := s.send(ctx, d)
		if err := s.record(ctx, d, answer, sendErr, &r); err != nil {
			errs = append(errs, err)
		}
	}
	return r, errors.Join(errs...)
}

// xrechnungSyntax names the syntax of an XRechnung format in the e-mail.
var xrechnungSyntax = map[invoicedelivery.EinvoiceFormat]string{
	invoicedelivery.EinvoiceFormatXRECHNUNG_CII: "CII",
	invoicedelivery.EinvoiceFormatXRECHNUNG_UBL: "UBL",
}

// send composes and sends one invoice's e-mail with its PDF, and its
// XRechnung when the organization takes one.
func (s *Service) send(ctx context.Context, d *ent.InvoiceDelivery) (string, error) {
	inv, err := s.client.Invoice.Query().Where(entinvoice.ID(d.InvoiceID)).Only(ctx)
	if err != nil {
		return "", err
	}
	o, err := s.client.Organization.Query().Where(organization.ID(inv.OrganizationID)).Only(ctx)
	if err != nil {
		return "", err
	}
	srv, sender, err := s.settings.SMTP(ctx, inv.IssuerID)
	if err != nil {
		return "", err
	}
	name, err := s.pdfOf(ctx, inv)
	if err != nil {
		return "", err
	}
	f, _, err := s.files.Open(ctx, FilePrefix, name)
	if err != nil {
		return "", err
	}
	pdf, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return "", err
	}
	var doc invoicepdf.Document
	if err := json.Unmarshal(inv.Document, &doc); err != nil {
		return "", err
	}
	m := mail.Invoice{Number: inv.Number, Organization: o.Name, TotalCents: inv.GrossCents, Currency: inv.Currency,
		IssueDate: dateOf(inv.IssueDate), DueDate: dateOf(inv.DueDate), PDF: pdf}
	if doc.Cancels != nil {
		m.Cancels = doc.Cancels.Number
	}
	// The PDF is the ZUGFeRD e-invoice; an organization taking XRechnung
	// gets its XML, made (and kept) now like a download.
	if syntax, ok := xrechnungSyntax[d.EinvoiceFormat]; ok {
		x, err := s.EInvoice(ctx, inv.ID, d.EinvoiceFormat.String())
		if err != nil {
			return "", err
		}
		m.XRechnung = &mail.XRechnung{Syntax: syntax, XML: x.Content}
	}
	msg := mail.InvoiceMessage(sender, d.ToAddress, m)
	msg.MessageID = fmt.Sprintf("<%s@%s>", d.ID, "invoices.leitstand")
	c, err := mail.Compose(msg)
	if err != nil {
		return "", err
	}
	return mail.Send(ctx, srv, c)
}

// record writes the outcome of an attempt: SENT with the server's answer;
// after a temporary failure QUEUED for a later attempt, until the last;
// FAILED with the answer otherwise.
func (s *Service) record(ctx context.Context, d *ent.InvoiceDelivery, answer string, sendErr error, r *Delivered) error {
	now := s.clock.Now()
	attempts := d.Attempts + 1
	outcome := DeliverySent
	switch {
	case sendErr == nil:
	case mail.Temporary(sendErr) && attempts < mail.MaxAttempts:
		outcome = "RETRYING"
	default:
		outcome = DeliveryFailed
	}
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		up := tx.InvoiceDelivery.UpdateOneID(d.ID).SetAttempts(attempts).SetLastAttemptTime(now).SetUpdateTime(now)
		switch outcome {
		case DeliverySent:
			up.SetStatus(invoicedelivery.StatusSENT).SetAnswer(answer).ClearNextAttemptTime()
		case DeliveryFailed:
			up.SetStatus(invoicedelivery.StatusFAILED).SetAnswer(sendErr.Error()).ClearNextAttemptTime()
		default:
			up.SetAnswer(sendErr.Error()).SetNextAttemptTime(now.Add(mail.RetryAfter(attempts)))
		}
		if err := up.Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Invoice, d.InvoiceID),
			After: map[string]any{"delivery": outcome, "to": d.ToAddress, "attempt": attempts, "answer": firstLine(answer, sendErr)}})
		return nil
	})
	if err != nil {
		return fmt.Errorf("record the delivery of %s: %w", ids.Format(ids.Invoice, d.InvoiceID), err)
	}
	switch outcome {
	case DeliverySent:
		r.Sent++
	case DeliveryFailed:
		r.Failed++
	default:
		r.Retrying++
	}
	return nil
}

func firstLine(answer string, err error) string {
	if err != nil {
		return err.Error()
	}
	return answer
}
