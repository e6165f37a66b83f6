-- Create "usage_reports" table
CREATE TABLE "usage_reports" ("id" uuid NOT NULL, "billing_entity_id" uuid NOT NULL, "month" character varying NOT NULL, "content" bytea NOT NULL, "generate_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "usagereport_billing_entity_id_month" to table: "usage_reports"
CREATE UNIQUE INDEX "usagereport_billing_entity_id_month" ON "usage_reports" ("billing_entity_id", "month");
