package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Image is an operating-system or application image a billing entity makes
// available: what it is (name, kind, OS, version), how large and where it
// is fetched from. The licensee shares images with whole billing entities
// (ImageShare); a reseller sees its own and those shared with it.
type Image struct{ ent.Schema }

func (Image) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		sharedWithBillingEntities("billing_entity_id", "image_shares", "image_id", "billing_entity_id"),
		searchableBy("name", "os", "version")}
}

func (Image) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(100),
		field.Enum("kind").Values("OS", "APPLICATION"),
		field.String("os").MaxRuneLen(60),
		field.String("version").MaxRuneLen(40),
		field.Int64("size_bytes").Min(0),
		field.String("source").MaxRuneLen(500),
		field.String("description").Default("").MaxRuneLen(1000),
	}
}

func (Image) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("billing_entity", BillingEntity.Type).Field("billing_entity_id").Unique().Required().Immutable(),
		// Removing an image removes its shares with it, in the database:
		// its owner (a reseller) cannot see, let alone delete, the shares
		// the licensee made of it with others.
		edge.To("shares", ImageShare.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

func (Image) Indexes() []ent.Index {
	return []ent.Index{index.Fields("billing_entity_id", "name").Unique()}
}

// ImageShare shares an image with a billing entity: its staff and its
// customers see the image. Only the licensee's staff share; each billing
// entity reads the shares made to it.
type ImageShare struct{ ent.Schema }

func (ImageShare) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, readOnly(ownedByBillingEntity("billing_entity_id"))}
}

func (ImageShare) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("image_id", uuid.UUID{}).Immutable(),
		// The billing entity the image is shared with.
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (ImageShare) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("image", Image.Type).Ref("shares").Field("image_id").Unique().Required().Immutable(),
		edge.To("billing_entity", BillingEntity.Type).Field("billing_entity_id").Unique().Required().Immutable(),
	}
}

func (ImageShare) Indexes() []ent.Index {
	return []ent.Index{index.Fields("image_id", "billing_entity_id").Unique(), index.Fields("billing_entity_id")}
}
