package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Container is a container the sync found on a server: a Docker container
// or a Proxmox LXC guest. It is known by its name on its server, so two
// providers reporting it (Beszel's metrics, Docker's control) meet on one
// row. Gone containers stay, with gone_time set, for their history.
type Container struct{ ent.Schema }

func (Container) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, ofServer("server_id"), searchableBy("name")}
}

func (Container) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("server_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(255).Immutable(),
		field.String("image").Default("").MaxLen(500),
		// The connection that last reported it, and its id there.
		field.UUID("source_connection_id", uuid.UUID{}),
		field.Enum("source").Values("PROXMOX", "BESZEL", "HETZNER", "DOCKER"),
		field.String("external_id").Default("").MaxLen(200),
		// The connection that can start and stop it (Docker, Proxmox), and
		// its id there; nil when only a monitoring provider reports it.
		field.UUID("control_connection_id", uuid.UUID{}).Optional().Nillable(),
		field.String("control_id").Default("").MaxLen(200),
		field.String("control_machine_id").Default("").MaxLen(200),
		field.Enum("status").Values("RUNNING", "STOPPED", "PAUSED", "EXITED"),
		field.Enum("health").Values("NONE", "STARTING", "HEALTHY", "UNHEALTHY").Default("NONE"),
		field.Time("start_time").Optional().Nillable(),
		field.Int("restart_count").Default(0),
		field.Float("cpu_percent").Default(0),
		field.Int64("memory_used").Default(0),
		field.Int64("memory_limit").Default(0),
		field.Int64("disk_used").Default(0),
		field.Float("net_in").Default(0),
		field.Float("net_out").Default(0),
		field.Time("sample_time").Optional().Nillable(),
		field.Time("first_seen_time").Immutable(),
		field.Time("last_seen_time"),
		field.Time("gone_time").Optional().Nillable(),
	}
}

func (Container) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("server", Server.Type).Ref("containers").Field("server_id").Unique().Required().Immutable(),
	}
}

func (Container) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("server_id", "name").Unique(),
		index.Fields("status"),
	}
}

// ContainerMetric is one sample of a container's use and state; lean like
// ServerMetric.
type ContainerMetric struct{ ent.Schema }

func (ContainerMetric) Mixin() []ent.Mixin { return []ent.Mixin{ofContainer("container_id")} }

func (ContainerMetric) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("id"),
		field.UUID("container_id", uuid.UUID{}).Immutable(),
		field.Int64("ts").Immutable(),
		field.Float("cpu").Immutable(),
		field.Int64("mem_used").Immutable(),
		field.Int64("mem_limit").Immutable(),
		field.Int64("disk_used").Immutable(),
		field.Float("net_in").Immutable(),
		field.Float("net_out").Immutable(),
		field.Bool("running").Immutable(),
		field.Bool("unhealthy").Immutable(),
	}
}

func (ContainerMetric) Indexes() []ent.Index {
	return []ent.Index{index.Fields("container_id", "ts"), index.Fields("ts")}
}
