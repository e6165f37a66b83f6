-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_connections" table
CREATE TABLE `new_connections` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `kind` text NOT NULL, `endpoint` text NOT NULL DEFAULT (''), `insecure_skip_verify` bool NOT NULL DEFAULT (false), `monitoring_only` bool NOT NULL DEFAULT (false), `credentials` blob NOT NULL, `credentials_set` json NULL, `health` text NOT NULL DEFAULT ('UNKNOWN'), `health_message` text NOT NULL DEFAULT (''), `health_code` text NOT NULL DEFAULT (''), `health_params` json NULL, `health_time` datetime NULL, `provider_version` text NOT NULL DEFAULT (''), `last_sync_time` datetime NULL, `last_sync_duration_ms` integer NOT NULL DEFAULT (0), `consecutive_failures` integer NOT NULL DEFAULT (0), PRIMARY KEY (`id`));
-- Copy rows from old table "connections" to new temporary table "new_connections"
INSERT INTO `new_connections` (`id`, `create_time`, `update_time`, `search_key`, `name`, `kind`, `endpoint`, `insecure_skip_verify`, `monitoring_only`, `credentials`, `credentials_set`, `health`, `health_message`, `health_time`, `provider_version`, `last_sync_time`, `last_sync_duration_ms`, `consecutive_failures`) SELECT `id`, `create_time`, `update_time`, `search_key`, `name`, `kind`, `endpoint`, `insecure_skip_verify`, `monitoring_only`, `credentials`, `credentials_set`, `health`, `health_message`, `health_time`, `provider_version`, `last_sync_time`, `last_sync_duration_ms`, `consecutive_failures` FROM `connections`;
-- Drop "connections" table after copying rows
DROP TABLE `connections`;
-- Rename temporary table "new_connections" to "connections"
ALTER TABLE `new_connections` RENAME TO `connections`;
-- Create index "connection_search_key" to table: "connections"
CREATE INDEX `connection_search_key` ON `connections` (`search_key`);
-- Create index "connection_name" to table: "connections"
CREATE UNIQUE INDEX `connection_name` ON `connections` (`name`);
-- Add column "health_reason_codes" to table: "servers"
ALTER TABLE `servers` ADD COLUMN `health_reason_codes` json NULL;
-- Create "new_job_runs" table
CREATE TABLE `new_job_runs` (`id` uuid NOT NULL, `job` text NOT NULL, `trigger` text NOT NULL, `attempt` integer NOT NULL, `scheduled_time` datetime NULL, `start_time` datetime NOT NULL, `end_time` datetime NULL, `duration_us` integer NULL, `outcome` text NOT NULL, `error` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `summary_code` text NOT NULL DEFAULT (''), `summary_params` json NULL, `retry_time` datetime NULL, `triggered_by` uuid NULL, `triggered_by_email` text NOT NULL DEFAULT (''), `replica` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `retry_of` uuid NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "job_runs" to new temporary table "new_job_runs"
INSERT INTO `new_job_runs` (`id`, `job`, `trigger`, `attempt`, `scheduled_time`, `start_time`, `end_time`, `duration_us`, `outcome`, `error`, `summary`, `retry_time`, `triggered_by`, `triggered_by_email`, `replica`, `reason`, `retry_of`) SELECT `id`, `job`, `trigger`, `attempt`, `scheduled_time`, `start_time`, `end_time`, `duration_us`, `outcome`, `error`, `summary`, `retry_time`, `triggered_by`, `triggered_by_email`, `replica`, `reason`, `retry_of` FROM `job_runs`;
-- Drop "job_runs" table after copying rows
DROP TABLE `job_runs`;
-- Rename temporary table "new_job_runs" to "job_runs"
ALTER TABLE `new_job_runs` RENAME TO `job_runs`;
-- Create index "jobrun_job_scheduled_time_attempt" to table: "job_runs"
CREATE UNIQUE INDEX `jobrun_job_scheduled_time_attempt` ON `job_runs` (`job`, `scheduled_time`, `attempt`);
-- Create index "jobrun_job_start_time" to table: "job_runs"
CREATE INDEX `jobrun_job_start_time` ON `job_runs` (`job`, `start_time`);
-- Create index "jobrun_start_time" to table: "job_runs"
CREATE INDEX `jobrun_start_time` ON `job_runs` (`start_time`);
-- Create index "jobrun_outcome" to table: "job_runs"
CREATE INDEX `jobrun_outcome` ON `job_runs` (`outcome`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
