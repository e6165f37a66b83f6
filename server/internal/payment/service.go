package payment

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Service records payments and keeps the invoices they pay.
type Service struct {
	client   *ent.Client
	audit    *audit.Writer
	clock    clock.Clock
	settings *settings.Service
	// box seals the providers' keys.
	box *secrets.Box
	// providerURLs and httpClient replace the providers' addresses and
	// the adapters' client (PointProviders).
	providerURLs map[provider.Name]string
	httpClient   *http.Client
	// publicURL is the platform's address (SetPublicURL).
	publicURL string
	// beforeCharge, when set, runs after a provider payment is stored and
	// before the provider is called (for tests: a crash in between).
	beforeCharge func() error
}

// NewService returns the payments domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, set *settings.Service, box *secrets.Box) *Service {
	return &Service{client: client, audit: aw, clock: clk, settings: set, box: box}
}

// Receipt is money staff record for an invoice.
type Receipt struct {
	Invoice     uuid.UUID
	Method      Method
	AmountCents int64
	Currency    string
	ValueDate   calendar.Date
	Reference   string
	Note        string
}

// Settled is an invoice after a payment changed: its status and what its
// payments count towards it.
type Settled struct {
	Status    string
	PaidCents int64
}

// Record records money received for an invoice by bank transfer or by
// hand: SUCCEEDED at once, counted towards the invoice in the same change.
// With validateOnly it checks everything and answers what it would record.
func (s *Service) Record(ctx context.Context, r Receipt, validateOnly bool) (*Payment, Settled, error) {
	r.Reference, r.Note = strings.TrimSpace(r.Reference), strings.TrimSpace(r.Note)
	if r.Method != BankTransfer && r.Method != Manual {
		return nil, Settled{}, apierr.Invalid("method", "method.recorded",
			"staff record bank transfers and manual payments; %s payments come from the provider", r.Method)
	}
	if r.AmountCents <= 0 {
		return nil, Settled{}, apierr.Invalid("amount_cents", "amount_cents.gt", "the amount must be more than zero")
	}
	var out Payment
	var settled Settled
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		inv, err := s.payable(ctx, tx.Client(), r.Invoice)
		if err != nil {
			return err
		}
		if r.Currency != inv.Currency {
			return apierr.Invalid("currency", "currency.invoice", "invoice %s is in %s, not %s", inv.Number, inv.Currency, r.Currency)
		}
		set, err := s.settings.Of(ctx, inv.IssuerID)
		if err != nil {
			return err
		}
		if today := calendar.On(s.clock.Now(), set.Invoice.Location()); r.ValueDate.After(today) {
			return apierr.Invalid("value_date", "value_date.not_future", "the value date %s is after today (%s)", r.ValueDate, today)
		}
		now := s.clock.Now()
		out = Payment{ID: uuid.Must(uuid.NewV7()), OrganizationID: inv.OrganizationID, InvoiceID: inv.ID,
			InvoiceNumber: inv.Number, Method: r.Method, Status: Succeeded, AmountCents: r.AmountCents, Currency: r.Currency,
			ValueDate: r.ValueDate, Reference: r.Reference, Note: r.Note, RecordedByEmail: authz.ActorOf(ctx).Email,
			CreateTime: now, StatusTime: now}
		if validateOnly {
			settled = Settled{Status: string(inv.Status), PaidCents: inv.PaidCents + r.AmountCents}
			if settled.PaidCents >= inv.GrossCents {
				settled.Status = string(entinvoice.StatusPAID)
			}
			return audit.Unchanged
		}
		if err := insert(ctx, tx, log, out); err != nil {
			return err
		}
		settled, err = s.settle(ctx, tx, log, inv.ID)
		return err
	})
	if err != nil {
		return nil, Settled{}, err
	}
	return &out, settled, nil
}

// insert writes a new payment and its audit event.
func insert(ctx context.Context, tx *ent.Tx, log *audit.Log, p Payment) error {
	if err := tx.Payment.Create().SetID(p.ID).SetOrganizationID(p.OrganizationID).SetInvoiceID(p.InvoiceID).
		SetInvoiceNumber(p.InvoiceNumber).SetMethod(entpayment.Method(p.Method)).SetStatus(entpayment.Status(p.Status)).
		SetAmountCents(p.AmountCents).SetCurrency(p.Currency).SetValueDate(p.ValueDate.String()).
		SetReference(p.Reference).SetNote(p.Note).SetRecordedByEmail(p.RecordedByEmail).
		SetStatusTime(p.StatusTime).SetCreateTime(p.CreateTime).SetUpdateTime(p.CreateTime).Exec(ctx); err != nil {
		return err
	}
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Payment, p.ID), After: state(p)})
	return nil
}

// payable reads the invoice a payment is for: an invoice (not a
// cancellation invoice) that is not cancelled.
func (s *Service) payable(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.Invoice, error) {
	inv, err := c.Invoice.Query().Where(entinvoice.ID(id)).
		Select(entinvoice.FieldID, entinvoice.FieldOrganizationID, entinvoice.FieldIssuerID, entinvoice.FieldNumber,
			entinvoice.FieldKind, entinvoice.FieldStatus, entinvoice.FieldCurrency, entinvoice.FieldGrossCents,
			entinvoice.FieldPaidCents, entinvoice.FieldDueDate).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("invoice", ids.Format(ids.Invoice, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read invoice: %w", err)
	}
	switch {
	case inv.Kind == entinvoice.KindCANCELLATION:
		return nil, apierr.FailedPrecondition("%s is a cancellation invoice: it is not paid", inv.Number)
	case inv.Status == entinvoice.StatusCANCELLED:
		return nil, apierr.FailedPrecondition("%s is cancelled: money for it is the organization's credit, not a payment of it", inv.Number)
	}
	return inv, nil
}

// Refund records that amount cents of a succeeded payment went back to
// the customer (0: all that is left of it). A payment through a provider
// is refunded at the provider, which reports it back.
func (s *Service) Refund(ctx context.Context, id uuid.UUID, amount int64, reason string) (*Payment, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the payment is refunded")
	}
	if amount < 0 {
		return nil, apierr.Invalid("amount_cents", "amount_cents.gte", "the amount cannot be negative")
	}
	current, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if current.Method.ThroughProvider() {
		return s.refundAtProvider(ctx, current, amount, reason)
	}
	return s.change(ctx, id, reason, func(p *Payment) error {
		if p.Status != Succeeded {
			return apierr.FailedPrecondition("the payment is %s: only a succeeded payment is refunded", strings.ToLower(string(p.Status)))
		}
		left := p.AmountCents - p.RefundedCents
		if amount == 0 {
			amount = left
		}
		if amount > left {
			return apierr.Invalid("amount_cents", "amount_cents.left", "%s of the payment are left to refund", cents.Format(left, p.Currency))
		}
		p.RefundedCents += amount
		if p.RefundedCents == p.AmountCents {
			p.Status = Refunded
		}
		return nil
	})
}

// Reverse undoes a payment staff recorded that did not happen as recorded:
// it is REVERSED and counts for nothing.
func (s *Service) Reverse(ctx context.Context, id uuid.UUID, reason string) (*Payment, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the payment is reversed")
	}
	return s.change(ctx, id, reason, func(p *Payment) error {
		switch {
		case p.Method.ThroughProvider():
			return apierr.FailedPrecondition("%s payments are not reversed by hand: refund them at %s", methodName(p.Method), methodName(p.Method))
		case p.Status != Succeeded:
			return apierr.FailedPrecondition("the payment is %s: only a succeeded payment is reversed", strings.ToLower(string(p.Status)))
		case p.RefundedCents > 0:
			return apierr.FailedPrecondition("%s of the payment were refunded already: refund the rest instead",
				cents.Format(p.RefundedCents, p.Currency))
		}
		p.Status = Reversed
		return nil
	})
}

// change applies fn to a payment in an audited change, and settles its
// invoice.
func (s *Service) change(ctx context.Context, id uuid.UUID, reason string, fn func(p *Payment) error) (*Payment, error) {
	var out Payment
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.Payment.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("payment", ids.Format(ids.Payment, id))
		}
		if err != nil {
			return fmt.Errorf("read payment: %w", err)
		}
		before := paymentOf(r)
		out = before
		if err := fn(&out); err != nil {
			return err
		}
		now := s.clock.Now()
		out.Reason = reason
		upd := tx.Payment.UpdateOneID(id).SetRefundedCents(out.RefundedCents).SetReason(reason).SetUpdateTime(now)
		if out.Status != before.Status {
			out.StatusTime = now
			upd.SetStatus(entpayment.Status(out.Status)).SetStatusTime(now)
		}
		if err := upd.Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Payment, id), Reason: reason,
			Before: state(before), After: state(out)})
		_, err = s.settle(ctx, tx, log, out.InvoiceID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// settle recounts what the payments of an invoice count towards it and
// moves its status: PAID once they reach the gross amount, open again
// below it (OVERDUE after the due date in the issuer's calendar). A
// cancelled invoice keeps its status; what was paid for it is credit.
func (s *Service) settle(ctx context.Context, tx *ent.Tx, log *audit.Log, invoiceID uuid.UUID) (Settled, error) {
	inv, err := tx.Invoice.Get(ctx, invoiceID)
	if err != nil {
		return Settled{}, fmt.Errorf("read invoice: %w", err)
	}
	rows, err := tx.Payment.Query().Where(entpayment.InvoiceID(invoiceID), entpayment.StatusEQ(entpayment.StatusSUCCEEDED)).
		Select(entpayment.FieldAmountCents, entpayment.FieldRefundedCents).All(ctx)
	if err != nil {
		return Settled{}, fmt.Errorf("read payments: %w", err)
	}
	var paid int64
	for _, r := range rows {
		paid += r.AmountCents - r.RefundedCents
	}
	status := inv.Status
	now := s.clock.Now()
	switch {
	case inv.Status == entinvoice.StatusCANCELLED:
	case paid >= inv.GrossCents:
		status = entinvoice.StatusPAID
	case inv.Status == entinvoice.StatusPAID:
		set, err := s.settings.Of(ctx, inv.IssuerID)
		if err != nil {
			return Settled{}, err
		}
		status = entinvoice.StatusISSUED
		if dateOf(inv.DueDate).Before(calendar.On(now, set.Invoice.Location())) {
			status = entinvoice.StatusOVERDUE
		}
	}
	if paid == inv.PaidCents && status == inv.Status {
		return Settled{Status: string(status), PaidCents: paid}, nil
	}
	upd := tx.Invoice.UpdateOneID(invoiceID).SetPaidCents(paid).SetUpdateTime(now)
	if status != inv.Status {
		upd.SetStatus(status)
		switch status {
		case entinvoice.StatusPAID:
			upd.SetPaidTime(now)
		case entinvoice.StatusOVERDUE:
			if inv.OverdueTime == nil {
				upd.SetOverdueTime(now)
			}
		}
		if inv.Status == entinvoice.StatusPAID {
			upd.ClearPaidTime()
		}
	}
	if err := upd.Exec(ctx); err != nil {
		return Settled{}, err
	}
	if status != inv.Status {
		log.Record(audit.Event{TargetType: "invoice", TargetID: ids.Format(ids.Invoice, invoiceID),
			Before: map[string]any{"number": inv.Number, "status": string(inv.Status), "paid_cents": inv.PaidCents},
			After:  map[string]any{"number": inv.Number, "status": string(status), "paid_cents": paid}})
	}
	return Settled{Status: string(status), PaidCents: paid}, nil
}

// methodName is how staff call a method.
func methodName(m Method) string {
	switch m {
	case Stripe:
		return "Stripe"
	case Mollie:
		return "Mollie"
	case BankTransfer:
		return "bank transfer"
	}
	return "manual"
}
