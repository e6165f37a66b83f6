-- Create "contracts" table
CREATE TABLE `contracts` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `plan_id` uuid NOT NULL, `plan_version_id` uuid NOT NULL, `status` text NOT NULL, `start_date` text NOT NULL, `end_date` text NULL, `custom_monthly_fee_cents` integer NULL, `custom_included_users` integer NULL, `custom_included_storage_gb` integer NULL, `custom_included_support_minutes` integer NULL, `custom_hourly_rate_cents` integer NULL, `custom_storage_overage_cents_per_gb` integer NULL, `custom_max_users` integer NULL, `custom_max_storage_gb` integer NULL, `custom_terms_reason` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `created_by_email` text NOT NULL DEFAULT (''), `cancel_time` datetime NULL, `cancel_reason` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "contracts_one_active" to table: "contracts"
CREATE UNIQUE INDEX `contracts_one_active` ON `contracts` (`organization_id`) WHERE status = 'ACTIVE';
-- Create index "contracts_one_scheduled" to table: "contracts"
CREATE UNIQUE INDEX `contracts_one_scheduled` ON `contracts` (`organization_id`) WHERE status = 'SCHEDULED';
-- Create index "contract_organization_id_start_date" to table: "contracts"
CREATE INDEX `contract_organization_id_start_date` ON `contracts` (`organization_id`, `start_date`);
-- Create index "contract_status_start_date" to table: "contracts"
CREATE INDEX `contract_status_start_date` ON `contracts` (`status`, `start_date`);
