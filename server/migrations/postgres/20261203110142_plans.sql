-- Create "plans" table
CREATE TABLE "plans" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "name" character varying NOT NULL, "description" text NOT NULL DEFAULT '', "rank" bigint NOT NULL, "version" bigint NOT NULL, "retire_time" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "plan_name" to table: "plans"
CREATE UNIQUE INDEX "plan_name" ON "plans" ("name");
-- Create index "plan_rank" to table: "plans"
CREATE UNIQUE INDEX "plan_rank" ON "plans" ("rank");
-- Create "plan_versions" table
CREATE TABLE "plan_versions" ("id" uuid NOT NULL, "version" bigint NOT NULL, "monthly_fee_cents" bigint NOT NULL, "currency" character varying NOT NULL DEFAULT 'EUR', "included_users" bigint NOT NULL, "included_storage_gb" bigint NOT NULL, "included_support_minutes" bigint NOT NULL, "hourly_rate_cents" bigint NOT NULL, "storage_overage_cents_per_gb" bigint NOT NULL, "max_users" bigint NOT NULL, "max_storage_gb" bigint NOT NULL, "create_time" timestamptz NOT NULL, "created_by_email" character varying NOT NULL DEFAULT '', "reason" text NOT NULL DEFAULT '', "plan_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "plan_versions_plans_versions" FOREIGN KEY ("plan_id") REFERENCES "plans" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "planversion_plan_id_version" to table: "plan_versions"
CREATE UNIQUE INDEX "planversion_plan_id_version" ON "plan_versions" ("plan_id", "version");
