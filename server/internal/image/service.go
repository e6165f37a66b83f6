package image

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	entimage "github.com/leitstand/leitstand/server/ent/image"
	entshare "github.com/leitstand/leitstand/server/ent/imageshare"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// targetType is what the audit trail calls an image.
const targetType = "image"

// Create adds an image of billing entity owner (nil: the caller's own, the
// licensee's for platform staff). The licensee's staff may name a
// reseller; a reseller's staff naming another entity find none.
func (s *Service) Create(ctx context.Context, owner *uuid.UUID, in Values) (Image, error) {
	leaves := mask.Leaves()
	var v Values
	mask.Apply(&v, in, leaves)
	if err := mask.Check(v, leaves, "image"); err != nil {
		return Image{}, err
	}
	be, err := s.ownerFor(ctx, owner)
	if err != nil {
		return Image{}, err
	}
	now := s.clock.Now()
	var id uuid.UUID
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := s.nameFree(ctx, tx.Client(), be, v.Name, uuid.Nil); err != nil {
			return err
		}
		r, err := tx.Image.Create().SetBillingEntityID(be).SetName(v.Name).SetKind(entimage.Kind(v.Kind)).SetOs(v.OS).
			SetVersion(v.Version).SetSizeBytes(v.SizeBytes).SetSource(v.Source).SetDescription(v.Description).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		id = r.ID
		after := state(v)
		after["billing_entity_id"] = ids.Format(ids.BillingEntity, be)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Image, id), After: after})
		return nil
	})
	if err != nil {
		return Image{}, err
	}
	return s.Get(ctx, id)
}

// ownerFor is the billing entity a new image belongs to: the one named,
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

// nameFree refuses a name another image of billing entity be has.
func (s *Service) nameFree(ctx context.Context, c *ent.Client, be uuid.UUID, name string, self uuid.UUID) error {
	taken, err := c.Image.Query().Where(entimage.BillingEntityID(be), entimage.Name(name), entimage.IDNEQ(self)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return apierr.AlreadyExists("an image named %q exists already for this billing entity; give this one another name", name)
	}
	return nil
}

// load reads an image the caller sees, for a change: an image shared with
// a reseller is read by its staff and changed only by its owner.
func (s *Service) load(ctx context.Context, c *ent.Client, id uuid.UUID, change bool) (*ent.Image, error) {
	r, err := c.Image.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("image", ids.Format(ids.Image, id))
	}
	if err != nil {
		return nil, err
	}
	if own, ok := tenancy.Scope(ctx); change && ok && r.BillingEntityID != own {
		return nil, apierr.PermissionDenied("the image %q is shared with you by its owner; only its owner changes it", r.Name)
	}
	return r, nil
}

// Update changes the fields of an image named in paths.
func (s *Service) Update(ctx context.Context, id uuid.UUID, in Values, paths []string) (Image, error) {
	leaves, err := mask.Expand(paths)
	if err != nil {
		return Image{}, err
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.load(ctx, tx.Client(), id, true)
		if err != nil {
			return err
		}
		before := valuesOf(r)
		after := before
		mask.Apply(&after, in, leaves)
		if err := mask.Check(after, leaves, "image"); err != nil {
			return err
		}
		if after == before {
			return audit.Unchanged
		}
		if after.Name != before.Name {
			if err := s.nameFree(ctx, tx.Client(), r.BillingEntityID, after.Name, id); err != nil {
				return err
			}
		}
		if _, err := tx.Image.UpdateOne(r).SetName(after.Name).SetKind(entimage.Kind(after.Kind)).SetOs(after.OS).
			SetVersion(after.Version).SetSizeBytes(after.SizeBytes).SetSource(after.Source).SetDescription(after.Description).
			SetUpdateTime(s.clock.Now()).Save(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Image, id), Before: state(before), After: state(after)})
		return nil
	})
	if err != nil {
		return Image{}, err
	}
	return s.Get(ctx, id)
}

// Delete removes an image and its shares (the database removes the
// shares with it: a reseller deleting its own image does not see those
// the licensee made of it with others).
func (s *Service) Delete(ctx context.Context, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.load(ctx, tx.Client(), id, true)
		if err != nil {
			return err
		}
		before := state(valuesOf(r))
		before["billing_entity_id"] = ids.Format(ids.BillingEntity, r.BillingEntityID)
		if err := tx.Image.DeleteOne(r).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Image, id), Before: before})
		return nil
	})
}

// licenseeShares refuses a reseller's staff: sharing decides what other
// billing entities see, which is the licensee's to decide. It is checked
// before the image is looked up, so the refusal says nothing about it.
func licenseeShares(ctx context.Context) error {
	if tenancy.CallerOf(ctx).Scoped() {
		return apierr.PermissionDenied("only the licensee's staff share images with billing entities")
	}
	return nil
}

// Share shares an image with the billing entities bes. Those it is shared
// with already stay as they are; its owner, a suspended entity or an
// unknown one is refused, and then nothing is shared.
func (s *Service) Share(ctx context.Context, id uuid.UUID, bes []uuid.UUID) (Image, error) {
	if err := licenseeShares(ctx); err != nil {
		return Image{}, err
	}
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.load(ctx, tx.Client(), id, true)
		if err != nil {
			return err
		}
		before, err := sharedWith(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		// The entities in one statement, checked in the request's order.
		rows, err := tx.BillingEntity.Query().Where(entbe.IDIn(bes...)).All(ctx)
		if err != nil {
			return err
		}
		entities := make(map[uuid.UUID]*ent.BillingEntity, len(rows))
		for _, e := range rows {
			entities[e.ID] = e
		}
		now := s.clock.Now()
		var added []uuid.UUID
		var creates []*ent.ImageShareCreate
		for i, be := range bes {
			field := apierr.Index("billing_entity_ids", i)
			e := entities[be]
			switch {
			case e == nil:
				return apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, be))
			case be == r.BillingEntityID:
				return apierr.Invalid(field, "billing_entity_ids.not_owner", "%s owns the image; share it with other billing entities", e.Name)
			case e.Status == entbe.StatusSUSPENDED:
				return apierr.FailedPrecondition("%s is suspended; resume it before sharing images with it", e.Name)
			case slices.Contains(before, be) || slices.Contains(added, be):
				continue
			}
			creates = append(creates, tx.ImageShare.Create().SetImageID(id).SetBillingEntityID(be).SetCreateTime(now))
			added = append(added, be)
		}
		if len(added) == 0 {
			return audit.Unchanged
		}
		if err := tx.ImageShare.CreateBulk(creates...).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Image, id),
			Before: shareState(before), After: shareState(append(slices.Clone(before), added...))})
		return nil
	})
	if err != nil {
		return Image{}, err
	}
	return s.Get(ctx, id)
}

// Unshare stops sharing an image with the billing entities bes; those it
// is not shared with are ignored.
func (s *Service) Unshare(ctx context.Context, id uuid.UUID, bes []uuid.UUID) (Image, error) {
	if err := licenseeShares(ctx); err != nil {
		return Image{}, err
	}
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if _, err := s.load(ctx, tx.Client(), id, true); err != nil {
			return err
		}
		before, err := sharedWith(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		n, err := tx.ImageShare.Delete().Where(entshare.ImageID(id), entshare.BillingEntityIDIn(bes...)).Exec(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return audit.Unchanged
		}
		after := slices.DeleteFunc(slices.Clone(before), func(be uuid.UUID) bool { return slices.Contains(bes, be) })
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Image, id),
			Before: shareState(before), After: shareState(after)})
		return nil
	})
	if err != nil {
		return Image{}, err
	}
	return s.Get(ctx, id)
}

// sharedWith lists the billing entities an image is shared with that the
// caller sees, in the order they were shared.
func sharedWith(ctx context.Context, c *ent.Client, id uuid.UUID) ([]uuid.UUID, error) {
	rows, err := c.ImageShare.Query().Where(entshare.ImageID(id)).Order(ent.Asc(entshare.FieldCreateTime), ent.Asc(entshare.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read shares: %w", err)
	}
	out := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		out[i] = r.BillingEntityID
	}
	return out, nil
}

func shareState(bes []uuid.UUID) map[string]any {
	out := make([]string, len(bes))
	for i, be := range bes {
		out[i] = ids.Format(ids.BillingEntity, be)
	}
	return map[string]any{"shared_with": out}
}
