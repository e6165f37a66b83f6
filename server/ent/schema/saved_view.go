package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// SavedView is a list page's filters, sort and columns saved under a name
// by a member of staff (its author, user_id). Shared, the other staff of
// the author's billing entity apply it too: team_id is the reseller's
// billing entity, or unset for the licensee's staff. The data layer keeps
// a reseller's staff to their own users' rows; that nobody else reads a
// private view is the domain's rule (savedview.visible).
type SavedView struct{ ent.Schema }

func (SavedView) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByUser("user_id")}
}

func (SavedView) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable(),
		field.UUID("team_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("page").MaxLen(50).Immutable(),
		field.String("name").MaxRuneLen(80),
		field.JSON("parameters", map[string]string{}),
		field.JSON("columns", []string{}),
		field.Bool("shared").Default(false),
	}
}

func (SavedView) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("user_id", "page", "name").Unique(),
		index.Fields("page", "team_id"),
	}
}

// DashboardLayout is how a member of staff arranged their dashboard: the
// widgets in order, with the ones they hid. No row: the default.
type DashboardLayout struct{ ent.Schema }

func (DashboardLayout) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByUser("user_id")}
}

// LayoutWidget is one widget of a stored layout.
type LayoutWidget struct {
	ID     string `json:"id"`
	Hidden bool   `json:"hidden,omitempty"`
}

func (DashboardLayout) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuid.UUID{}).Immutable().Unique(),
		field.JSON("widgets", []LayoutWidget{}),
	}
}
