package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// CatalogItem is something customers can book: a managed service in a size
// class, at a monthly price, sold by the billing entity that owns it (the
// licensee's by default; a reseller's own products otherwise). Never
// deleted once anything may refer to it: retired instead (retire_time set,
// not bookable, not changed again).
type CatalogItem struct{ ent.Schema }

func (CatalogItem) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		offeredByBillingEntity("billing_entity_id"), searchableBy("name")}
}

func (CatalogItem) Fields() []ent.Field {
	return []ent.Field{
		// The billing entity that sells it. Nullable only because rows
		// written before items had owners were given the licensee's by a
		// data migration; every write sets it.
		field.UUID("billing_entity_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("name").NotEmpty().MaxLen(200),
		field.Text("description").Default(""),
		field.Enum("category").Values("S", "M", "L"),
		// The price of new bookings, in cents of currency, net of VAT.
		field.Int64("monthly_price_cents").Min(0),
		field.String("currency").Default("EUR").MaxLen(3),
		field.Int("estimated_storage_gb").Default(0).Min(0),
		field.Int("setup_time_minutes").Default(0).Min(0),
		// The icon's name in the file store (<sha256>.<ext> under
		// catalog-icons/); "" for none.
		field.String("icon").Default("").MaxLen(80),
		field.Bool("bookable").Default(false),
		field.Time("retire_time").Optional().Nillable(),
	}
}

func (CatalogItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("billing_entity", BillingEntity.Type).Field("billing_entity_id").Unique().Immutable(),
		edge.From("offers", ProductOffer.Type).Ref("catalog_item"),
	}
}

func (CatalogItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("billing_entity_id", "name").Unique(), index.Fields("icon")}
}

// ProductOffer makes another entity's catalog item available under a
// reseller's billing entity at that entity's own price and terms. Its
// customers book the item at the offer's price; the licensee's price stays
// the wholesale price. One offer per item and entity; never deleted once
// booked, retired instead.
type ProductOffer struct{ ent.Schema }

func (ProductOffer) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("billing_entity_id")}
}

func (ProductOffer) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.UUID("catalog_item_id", uuid.UUID{}).Immutable(),
		// The price of new bookings under the entity, in cents, net of VAT.
		field.Int64("monthly_price_cents").Min(0),
		field.String("currency").Default("EUR").MaxLen(3),
		// The entity's terms: the shortest booking and the notice to end it.
		field.Int("minimum_term_months").Default(0).Min(0),
		field.Int("notice_period_days").Default(0).Min(0),
		// What the entity's customers read about it; plain text.
		field.Text("description").Default(""),
		field.Bool("bookable").Default(false),
		field.Time("retire_time").Optional().Nillable(),
	}
}

func (ProductOffer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("billing_entity", BillingEntity.Type).Field("billing_entity_id").Unique().Required().Immutable(),
		edge.To("catalog_item", CatalogItem.Type).Field("catalog_item_id").Unique().Required().Immutable(),
	}
}

func (ProductOffer) Indexes() []ent.Index {
	return []ent.Index{index.Fields("billing_entity_id", "catalog_item_id").Unique(), index.Fields("catalog_item_id")}
}
