package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entaudit "github.com/leitstand/leitstand/server/ent/auditevent"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	entcursor "github.com/leitstand/leitstand/server/ent/webhookcursor"
	entendpoint "github.com/leitstand/leitstand/server/ent/webhookendpoint"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// cursorID is the id of the dispatcher's single cursor row.
const cursorID = 1

// dispatchBatch is how many audit events one transaction reads.
const dispatchBatch = 500

// Dispatched is what a dispatch did.
type Dispatched struct {
	// Read audit events, Events made of them, Deliveries queued.
	Read, Events, Deliveries int
}

// Dispatch turns the audit events written since the cursor into events and
// queues a delivery of each to every endpoint subscribed to it, batch by
// batch until it has caught up; each batch's events, deliveries and the
// cursor's move commit together. Two dispatchers at once cannot both
// commit a batch: the cursor moves only from where the batch began.
func (s *Service) Dispatch(ctx context.Context) (Dispatched, error) {
	ctx = tenancy.Unscoped(ctx)
	var out Dispatched
	licensee, err := tenancy.Licensee(ctx, s.client)
	if err != nil {
		return out, err
	}
	for range 40 {
		done := false
		err := db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
			from, err := s.cursor(ctx, tx)
			if err != nil {
				return err
			}
			rows, err := tx.AuditEvent.Query().Where(entaudit.SequenceGT(from), entaudit.OutcomeEQ(entaudit.OutcomeSUCCEEDED)).
				Order(ent.Asc(entaudit.FieldSequence)).Limit(dispatchBatch).All(ctx)
			if err != nil {
				return err
			}
			if len(rows) < dispatchBatch {
				done = true
			}
			if len(rows) == 0 {
				return nil
			}
			endpoints, err := tx.WebhookEndpoint.Query().Where(entendpoint.Enabled(true)).All(ctx)
			if err != nil {
				return err
			}
			var batch Dispatched
			for _, r := range rows {
				batch.Read++
				if len(endpoints) == 0 {
					continue
				}
				e, ok, err := s.mapAudit(ctx, tx, r)
				if err != nil {
					return fmt.Errorf("audit event %d: %w", r.Sequence, err)
				}
				if !ok {
					continue
				}
				var to []*ent.WebhookEndpoint
				for _, ep := range endpoints {
					if ep.FromSequence < r.Sequence && slices.Contains(ep.EventTypes, e.Type) &&
						(ep.BillingEntityID == licensee || ep.BillingEntityID == e.BillingEntity) {
						to = append(to, ep)
					}
				}
				if len(to) == 0 {
					continue
				}
				seq := r.Sequence
				if err := s.queue(ctx, tx, e, &seq, to, nil); err != nil {
					return err
				}
				batch.Events++
				batch.Deliveries += len(to)
			}
			last := rows[len(rows)-1].Sequence
			n, err := tx.WebhookCursor.Update().Where(entcursor.ID(cursorID), entcursor.Sequence(from)).
				SetSequence(last).SetUpdateTime(s.clock.Now()).Save(ctx)
			if err != nil {
				return err
			}
			if n != 1 {
				return errMoved
			}
			out.Read, out.Events, out.Deliveries = out.Read+batch.Read, out.Events+batch.Events, out.Deliveries+batch.Deliveries
			return nil
		})
		if err == errMoved {
			// Another dispatcher took the batch.
			return out, nil
		}
		if err != nil || done {
			return out, err
		}
	}
	return out, nil
}

var errMoved = fmt.Errorf("webhook cursor moved meanwhile")

// cursor returns the sequence the dispatcher has read up to, starting it
// on first use where the oldest endpoint began (or at the trail's head
// when there is none): the history before any endpoint existed is nobody's
// to receive.
func (s *Service) cursor(ctx context.Context, tx *ent.Tx) (int64, error) {
	c, err := tx.WebhookCursor.Get(ctx, cursorID)
	if err == nil {
		return c.Sequence, nil
	}
	if !ent.IsNotFound(err) {
		return 0, err
	}
	start, err := audit.Version(ctx, tx.Client())
	if err != nil {
		return 0, err
	}
	first, err := tx.WebhookEndpoint.Query().Order(ent.Asc(entendpoint.FieldFromSequence)).First(ctx)
	if err == nil && first.FromSequence < start {
		start = first.FromSequence
	} else if err != nil && !ent.IsNotFound(err) {
		return 0, err
	}
	if err := tx.WebhookCursor.Create().SetID(cursorID).SetSequence(start).SetUpdateTime(s.clock.Now()).Exec(ctx); err != nil {
		return 0, err
	}
	return start, nil
}

// queue stores e (made from the audit event source, if any) and a delivery
// of it to each of endpoints, due now.
func (s *Service) queue(ctx context.Context, tx *ent.Tx, e Event, source *int64, endpoints []*ent.WebhookEndpoint, replayOf *uuid.UUID) error {
	body, err := s.encode(e)
	if err != nil {
		return err
	}
	if err := tx.WebhookEvent.Create().SetID(e.ID).SetBillingEntityID(e.BillingEntity).SetNillableOrganizationID(e.Organization).
		SetType(e.Type).SetPayload(body).SetNillableSourceSequence(source).SetCreateTime(e.Time).Exec(ctx); err != nil {
		return err
	}
	return s.deliveries(ctx, tx, e.ID, e.Type, endpoints, replayOf)
}

func (s *Service) deliveries(ctx context.Context, tx *ent.Tx, event uuid.UUID, typ string, endpoints []*ent.WebhookEndpoint, replayOf *uuid.UUID) error {
	now := s.clock.Now()
	creates := make([]*ent.WebhookDeliveryCreate, 0, len(endpoints))
	for _, ep := range endpoints {
		creates = append(creates, tx.WebhookDelivery.Create().SetBillingEntityID(ep.BillingEntityID).SetEndpointID(ep.ID).
			SetEventID(event).SetEventType(typ).SetStatus("PENDING").SetNextAttemptTime(now).SetNillableReplayOf(replayOf).
			SetCreateTime(now).SetUpdateTime(now))
	}
	return tx.WebhookDelivery.CreateBulk(creates...).Exec(ctx)
}

// The organization states a sign-up decision moves between, as the audit
// trail records them.
var (
	pending = entorg.StatusPENDING_APPROVAL.String()
	active  = entorg.StatusACTIVE.String()
	closed  = entorg.StatusCLOSED.String()
)

// mapAudit turns an audit event into the webhook event it means, if any.
func (s *Service) mapAudit(ctx context.Context, tx *ent.Tx, r *ent.AuditEvent) (Event, bool, error) {
	before, after := decodeState(r.Before), decodeState(r.After)
	e := Event{ID: uuid.Must(uuid.NewV7()), Time: r.OccurTime}
	var org uuid.UUID
	switch r.TargetType {
	case "organization":
		id, ok := parse(ids.Organization, r.TargetID)
		if !ok || after == nil || after["legal_name"] == nil {
			return e, false, nil
		}
		org = id
		switch {
		case before == nil:
			e.Type = TypeOrganizationCreated
			e.Data = OrganizationCreatedData{Name: str(after, "name"), LegalName: str(after, "legal_name"), Status: str(after, "status")}
		case str(before, "status") == pending && str(after, "status") == active:
			e.Type = TypeSignUpApproved
			e.Data = SignUpDecidedData{Name: str(after, "name"), LegalName: str(after, "legal_name"), Status: active}
		case str(before, "status") == pending && str(after, "status") == closed:
			e.Type = TypeSignUpRejected
			e.Data = SignUpDecidedData{Name: str(after, "name"), LegalName: str(after, "legal_name"), Status: closed,
				RejectionReason: str(after, "rejection_reason")}
		default:
			return e, false, nil
		}
	case "invoice":
		if before != nil || after == nil || after["kind"] == nil {
			return e, false, nil
		}
		id, ok := parse(ids.Invoice, r.TargetID)
		o, ok2 := parse(ids.Organization, str(after, "organization_id"))
		if !ok || !ok2 {
			return e, false, nil
		}
		org = o
		e.Type = TypeInvoiceIssued
		e.Data = InvoiceIssuedData{InvoiceID: id, Number: str(after, "number"), Kind: str(after, "kind"), IssueDate: str(after, "issue_date"),
			NetCents: num(after, "net_cents"), VATCents: num(after, "vat_cents"), GrossCents: num(after, "gross_cents")}
	case "payment":
		if after == nil || str(after, "status") != "SUCCEEDED" || (before != nil && str(before, "status") == "SUCCEEDED") {
			return e, false, nil
		}
		id, ok := parse(ids.Payment, r.TargetID)
		if !ok {
			return e, false, nil
		}
		p, err := tx.Payment.Get(ctx, id)
		if ent.IsNotFound(err) {
			return e, false, nil
		} else if err != nil {
			return e, false, err
		}
		inv, err := tx.Invoice.Get(ctx, p.InvoiceID)
		if err != nil {
			return e, false, err
		}
		org = inv.OrganizationID
		e.Type = TypePaymentReceived
		e.Data = PaymentReceivedData{PaymentID: id, InvoiceNumber: inv.Number, Method: str(after, "method"),
			AmountCents: num(after, "amount_cents"), Currency: str(after, "currency")}
	case "service_instance":
		if before == nil || after == nil || str(before, "status") == str(after, "status") || str(after, "status") == "" {
			return e, false, nil
		}
		id, ok := parse(ids.Service, r.TargetID)
		if !ok {
			return e, false, nil
		}
		svc, err := tx.ServiceInstance.Get(ctx, id)
		if ent.IsNotFound(err) {
			return e, false, nil
		} else if err != nil {
			return e, false, err
		}
		org = svc.OrganizationID
		e.Type = TypeServiceStatusChanged
		e.Data = ServiceStatusChangedData{ServiceID: id, Name: svc.Name, PreviousStatus: str(before, "status"), Status: str(after, "status")}
	case "alert":
		if before != nil || after == nil {
			return e, false, nil
		}
		id, ok := parse(ids.Alert, r.TargetID)
		if !ok {
			return e, false, nil
		}
		a, err := tx.Alert.Get(ctx, id)
		if ent.IsNotFound(err) {
			return e, false, nil
		} else if err != nil {
			return e, false, err
		}
		org = a.OrganizationID
		e.Type = TypeAlertReported
		e.Data = AlertReportedData{AlertID: id, Priority: str(after, "priority"), Label: str(after, "label")}
	case "upgrade_request":
		if before != nil || after == nil {
			return e, false, nil
		}
		id, ok := parse(ids.UpgradeRequest, r.TargetID)
		o, ok2 := parse(ids.Organization, str(after, "organization_id"))
		if !ok || !ok2 {
			return e, false, nil
		}
		org = o
		e.Type = TypeUpgradeRequested
		e.Data = UpgradeRequestedData{RequestID: id, Plan: str(after, "plan"), FromPlan: str(after, "from_plan")}
	case "licence_notice":
		if after == nil {
			return e, false, nil
		}
		lic, ok := parse(ids.Licence, str(after, "licence_id"))
		o, ok2 := parse(ids.Organization, str(after, "organization_id"))
		if !ok || !ok2 {
			return e, false, nil
		}
		org = o
		until := str(after, "valid_until")
		if t, err := time.Parse(time.RFC3339, until); err == nil {
			until = t.Format(time.DateOnly)
		}
		e.Type = TypeLicenceExpiring
		e.Data = LicenceExpiringData{LicenceID: lic, Kind: str(after, "kind"), ValidUntil: until}
	default:
		return e, false, nil
	}
	o, err := tx.Organization.Get(ctx, org)
	if ent.IsNotFound(err) {
		return e, false, nil
	} else if err != nil {
		return e, false, err
	}
	e.Organization, e.BillingEntity = &org, o.BillingEntityID
	return e, true, nil
}

func decodeState(s string) map[string]any {
	if s == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

func parse(p ids.Prefix, s string) (uuid.UUID, bool) {
	id, err := ids.Parse(p, "id", s)
	return id, err == nil
}

func str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func num(m map[string]any, k string) int64 {
	if f, ok := m[k].(float64); ok {
		return int64(f)
	}
	return 0
}
