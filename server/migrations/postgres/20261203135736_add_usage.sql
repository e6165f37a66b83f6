-- Create "usage_counters" table
CREATE TABLE "usage_counters" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "month" character varying NOT NULL, "traffic_bytes" bigint NOT NULL DEFAULT 0, "peak_storage_bytes" bigint NOT NULL DEFAULT 0, PRIMARY KEY ("id"));
-- Create index "usagecounter_month" to table: "usage_counters"
CREATE INDEX "usagecounter_month" ON "usage_counters" ("month");
-- Create index "usagecounter_organization_id_month" to table: "usage_counters"
CREATE UNIQUE INDEX "usagecounter_organization_id_month" ON "usage_counters" ("organization_id", "month");
-- Create "usage_events" table
CREATE TABLE "usage_events" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "event_id" character varying NOT NULL, "workspace_id" uuid NULL, "metric" character varying NOT NULL, "quantity" bigint NOT NULL, "day" character varying NOT NULL, "reported_by" character varying NOT NULL DEFAULT '', "create_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "usageevent_day" to table: "usage_events"
CREATE INDEX "usageevent_day" ON "usage_events" ("day");
-- Create index "usageevent_organization_id_day_metric" to table: "usage_events"
CREATE INDEX "usageevent_organization_id_day_metric" ON "usage_events" ("organization_id", "day", "metric");
-- Create index "usageevent_organization_id_event_id" to table: "usage_events"
CREATE UNIQUE INDEX "usageevent_organization_id_event_id" ON "usage_events" ("organization_id", "event_id");
-- Create "usage_snapshots" table
CREATE TABLE "usage_snapshots" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "workspace_id" uuid NULL, "day" character varying NOT NULL, "source" character varying NOT NULL, "storage_bytes" bigint NOT NULL DEFAULT 0, "traffic_bytes" bigint NOT NULL DEFAULT 0, PRIMARY KEY ("id"));
-- Create index "usage_snapshots_one_per_organization" to table: "usage_snapshots"
CREATE UNIQUE INDEX "usage_snapshots_one_per_organization" ON "usage_snapshots" ("organization_id", "day", "source") WHERE (workspace_id IS NULL);
-- Create index "usage_snapshots_one_per_workspace" to table: "usage_snapshots"
CREATE UNIQUE INDEX "usage_snapshots_one_per_workspace" ON "usage_snapshots" ("organization_id", "workspace_id", "day", "source") WHERE (workspace_id IS NOT NULL);
-- Create index "usagesnapshot_day" to table: "usage_snapshots"
CREATE INDEX "usagesnapshot_day" ON "usage_snapshots" ("day");
-- Create index "usagesnapshot_organization_id_day" to table: "usage_snapshots"
CREATE INDEX "usagesnapshot_organization_id_day" ON "usage_snapshots" ("organization_id", "day");
