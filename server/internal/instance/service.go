package instance

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/servicelogbookentry"
	"github.com/leitstand/leitstand/server/ent/servicestatuschange"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/catalog"
	orgdomain "github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
)

// Service reads and changes booked services.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	box    *secrets.Box
	// containers reads and controls the linked containers.
	containers Containers
}

// NewService returns the service instances domain; box seals the
// instances' credentials.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, box *secrets.Box, containers Containers) *Service {
	return &Service{client: client, audit: aw, clock: clk, box: box, containers: containers}
}

// targetType is what the audit trail calls an instance.
const targetType = "service_instance"

// actor is who a history row or logbook entry names: a signed-in user, or
// nobody for the system.
func actor(ctx context.Context) (*uuid.UUID, string) {
	a := authz.ActorOf(ctx)
	if a.ID == nil {
		return nil, ""
	}
	return a.ID, a.Email
}

// reasonOf trims a reason and refuses one that is too long, or missing
// where required.
func reasonOf(reason string, required bool, why string) (string, error) {
	reason = strings.TrimSpace(reason)
	if required && reason == "" {
		return "", apierr.Invalid("reason", "reason.required", "%s", why)
	}
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return "", apierr.Invalid("reason", "reason.max_len", "at most 1000 characters")
	}
	return reason, nil
}

// load reads an instance with what it refers to, in tx or outside.
func load(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.ServiceInstance, error) {
	r, err := c.ServiceInstance.Query().Where(serviceinstance.ID(id)).
		WithOrganization(func(q *ent.OrganizationQuery) { q.Select(organization.FieldName) }).
		WithWorkspace(func(q *ent.WorkspaceQuery) { q.Select(workspace.FieldName) }).
		WithCatalogItem(func(q *ent.CatalogItemQuery) { q.Select(catalogitem.FieldName, catalogitem.FieldIcon) }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("service", ids.Format(ids.Service, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get service: %w", err)
	}
	return r, nil
}

// refuseDecommissioned refuses a change to a decommissioned instance.
func refuseDecommissioned(i Instance) error {
	if i.Status == Decommissioned {
		return apierr.FailedPrecondition("%s is decommissioned and kept as it was", i.Name)
	}
	return nil
}

// writeLogbook appends an entry the platform writes itself.
func writeLogbook(ctx context.Context, tx *ent.Tx, i Instance, vis Visibility, text coded.Text, now time.Time) error {
	author, email := actor(ctx)
	return tx.ServiceLogbookEntry.Create().SetOrganizationID(i.OrganizationID).SetServiceInstanceID(i.ID).
		SetCreateTime(now).SetNillableAuthorID(author).SetAuthorEmail(email).
		SetVisibility(servicelogbookentry.Visibility(vis)).SetText(text.English).SetCode(text.Code).SetParams(text.Params).
		Exec(ctx)
}

// writeHistory appends a row to the status history.
func writeHistory(ctx context.Context, tx *ent.Tx, i Instance, from, to Status, source Source, reason string, now time.Time) error {
	by, email := actor(ctx)
	if source == Sync {
		by, email = nil, ""
	}
	return tx.ServiceStatusChange.Create().SetOrganizationID(i.OrganizationID).SetServiceInstanceID(i.ID).
		SetFromStatus(string(from)).SetToStatus(servicestatuschange.ToStatus(to)).SetChangeTime(now).
		SetNillableActorID(by).SetActorEmail(email).SetSource(servicestatuschange.Source(source)).SetReason(reason).
		Exec(ctx)
}

// Get returns one instance.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Instance, error) {
	r, err := load(ctx, s.client, id)
	if err != nil {
		return nil, err
	}
	i := instanceOf(r)
	if err := s.completed(ctx, &i); err != nil {
		return nil, err
	}
	return &i, nil
}

// Book books a catalog item into a workspace: PROVISIONING, at the price
// of now the organization's billing entity sells it at (catalog.PriceFor).
// name defaults to the item's name.
func (s *Service) Book(ctx context.Context, itemID, workspaceID uuid.UUID, name, reason string) (*Instance, error) {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > MaxNameLen {
		return nil, apierr.Invalid("name", "name.max_len", "at most 200 characters")
	}
	reason, err := reasonOf(reason, false, "")
	if err != nil {
		return nil, err
	}
	var out Instance
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		item, err := tx.CatalogItem.Get(ctx, itemID)
		if ent.IsNotFound(err) {
			return apierr.NotFound("catalog item", ids.Format(ids.CatalogItem, itemID))
		}
		if err != nil {
			return err
		}
		if item.RetireTime != nil || !item.Bookable {
			_, err := catalog.PriceFor(ctx, tx.Client(), item, uuid.Nil)
			return err
		}
		ws, err := tx.Workspace.Query().Where(workspace.ID(workspaceID)).WithOrganization().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("workspace", ids.Format(ids.Workspace, workspaceID))
		}
		if err != nil {
			return err
		}
		org := ws.Edges.Organization
		if org.Status == organization.StatusSUSPENDED {
			return apierr.FailedPrecondition("%s is suspended: nothing is booked for it", org.Name)
		}
		if err := orgdomain.Bookable(org); err != nil {
			return err
		}
		price, err := catalog.PriceFor(ctx, tx.Client(), item, org.BillingEntityID)
		if err != nil {
			return err
		}
		if name == "" {
			name = item.Name
		}
		now := s.clock.Now()
		r, err := tx.ServiceInstance.Create().SetID(uuid.Must(uuid.NewV7())).
			SetOrganizationID(org.ID).SetWorkspaceID(ws.ID).SetCatalogItemID(item.ID).SetName(name).
			SetStatus(serviceinstance.StatusPROVISIONING).SetStatusTime(now).
			SetMonthlyPriceCents(price.MonthlyPriceCents).SetCurrency(price.Currency).
			SetListPriceCents(price.ListPriceCents).SetNillableProductOfferID(price.Offer).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		r.Edges.Organization, r.Edges.Workspace, r.Edges.CatalogItem = org, ws, item
		out = instanceOf(r)
		if err := writeHistory(ctx, tx, out, "", Provisioning, Staff, reason, now); err != nil {
			return err
		}
		if err := writeLogbook(ctx, tx, out, Customer, BookedText(item.Name, price.MonthlyPriceCents, price.Currency), now); err != nil {
			return err
		}
		st := state(out)
		st["catalog_item_id"] = ids.Format(ids.CatalogItem, item.ID)
		if price.Offer != nil {
			st["product_offer_id"] = ids.Format(ids.ProductOffer, *price.Offer)
		}
		st["workspace_id"] = ids.Format(ids.Workspace, ws.ID)
		st["organization_id"] = ids.Format(ids.Organization, org.ID)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, out.ID), Reason: reason, After: st})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.completed(ctx, &out)
}

// Update changes the fields named in paths. A price change needs a reason
// and is written to the logbook (internal).
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string, reason string) (*Instance, error) {
	leaves, err := mask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in Values
	mask.Apply(&in, v, leaves)
	if err := mask.Check(in, leaves, "service_instance"); err != nil {
		return nil, err
	}
	if reason, err = reasonOf(reason, false, ""); err != nil {
		return nil, err
	}
	var out Instance
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := instanceOf(r)
		next := before
		mask.Apply(&next.Values, in, leaves)
		if next.Values == before.Values {
			out = before
			return audit.Unchanged
		}
		if err := refuseDecommissioned(before); err != nil {
			return err
		}
		priced := next.MonthlyPriceCents != before.MonthlyPriceCents
		if priced && reason == "" {
			return apierr.Invalid("reason", "reason.required", "say why the price changes: the logbook and the audit trail keep it")
		}
		now := s.clock.Now()
		u, err := tx.ServiceInstance.UpdateOneID(id).SetName(next.Name).SetNotes(next.Notes).
			SetMonthlyPriceCents(next.MonthlyPriceCents).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		u.Edges = r.Edges
		out = instanceOf(u)
		if priced {
			if err := writeLogbook(ctx, tx, out, Internal, PriceChangedText(before.MonthlyPriceCents, next.MonthlyPriceCents, out.Currency, reason), now); err != nil {
				return err
			}
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.completed(ctx, &out)
}

// SetStatus sets the status by hand along Transitions. The status it has
// changes nothing.
func (s *Service) SetStatus(ctx context.Context, id uuid.UUID, to Status, reason string) (*Instance, error) {
	if !ByHand(to) {
		if to == Decommissioned {
			return nil, apierr.Invalid("status", "status.by_hand",
				"DECOMMISSIONED is not set by hand: schedule the decommission (ScheduleDecommission) and it is set then")
		}
		return nil, apierr.Invalid("status", "status.defined", "choose a status")
	}
	reason, err := reasonOf(reason, true, "say why the status changes: the customer reads it in the logbook")
	if err != nil {
		return nil, err
	}
	return s.changeStatus(ctx, id, to, Staff, reason)
}

// changeStatus moves an instance to status to along Transitions, keeping
// the change in the status history and the logbook (customer-visible).
func (s *Service) changeStatus(ctx context.Context, id uuid.UUID, to Status, source Source, reason string) (*Instance, error) {
	var out Instance
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := instanceOf(r)
		from := before.Status
		if from == to {
			out = before
			return audit.Unchanged
		}
		if err := refuseDecommissioned(before); err != nil {
			return err
		}
		if !CanTransition(from, to) {
			return apierr.FailedPrecondition("%s cannot go from %s to %s; from %s it may become %s",
				before.Name, from, to, from, allowedFrom(from))
		}
		now := s.clock.Now()
		u, err := tx.ServiceInstance.UpdateOneID(id).SetStatus(serviceinstance.Status(to)).SetStatusTime(now).
			SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		u.Edges = r.Edges
		out = instanceOf(u)
		if err := writeHistory(ctx, tx, out, from, to, source, reason, now); err != nil {
			return err
		}
		if err := writeLogbook(ctx, tx, out, Customer, StatusChangedText(from, to, reason), now); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.completed(ctx, &out)
}

// ScheduleDecommission sets when the instance is decommissioned, replacing
// a time set before; the time must lie in the future.
func (s *Service) ScheduleDecommission(ctx context.Context, id uuid.UUID, at time.Time, reason string) (*Instance, error) {
	reason, err := reasonOf(reason, true, "say why the service is decommissioned")
	if err != nil {
		return nil, err
	}
	at = at.UTC().Truncate(time.Second)
	if !at.After(s.clock.Now()) {
		return nil, apierr.Invalid("decommission_time", "decommission_time.future", "a decommission is scheduled in the future, not at %s",
			at.Format(time.RFC3339))
	}
	return s.decommission(ctx, id, &at, reason)
}

// CancelDecommission takes back a scheduled decommission.
func (s *Service) CancelDecommission(ctx context.Context, id uuid.UUID, reason string) (*Instance, error) {
	reason, err := reasonOf(reason, true, "say why the decommission is cancelled")
	if err != nil {
		return nil, err
	}
	return s.decommission(ctx, id, nil, reason)
}

// decommission schedules (at) or cancels (nil) the decommission.
func (s *Service) decommission(ctx context.Context, id uuid.UUID, at *time.Time, reason string) (*Instance, error) {
	var out Instance
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := instanceOf(r)
		if err := refuseDecommissioned(before); err != nil {
			return err
		}
		was := before.DecommissionTime
		switch {
		case at == nil && was == nil:
			return apierr.FailedPrecondition("no decommission of %s is scheduled", before.Name)
		case at != nil && was != nil && was.Equal(*at):
			out = before
			return audit.Unchanged
		}
		now := s.clock.Now()
		upd := tx.ServiceInstance.UpdateOneID(id).SetUpdateTime(now)
		var text coded.Text
		if at != nil {
			upd.SetDecommissionTime(*at)
			text = DecommissionScheduledText(*at, reason)
		} else {
			upd.ClearDecommissionTime()
			text = DecommissionCancelledText(*was, reason)
		}
		u, err := upd.Save(ctx)
		if err != nil {
			return err
		}
		u.Edges = r.Edges
		out = instanceOf(u)
		if err := writeLogbook(ctx, tx, out, Internal, text, now); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.completed(ctx, &out)
}

// AddLogbookEntry writes an entry by the caller.
func (s *Service) AddLogbookEntry(ctx context.Context, id uuid.UUID, vis Visibility, text string) (*LogbookEntry, error) {
	var bad []apierr.FieldViolation
	if !slices.Contains(Visibilities(), vis) {
		bad = append(bad, apierr.FieldViolation{Field: "visibility", Rule: "visibility.defined", Message: "choose CUSTOMER or INTERNAL"})
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.required", Message: "write what happened"})
	case utf8.RuneCountInString(text) > MaxLogbookTextLen:
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.max_len", Message: "at most 4000 characters"})
	}
	if len(bad) > 0 {
		return nil, apierr.InvalidFields(bad...)
	}
	var out LogbookEntry
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		author, email := actor(ctx)
		e, err := tx.ServiceLogbookEntry.Create().SetOrganizationID(r.OrganizationID).SetServiceInstanceID(id).
			SetCreateTime(s.clock.Now()).SetNillableAuthorID(author).SetAuthorEmail(email).
			SetVisibility(servicelogbookentry.Visibility(vis)).SetText(text).Save(ctx)
		if err != nil {
			return err
		}
		out = logbookEntryOf(e)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
			After: map[string]any{"logbook_entry": map[string]any{"visibility": string(vis), "text": text}}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
