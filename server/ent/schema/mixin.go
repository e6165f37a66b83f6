package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
	"github.com/google/uuid"
)

// idMixin keys a row by a UUIDv7: time-ordered, so inserts stay index-friendly
// and the id doubles as a keyset for paging in creation order.
type idMixin struct{ mixin.Schema }

func (idMixin) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("id", uuid.UUID{}).Default(newID).Immutable(),
	}
}

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// timeMixin records when a row was created and last changed. The domain sets
// both from its injected clock (no schema default reads the wall clock), so
// tests can walk time.
type timeMixin struct{ mixin.Schema }

func (timeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("create_time").Immutable(),
		field.Time("update_time"),
	}
}
