-- Modify "connections" table
ALTER TABLE "connections" ADD COLUMN "health_code" character varying NOT NULL DEFAULT '', ADD COLUMN "health_params" jsonb NULL;
-- Modify "job_runs" table
ALTER TABLE "job_runs" ADD COLUMN "summary_code" character varying NOT NULL DEFAULT '', ADD COLUMN "summary_params" jsonb NULL;
-- Modify "servers" table
ALTER TABLE "servers" ADD COLUMN "health_reason_codes" jsonb NULL;
