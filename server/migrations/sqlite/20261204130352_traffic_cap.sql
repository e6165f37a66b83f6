-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_plan_versions" table
CREATE TABLE `new_plan_versions` (`id` uuid NOT NULL, `version` integer NOT NULL, `monthly_fee_cents` integer NOT NULL, `currency` text NOT NULL DEFAULT ('EUR'), `included_users` integer NOT NULL, `included_storage_gb` integer NOT NULL, `included_support_minutes` integer NOT NULL, `hourly_rate_cents` integer NOT NULL, `storage_overage_cents_per_gb` integer NOT NULL, `max_users` integer NOT NULL, `max_storage_gb` integer NOT NULL, `max_traffic_gb` integer NOT NULL DEFAULT (0), `create_time` datetime NOT NULL, `created_by_email` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `plan_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `plan_versions_plans_versions` FOREIGN KEY (`plan_id`) REFERENCES `plans` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "plan_versions" to new temporary table "new_plan_versions"
INSERT INTO `new_plan_versions` (`id`, `version`, `monthly_fee_cents`, `currency`, `included_users`, `included_storage_gb`, `included_support_minutes`, `hourly_rate_cents`, `storage_overage_cents_per_gb`, `max_users`, `max_storage_gb`, `create_time`, `created_by_email`, `reason`, `plan_id`) SELECT `id`, `version`, `monthly_fee_cents`, `currency`, `included_users`, `included_storage_gb`, `included_support_minutes`, `hourly_rate_cents`, `storage_overage_cents_per_gb`, `max_users`, `max_storage_gb`, `create_time`, `created_by_email`, `reason`, `plan_id` FROM `plan_versions`;
-- Drop "plan_versions" table after copying rows
DROP TABLE `plan_versions`;
-- Rename temporary table "new_plan_versions" to "plan_versions"
ALTER TABLE `new_plan_versions` RENAME TO `plan_versions`;
-- Create index "planversion_plan_id_version" to table: "plan_versions"
CREATE UNIQUE INDEX `planversion_plan_id_version` ON `plan_versions` (`plan_id`, `version`);
-- Add column "custom_max_traffic_gb" to table: "contracts"
ALTER TABLE `contracts` ADD COLUMN `custom_max_traffic_gb` integer NULL;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
