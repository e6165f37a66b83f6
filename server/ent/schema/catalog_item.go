package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CatalogItem is something customers can book: a managed service in a size
// class, at a monthly price. Never deleted once anything may refer to it:
// retired instead (retire_time set, not bookable, not changed again).
type CatalogItem struct{ ent.Schema }

func (CatalogItem) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		sharedByPlatform("the platform's offering: resellers sell it and customers book from it, so every caller reads it; only the platform's staff change it"),
		searchableBy("name")}
}

func (CatalogItem) Fields() []ent.Field {
	return []ent.Field{
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

func (CatalogItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique(), index.Fields("icon")}
}
