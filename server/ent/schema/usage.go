package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// UsageSnapshot is an organization's storage and traffic on one day (a
// civil date of UTC, YYYY-MM-DD), from one source: CONTAINERS, what the
// daily job measured on the containers linked to the organization's
// service instances, or REPORTED, what other systems reported through the
// ingest RPC. A snapshot belongs to a workspace, or to the whole
// organization when workspace_id is null (reports that name none).
//
// There is one row per organization, workspace, day and source. As SQLite
// and Postgres both treat NULLs as distinct in a unique index, the rule is
// kept by two partial unique indexes: one for the rows of a workspace, one
// for those of the whole organization.
type UsageSnapshot struct{ ent.Schema }

func (UsageSnapshot) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, inWorkspace(ownedByOrganization("organization_id"), "workspace_id")}
}

func (UsageSnapshot) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("day").MinLen(10).MaxLen(10).Immutable(),
		field.Enum("source").Values("CONTAINERS", "REPORTED").Immutable(),
		// Bytes stored at the end of the day.
		field.Int64("storage_bytes").Min(0).Default(0),
		// Bytes transferred during the day.
		field.Int64("traffic_bytes").Min(0).Default(0),
	}
}

func (UsageSnapshot) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organization_id", "workspace_id", "day", "source").Unique().StorageKey("usage_snapshots_one_per_workspace").
			Annotations(entsql.IndexWhere("workspace_id IS NOT NULL")),
		index.Fields("organization_id", "day", "source").Unique().StorageKey("usage_snapshots_one_per_organization").
			Annotations(entsql.IndexWhere("workspace_id IS NULL")),
		index.Fields("organization_id", "day"),
		index.Fields("day"),
	}
}

// UsageEvent is one usage report of another system, kept as it came: the
// caller's event id is the idempotency key (unique per organization), so a
// report sent again finds the first and changes nothing. Storage is a
// gauge (the latest report of a day counts), traffic a counter (a day's
// reports are summed); the REPORTED snapshots are computed from these rows.
type UsageEvent struct{ ent.Schema }

func (UsageEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, inWorkspace(ownedByOrganization("organization_id"), "workspace_id")}
}

func (UsageEvent) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.String("event_id").NotEmpty().MaxLen(128).Immutable(),
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Enum("metric").Values("STORAGE_BYTES", "TRAFFIC_BYTES").Immutable(),
		field.Int64("quantity").Min(0).Immutable(),
		// The day the usage happened (YYYY-MM-DD, UTC).
		field.String("day").MinLen(10).MaxLen(10).Immutable(),
		// Who reported it: the e-mail of the caller (an API token's owner).
		field.String("reported_by").Default("").MaxLen(320).Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (UsageEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organization_id", "event_id").Unique(),
		index.Fields("organization_id", "day", "metric"),
		index.Fields("day"),
	}
}

// UsageCounter is an organization's usage of one calendar month (UTC,
// YYYY-MM): one row per month, so starting a new month's counters keeps
// every month before.
type UsageCounter struct{ ent.Schema }

func (UsageCounter) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (UsageCounter) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.String("month").MinLen(7).MaxLen(7).Immutable(),
		// Bytes transferred in the month so far.
		field.Int64("traffic_bytes").Min(0).Default(0),
		// The highest daily storage of the month so far.
		field.Int64("peak_storage_bytes").Min(0).Default(0),
		// Staff reset the counters on this day (YYYY-MM-DD): they count
		// the days after it only. Empty: the whole month.
		field.String("reset_day").Default("").MaxLen(10),
	}
}

func (UsageCounter) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organization_id", "month").Unique(),
		index.Fields("month"),
	}
}
