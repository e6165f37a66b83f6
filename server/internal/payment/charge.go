package payment

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/ent/paymentcustomer"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// IdempotencyKey is the key of the request that creates the attempt-th
// provider payment of an invoice: the same for every retry of that
// attempt, whoever makes it.
func IdempotencyKey(invoice uuid.UUID, attempt int) string {
	return fmt.Sprintf("leitstand-%s-%d", ids.Format(ids.Invoice, invoice), attempt)
}

// RequestPayment asks a provider for the payment of what is open of an
// invoice. The payment is stored PENDING with its attempt's idempotency
// key before the provider is called; a request after a failed or
// interrupted call reuses that key, so the provider creates the payment
// once. A pending payment of the same amount the provider knows already
// is answered again.
func (s *Service) RequestPayment(ctx context.Context, invoiceID uuid.UUID, p provider.Name) (*Payment, error) {
	var pay Payment
	var issuer uuid.UUID
	var known bool
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		inv, err := s.payable(ctx, tx.Client(), invoiceID)
		if err != nil {
			return err
		}
		issuer = inv.IssuerID
		open := inv.GrossCents - inv.PaidCents
		if open <= 0 {
			return apierr.FailedPrecondition("%s is paid: nothing is open", inv.Number)
		}
		method := entpayment.Method(p)
		prior, err := tx.Payment.Query().Where(entpayment.InvoiceID(inv.ID), entpayment.MethodEQ(method)).
			Order(ent.Desc(entpayment.FieldAttempt)).All(ctx)
		if err != nil {
			return err
		}
		for _, r := range prior {
			if r.Status == entpayment.StatusPENDING && r.AmountCents == open {
				// Asked for already: answered again (its call is made again
				// with its own key if its answer never came back).
				pay, known = paymentOf(r), r.ProviderPaymentID != ""
				return audit.Unchanged
			}
		}
		attempt := 1
		if len(prior) > 0 {
			attempt = prior[0].Attempt + 1
		}
		now := s.clock.Now()
		pay = Payment{ID: uuid.Must(uuid.NewV7()), OrganizationID: inv.OrganizationID, InvoiceID: inv.ID, InvoiceNumber: inv.Number,
			Method: Method(p), Status: Pending, AmountCents: open, Currency: inv.Currency, ValueDate: calendarToday(now),
			RecordedByEmail: authz.ActorOf(ctx).Email, CreateTime: now, StatusTime: now}
		if err := tx.Payment.Create().SetID(pay.ID).SetOrganizationID(pay.OrganizationID).SetInvoiceID(pay.InvoiceID).
			SetInvoiceNumber(pay.InvoiceNumber).SetMethod(method).SetStatus(entpayment.StatusPENDING).SetAmountCents(open).
			SetCurrency(pay.Currency).SetValueDate(pay.ValueDate.String()).SetRecordedByEmail(pay.RecordedByEmail).
			SetAttempt(attempt).SetIdempotencyKey(IdempotencyKey(inv.ID, attempt)).SetStatusTime(now).
			SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Payment, pay.ID), After: state(pay)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if known {
		return s.Get(ctx, pay.ID)
	}
	gw, _, err := s.gateway(ctx, issuer, p)
	if err != nil {
		return nil, err
	}
	var redirect, hook string
	if p == provider.Mollie {
		if s.publicURL == "" {
			return nil, apierr.FailedPrecondition("Mollie payments need the platform's public address (public-url), " +
				"where customers return after paying and Mollie reports")
		}
		redirect, hook = s.publicURL+"/", s.publicURL+WebhookPath(p, issuer)
	}
	if s.beforeCharge != nil {
		if err := s.beforeCharge(); err != nil {
			return nil, err
		}
	}
	row, err := s.client.Payment.Get(ctx, pay.ID)
	if err != nil {
		return nil, err
	}
	customer, err := s.customer(ctx, gw, pay.OrganizationID, p)
	if err != nil {
		return nil, err
	}
	st, err := gw.Charge(ctx, provider.Charge{InvoiceID: ids.Format(ids.Invoice, pay.InvoiceID), InvoiceNumber: pay.InvoiceNumber,
		AmountCents: pay.AmountCents, Currency: pay.Currency, Description: "Rechnung " + pay.InvoiceNumber, Customer: customer,
		IdempotencyKey: row.IdempotencyKey, RedirectURL: redirect, WebhookURL: hook})
	if err != nil {
		return nil, apierr.FailedPrecondition("%s did not take the payment: %v (asking again uses the same request, so nothing is made twice)",
			methodName(Method(p)), err)
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		n, err := tx.Payment.Update().Where(entpayment.ID(pay.ID), entpayment.ProviderPaymentID("")).
			SetProviderPaymentID(st.ID).SetReference(st.ID).SetCheckoutURL(st.CheckoutURL).SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil || n == 0 {
			if err == nil {
				err = audit.Unchanged // its webhook came first and told its id
			}
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Payment, pay.ID),
			After: map[string]any{"provider_payment_id": st.ID}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, pay.ID)
}

// customer is the organization's customer id at the provider, made with
// its first payment there (Stripe; Mollie takes payments without one).
func (s *Service) customer(ctx context.Context, gw provider.Gateway, org uuid.UUID, p provider.Name) (string, error) {
	if p != provider.Stripe {
		return "", nil
	}
	known, err := s.client.PaymentCustomer.Query().Where(paymentcustomer.OrganizationID(org),
		paymentcustomer.ProviderEQ(paymentcustomer.Provider(p))).Only(ctx)
	if err == nil {
		return known.CustomerID, nil
	}
	if !ent.IsNotFound(err) {
		return "", err
	}
	o, err := s.client.Organization.Query().Where(entorg.ID(org)).Only(ctx)
	if err != nil {
		return "", err
	}
	ref := ids.Format(ids.Organization, org)
	id, err := gw.EnsureCustomer(ctx, ref, o.Name, o.BillingEmail, "leitstand-customer-"+ref)
	if err != nil {
		return "", apierr.FailedPrecondition("%s did not take the customer: %v", methodName(Method(p)), err)
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		now := s.clock.Now()
		c := uuid.Must(uuid.NewV7())
		if err := tx.PaymentCustomer.Create().SetID(c).SetOrganizationID(org).SetProvider(paymentcustomer.Provider(p)).
			SetCustomerID(id).SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "payment_customer", TargetID: ids.Format(ids.PaymentCustomer, c),
			After: map[string]any{"organization_id": ref, "provider": string(p), "customer_id": id}})
		return nil
	})
	if ent.IsConstraintError(err) {
		return id, nil // made at the same moment by another request, with the same key
	}
	return id, err
}

// refundAtProvider refunds amount cents of a provider payment (0: all
// that is left) at the provider, and applies what the provider answers as
// an event of its own. The request's idempotency key is made of the
// payment and its refunded amount before it, so a refund repeated after
// a failure or a crash is made once.
func (s *Service) refundAtProvider(ctx context.Context, p *Payment, amount int64, reason string) (*Payment, error) {
	if p.Status != Succeeded {
		return nil, apierr.FailedPrecondition("the payment is %s: only a succeeded payment is refunded", strings.ToLower(string(p.Status)))
	}
	left := p.AmountCents - p.RefundedCents
	if amount == 0 {
		amount = left
	}
	if amount > left {
		return nil, apierr.Invalid("amount_cents", "amount_cents.left", "%s of the payment are left to refund", cents.Format(left, p.Currency))
	}
	inv, err := s.client.Invoice.Query().Where(entinvoice.ID(p.InvoiceID)).Select(entinvoice.FieldIssuerID).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("read invoice: %w", err)
	}
	name := provider.Name(p.Method)
	gw, _, err := s.gateway(ctx, inv.IssuerID, name)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("leitstand-refund-%s-%d-%d", ids.Format(ids.Payment, p.ID), p.RefundedCents, amount)
	st, err := gw.Refund(ctx, p.ProviderPaymentID, amount, key)
	if err != nil {
		return nil, apierr.FailedPrecondition("%s did not refund: %v (asking again uses the same request, so nothing is refunded twice)",
			methodName(p.Method), err)
	}
	// Staff's reason, with the amount asked for; the change itself comes
	// as the provider reports it.
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Payment, p.ID), Reason: reason,
			After: map[string]any{"refund_requested_cents": amount, "provider_payment_id": p.ProviderPaymentID}})
		return tx.Payment.UpdateOneID(p.ID).SetReason(reason).SetUpdateTime(s.clock.Now()).Exec(ctx)
	})
	if err != nil {
		return nil, err
	}
	ev := provider.Event{ID: fmt.Sprintf("refund:%s:r%d", st.ID, st.RefundedCents), Type: "refund", Occurred: s.clock.Now(), Payment: st}
	ev.Payload, _ = json.Marshal(st)
	if err := s.Receive(ctx, inv.IssuerID, name, ev); err != nil {
		return nil, err
	}
	return s.Get(ctx, p.ID)
}
