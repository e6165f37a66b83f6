package webhook

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entdelivery "github.com/leitstand/leitstand/server/ent/webhookdelivery"
	entendpoint "github.com/leitstand/leitstand/server/ent/webhookendpoint"
	entevent "github.com/leitstand/leitstand/server/ent/webhookevent"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Delivery is one event sent to one endpoint, with its last attempt.
type Delivery struct {
	ID, Endpoint, Event uuid.UUID
	EventType           string
	Status              Status
	Attempts            int
	Next, Last          *time.Time
	ResponseStatus      int
	ResponseBody        string
	Error               string
	Duration            time.Duration
	ReplayOf            *uuid.UUID
	Created             time.Time
	// Payload is the body sent.
	Payload []byte
}

func deliveryOf(r *ent.WebhookDelivery, payload []byte) Delivery {
	return Delivery{ID: r.ID, Endpoint: r.EndpointID, Event: r.EventID, EventType: r.EventType, Status: Status(r.Status),
		Attempts: r.Attempts, Next: r.NextAttemptTime, Last: r.LastAttemptTime, ResponseStatus: r.ResponseStatus,
		ResponseBody: r.ResponseBody, Error: r.Error, Duration: time.Duration(r.DurationMs) * time.Millisecond,
		ReplayOf: r.ReplayOf, Created: r.CreateTime, Payload: payload}
}

// Sent is what a round of the sender did.
type Sent struct{ Succeeded, Retrying, Failed int }

func (s *Sent) add(st Status) {
	switch st {
	case Succeeded:
		s.Succeeded++
	case Failed:
		s.Failed++
	default:
		s.Retrying++
	}
}

// sendBatch is how many due deliveries one claim takes; sendParallel how
// many of them are posted at once.
const (
	sendBatch    = 50
	sendParallel = 4
)

// DeliverDue posts the deliveries that are due, of enabled endpoints,
// until none is left or ctx ends.
func (s *Service) DeliverDue(ctx context.Context) (Sent, error) {
	ctx = tenancy.Unscoped(ctx)
	var out Sent
	for range 20 {
		claimed, err := s.claim(ctx, nil)
		if err != nil || len(claimed) == 0 {
			return out, err
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		var firstErr error
		work := make(chan claim)
		for range min(sendParallel, len(claimed)) {
			wg.Go(func() {
				for c := range work {
					st, err := s.attempt(ctx, c)
					mu.Lock()
					if err != nil && firstErr == nil {
						firstErr = err
					}
					out.add(st)
					mu.Unlock()
				}
			})
		}
		for _, c := range claimed {
			work <- c
		}
		close(work)
		wg.Wait()
		if firstErr != nil || ctx.Err() != nil {
			return out, errors.Join(firstErr, ctx.Err())
		}
	}
	return out, nil
}

// claim is a delivery a sender holds for one attempt.
type claim struct {
	id       uuid.UUID
	attempts int
}

// claim takes the due deliveries of enabled endpoints (only the one named
// by only, if set): each by moving its next attempt past the lease, on
// the condition that it is still due, so a delivery another sender claimed
// meanwhile is skipped.
func (s *Service) claim(ctx context.Context, only *uuid.UUID) ([]claim, error) {
	now := s.clock.Now()
	var out []claim
	err := db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		enabled, err := tx.WebhookEndpoint.Query().Where(entendpoint.Enabled(true)).IDs(ctx)
		if err != nil || len(enabled) == 0 {
			return err
		}
		q := tx.WebhookDelivery.Query().Where(entdelivery.StatusEQ(entdelivery.StatusPENDING),
			entdelivery.NextAttemptTimeLTE(now), entdelivery.EndpointIDIn(enabled...))
		if only != nil {
			q.Where(entdelivery.ID(*only))
		}
		due, err := q.Order(ent.Asc(entdelivery.FieldNextAttemptTime), ent.Asc(entdelivery.FieldID)).Limit(sendBatch).All(ctx)
		if err != nil {
			return err
		}
		for _, d := range due {
			n, err := tx.WebhookDelivery.Update().Where(entdelivery.ID(d.ID), entdelivery.StatusEQ(entdelivery.StatusPENDING),
				entdelivery.NextAttemptTimeLTE(now), entdelivery.Attempts(d.Attempts)).
				SetNextAttemptTime(now.Add(lease)).Save(ctx)
			if err != nil {
				return err
			}
			if n == 1 {
				out = append(out, claim{id: d.ID, attempts: d.Attempts})
			}
		}
		return nil
	})
	return out, err
}

// attempt posts a claimed delivery and records the answer: SUCCEEDED on
// 2xx, else a retry after the backoff, or FAILED after the last.
func (s *Service) attempt(ctx context.Context, c claim) (Status, error) {
	d, err := s.client.WebhookDelivery.Get(ctx, c.id)
	if err != nil {
		return Pending, err
	}
	ep, err := s.client.WebhookEndpoint.Get(ctx, d.EndpointID)
	if err != nil {
		return Pending, err
	}
	ev, err := s.client.WebhookEvent.Get(ctx, d.EventID)
	if err != nil {
		return Pending, err
	}
	start := s.clock.Now()
	keys, err := s.secretsOf(ep, start)
	if err != nil {
		return Pending, err
	}
	res := s.post(ctx, ep.URL, ev, d, keys, start)
	now := s.clock.Now()
	attempts := c.attempts + 1
	upd := s.client.WebhookDelivery.Update().Where(entdelivery.ID(d.ID), entdelivery.Attempts(c.attempts)).
		SetAttempts(attempts).SetLastAttemptTime(start).SetResponseStatus(res.status).SetResponseBody(res.body).
		SetError(res.err).SetDurationMs(res.took.Milliseconds()).SetUpdateTime(now)
	st := Succeeded
	switch {
	case res.ok():
		upd.SetStatus(entdelivery.StatusSUCCEEDED).ClearNextAttemptTime()
	case attempts > len(Backoff):
		st = Failed
		upd.SetStatus(entdelivery.StatusFAILED).ClearNextAttemptTime()
	default:
		st = Pending
		upd.SetNextAttemptTime(start.Add(Backoff[attempts-1]))
	}
	if _, err := upd.Save(ctx); err != nil {
		return st, err
	}
	if !res.ok() {
		s.logger.InfoContext(ctx, "webhook delivery failed", "delivery", ids.Format(ids.WebhookDelivery, d.ID),
			"attempt", attempts, "status", res.status, "err", res.err)
	}
	return st, nil
}

type result struct {
	status int
	body   string
	err    string
	took   time.Duration
}

func (r result) ok() bool { return r.err == "" && r.status >= 200 && r.status < 300 }

// post sends the event's body to url, signed with keys at t.
func (s *Service) post(ctx context.Context, url string, ev *ent.WebhookEvent, d *ent.WebhookDelivery, keys []string, t time.Time) result {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(ev.Payload))
	if err != nil {
		return result{err: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Leitstand-Webhooks/1")
	req.Header.Set(SignatureHeader, Sign(t, ev.Payload, keys...))
	req.Header.Set(EventIDHeader, ids.Format(ids.WebhookEvent, ev.ID))
	req.Header.Set(EventTypeHeader, ev.Type)
	req.Header.Set(DeliveryIDHeader, ids.Format(ids.WebhookDelivery, d.ID))
	began := time.Now()
	resp, err := s.http.Do(req)
	took := time.Since(began)
	if err != nil {
		return result{err: truncate(err.Error(), 500), took: took}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	r := result{status: resp.StatusCode, body: truncate(strings.ToValidUTF8(string(body), "�"), MaxResponseBody), took: took}
	if !r.ok() {
		r.err = "the receiver answered " + resp.Status
	}
	return r
}

// truncate cuts s to at most n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// SendTest sends a ping to an endpoint at once and returns its delivery
// after the attempt.
func (s *Service) SendTest(ctx context.Context, endpoint uuid.UUID) (Delivery, error) {
	var delivery uuid.UUID
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		ep, err := s.load(ctx, tx.Client(), endpoint)
		if err != nil {
			return err
		}
		if !ep.Enabled {
			return apierr.FailedPrecondition("the endpoint is disabled; enable it to send events to it")
		}
		e := Event{ID: uuid.Must(uuid.NewV7()), Type: TypePing, Time: s.clock.Now(), BillingEntity: ep.BillingEntityID,
			Data: PingData{EndpointID: ep.ID}}
		if err := s.queue(ctx, tx, e, nil, []*ent.WebhookEndpoint{ep}, nil); err != nil {
			return err
		}
		d, err := tx.WebhookDelivery.Query().Where(entdelivery.EventID(e.ID)).Only(ctx)
		if err != nil {
			return err
		}
		delivery = d.ID
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.WebhookEndpoint, endpoint),
			After: map[string]any{"event_type": TypePing, "event_id": ids.Format(ids.WebhookEvent, e.ID)}})
		return nil
	})
	if err != nil {
		return Delivery{}, err
	}
	return s.tryNow(ctx, delivery)
}

// Replay queues the event of a delivery again to the same endpoint, as a
// new delivery tried at once.
func (s *Service) Replay(ctx context.Context, id uuid.UUID) (Delivery, error) {
	var delivery uuid.UUID
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		d, err := tx.WebhookDelivery.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("webhook delivery", ids.Format(ids.WebhookDelivery, id))
		} else if err != nil {
			return err
		}
		ep, err := s.load(ctx, tx.Client(), d.EndpointID)
		if err != nil {
			return err
		}
		if !ep.Enabled {
			return apierr.FailedPrecondition("the endpoint is disabled; enable it to send events to it")
		}
		if err := s.deliveries(ctx, tx, d.EventID, d.EventType, []*ent.WebhookEndpoint{ep}, &d.ID); err != nil {
			return err
		}
		r, err := tx.WebhookDelivery.Query().Where(entdelivery.ReplayOf(d.ID)).Order(ent.Desc(entdelivery.FieldID)).First(ctx)
		if err != nil {
			return err
		}
		delivery = r.ID
		log.Record(audit.Event{TargetType: "webhook_delivery", TargetID: ids.Format(ids.WebhookDelivery, id),
			After: map[string]any{"replay": ids.Format(ids.WebhookDelivery, r.ID), "event_id": ids.Format(ids.WebhookEvent, d.EventID)}})
		return nil
	})
	if err != nil {
		return Delivery{}, err
	}
	return s.tryNow(ctx, delivery)
}

// tryNow makes the first attempt of a delivery just queued, as the
// platform (the caller saw the endpoint), and returns it as the caller
// sees it.
func (s *Service) tryNow(ctx context.Context, id uuid.UUID) (Delivery, error) {
	sys := tenancy.Unscoped(ctx)
	claimed, err := s.claim(sys, &id)
	if err != nil {
		return Delivery{}, err
	}
	for _, c := range claimed {
		if _, err := s.attempt(sys, c); err != nil {
			return Delivery{}, err
		}
	}
	return s.GetDelivery(ctx, id)
}

// GetDelivery returns a delivery the caller sees.
func (s *Service) GetDelivery(ctx context.Context, id uuid.UUID) (Delivery, error) {
	d, err := s.client.WebhookDelivery.Get(ctx, id)
	if ent.IsNotFound(err) {
		return Delivery{}, apierr.NotFound("webhook delivery", ids.Format(ids.WebhookDelivery, id))
	} else if err != nil {
		return Delivery{}, err
	}
	ev, err := s.client.WebhookEvent.Get(tenancy.Unscoped(ctx), d.EventID)
	if err != nil {
		return Delivery{}, err
	}
	return deliveryOf(d, ev.Payload), nil
}

// DeliveryFilter narrows a list of deliveries.
type DeliveryFilter struct {
	Status    Status
	EventType string
}

// DeliveryPage is a page of deliveries.
type DeliveryPage struct {
	Deliveries []Delivery
	Next       string
	Total      int
}

// Deliveries lists an endpoint's deliveries, newest first.
func (s *Service) Deliveries(ctx context.Context, endpoint uuid.UUID, f DeliveryFilter, size int, token string) (DeliveryPage, error) {
	if _, err := s.load(ctx, s.client, endpoint); err != nil {
		return DeliveryPage{}, err
	}
	fp := paging.Fingerprint("webhook-deliveries", endpoint, f)
	q := s.client.WebhookDelivery.Query().Where(entdelivery.EndpointID(endpoint))
	if f.Status != "" {
		q.Where(entdelivery.StatusEQ(entdelivery.Status(f.Status)))
	}
	if f.EventType != "" {
		q.Where(entdelivery.EventType(f.EventType))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return DeliveryPage{}, err
	}
	var after uuid.UUID
	if ok, err := paging.Decode(token, fp, &after); err != nil {
		return DeliveryPage{}, err
	} else if ok {
		q.Where(entdelivery.IDLT(after))
	}
	rows, err := q.Order(ent.Desc(entdelivery.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return DeliveryPage{}, err
	}
	rows, next := paging.Cut(rows, size, fp, func(r *ent.WebhookDelivery) any { return r.ID })
	events := make([]uuid.UUID, 0, len(rows))
	for _, r := range rows {
		events = append(events, r.EventID)
	}
	evs, err := s.client.WebhookEvent.Query().Where(entevent.IDIn(events...)).All(tenancy.Unscoped(ctx))
	if err != nil {
		return DeliveryPage{}, err
	}
	payloads := make(map[uuid.UUID][]byte, len(evs))
	for _, e := range evs {
		payloads[e.ID] = e.Payload
	}
	out := DeliveryPage{Next: next, Total: total}
	for _, r := range rows {
		out.Deliveries = append(out.Deliveries, deliveryOf(r, payloads[r.EventID]))
	}
	return out, nil
}
