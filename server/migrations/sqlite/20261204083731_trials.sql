-- Create "trials" table
CREATE TABLE `trials` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `plan_id` uuid NOT NULL, `start_date` text NOT NULL, `revert_date` text NOT NULL, `status` text NOT NULL DEFAULT ('ACTIVE'), `reason` text NOT NULL DEFAULT (''), `created_by_email` text NOT NULL DEFAULT (''), `end_time` datetime NULL, `cancel_reason` text NOT NULL DEFAULT (''), `cancelled_by_email` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "trial_organization_id" to table: "trials"
CREATE INDEX `trial_organization_id` ON `trials` (`organization_id`);
-- Create index "trial_status_revert_date" to table: "trials"
CREATE INDEX `trial_status_revert_date` ON `trials` (`status`, `revert_date`);
