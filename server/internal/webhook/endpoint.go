package webhook

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	entdelivery "github.com/leitstand/leitstand/server/ent/webhookdelivery"
	entendpoint "github.com/leitstand/leitstand/server/ent/webhookendpoint"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// targetType is what the audit trail calls an endpoint.
const targetType = "webhook_endpoint"

// Values are what a caller sets on an endpoint.
type Values struct {
	URL         string
	Description string
	EventTypes  []string
	Enabled     bool
}

// Endpoint is an endpoint as callers see it (never its secrets).
type Endpoint struct {
	ID            uuid.UUID
	BillingEntity uuid.UUID
	Values
	PreviousSecretUntil *time.Time
	Created, Updated    time.Time
}

func endpointOf(r *ent.WebhookEndpoint) Endpoint {
	return Endpoint{ID: r.ID, BillingEntity: r.BillingEntityID,
		Values:              Values{URL: r.URL, Description: r.Description, EventTypes: slices.Clone(r.EventTypes), Enabled: r.Enabled},
		PreviousSecretUntil: r.PreviousSecretUntil, Created: r.CreateTime, Updated: r.UpdateTime}
}

func state(v Values) map[string]any {
	return map[string]any{"url": v.URL, "description": v.Description, "event_types": v.EventTypes, "enabled": v.Enabled}
}

// mask is how an update changes an endpoint.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "url", Copy: func(d *Values, s Values) { d.URL = s.URL }},
	{Path: "description", Copy: func(d *Values, s Values) { d.Description = s.Description }},
	{Path: "event_types", Copy: func(d *Values, s Values) { d.EventTypes = slices.Clone(s.EventTypes) }},
	{Path: "enabled", Copy: func(d *Values, s Values) { d.Enabled = s.Enabled }},
}}

// check checks v as it will be stored; prefix is the field path of the
// values in the request.
func (s *Service) check(ctx context.Context, v Values, prefix string) error {
	if err := s.checkURL(ctx, apierr.Path(prefix, "url"), v.URL); err != nil {
		return err
	}
	return checkEventTypes(v, prefix)
}

// checkEventTypes checks the subscription of v, which needs no lookup.
func checkEventTypes(v Values, prefix string) error {
	if len(v.EventTypes) == 0 {
		return apierr.Invalid(apierr.Path(prefix, "event_types"), "event_types.required", "subscribe to at least one event type")
	}
	for i, t := range v.EventTypes {
		if !KnownType(t) {
			return apierr.Invalid(apierr.Index(apierr.Path(prefix, "event_types"), i), "event_types.known",
				"%q is not an event type (one of %v)", t, Types())
		}
	}
	return nil
}

// sealSecret seals an endpoint's secret, bound to the endpoint.
func (s *Service) sealSecret(id uuid.UUID, secret string) []byte {
	return s.box.Seal([]byte(secret), []byte("webhook-secret/"+id.String()))
}

func (s *Service) openSecret(id uuid.UUID, sealed []byte) (string, error) {
	b, err := s.box.Open(sealed, []byte("webhook-secret/"+id.String()))
	return string(b), err
}

// Create adds an endpoint to billing entity be (nil: the caller's, or the
// licensee's for platform staff) and returns it with its secret.
func (s *Service) Create(ctx context.Context, be *uuid.UUID, v Values) (Endpoint, string, error) {
	if err := s.check(ctx, v, "endpoint"); err != nil {
		return Endpoint{}, "", err
	}
	owner, err := s.ownerFor(ctx, be)
	if err != nil {
		return Endpoint{}, "", err
	}
	id, secret, now := uuid.Must(uuid.NewV7()), NewSecret(), s.clock.Now()
	var out *ent.WebhookEndpoint
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var err error
		out, err = tx.WebhookEndpoint.Create().SetID(id).SetBillingEntityID(owner).SetURL(v.URL).SetDescription(v.Description).
			SetEventTypes(v.EventTypes).SetEnabled(v.Enabled).SetSecretSealed(s.sealSecret(id, secret)).
			SetFromSequence(log.Version()).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.WebhookEndpoint, id), After: state(v)})
		return nil
	})
	if err != nil {
		return Endpoint{}, "", err
	}
	return endpointOf(out), secret, nil
}

// ownerFor is the billing entity a new endpoint belongs to: the one named,
// which the caller must see, else the caller's own.
func (s *Service) ownerFor(ctx context.Context, be *uuid.UUID) (uuid.UUID, error) {
	if be == nil {
		if own, ok := tenancy.Scope(ctx); ok {
			return own, nil
		}
		return tenancy.Licensee(ctx, s.client)
	}
	// A reseller's staff see their own entity only.
	ok, err := s.client.BillingEntity.Query().Where(entbe.ID(*be)).Exist(ctx)
	if err != nil {
		return uuid.Nil, err
	}
	if !ok {
		return uuid.Nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, *be))
	}
	return *be, nil
}

// Get returns an endpoint the caller sees.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Endpoint, error) {
	r, err := s.load(ctx, s.client, id)
	if err != nil {
		return Endpoint{}, err
	}
	return endpointOf(r), nil
}

func (s *Service) load(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.WebhookEndpoint, error) {
	r, err := c.WebhookEndpoint.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("webhook endpoint", ids.Format(ids.WebhookEndpoint, id))
	}
	return r, err
}

// Page is a page of endpoints.
type Page struct {
	Endpoints []Endpoint
	Next      string
	Total     int
}

// List lists the endpoints the caller sees, of billing entity be if set,
// newest first.
func (s *Service) List(ctx context.Context, be *uuid.UUID, size int, token string) (Page, error) {
	fp := paging.Fingerprint("webhook-endpoints", be)
	q := s.client.WebhookEndpoint.Query()
	if be != nil {
		q.Where(entendpoint.BillingEntityID(*be))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return Page{}, err
	}
	var after uuid.UUID
	if ok, err := paging.Decode(token, fp, &after); err != nil {
		return Page{}, err
	} else if ok {
		q.Where(entendpoint.IDLT(after))
	}
	rows, err := q.Order(ent.Desc(entendpoint.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return Page{}, err
	}
	rows, next := paging.Cut(rows, size, fp, func(r *ent.WebhookEndpoint) any { return r.ID })
	out := Page{Next: next, Total: total}
	for _, r := range rows {
		out.Endpoints = append(out.Endpoints, endpointOf(r))
	}
	return out, nil
}

// Update changes the fields of an endpoint named in paths.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string) (Endpoint, error) {
	leaves, err := mask.Expand(paths)
	if err != nil {
		return Endpoint{}, err
	}
	// Only a URL the update names is checked, and before the transaction:
	// the check resolves the name, which must not hold the database, and an
	// endpoint whose address the server has come to refuse can still be
	// paused, described or pointed elsewhere.
	if slices.Contains(leaves, "url") {
		if err := s.checkURL(ctx, "endpoint.url", v.URL); err != nil {
			return Endpoint{}, err
		}
	}
	var out *ent.WebhookEndpoint
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := endpointOf(r).Values
		after := before
		after.EventTypes = slices.Clone(before.EventTypes)
		mask.Apply(&after, v, leaves)
		if err := checkEventTypes(after, "endpoint"); err != nil {
			return err
		}
		if after.URL == before.URL && after.Description == before.Description && after.Enabled == before.Enabled &&
			slices.Equal(after.EventTypes, before.EventTypes) {
			out = r
			return audit.Unchanged
		}
		out, err = tx.WebhookEndpoint.UpdateOne(r).SetURL(after.URL).SetDescription(after.Description).
			SetEventTypes(after.EventTypes).SetEnabled(after.Enabled).SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.WebhookEndpoint, id), Before: state(before), After: state(after)})
		return nil
	})
	if err != nil {
		return Endpoint{}, err
	}
	return endpointOf(out), nil
}

// Delete removes an endpoint and its deliveries (the events stay).
func (s *Service) Delete(ctx context.Context, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		if _, err := tx.WebhookDelivery.Delete().Where(entdelivery.EndpointID(id)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.WebhookEndpoint.DeleteOne(r).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.WebhookEndpoint, id), Before: state(endpointOf(r).Values)})
		return nil
	})
}

// Rotate gives an endpoint a new secret and keeps the current one valid
// for overlap (0: DefaultOverlap) beside it.
func (s *Service) Rotate(ctx context.Context, id uuid.UUID, overlap time.Duration) (Endpoint, string, error) {
	if overlap <= 0 {
		overlap = DefaultOverlap
	}
	secret, now := NewSecret(), s.clock.Now()
	until := now.Add(overlap)
	var out *ent.WebhookEndpoint
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		current, err := s.openSecret(id, r.SecretSealed)
		if err != nil {
			return err
		}
		out, err = tx.WebhookEndpoint.UpdateOne(r).SetSecretSealed(s.sealSecret(id, secret)).
			SetPreviousSecretSealed(s.sealSecret(id, current)).SetPreviousSecretUntil(until).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.WebhookEndpoint, id),
			After: map[string]any{"secret": "rotated", "previous_secret_until": until.UTC().Format(time.RFC3339)}})
		return nil
	})
	if err != nil {
		return Endpoint{}, "", err
	}
	return endpointOf(out), secret, nil
}

// secretsOf are the secrets that sign a delivery to r at now: the current
// one, and the previous one until its overlap ends.
func (s *Service) secretsOf(r *ent.WebhookEndpoint, now time.Time) ([]string, error) {
	current, err := s.openSecret(r.ID, r.SecretSealed)
	if err != nil {
		return nil, err
	}
	out := []string{current}
	if r.PreviousSecretSealed != nil && r.PreviousSecretUntil != nil && now.Before(*r.PreviousSecretUntil) {
		prev, err := s.openSecret(r.ID, *r.PreviousSecretSealed)
		if err != nil {
			return nil, err
		}
		out = append(out, prev)
	}
	return out, nil
}
