-- Modify "contracts" table
ALTER TABLE "contracts" ADD COLUMN "custom_max_traffic_gb" bigint NULL;
-- Modify "plan_versions" table
ALTER TABLE "plan_versions" ADD COLUMN "max_traffic_gb" bigint NOT NULL DEFAULT 0;
