package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Connection is access to an infrastructure provider. Its credentials are
// sealed (platform/secrets) with the row's id as associated data, so a
// ciphertext copied to another row does not open.
type Connection struct{ ent.Schema }

func (Connection) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, platformOnly("provider credentials and endpoints of the platform's infrastructure"),
		searchableBy("name", "endpoint")}
}

func (Connection) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200),
		field.Enum("kind").Values("PROXMOX", "BESZEL", "HETZNER", "DOCKER").Immutable(),
		field.String("endpoint").Default("").MaxLen(500),
		field.Bool("insecure_skip_verify").Default(false),
		// Only reads: never used to start or stop anything.
		field.Bool("monitoring_only").Default(false),
		field.Bytes("credentials").Sensitive(),
		// Which secrets are set (token, username, password, tls_…), so the UI can
		// say so without the secrets leaving the server.
		field.Strings("credentials_set").Optional(),
		field.Enum("health").Values("UNKNOWN", "HEALTHY", "FAILING").Default("UNKNOWN"),
		field.Text("health_message").Default(""),
		// What health_message says, as a code and its values (coded.Text).
		field.String("health_code").Default("").MaxLen(64),
		field.JSON("health_params", map[string]string{}).Optional(),
		field.Time("health_time").Optional().Nillable(),
		field.String("provider_version").Default("").MaxLen(100),
		field.Time("last_sync_time").Optional().Nillable(),
		field.Int64("last_sync_duration_ms").Default(0),
		field.Int("consecutive_failures").Default(0),
	}
}

func (Connection) Edges() []ent.Edge {
	return []ent.Edge{edge.To("datasources", Datasource.Type)}
}

func (Connection) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique()}
}
