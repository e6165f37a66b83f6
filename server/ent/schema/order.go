package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Order is a piece of work staff do for a customer: a support case, a
// change, a project. Never deleted: closed (DONE or CANCELLED) and kept.
type Order struct{ ent.Schema }

func (Order) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, inWorkspace(ownedByOrganization("organization_id"), "workspace_id"), searchableBy("title")}
}

func (Order) Fields() []ent.Field {
	return []ent.Field{
		// Counted across the platform from 1, what people quote.
		field.Int64("number").Immutable().Positive(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable(),
		field.UUID("service_instance_id", uuid.UUID{}).Optional().Nillable(),
		field.String("title").NotEmpty().MaxLen(200),
		field.Text("description").Default(""),
		field.Enum("kind").Values("SUPPORT", "CHANGE", "PROJECT", "OTHER"),
		field.Enum("priority").Values("LOW", "NORMAL", "HIGH", "CRITICAL").Default("NORMAL"),
		field.Enum("status").Values("OPEN", "IN_PROGRESS", "WAITING_FOR_CUSTOMER", "DONE", "CANCELLED").Default("OPEN"),
		field.Time("status_time"),
		field.UUID("assignee_id", uuid.UUID{}).Optional().Nillable(),
		// The due day, at midnight UTC; nil without a due date.
		field.Time("due_date").Optional().Nillable(),
		field.String("created_by_email").Default("").Immutable(),
	}
}

func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("workspace", Workspace.Type).Field("workspace_id").Unique(),
		edge.To("service_instance", ServiceInstance.Type).Field("service_instance_id").Unique(),
		edge.To("assignee", User.Type).Field("assignee_id").Unique(),
	}
}

func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("number").Unique(),
		index.Fields("create_time", "id"),
		index.Fields("organization_id", "status"),
		index.Fields("assignee_id", "status"),
		index.Fields("service_instance_id"),
		index.Fields("status", "due_date"),
	}
}

// OrderComment is a comment on an order: by staff, or by the platform for
// a status change (then with a code and its values); visible to the
// customer or internal.
type OrderComment struct{ ent.Schema }

func (OrderComment) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (OrderComment) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("order_id", uuid.UUID{}).Immutable(),
		field.Time("create_time").Immutable(),
		field.UUID("author_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("author_email").Default("").Immutable(),
		field.Enum("visibility").Values("CUSTOMER", "INTERNAL").Immutable(),
		field.Text("text").Immutable(),
		field.String("code").Default("").Immutable(),
		field.JSON("params", map[string]string{}).Optional().Immutable(),
	}
}

func (OrderComment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("order", Order.Type).Field("order_id").Unique().Required().Immutable(),
	}
}

func (OrderComment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("order_id", "create_time", "id")}
}

// TimeEntry is time a staff member spent on an order: a day, minutes, what
// was done and whether the customer pays for it. A running timer is an
// entry with start_time set and no minutes yet. Once invoiced (invoice_time
// set by the billing run), it is kept as it was.
type TimeEntry struct{ ent.Schema }

func (TimeEntry) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (TimeEntry) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("order_id", uuid.UUID{}).Immutable(),
		// The staff member whose time it is.
		field.UUID("user_id", uuid.UUID{}),
		// The day worked, at midnight UTC.
		field.Time("date"),
		field.Int("minutes").NonNegative(),
		field.Text("description").Default(""),
		field.Bool("billable").Default(true),
		// When the timer was started; nil for an entry made by hand or a
		// timer stopped.
		field.Time("start_time").Optional().Nillable(),
		// When the billing run invoiced it, and on which invoice; nil until
		// then.
		field.Time("invoice_time").Optional().Nillable(),
		field.UUID("invoice_id", uuid.UUID{}).Optional().Nillable(),
	}
}

func (TimeEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("order", Order.Type).Field("order_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Required(),
	}
}

func (TimeEntry) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("order_id", "date", "id"),
		index.Fields("organization_id", "billable", "invoice_time"),
		index.Fields("user_id", "start_time"),
	}
}

// ProcessTemplate is a named checklist of steps ("Onboarding",
// "Migration") staff put on orders. An order's process is a copy: editing
// a template changes no process made from it.
type ProcessTemplate struct{ ent.Schema }

func (ProcessTemplate) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		sharedByPlatform("the platform's checklists: every staff member, a reseller's too, puts them on orders; only the platform's staff change them")}
}

func (ProcessTemplate) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100),
		field.Text("description").Default(""),
		// The steps' titles, in order.
		field.JSON("steps", []string{}),
	}
}

func (ProcessTemplate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique()}
}

// OrderProcess is a checklist on an order, copied from a template when it
// was added.
type OrderProcess struct{ ent.Schema }

func (OrderProcess) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (OrderProcess) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("order_id", uuid.UUID{}).Immutable(),
		// The template it was copied from; nil once that is deleted.
		field.UUID("template_id", uuid.UUID{}).Optional().Nillable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.Time("create_time").Immutable(),
	}
}

func (OrderProcess) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("order", Order.Type).Field("order_id").Unique().Required().Immutable(),
		edge.To("template", ProcessTemplate.Type).Field("template_id").Unique(),
		edge.From("steps", ProcessStep.Type).Ref("process"),
	}
}

func (OrderProcess) Indexes() []ent.Index {
	return []ent.Index{index.Fields("order_id", "create_time")}
}

// ProcessStep is one step of an order's process, ticked with who and when.
type ProcessStep struct{ ent.Schema }

func (ProcessStep) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ownedByOrganization("organization_id")}
}

func (ProcessStep) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("process_id", uuid.UUID{}).Immutable(),
		field.Int("position").Immutable(),
		field.String("title").NotEmpty().MaxLen(200).Immutable(),
		// When it was ticked and by whom; nil while open.
		field.Time("done_time").Optional().Nillable(),
		field.UUID("done_by_id", uuid.UUID{}).Optional().Nillable(),
		field.String("done_by_email").Default(""),
	}
}

func (ProcessStep) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("process", OrderProcess.Type).Field("process_id").Unique().Required().Immutable(),
	}
}

func (ProcessStep) Indexes() []ent.Index {
	return []ent.Index{index.Fields("process_id", "position").Unique()}
}
