-- Modify "job_runs" table
ALTER TABLE "job_runs" ADD COLUMN "reason" character varying NOT NULL DEFAULT '', ADD COLUMN "retry_of" uuid NULL;
