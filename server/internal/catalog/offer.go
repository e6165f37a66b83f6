package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/productoffer"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Limits of an offer's terms.
const (
	MaxMinimumTermMonths = 60
	MaxNoticePeriodDays  = 365
)

// OfferValues are an offer's editable fields.
type OfferValues struct {
	// MonthlyPriceCents is what the entity's customers pay a month, in
	// cents of EUR, net of VAT.
	MonthlyPriceCents int64
	MinimumTermMonths int
	NoticePeriodDays  int
	Description       string
	Bookable          bool
}

// Offer is a reseller's offer of another entity's item.
type Offer struct {
	ID            uuid.UUID
	BillingEntity uuid.UUID
	Item          uuid.UUID
	OfferValues
	Currency               string
	RetireTime             *time.Time
	CreateTime, UpdateTime time.Time
	// ItemName and ListPriceCents are the item's name and its owner's
	// price now, read with the offer.
	ItemName       string
	ListPriceCents int64
}

// Retired reports whether the offer is withdrawn for good.
func (o Offer) Retired() bool { return o.RetireTime != nil }

// offerMask lists the fields CreateProductOffer sets and
// UpdateProductOffer may change.
var offerMask = fieldmask.Mask[OfferValues]{Fields: []fieldmask.Field[OfferValues]{
	{Path: "monthly_price_cents",
		Check: func(v OfferValues) (string, string) {
			return fieldmask.Require(v.MonthlyPriceCents >= 0 && v.MonthlyPriceCents <= MaxMonthlyPriceCents,
				"monthly_price_cents.range", "a price from 0 to 1,000,000.00 EUR a month, in cents")
		},
		Copy: func(d *OfferValues, s OfferValues) { d.MonthlyPriceCents = s.MonthlyPriceCents }},
	{Path: "minimum_term_months",
		Check: func(v OfferValues) (string, string) {
			return fieldmask.Require(v.MinimumTermMonths >= 0 && v.MinimumTermMonths <= MaxMinimumTermMonths,
				"minimum_term_months.range", "from 0 to 60 months")
		},
		Copy: func(d *OfferValues, s OfferValues) { d.MinimumTermMonths = s.MinimumTermMonths }},
	{Path: "notice_period_days",
		Check: func(v OfferValues) (string, string) {
			return fieldmask.Require(v.NoticePeriodDays >= 0 && v.NoticePeriodDays <= MaxNoticePeriodDays,
				"notice_period_days.range", "from 0 to 365 days")
		},
		Copy: func(d *OfferValues, s OfferValues) { d.NoticePeriodDays = s.NoticePeriodDays }},
	{Path: "description",
		Check: func(v OfferValues) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxDescriptionLen, "description.max_len", "at most 4000 characters")
		},
		Copy: func(d *OfferValues, s OfferValues) { d.Description = strings.TrimSpace(s.Description) }},
	{Path: "bookable", Copy: func(d *OfferValues, s OfferValues) { d.Bookable = s.Bookable }},
}}

// OfferPaths are the update-mask paths UpdateOffer accepts.
var OfferPaths = offerMask.Paths()

// offerTarget is what the audit trail calls an offer.
const offerTarget = "product_offer"

func offerOf(r *ent.ProductOffer) Offer {
	o := Offer{
		ID: r.ID, BillingEntity: r.BillingEntityID, Item: r.CatalogItemID,
		OfferValues: OfferValues{
			MonthlyPriceCents: r.MonthlyPriceCents, MinimumTermMonths: r.MinimumTermMonths,
			NoticePeriodDays: r.NoticePeriodDays, Description: r.Description, Bookable: r.Bookable,
		},
		Currency: r.Currency, RetireTime: r.RetireTime, CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
	}
	if it := r.Edges.CatalogItem; it != nil {
		o.ItemName, o.ListPriceCents = it.Name, it.MonthlyPriceCents
	}
	return o
}

// OfferNames returns the names of the offers with these ids, for the
// audit trail: the item and the billing entity that sells it.
func (s *Service) OfferNames(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.ProductOffer.Query().Where(productoffer.IDIn(idList...)).
		WithCatalogItem().WithBillingEntity().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name offers: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		if r.Edges.CatalogItem == nil || r.Edges.BillingEntity == nil {
			continue
		}
		out[r.ID] = r.Edges.CatalogItem.Name + " · " + r.Edges.BillingEntity.Name
	}
	return out, nil
}

func offerState(o Offer) map[string]any {
	out := map[string]any{
		"billing_entity_id":   ids.Format(ids.BillingEntity, o.BillingEntity),
		"catalog_item_id":     ids.Format(ids.CatalogItem, o.Item),
		"monthly_price_cents": o.MonthlyPriceCents, "currency": o.Currency,
		"minimum_term_months": o.MinimumTermMonths, "notice_period_days": o.NoticePeriodDays,
		"description": o.Description, "bookable": o.Bookable,
	}
	if o.RetireTime != nil {
		out["retire_time"] = o.RetireTime.UTC().Format(time.RFC3339)
	}
	return out
}

// OfferFilter selects offers; zero fields match all.
type OfferFilter struct {
	BillingEntity uuid.UUID
	Item          uuid.UUID
	// Retired: nil matches both.
	Retired *bool
}

// MaxOffers bounds one answer of ListOffers: an entity offers the
// licensee's catalog at most once per item.
const MaxOffers = 1000

// ListOffers returns the offers the caller sees (a reseller's staff their
// entity's, the licensee's staff every reseller's), by item name.
func (s *Service) ListOffers(ctx context.Context, f OfferFilter) ([]Offer, error) {
	var where []predicate.ProductOffer
	if f.BillingEntity != uuid.Nil {
		where = append(where, productoffer.BillingEntityID(f.BillingEntity))
	}
	if f.Item != uuid.Nil {
		where = append(where, productoffer.CatalogItemID(f.Item))
	}
	if f.Retired != nil {
		if *f.Retired {
			where = append(where, productoffer.RetireTimeNotNil())
		} else {
			where = append(where, productoffer.RetireTimeIsNil())
		}
	}
	rows, err := s.client.ProductOffer.Query().Where(where...).WithCatalogItem().
		Order(productoffer.ByBillingEntityID(), productoffer.ByID()).Limit(MaxOffers).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list product offers: %w", err)
	}
	out := make([]Offer, len(rows))
	for i, r := range rows {
		out[i] = offerOf(r)
	}
	slices.SortStableFunc(out, func(a, b Offer) int { return strings.Compare(a.ItemName, b.ItemName) })
	return out, nil
}

// GetOffer returns one offer.
func (s *Service) GetOffer(ctx context.Context, id uuid.UUID) (*Offer, error) {
	r, err := s.client.ProductOffer.Query().Where(productoffer.ID(id)).WithCatalogItem().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("product offer", ids.Format(ids.ProductOffer, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get product offer: %w", err)
	}
	o := offerOf(r)
	return &o, nil
}

// CreateOffer offers item under the caller's reseller entity, or the one
// named with tenancy.OnBehalfOf. Only a reseller offers, only the
// licensee's items, once per item.
func (s *Service) CreateOffer(ctx context.Context, item uuid.UUID, v OfferValues, reason string) (*Offer, error) {
	var in OfferValues
	offerMask.Apply(&in, v, offerMask.Leaves())
	if err := offerMask.Check(in, offerMask.Leaves(), ""); err != nil {
		return nil, err
	}
	be, err := tenancy.Owner(ctx, s.client)
	if err != nil {
		return nil, err
	}
	var out Offer
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		entity, err := tx.BillingEntity.Get(tenancy.Unscoped(ctx), be)
		if err != nil {
			return fmt.Errorf("get billing entity: %w", err)
		}
		if entity.Kind != entbe.KindRESELLER {
			return apierr.FailedPrecondition("the licensee sells its own items at their own price; offers are how resellers sell them")
		}
		it, err := tx.CatalogItem.Query().Where(catalogitem.ID(item)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("catalog item", ids.Format(ids.CatalogItem, item))
		}
		if err != nil {
			return err
		}
		// The owner is read as the platform: a reseller's staff do not read
		// the licensee's billing entity, only the items it sells.
		var ownerKind entbe.Kind
		if it.BillingEntityID != nil {
			owner, err := tx.BillingEntity.Get(tenancy.Unscoped(ctx), *it.BillingEntityID)
			if err != nil {
				return fmt.Errorf("get the item's billing entity: %w", err)
			}
			ownerKind = owner.Kind
		}
		switch {
		case it.BillingEntityID != nil && *it.BillingEntityID == be:
			return apierr.FailedPrecondition("%s is %s's own item, sold at its own price; change the item instead", it.Name, entity.Name)
		case ownerKind != entbe.KindLICENSEE:
			return apierr.FailedPrecondition("%s is another reseller's item; resellers offer the licensee's items", it.Name)
		case it.RetireTime != nil:
			return apierr.FailedPrecondition("%s is retired from the catalog and no longer offered", it.Name)
		}
		taken, err := tx.ProductOffer.Query().Where(productoffer.BillingEntityID(be), productoffer.CatalogItemID(item)).Only(ctx)
		switch {
		case err == nil && taken.RetireTime != nil:
			return apierr.AlreadyExists("%s offered %s before and retired the offer; an offer is not made twice", entity.Name, it.Name)
		case err == nil:
			return apierr.AlreadyExists("%s already offers %s (%s); change that offer instead", entity.Name, it.Name, ids.Format(ids.ProductOffer, taken.ID))
		case !ent.IsNotFound(err):
			return err
		}
		now := s.clock.Now()
		r, err := tx.ProductOffer.Create().SetID(uuid.Must(uuid.NewV7())).SetBillingEntityID(be).SetCatalogItemID(item).
			SetMonthlyPriceCents(in.MonthlyPriceCents).SetCurrency(it.Currency).
			SetMinimumTermMonths(in.MinimumTermMonths).SetNoticePeriodDays(in.NoticePeriodDays).
			SetDescription(in.Description).SetBookable(in.Bookable).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		r.Edges.CatalogItem = it
		out = offerOf(r)
		log.Record(audit.Event{TargetType: offerTarget, TargetID: ids.Format(ids.ProductOffer, r.ID), Reason: reason, After: offerState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOffer changes the fields named in paths. A new price applies to
// new bookings only. A retired offer is not changed.
func (s *Service) UpdateOffer(ctx context.Context, id uuid.UUID, v OfferValues, paths []string, reason string) (*Offer, error) {
	leaves, err := offerMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in OfferValues
	offerMask.Apply(&in, v, leaves)
	if err := offerMask.Check(in, leaves, "offer"); err != nil {
		return nil, err
	}
	var out Offer
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.ProductOffer.Query().Where(productoffer.ID(id)).WithCatalogItem().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("product offer", ids.Format(ids.ProductOffer, id))
		}
		if err != nil {
			return err
		}
		before := offerOf(r)
		if before.Retired() {
			return apierr.FailedPrecondition("the offer of %s is retired and kept as it was", before.ItemName)
		}
		next := before
		offerMask.Apply(&next.OfferValues, in, leaves)
		if next.OfferValues == before.OfferValues {
			out = before
			return audit.Unchanged
		}
		u, err := tx.ProductOffer.UpdateOneID(id).SetMonthlyPriceCents(next.MonthlyPriceCents).
			SetMinimumTermMonths(next.MinimumTermMonths).SetNoticePeriodDays(next.NoticePeriodDays).
			SetDescription(next.Description).SetBookable(next.Bookable).SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		u.Edges.CatalogItem = r.Edges.CatalogItem
		out = offerOf(u)
		log.Record(audit.Event{TargetType: offerTarget, TargetID: ids.Format(ids.ProductOffer, id), Reason: reason,
			Before: offerState(before), After: offerState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// RetireOffer withdraws an offer for good: nothing more is booked under
// it; what was booked keeps its price. Retiring twice changes nothing.
func (s *Service) RetireOffer(ctx context.Context, id uuid.UUID, reason string) (*Offer, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the offer is retired")
	}
	var out Offer
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.ProductOffer.Query().Where(productoffer.ID(id)).WithCatalogItem().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("product offer", ids.Format(ids.ProductOffer, id))
		}
		if err != nil {
			return err
		}
		before := offerOf(r)
		if before.Retired() {
			out = before
			return audit.Unchanged
		}
		now := s.clock.Now()
		u, err := tx.ProductOffer.UpdateOneID(id).SetRetireTime(now).SetBookable(false).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		u.Edges.CatalogItem = r.Edges.CatalogItem
		out = offerOf(u)
		log.Record(audit.Event{TargetType: offerTarget, TargetID: ids.Format(ids.ProductOffer, id), Reason: reason,
			Before: offerState(before), After: offerState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Price is what booking an item costs an organization, and under which
// offer.
type Price struct {
	MonthlyPriceCents int64
	// ListPriceCents is the item owner's price: what the licensee charges
	// the reseller for a booking under an offer (the wholesale report).
	ListPriceCents int64
	Currency       string
	// Offer is the reseller's offer it is booked under; nil for an item of
	// the organization's own entity.
	Offer *uuid.UUID
}

// ownPrice is the price of an item booked under the entity that sells it.
func ownPrice(it *ent.CatalogItem) Price {
	return Price{MonthlyPriceCents: it.MonthlyPriceCents, ListPriceCents: it.MonthlyPriceCents, Currency: it.Currency}
}

// offerPrice is the price of an item booked under offer o: the offer's,
// with the licensee's price of the day for the wholesale report.
func offerPrice(it *ent.CatalogItem, o *ent.ProductOffer) Price {
	return Price{MonthlyPriceCents: o.MonthlyPriceCents, ListPriceCents: it.MonthlyPriceCents, Currency: o.Currency, Offer: &o.ID}
}

// PriceFor is the price of booking it for an organization of billing
// entity be: the item's own price when be sells it, the offer's when be
// offers it, and FailedPrecondition when be sells it neither way. c is the
// booking's transaction.
func PriceFor(ctx context.Context, c *ent.Client, it *ent.CatalogItem, be uuid.UUID) (Price, error) {
	switch {
	case it.RetireTime != nil:
		return Price{}, apierr.FailedPrecondition("%s is retired from the catalog and no longer booked", it.Name)
	case !it.Bookable:
		return Price{}, apierr.FailedPrecondition("%s is not bookable at the moment", it.Name)
	}
	if it.BillingEntityID != nil && *it.BillingEntityID == be {
		return ownPrice(it), nil
	}
	o, err := c.ProductOffer.Query().Where(productoffer.BillingEntityID(be), productoffer.CatalogItemID(it.ID),
		productoffer.RetireTimeIsNil()).Only(tenancy.Unscoped(ctx))
	if ent.IsNotFound(err) {
		name, nerr := c.BillingEntity.Query().Where(entbe.ID(be)).Select(entbe.FieldName).String(tenancy.Unscoped(ctx))
		if nerr != nil {
			return Price{}, nerr
		}
		return Price{}, apierr.FailedPrecondition("%s does not sell %s: its customers book its own items and what it offers", name, it.Name)
	}
	if err != nil {
		return Price{}, err
	}
	if !o.Bookable {
		return Price{}, apierr.FailedPrecondition("the offer of %s is not bookable at the moment", it.Name)
	}
	return offerPrice(it, o), nil
}

// Bookable is an item an organization can book, at its price.
type Bookable struct {
	Item  Item
	Price Price
	// Terms of the offer; zero for the entity's own items.
	MinimumTermMonths, NoticePeriodDays int
}

// BookableForOrganization lists what organization org can book now
// (BookableFor its billing entity); NotFound when the caller does not see
// org.
func (s *Service) BookableForOrganization(ctx context.Context, org uuid.UUID) ([]Bookable, error) {
	o, err := s.client.Organization.Query().Where(organization.ID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	if err != nil {
		return nil, fmt.Errorf("get organization: %w", err)
	}
	return s.BookableFor(ctx, o.BillingEntityID)
}

// BookableFor lists what organizations of billing entity be can book now:
// its own bookable items and the bookable items it offers, by name.
func (s *Service) BookableFor(ctx context.Context, be uuid.UUID) ([]Bookable, error) {
	items, err := s.client.CatalogItem.Query().Where(catalogitem.RetireTimeIsNil(), catalogitem.Bookable(true),
		catalogitem.Or(catalogitem.BillingEntityID(be),
			catalogitem.HasOffersWith(productoffer.BillingEntityID(be), productoffer.RetireTimeIsNil(), productoffer.Bookable(true)))).
		Order(catalogitem.ByName(), catalogitem.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list bookable items: %w", err)
	}
	// The entity's offers in one statement, not one per item.
	offers, err := s.client.ProductOffer.Query().Where(productoffer.BillingEntityID(be), productoffer.RetireTimeIsNil(),
		productoffer.Bookable(true)).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("list offers: %w", err)
	}
	offered := make(map[uuid.UUID]*ent.ProductOffer, len(offers))
	for _, o := range offers {
		offered[o.CatalogItemID] = o
	}
	out := make([]Bookable, 0, len(items))
	for _, it := range items {
		b := Bookable{Item: itemOf(it), Price: ownPrice(it)}
		if o := offered[it.ID]; o != nil && (it.BillingEntityID == nil || *it.BillingEntityID != be) {
			b.Price = offerPrice(it, o)
			b.MinimumTermMonths, b.NoticePeriodDays = o.MinimumTermMonths, o.NoticePeriodDays
		}
		out = append(out, b)
	}
	return out, nil
}
