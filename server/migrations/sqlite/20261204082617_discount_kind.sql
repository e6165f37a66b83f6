-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_discounts" table
CREATE TABLE `new_discounts` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `workspace_id` uuid NULL, `name` text NOT NULL, `kind` text NOT NULL DEFAULT ('COMMERCIAL'), `basis_points` integer NOT NULL, `start_date` text NOT NULL, `end_date` text NULL, `reason` text NOT NULL DEFAULT (''), `created_by_email` text NOT NULL DEFAULT (''), `end_reason` text NOT NULL DEFAULT (''), `ended_by_email` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Copy rows from old table "discounts" to new temporary table "new_discounts"
INSERT INTO `new_discounts` (`id`, `create_time`, `update_time`, `organization_id`, `workspace_id`, `name`, `basis_points`, `start_date`, `end_date`, `reason`, `created_by_email`, `end_reason`, `ended_by_email`) SELECT `id`, `create_time`, `update_time`, `organization_id`, `workspace_id`, `name`, `basis_points`, `start_date`, `end_date`, `reason`, `created_by_email`, `end_reason`, `ended_by_email` FROM `discounts`;
-- Drop "discounts" table after copying rows
DROP TABLE `discounts`;
-- Rename temporary table "new_discounts" to "discounts"
ALTER TABLE `new_discounts` RENAME TO `discounts`;
-- Create index "discount_organization_id" to table: "discounts"
CREATE INDEX `discount_organization_id` ON `discounts` (`organization_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
