package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// AlertLabel is a preset kind of problem customers choose when they report
// one ("Service unavailable", "Login issues"); staff extend the list.
type AlertLabel struct{ ent.Schema }

func (AlertLabel) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{},
		sharedByPlatform("the presets every customer chooses from when reporting a problem; only the platform's staff change them")}
}

func (AlertLabel) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
		// Its place in the list customers see.
		field.Int("position"),
		// When it was retired from the list; nil while offered. Alerts keep
		// the label they were reported with.
		field.Time("retire_time").Optional().Nillable(),
		field.Time("create_time").Immutable(),
	}
}

func (AlertLabel) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique()}
}

// Alert is a problem a customer reported, optionally about one of their
// service instances, which staff acknowledge, resolve, or turn into a
// support order.
type Alert struct{ ent.Schema }

func (Alert) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, inWorkspace(ownedByOrganization("organization_id"), "workspace_id")}
}

func (Alert) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("service_instance_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		// The service instance's workspace, kept on the alert so the data
		// layer confines it as the service itself.
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.UUID("label_id", uuid.UUID{}).Immutable(),
		field.Enum("priority").Values("LOW", "NORMAL", "HIGH", "CRITICAL").Immutable(),
		field.Text("text").Immutable(),
		// Who reported it: a customer's user, or staff on their behalf.
		field.UUID("reporter_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("reporter_email").Default("").Immutable(),
		field.Enum("status").Values("OPEN", "ACKNOWLEDGED", "RESOLVED").Default("OPEN"),
		field.Time("acknowledge_time").Optional().Nillable(),
		field.String("acknowledged_by_email").Default(""),
		field.Time("resolve_time").Optional().Nillable(),
		field.String("resolved_by_email").Default(""),
		field.Text("resolution").Default(""),
		// The support order made from it; nil until then.
		field.UUID("order_id", uuid.UUID{}).Optional().Nillable(),
		field.Time("create_time").Immutable(),
	}
}

func (Alert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("service_instance", ServiceInstance.Type).Field("service_instance_id").Unique().Immutable(),
		edge.To("label", AlertLabel.Type).Field("label_id").Unique().Required().Immutable(),
		edge.To("order", Order.Type).Field("order_id").Unique(),
	}
}

func (Alert) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("create_time", "id"),
		index.Fields("organization_id", "status"),
		index.Fields("service_instance_id"),
		index.Fields("status", "priority"),
		index.Fields("reporter_id", "create_time"),
	}
}

// Feedback is what a user thinks of the product: a rating, a text and the
// page or area it is about. Staff mark it reviewed, with a note.
type Feedback struct{ ent.Schema }

func (Feedback) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByUser("user_id")}
}

func (Feedback) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		field.String("user_email").Default("").Immutable(),
		field.Int("rating").Range(1, 5).Immutable(),
		field.Text("text").Default("").Immutable(),
		// The page or area it is about, e.g. "portal/services".
		field.String("area").Default("").MaxLen(200).Immutable(),
		field.Time("create_time").Immutable(),
		field.Time("review_time").Optional().Nillable(),
		field.String("reviewed_by_email").Default(""),
		field.Text("review_note").Default(""),
	}
}

func (Feedback) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable(),
	}
}

func (Feedback) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("create_time", "id"),
		index.Fields("review_time"),
		index.Fields("user_id", "create_time"),
	}
}
