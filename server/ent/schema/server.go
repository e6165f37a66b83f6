package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// Server is a physical or virtual machine. Besides what staff enter, it
// carries the sync's latest view of it (status, last sample, sync state,
// health), so lists and the dashboard read one row per server.
type Server struct{ ent.Schema }

func (Server) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ofServer("id"), searchableBy("name", "ip_address")}
}

func (Server) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200),
		field.Enum("provider").Values("PROXMOX", "BESZEL", "HETZNER", "DOCKER", "OTHER"),
		field.Enum("kind").Values("HOST", "VM", "CLOUD", "MONITORED"),
		field.String("location").Default("").MaxLen(100),
		field.String("ip_address").Default("").MaxLen(64),
		field.Int("cores").Default(0),
		field.Int64("memory_bytes").Default(0),
		field.Int64("disk_bytes").Default(0),
		field.UUID("parent_id", uuid.UUID{}).Optional().Nillable(),
		field.Text("notes").Default(""),

		// What the sync saw last.
		field.String("status").Default("").MaxLen(50),
		field.Bool("up").Default(false),
		field.Float("cpu_percent").Default(0),
		field.Int64("memory_used").Default(0),
		field.Int64("memory_total").Default(0),
		field.Int64("disk_used").Default(0),
		field.Int64("disk_total").Default(0),
		field.Float("net_in").Default(0),
		field.Float("net_out").Default(0),
		field.Time("sample_time").Optional().Nillable(),
		field.JSON("filesystems", []provider.Filesystem{}).Optional(),

		field.Enum("sync_status").Values("NEVER", "OK", "FAILING").Default("NEVER"),
		field.Time("last_sync_attempt_time").Optional().Nillable(),
		field.Time("last_sync_success_time").Optional().Nillable(),
		field.Text("last_sync_error").Default(""),
		field.Int("sync_failures").Default(0),

		field.Enum("health").Values("HEALTHY", "WARNING", "CRITICAL", "UNKNOWN").Default("UNKNOWN"),
		field.Strings("health_reasons").Optional(),
		// The same reasons as codes with their values, in the same order.
		field.JSON("health_reason_codes", []coded.Text{}).Optional(),
	}
}

func (Server) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Server.Type).From("parent").Field("parent_id").Unique(),
		edge.To("datasources", Datasource.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("assignments", ServerAssignment.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("containers", Container.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

func (Server) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name").Unique(),
		index.Fields("health"),
		index.Fields("provider"),
	}
}

// Datasource links a server to a connection under the provider's id for it,
// with how the connection's reports of it have gone.
type Datasource struct{ ent.Schema }

func (Datasource) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, platformOnly("links servers to the platform's provider connections")}
}

func (Datasource) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("server_id", uuid.UUID{}).Immutable(),
		field.UUID("connection_id", uuid.UUID{}).Immutable(),
		field.String("external_id").NotEmpty().MaxLen(200).Immutable(),
		field.Time("create_time").Immutable(),
		field.Time("last_seen_time").Optional().Nillable(),
		field.Time("missing_since").Optional().Nillable(),
		field.Time("last_attempt_time").Optional().Nillable(),
		field.Text("last_error").Default(""),
		field.Int("failures").Default(0),
	}
}

func (Datasource) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("server", Server.Type).Ref("datasources").Field("server_id").Unique().Required().Immutable(),
		edge.From("connection", Connection.Type).Ref("datasources").Field("connection_id").Unique().Required().Immutable(),
	}
}

func (Datasource) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("connection_id", "external_id").Unique(),
		index.Fields("server_id", "connection_id").Unique(),
	}
}

// ServerAssignment assigns a server to an organization, or to one of its
// workspaces.
type ServerAssignment struct{ ent.Schema }

func (ServerAssignment) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, readOnly(inWorkspace(ownedByOrganization("organization_id"), "workspace_id"))}
}

func (ServerAssignment) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("server_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (ServerAssignment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("server", Server.Type).Ref("assignments").Field("server_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("workspace", Workspace.Type).Field("workspace_id").Unique().Immutable(),
	}
}

func (ServerAssignment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("server_id", "organization_id", "workspace_id").Unique(),
		index.Fields("organization_id"),
	}
}

// ServerMetric is one sample of a server's resource use. Written by the
// thousand every minute and read in ranges, it is kept lean: an integer key,
// the time as Unix seconds (so buckets are integer arithmetic on both
// databases) and no foreign key (the server's deletion removes its samples
// in the same transaction; a sync writing for a server deleted meanwhile
// leaves rows the retention clean-up removes).
type ServerMetric struct{ ent.Schema }

func (ServerMetric) Mixin() []ent.Mixin { return []ent.Mixin{ofServer("server_id")} }

func (ServerMetric) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.UUID("server_id", uuid.UUID{}).Immutable(),
		field.Int64("ts").Immutable(),
		field.Float("cpu").Immutable(),
		field.Int64("mem_used").Immutable(),
		field.Int64("mem_total").Immutable(),
		field.Int64("disk_used").Immutable(),
		field.Int64("disk_total").Immutable(),
		field.Float("net_in").Immutable(),
		field.Float("net_out").Immutable(),
	}
}

func (ServerMetric) Indexes() []ent.Index {
	return []ent.Index{index.Fields("server_id", "ts"), index.Fields("ts")}
}

// ServerEvent is one entry of a server's event log. No foreign key, for the
// same reason as ServerMetric.
type ServerEvent struct{ ent.Schema }

func (ServerEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ofServer("server_id")}
}

func (ServerEvent) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("server_id", uuid.UUID{}).Immutable(),
		field.Time("time").Immutable(),
		field.Enum("kind").Values("CREATED", "SYNC_FAILED", "SYNC_RECOVERED", "STATUS_CHANGED",
			"CONTAINER_APPEARED", "CONTAINER_GONE", "CONTAINER_CHANGED", "ACTION", "MISSING").Immutable(),
		field.Text("message").Immutable(),
		// What message says, as a code and its values (coded.Text), so a
		// client words it in its own language; empty for events recorded
		// before events had codes.
		field.String("message_code").Default("").MaxLen(64).Immutable(),
		field.JSON("message_params", map[string]string{}).Optional().Immutable(),
		field.UUID("actor_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("actor_email").Default("").Immutable(),
		field.UUID("container_id", uuid.UUID{}).Optional().Nillable().Immutable(),
	}
}

func (ServerEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("server_id", "time")}
}

// HealthPolicy holds the thresholds that decide servers' health: one row.
type HealthPolicy struct{ ent.Schema }

func (HealthPolicy) Mixin() []ent.Mixin {
	return []ent.Mixin{platformOnly("the platform's thresholds for health")}
}

func (HealthPolicy) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		field.Int("cpu_warning").Default(80),
		field.Int("cpu_critical").Default(95),
		field.Int("memory_warning").Default(85),
		field.Int("memory_critical").Default(95),
		field.Int("disk_warning").Default(80),
		field.Int("disk_critical").Default(90),
		field.Int("sync_failures_critical").Default(3),
		field.Int("stale_after_minutes").Default(10),
		field.Time("update_time").Optional().Nillable(),
	}
}
