-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_job_runs" table
CREATE TABLE `new_job_runs` (`id` uuid NOT NULL, `job` text NOT NULL, `trigger` text NOT NULL, `attempt` integer NOT NULL, `scheduled_time` datetime NULL, `start_time` datetime NOT NULL, `end_time` datetime NULL, `duration_us` integer NULL, `outcome` text NOT NULL, `error` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `retry_time` datetime NULL, `triggered_by` uuid NULL, `triggered_by_email` text NOT NULL DEFAULT (''), `replica` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `retry_of` uuid NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "job_runs" to new temporary table "new_job_runs"
INSERT INTO `new_job_runs` (`id`, `job`, `trigger`, `attempt`, `scheduled_time`, `start_time`, `end_time`, `duration_us`, `outcome`, `error`, `summary`, `retry_time`, `triggered_by`, `triggered_by_email`, `replica`) SELECT `id`, `job`, `trigger`, `attempt`, `scheduled_time`, `start_time`, `end_time`, `duration_us`, `outcome`, `error`, `summary`, `retry_time`, `triggered_by`, `triggered_by_email`, `replica` FROM `job_runs`;
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
