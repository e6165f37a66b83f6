-- Create "plans" table
CREATE TABLE `plans` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `rank` integer NOT NULL, `version` integer NOT NULL, `retire_time` datetime NULL, PRIMARY KEY (`id`));
-- Create index "plan_name" to table: "plans"
CREATE UNIQUE INDEX `plan_name` ON `plans` (`name`);
-- Create index "plan_rank" to table: "plans"
CREATE UNIQUE INDEX `plan_rank` ON `plans` (`rank`);
-- Create "plan_versions" table
CREATE TABLE `plan_versions` (`id` uuid NOT NULL, `version` integer NOT NULL, `monthly_fee_cents` integer NOT NULL, `currency` text NOT NULL DEFAULT ('EUR'), `included_users` integer NOT NULL, `included_storage_gb` integer NOT NULL, `included_support_minutes` integer NOT NULL, `hourly_rate_cents` integer NOT NULL, `storage_overage_cents_per_gb` integer NOT NULL, `max_users` integer NOT NULL, `max_storage_gb` integer NOT NULL, `create_time` datetime NOT NULL, `created_by_email` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `plan_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `plan_versions_plans_versions` FOREIGN KEY (`plan_id`) REFERENCES `plans` (`id`) ON DELETE NO ACTION);
-- Create index "planversion_plan_id_version" to table: "plan_versions"
CREATE UNIQUE INDEX `planversion_plan_id_version` ON `plan_versions` (`plan_id`, `version`);
