-- Create "contracts" table
CREATE TABLE "contracts" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "plan_version_id" uuid NOT NULL, "status" character varying NOT NULL, "start_date" character varying NOT NULL, "end_date" character varying NULL, "custom_monthly_fee_cents" bigint NULL, "custom_included_users" bigint NULL, "custom_included_storage_gb" bigint NULL, "custom_included_support_minutes" bigint NULL, "custom_hourly_rate_cents" bigint NULL, "custom_storage_overage_cents_per_gb" bigint NULL, "custom_max_users" bigint NULL, "custom_max_storage_gb" bigint NULL, "custom_terms_reason" text NOT NULL DEFAULT '', "reason" text NOT NULL DEFAULT '', "created_by_email" character varying NOT NULL DEFAULT '', "cancel_time" timestamptz NULL, "cancel_reason" text NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "contract_organization_id_start_date" to table: "contracts"
CREATE INDEX "contract_organization_id_start_date" ON "contracts" ("organization_id", "start_date");
-- Create index "contract_status_start_date" to table: "contracts"
CREATE INDEX "contract_status_start_date" ON "contracts" ("status", "start_date");
-- Create index "contracts_one_active" to table: "contracts"
CREATE UNIQUE INDEX "contracts_one_active" ON "contracts" ("organization_id") WHERE ((status)::text = 'ACTIVE'::text);
-- Create index "contracts_one_scheduled" to table: "contracts"
CREATE UNIQUE INDEX "contracts_one_scheduled" ON "contracts" ("organization_id") WHERE ((status)::text = 'SCHEDULED'::text);
