package payment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/providerevent"
	"github.com/leitstand/leitstand/server/internal/billing/molliepay"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/billing/stripepay"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// The statuses of a provider's event.
const (
	EventReceived  = "RECEIVED"
	EventProcessed = "PROCESSED"
	EventIgnored   = "IGNORED"
	EventFlagged   = "FLAGGED"
	EventFailed    = "FAILED"
)

// Event is a provider's event as stored.
type Event struct {
	ID                             uuid.UUID
	Provider                       provider.Name
	EventID, Type                  string
	ProviderPaymentID              string
	PaymentID                      *uuid.UUID
	Status                         string
	Attempts                       int
	LastError                      string
	OccurredTime, CreateTime       time.Time
	ProcessedTime, NextAttemptTime *time.Time
	Payload                        string
}

// ErrWebhook is a webhook refused unread: a bad signature, an old
// timestamp, a body that is not the provider's.
var ErrWebhook = errors.New("payment: webhook refused")

// StripeWebhook takes a webhook of the Stripe account of the billing
// entity named by its TypeID: it verifies the signature with the stored
// webhook secret (refusing timestamps older than the tolerance), stores
// the event once and processes it.
func (s *Service) StripeWebhook(ctx context.Context, entity string, body []byte, signature string) error {
	ctx = audit.WithAction(tenancy.Unscoped(ctx), audit.ActionProviderEvent)
	be, err := ids.Parse(ids.BillingEntity, "entity", entity)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWebhook, err)
	}
	_, creds, err := s.gateway(ctx, be, provider.Stripe)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWebhook, err)
	}
	ev, err := stripepay.ParseWebhook(body, signature, creds.WebhookSecret, stripepay.DefaultTolerance, s.clock.Now())
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWebhook, err)
	}
	return s.Receive(ctx, be, provider.Stripe, ev)
}

// MollieWebhook takes a webhook of the Mollie account of the billing
// entity named by its TypeID. Mollie sends only the payment's id and
// signs nothing, so the payment is fetched from Mollie, and only what
// Mollie answers is acted on.
func (s *Service) MollieWebhook(ctx context.Context, entity string, body []byte, contentType string) error {
	ctx = audit.WithAction(tenancy.Unscoped(ctx), audit.ActionProviderEvent)
	be, err := ids.Parse(ids.BillingEntity, "entity", entity)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWebhook, err)
	}
	id, err := molliepay.WebhookPaymentID(body, contentType)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWebhook, err)
	}
	gw, _, err := s.gateway(ctx, be, provider.Mollie)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWebhook, err)
	}
	st, err := gw.Fetch(ctx, id)
	if errors.Is(err, provider.ErrNotFound) {
		// Not a payment of this account: nothing to do, and nothing to
		// tell whoever asked.
		return nil
	}
	if err != nil {
		return err
	}
	return s.Receive(ctx, be, provider.Mollie, molliepay.EventOf(st, body, s.clock.Now()))
}

// Receive stores a provider's event once, by the provider's id, and then
// processes it. An event stored before (the same delivery again, or at
// the same moment) changes nothing.
func (s *Service) Receive(ctx context.Context, be uuid.UUID, p provider.Name, ev provider.Event) error {
	ctx = tenancy.Unscoped(ctx)
	state, err := json.Marshal(ev.Payment)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	occurred := ev.Occurred
	if occurred.IsZero() {
		occurred = now
	}
	id := uuid.Must(uuid.NewV7())
	err = s.client.ProviderEvent.Create().SetID(id).SetIssuerID(be).SetProvider(providerevent.Provider(p)).
		SetEventID(ev.ID).SetType(textfold.Cut(ev.Type, 100)).SetPayload(ev.Payload).SetState(state).
		SetProviderPaymentID(textfold.Cut(ev.Payment.ID, 100)).SetStatus(providerevent.StatusRECEIVED).SetOccurredTime(occurred).
		SetCreateTime(now).SetUpdateTime(now).Exec(ctx)
	if ent.IsConstraintError(err) {
		return nil // stored before: this delivery is a repeat
	}
	if err != nil {
		return fmt.Errorf("store %s event %s: %w", p, ev.ID, err)
	}
	return s.process(ctx, id, "")
}

// process applies a stored event to its payment, in one change with the
// invoice it pays. A failure is kept on the event and tried again later
// (RetryEvents), with backoff.
func (s *Service) process(ctx context.Context, id uuid.UUID, reason string) error {
	ctx = tenancy.Unscoped(ctx)
	var outcome error
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		outcome = nil
		e, err := tx.ProviderEvent.Get(ctx, id)
		if err != nil {
			return err
		}
		var st provider.State
		if err := json.Unmarshal(e.State, &st); err != nil {
			return err
		}
		status, note, payID, err := s.apply(ctx, tx, log, e, st)
		if err != nil {
			outcome = err
			return err
		}
		now := s.clock.Now()
		upd := tx.ProviderEvent.UpdateOneID(id).SetStatus(providerevent.Status(status)).SetLastError(note).
			SetAttempts(e.Attempts + 1).SetProcessedTime(now).ClearNextAttemptTime().SetUpdateTime(now)
		if payID != nil {
			upd.SetPaymentID(*payID)
		}
		if err := upd.Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "provider_event", TargetID: ids.Format(ids.ProviderEvent, id), Reason: reason,
			After: map[string]any{"provider": string(e.Provider), "event_id": e.EventID, "type": e.Type, "status": status,
				"note": note}})
		return nil
	})
	if err == nil {
		return nil
	}
	if outcome == nil {
		outcome = err
	}
	// Kept failed, with when to try again: 1, 5, 30 minutes, then 2 and
	// 12 hours, then daily.
	e, getErr := s.client.ProviderEvent.Get(ctx, id)
	if getErr != nil {
		return errors.Join(outcome, getErr)
	}
	waits := []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 12 * time.Hour, 24 * time.Hour}
	wait := waits[min(e.Attempts, len(waits)-1)]
	now := s.clock.Now()
	if upErr := s.client.ProviderEvent.UpdateOneID(id).SetStatus(providerevent.StatusFAILED).SetAttempts(e.Attempts + 1).
		SetLastError(textfold.Cut(outcome.Error(), 2000)).SetNextAttemptTime(now.Add(wait)).SetUpdateTime(now).Exec(ctx); upErr != nil {
		return errors.Join(outcome, upErr)
	}
	return outcome
}

// rank orders a payment's statuses so that an event reporting an earlier
// state than the payment is in (a failure after the success, the success
// after the refund) changes nothing.
func rank(st Status) int {
	switch st {
	case Pending:
		return 0
	case Failed, Canceled:
		return 1
	}
	return 2
}

// apply merges what an event reports into its payment: the state only
// moves forward, the refunded amount only grows, and a dispute lost or
// won sets or clears DISPUTED. It answers the event's status, a note for
// staff, and the payment changed.
func (s *Service) apply(ctx context.Context, tx *ent.Tx, log *audit.Log, e *ent.ProviderEvent, st provider.State) (string, string, *uuid.UUID, error) {
	if st.ID == "" {
		return EventIgnored, "the event is about no payment", nil, nil
	}
	method := Method(e.Provider)
	r, err := tx.Payment.Query().Where(entpayment.MethodEQ(entpayment.Method(method)), entpayment.ProviderPaymentID(st.ID)).Only(ctx)
	if ent.IsNotFound(err) {
		r, err = s.adopt(ctx, tx, e, method, st)
		if r == nil && err == nil {
			return EventIgnored, "no payment and no invoice of the platform is named", nil, nil
		}
		var flag flagged
		if errors.As(err, &flag) {
			return EventFlagged, string(flag), nil, nil
		}
	}
	if err != nil {
		return "", "", nil, err
	}
	before := paymentOf(r)
	// What the provider reports must be what was asked for: otherwise it
	// changes nothing and is flagged for staff.
	switch {
	case st.AmountCents != 0 && st.AmountCents != r.AmountCents:
		return EventFlagged, fmt.Sprintf("the provider reports %d cents, the payment was for %d", st.AmountCents, r.AmountCents), &r.ID, nil
	case st.Currency != "" && st.Currency != r.Currency:
		return EventFlagged, fmt.Sprintf("the provider reports %s, the invoice is in %s", st.Currency, r.Currency), &r.ID, nil
	case st.InvoiceID != "" && st.InvoiceID != ids.Format(ids.Invoice, r.InvoiceID):
		return EventFlagged, fmt.Sprintf("the provider names invoice %s, the payment is for %s", st.InvoiceID, ids.Format(ids.Invoice, r.InvoiceID)), &r.ID, nil
	}
	after := before
	reported := Status(st.Status)
	if st.Status == provider.Pending {
		reported = Pending
	}
	if rank(reported) > rank(before.Status) || (rank(reported) == rank(before.Status) && before.Status != Refunded && before.Status != Disputed) {
		after.Status = reported
	}
	if st.FailureReason != "" && after.Status != Succeeded {
		after.FailureReason = st.FailureReason
	}
	if st.RefundedCents > after.RefundedCents {
		after.RefundedCents = min(st.RefundedCents, after.AmountCents)
	}
	if st.CheckoutURL != "" {
		after.CheckoutURL = st.CheckoutURL
	}
	switch {
	case st.Disputed && rank(after.Status) == 2:
		after.Status = Disputed
	case !st.Disputed && before.Status == Disputed && strings.HasPrefix(e.Type, "charge.dispute"):
		after.Status = Succeeded // the dispute was won
	}
	if after.Status == Succeeded && after.RefundedCents == after.AmountCents {
		after.Status = Refunded
	}
	if after == before {
		return EventProcessed, "nothing changed: the payment is there already", &r.ID, nil
	}
	now := s.clock.Now()
	upd := tx.Payment.UpdateOneID(r.ID).SetRefundedCents(after.RefundedCents).SetFailureReason(after.FailureReason).
		SetCheckoutURL(after.CheckoutURL).SetUpdateTime(now)
	if after.Status != before.Status {
		upd.SetStatus(entpayment.Status(after.Status)).SetStatusTime(now)
		if after.Status == Succeeded && before.Status == Pending {
			// The money arrived today, whatever day it was asked for.
			upd.SetValueDate(calendarToday(now).String())
		}
	}
	if err := upd.Exec(ctx); err != nil {
		return "", "", nil, err
	}
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Payment, r.ID), Reason: e.Type,
		Before: state(before), After: state(after)})
	if _, err := s.settle(ctx, tx, log, r.InvoiceID); err != nil {
		return "", "", nil, err
	}
	return EventProcessed, "", &r.ID, nil
}

// flagged is why an event about an unknown payment was not adopted.
type flagged string

func (f flagged) Error() string { return string(f) }

// adopt makes the payment row of a provider payment the platform did not
// record yet: the one asked for whose answer was lost (a crash between the
// call and storing its id), or one made at the provider for an invoice it
// names. nil when the event names no invoice of the billing entity.
func (s *Service) adopt(ctx context.Context, tx *ent.Tx, e *ent.ProviderEvent, method Method, st provider.State) (*ent.Payment, error) {
	if st.InvoiceID == "" {
		return nil, nil
	}
	invID, err := ids.Parse(ids.Invoice, "invoice_id", st.InvoiceID)
	if err != nil {
		return nil, flagged("the provider names " + st.InvoiceID + ", which is no invoice id")
	}
	inv, err := tx.Invoice.Query().Where(entinvoice.ID(invID), entinvoice.IssuerID(e.IssuerID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, flagged("the provider names invoice " + st.InvoiceID + ", which the billing entity did not issue")
	}
	if err != nil {
		return nil, err
	}
	// A payment asked for and stored, whose answer never came back.
	asked, err := tx.Payment.Query().Where(entpayment.InvoiceID(inv.ID), entpayment.MethodEQ(entpayment.Method(method)),
		entpayment.ProviderPaymentID(""), entpayment.StatusEQ(entpayment.StatusPENDING), entpayment.AmountCents(st.AmountCents)).
		Order(ent.Desc(entpayment.FieldAttempt)).First(ctx)
	if err == nil {
		return tx.Payment.UpdateOneID(asked.ID).SetProviderPaymentID(st.ID).SetReference(st.ID).Save(ctx)
	}
	if !ent.IsNotFound(err) {
		return nil, err
	}
	if st.Currency != inv.Currency {
		return nil, flagged(fmt.Sprintf("the provider reports %s for invoice %s in %s", st.Currency, inv.Number, inv.Currency))
	}
	now := s.clock.Now()
	return tx.Payment.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(inv.OrganizationID).SetInvoiceID(inv.ID).
		SetInvoiceNumber(inv.Number).SetMethod(entpayment.Method(method)).SetStatus(entpayment.StatusPENDING).
		SetAmountCents(st.AmountCents).SetCurrency(inv.Currency).SetValueDate(calendarToday(now).String()).
		SetReference(st.ID).SetProviderPaymentID(st.ID).SetRecordedByEmail("system").SetStatusTime(now).
		SetCreateTime(now).SetUpdateTime(now).Save(ctx)
}

// Replay processes a stored event again, now.
func (s *Service) Replay(ctx context.Context, id uuid.UUID, reason string) (*Event, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the event is processed again")
	}
	if _, err := s.client.ProviderEvent.Get(ctx, id); ent.IsNotFound(err) {
		return nil, apierr.NotFound("provider event", ids.Format(ids.ProviderEvent, id))
	} else if err != nil {
		return nil, err
	}
	// A failure is kept on the event, which is what the answer shows.
	_ = s.process(ctx, id, reason)
	list, _, err := s.Events(ctx, EventFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}

// Retried is what RetryEvents did.
type Retried struct{ Processed, Failed int }

// RetryEvents processes the events whose processing failed and whose
// time has come, and those stored but never processed (the server
// stopped in between).
func (s *Service) RetryEvents(ctx context.Context) (Retried, error) {
	ctx = tenancy.Unscoped(ctx)
	now := s.clock.Now()
	rows, err := s.client.ProviderEvent.Query().Where(providerevent.Or(
		providerevent.And(providerevent.StatusEQ(providerevent.StatusFAILED), providerevent.NextAttemptTimeLTE(now)),
		providerevent.And(providerevent.StatusEQ(providerevent.StatusRECEIVED), providerevent.CreateTimeLT(now.Add(-time.Minute))))).
		Order(ent.Asc(providerevent.FieldOccurredTime)).Limit(1000).IDs(ctx)
	if err != nil {
		return Retried{}, fmt.Errorf("events to retry: %w", err)
	}
	var r Retried
	for _, id := range rows {
		if err := s.process(ctx, id, ""); err != nil {
			r.Failed++
			continue
		}
		r.Processed++
	}
	return r, nil
}

// Reconciled is what Reconcile did: payments asked about, of those the
// ones that had moved on, and those that could not be asked (a failed
// call; no account set up for their billing entity).
type Reconciled struct{ Asked, Changed, Failed, NoAccount int }

// Reconcile asks the providers for the state of every payment still
// pending an hour after it was asked for: what a dropped webhook would
// have said arrives this way, as an event of its own.
func (s *Service) Reconcile(ctx context.Context) (Reconciled, error) {
	ctx = tenancy.Unscoped(ctx)
	var r Reconciled
	rows, err := s.client.Payment.Query().Where(entpayment.StatusEQ(entpayment.StatusPENDING),
		entpayment.MethodIn(entpayment.MethodSTRIPE, entpayment.MethodMOLLIE), entpayment.ProviderPaymentIDNEQ(""),
		entpayment.StatusTimeLT(s.clock.Now().Add(-time.Hour))).Limit(1000).All(ctx)
	if err != nil {
		return r, fmt.Errorf("pending payments: %w", err)
	}
	var errs []error
	for _, p := range rows {
		inv, err := s.client.Invoice.Query().Where(entinvoice.ID(p.InvoiceID)).Select(entinvoice.FieldIssuerID).Only(ctx)
		if err != nil {
			return r, err
		}
		name := provider.Name(p.Method)
		gw, _, err := s.gateway(ctx, inv.IssuerID, name)
		if _, refused := apierr.As(err); refused {
			r.NoAccount++ // nobody to ask: the account's keys were removed or never set
			continue
		}
		if err == nil {
			var st provider.State
			if st, err = gw.Fetch(ctx, p.ProviderPaymentID); err == nil {
				r.Asked++
				if Status(st.Status) == Pending {
					continue
				}
				ev := provider.Event{ID: fmt.Sprintf("reconcile:%s:%s:r%d", st.ID, strings.ToLower(string(st.Status)), st.RefundedCents),
					Type: "reconciliation", Occurred: s.clock.Now(), Payment: st}
				ev.Payload, _ = json.Marshal(st)
				if err = s.Receive(ctx, inv.IssuerID, name, ev); err == nil {
					// Moved on, unless what it said contradicts the payment
					// (a flagged event, for staff).
					if now, getErr := s.client.Payment.Get(ctx, p.ID); getErr == nil && now.Status != p.Status {
						r.Changed++
					}
					continue
				}
			}
		}
		r.Failed++
		errs = append(errs, fmt.Errorf("%s %s: %w", name, p.ProviderPaymentID, err))
	}
	return r, errors.Join(errs...)
}

// CleanupEvents removes the events processed (or ignored) more than
// retention ago; failed and flagged ones stay until staff saw to them.
func (s *Service) CleanupEvents(ctx context.Context, retention time.Duration) (int, error) {
	ctx = tenancy.Unscoped(ctx)
	cutoff := s.clock.Now().Add(-retention)
	var n int
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var err error
		n, err = tx.ProviderEvent.Delete().Where(providerevent.StatusIn(providerevent.StatusPROCESSED, providerevent.StatusIGNORED),
			providerevent.ProcessedTimeLT(cutoff)).Exec(ctx)
		if err != nil || n == 0 {
			if err == nil {
				err = audit.Unchanged
			}
			return err
		}
		log.Record(audit.Event{TargetType: "provider_event", TargetID: "processed-before-" + cutoff.Format(time.DateOnly),
			After: map[string]any{"removed": n, "processed_before": cutoff.Format(time.RFC3339)}})
		return nil
	})
	return n, err
}

// EventFilter selects events.
type EventFilter struct {
	ID, Payment *uuid.UUID
	Statuses    []string
	PageSize    int32
	PageToken   string
}

// Events lists the providers' events, the latest first.
func (s *Service) Events(ctx context.Context, f EventFilter) ([]Event, string, error) {
	var where []predicate.ProviderEvent
	if f.ID != nil {
		where = append(where, providerevent.ID(*f.ID))
	}
	if f.Payment != nil {
		where = append(where, providerevent.PaymentID(*f.Payment))
	}
	if len(f.Statuses) > 0 {
		st := make([]providerevent.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = providerevent.Status(v)
		}
		where = append(where, providerevent.StatusIn(st...))
	}
	fp := paging.Fingerprint("provider-events", f.Payment, f.Statuses)
	var c struct {
		ID uuid.UUID `json:"i"`
	}
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, "", err
	}
	q := s.client.ProviderEvent.Query().Where(where...)
	if hasCursor {
		q.Where(providerevent.IDLT(c.ID))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(providerevent.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	if f.ID != nil && len(rows) == 0 {
		return nil, "", apierr.NotFound("provider event", ids.Format(ids.ProviderEvent, *f.ID))
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.ProviderEvent) any {
		return struct {
			ID uuid.UUID `json:"i"`
		}{last.ID}
	})
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event{ID: r.ID, Provider: provider.Name(r.Provider), EventID: r.EventID, Type: r.Type,
			ProviderPaymentID: r.ProviderPaymentID, PaymentID: r.PaymentID, Status: string(r.Status), Attempts: r.Attempts,
			LastError: r.LastError, OccurredTime: r.OccurredTime, CreateTime: r.CreateTime, ProcessedTime: r.ProcessedTime,
			NextAttemptTime: r.NextAttemptTime, Payload: string(r.Payload)}
	}
	return out, next, nil
}
