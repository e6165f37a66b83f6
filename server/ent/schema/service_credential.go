package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// ServiceCredential is a named secret of an instance (an admin login, a
// database password). The value is sealed with the secret box, bound to the
// row's id and instance, so a ciphertext copied to another row does not
// open. Deleting removes the row; the audit trail keeps its name.
type ServiceCredential struct{ ent.Schema }

func (ServiceCredential) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (ServiceCredential) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("service_instance_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(100).Immutable(),
		// The value, sealed (secrets.Box) with the row's id and instance
		// id as associated data.
		field.Bytes("sealed_value").Sensitive(),
		// Who last set the value; nil for the system.
		field.UUID("updated_by_id", uuid.UUID{}).Optional().Nillable(),
		field.String("updated_by_email").Default(""),
	}
}

func (ServiceCredential) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("service_instance", ServiceInstance.Type).Field("service_instance_id").Unique().Required().Immutable(),
	}
}

func (ServiceCredential) Indexes() []ent.Index {
	return []ent.Index{index.Fields("service_instance_id", "name").Unique()}
}
