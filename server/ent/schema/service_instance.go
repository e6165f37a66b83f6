package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// serviceStatuses are the states of a booked service.
var serviceStatuses = []string{"ONLINE", "PROVISIONING", "MAINTENANCE", "DISRUPTION", "INCIDENT", "SUSPENDED", "DECOMMISSIONED"}

// ServiceInstance is a catalog item booked into a workspace of an
// organization. Never deleted: decommissioned (status DECOMMISSIONED) and
// kept for history, invoices and uptime.
type ServiceInstance struct{ ent.Schema }

func (ServiceInstance) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, inWorkspace(ownedByOrganization("organization_id"), "workspace_id"), searchableBy("name")}
}

func (ServiceInstance) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("workspace_id", uuid.UUID{}).Immutable(),
		field.UUID("catalog_item_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(200),
		field.Enum("status").Values(serviceStatuses...).Default("PROVISIONING"),
		// When the status last changed.
		field.Time("status_time"),
		// The monthly price in cents of currency, net of VAT: the item's
		// at booking, unless staff changed it with a reason.
		field.Int64("monthly_price_cents").Min(0),
		field.String("currency").Default("EUR").MaxLen(3),
		// The offer it was booked under, when a reseller sells another
		// entity's item; nil for an item of the organization's own entity.
		field.UUID("product_offer_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		// The item owner's price at booking, in cents: the wholesale price
		// of a booking under an offer, else the booked price itself.
		field.Int64("list_price_cents").Default(0).Min(0).Immutable(),
		// Technical notes for staff, Markdown.
		field.Text("notes").Default(""),
		// When the decommission job takes it down; nil when nothing is
		// scheduled.
		field.Time("decommission_time").Optional().Nillable(),
	}
}

func (ServiceInstance) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("workspace", Workspace.Type).Field("workspace_id").Unique().Required().Immutable(),
		edge.To("catalog_item", CatalogItem.Type).Field("catalog_item_id").Unique().Required().Immutable(),
		edge.From("container_links", ServiceContainerLink.Type).Ref("service_instance"),
	}
}

func (ServiceInstance) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organization_id", "name"),
		index.Fields("workspace_id"),
		index.Fields("catalog_item_id"),
		index.Fields("name", "id"),
		index.Fields("create_time", "id"),
		index.Fields("status"),
		index.Fields("decommission_time"),
	}
}

// ServiceStatusChange is one entry of an instance's status history: from,
// to, when, by whom (a staff member, the system or the sync) and why.
// Written once, never changed; the uptime is computed from it.
type ServiceStatusChange struct{ ent.Schema }

func (ServiceStatusChange) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (ServiceStatusChange) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("service_instance_id", uuid.UUID{}).Immutable(),
		// "" for the first entry, the booking.
		field.String("from_status").Default("").Immutable(),
		field.Enum("to_status").Values(serviceStatuses...).Immutable(),
		field.Time("change_time").Immutable(),
		// The staff member who changed it; nil for the system and the sync.
		field.UUID("actor_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("actor_email").Default("").Immutable(),
		field.Enum("source").Values("STAFF", "SYNC").Immutable(),
		field.Text("reason").Default("").Immutable(),
	}
}

func (ServiceStatusChange) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("service_instance", ServiceInstance.Type).Field("service_instance_id").Unique().Required().Immutable(),
	}
}

func (ServiceStatusChange) Indexes() []ent.Index {
	return []ent.Index{index.Fields("service_instance_id", "change_time", "id")}
}

// ServiceLogbookEntry is one entry of an instance's logbook: written by
// staff, or by the platform itself for status changes, price changes and
// decommissions (then with a code and its values), visible to the customer
// or internal.
type ServiceLogbookEntry struct{ ent.Schema }

func (ServiceLogbookEntry) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (ServiceLogbookEntry) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("service_instance_id", uuid.UUID{}).Immutable(),
		field.Time("create_time").Immutable(),
		// The author; nil for the system.
		field.UUID("author_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("author_email").Default("").Immutable(),
		field.Enum("visibility").Values("CUSTOMER", "INTERNAL").Immutable(),
		field.Text("text").Immutable(),
		// The coded text of an entry the platform wrote; "" for people's.
		field.String("code").Default("").Immutable(),
		field.JSON("params", map[string]string{}).Optional().Immutable(),
	}
}

func (ServiceLogbookEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("service_instance", ServiceInstance.Type).Field("service_instance_id").Unique().Required().Immutable(),
	}
}

func (ServiceLogbookEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("service_instance_id", "create_time", "id")}
}

// ServiceContainerLink links a container the sync found to the instance it
// carries, with its role and whether it is primary: the primary containers
// are the ones the automatic status follows and the service actions
// (start, stop, restart) act on. A container carries one instance at most.
type ServiceContainerLink struct{ ent.Schema }

func (ServiceContainerLink) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (ServiceContainerLink) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("service_instance_id", uuid.UUID{}).Immutable(),
		field.UUID("container_id", uuid.UUID{}).Immutable(),
		field.Enum("role").Values("APPLICATION", "DATABASE"),
		field.Bool("primary").Default(false),
		field.Time("create_time").Immutable(),
	}
}

func (ServiceContainerLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("service_instance", ServiceInstance.Type).Field("service_instance_id").Unique().Required().Immutable(),
		edge.To("container", Container.Type).Field("container_id").Unique().Required().Immutable(),
	}
}

func (ServiceContainerLink) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("container_id").Unique(),
		index.Fields("service_instance_id", "primary"),
	}
}
