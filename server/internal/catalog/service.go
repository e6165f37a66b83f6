package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Service reads and changes the catalog.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	files  *blob.Store
}

// NewService returns the catalog domain, keeping icons in files.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, files *blob.Store) *Service {
	return &Service{client: client, audit: aw, clock: clk, files: files}
}

// targetType is what the audit trail calls an item.
const targetType = "catalog_item"

func itemOf(r *ent.CatalogItem) Item {
	var be uuid.UUID
	if r.BillingEntityID != nil {
		be = *r.BillingEntityID
	}
	return Item{
		ID: r.ID, BillingEntity: be,
		Values: Values{
			Name: r.Name, Description: r.Description, Category: Category(r.Category),
			MonthlyPriceCents: r.MonthlyPriceCents, EstimatedStorageGB: r.EstimatedStorageGB,
			SetupTimeMinutes: r.SetupTimeMinutes, Icon: r.Icon, Bookable: r.Bookable,
		},
		Currency: r.Currency, RetireTime: r.RetireTime, CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
	}
}

// Get returns one item.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Item, error) {
	r, err := s.client.CatalogItem.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("catalog item", ids.Format(ids.CatalogItem, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get catalog item: %w", err)
	}
	it := itemOf(r)
	return &it, nil
}

// nameTaken refuses a name another item of entity be has.
func nameTaken(ctx context.Context, c *ent.Client, be uuid.UUID, name string, except uuid.UUID) error {
	taken, err := c.CatalogItem.Query().Where(catalogitem.BillingEntityID(be), catalogitem.Name(name), catalogitem.IDNEQ(except)).Exist(tenancy.Unscoped(ctx))
	if err != nil {
		return err
	}
	if taken {
		return apierr.AlreadyExists("a catalog item named %q exists", name)
	}
	return nil
}

// mayChange refuses a reseller's staff an item they read but do not own:
// the licensee's, which they sell under an offer of their own instead.
func mayChange(ctx context.Context, it Item) error {
	if be, ok := tenancy.Scope(ctx); ok && it.BillingEntity != be {
		return apierr.PermissionDenied("%s is the licensee's; sell it at your own price with a product offer instead", it.Name)
	}
	return nil
}

// iconStored refuses an icon that was not uploaded.
func (s *Service) iconStored(ctx context.Context, icon, field string) error {
	if icon == "" {
		return nil
	}
	ok, err := s.files.Exists(ctx, IconPrefix, icon)
	if err != nil {
		return err
	}
	if !ok {
		return apierr.Invalid(field, "icon.uploaded", "no icon %s was uploaded; upload it with UploadCatalogIcon first", icon)
	}
	return nil
}

// Create adds an item to the catalog of the caller's billing entity, or of
// the one named with tenancy.OnBehalfOf.
func (s *Service) Create(ctx context.Context, v Values, reason string) (*Item, error) {
	var in Values
	mask.Apply(&in, v, mask.Leaves())
	if err := mask.Check(in, mask.Leaves(), ""); err != nil {
		return nil, err
	}
	if err := s.iconStored(ctx, in.Icon, "icon"); err != nil {
		return nil, err
	}
	be, err := tenancy.Owner(ctx, s.client)
	if err != nil {
		return nil, err
	}
	var out Item
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := nameTaken(ctx, tx.Client(), be, in.Name, uuid.Nil); err != nil {
			return err
		}
		now := s.clock.Now()
		r, err := tx.CatalogItem.Create().SetID(uuid.Must(uuid.NewV7())).SetBillingEntityID(be).
			SetName(in.Name).SetDescription(in.Description).SetCategory(catalogitem.Category(in.Category)).
			SetMonthlyPriceCents(in.MonthlyPriceCents).SetCurrency(Currency).
			SetEstimatedStorageGB(in.EstimatedStorageGB).SetSetupTimeMinutes(in.SetupTimeMinutes).
			SetIcon(in.Icon).SetBookable(in.Bookable).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = itemOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.CatalogItem, r.ID), Reason: reason, After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes the fields named in paths. A retired item is not changed.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string, reason string) (*Item, error) {
	leaves, err := mask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in Values
	mask.Apply(&in, v, leaves)
	if err := mask.Check(in, leaves, "item"); err != nil {
		return nil, err
	}
	if slices.Contains(leaves, "icon") {
		if err := s.iconStored(ctx, in.Icon, "item.icon"); err != nil {
			return nil, err
		}
	}
	var out Item
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.CatalogItem.Query().Where(catalogitem.ID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("catalog item", ids.Format(ids.CatalogItem, id))
		}
		if err != nil {
			return err
		}
		before := itemOf(r)
		if err := mayChange(ctx, before); err != nil {
			return err
		}
		if before.Retired() {
			return apierr.FailedPrecondition("%s is retired and kept as it was; add a new item instead", before.Name)
		}
		next := before
		mask.Apply(&next.Values, in, leaves)
		if slices.Contains(leaves, "name") {
			if err := nameTaken(ctx, tx.Client(), before.BillingEntity, next.Name, id); err != nil {
				return err
			}
		}
		if next.Values == before.Values {
			out = before
			return audit.Unchanged
		}
		r, err = tx.CatalogItem.UpdateOneID(id).
			SetName(next.Name).SetDescription(next.Description).SetCategory(catalogitem.Category(next.Category)).
			SetMonthlyPriceCents(next.MonthlyPriceCents).SetEstimatedStorageGB(next.EstimatedStorageGB).
			SetSetupTimeMinutes(next.SetupTimeMinutes).SetIcon(next.Icon).SetBookable(next.Bookable).
			SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		out = itemOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.CatalogItem, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Retire takes an item off the catalog for good. Retiring a retired item
// changes nothing and records nothing.
func (s *Service) Retire(ctx context.Context, id uuid.UUID, reason string) (*Item, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the item is retired")
	}
	var out Item
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.CatalogItem.Query().Where(catalogitem.ID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("catalog item", ids.Format(ids.CatalogItem, id))
		}
		if err != nil {
			return err
		}
		before := itemOf(r)
		if err := mayChange(ctx, before); err != nil {
			return err
		}
		if before.Retired() {
			out = before
			return audit.Unchanged
		}
		now := s.clock.Now()
		r, err = tx.CatalogItem.UpdateOneID(id).SetRetireTime(now).SetBookable(false).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = itemOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.CatalogItem, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UploadIcon checks an icon by its content and stores it under the hash of
// its content. Staff upload, a reseller's for its own items: an icon is
// stored by its content and names no owner.
func (s *Service) UploadIcon(ctx context.Context, content []byte) (*Icon, error) {
	if tenancy.CallerOf(ctx).Kind == tenancy.Customer {
		return nil, apierr.PermissionDenied("a customer cannot change the catalog")
	}
	img, err := blob.CheckImage(content, MaxIconBytes)
	if err != nil {
		return nil, apierr.Invalid("content", "content.image", "%s", err.Error())
	}
	name := blob.Name(content, img.Ext)
	if err := s.files.Put(ctx, IconPrefix, name, content, img.ContentType); err != nil {
		return nil, err
	}
	return &Icon{Name: name, ContentType: img.ContentType, Size: int64(len(content))}, nil
}

// IconsInUse lists the icons items refer to, retired ones included: the
// storage cleanup keeps them.
func (s *Service) IconsInUse(ctx context.Context) ([]string, error) {
	names, err := s.client.CatalogItem.Query().Where(catalogitem.IconNEQ("")).Unique(true).
		Select(catalogitem.FieldIcon).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("icons in use: %w", err)
	}
	return names, nil
}

// Names returns the names of the items with these ids, for the audit
// trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.CatalogItem.Query().Where(catalogitem.IDIn(idList...)).
		Select(catalogitem.FieldID, catalogitem.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name catalog items: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
