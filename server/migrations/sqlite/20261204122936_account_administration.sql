-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_usage_counters" table
CREATE TABLE `new_usage_counters` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `month` text NOT NULL, `traffic_bytes` integer NOT NULL DEFAULT (0), `peak_storage_bytes` integer NOT NULL DEFAULT (0), `reset_day` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Copy rows from old table "usage_counters" to new temporary table "new_usage_counters"
INSERT INTO `new_usage_counters` (`id`, `create_time`, `update_time`, `organization_id`, `month`, `traffic_bytes`, `peak_storage_bytes`) SELECT `id`, `create_time`, `update_time`, `organization_id`, `month`, `traffic_bytes`, `peak_storage_bytes` FROM `usage_counters`;
-- Drop "usage_counters" table after copying rows
DROP TABLE `usage_counters`;
-- Rename temporary table "new_usage_counters" to "usage_counters"
ALTER TABLE `new_usage_counters` RENAME TO `usage_counters`;
-- Create index "usagecounter_organization_id_month" to table: "usage_counters"
CREATE UNIQUE INDEX `usagecounter_organization_id_month` ON `usage_counters` (`organization_id`, `month`);
-- Create index "usagecounter_month" to table: "usage_counters"
CREATE INDEX `usagecounter_month` ON `usage_counters` (`month`);
-- Create "new_organizations" table
CREATE TABLE `new_organizations` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `legal_name` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('ACTIVE'), `address_line1` text NOT NULL DEFAULT (''), `address_line2` text NOT NULL DEFAULT (''), `postal_code` text NOT NULL DEFAULT (''), `city` text NOT NULL DEFAULT (''), `country_code` text NOT NULL DEFAULT (''), `vat_id` text NOT NULL DEFAULT (''), `billing_email` text NOT NULL DEFAULT (''), `managed` bool NOT NULL DEFAULT (false), `account_manager_id` uuid NULL, `partner` bool NOT NULL DEFAULT (false), `partner_commission_bp` integer NOT NULL DEFAULT (0), `referred_by_id` uuid NULL, `referral_time` datetime NULL, `einvoice_format` text NOT NULL DEFAULT ('ZUGFERD'), `buyer_reference` text NOT NULL DEFAULT (''), `einvoice_address` text NOT NULL DEFAULT (''), `public_sector` bool NOT NULL DEFAULT (false), `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `organizations_billing_entities_organizations` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "organizations" to new temporary table "new_organizations"
INSERT INTO `new_organizations` (`id`, `create_time`, `update_time`, `search_key`, `name`, `legal_name`, `status`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `vat_id`, `billing_email`, `managed`, `einvoice_format`, `buyer_reference`, `einvoice_address`, `public_sector`, `billing_entity_id`) SELECT `id`, `create_time`, `update_time`, `search_key`, `name`, `legal_name`, `status`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `vat_id`, `billing_email`, `managed`, `einvoice_format`, `buyer_reference`, `einvoice_address`, `public_sector`, `billing_entity_id` FROM `organizations`;
-- Drop "organizations" table after copying rows
DROP TABLE `organizations`;
-- Rename temporary table "new_organizations" to "organizations"
ALTER TABLE `new_organizations` RENAME TO `organizations`;
-- Create index "organization_search_key" to table: "organizations"
CREATE INDEX `organization_search_key` ON `organizations` (`search_key`);
-- Create index "organization_name_id" to table: "organizations"
CREATE INDEX `organization_name_id` ON `organizations` (`name`, `id`);
-- Create index "organization_create_time_id" to table: "organizations"
CREATE INDEX `organization_create_time_id` ON `organizations` (`create_time`, `id`);
-- Create index "organization_billing_entity_id" to table: "organizations"
CREATE INDEX `organization_billing_entity_id` ON `organizations` (`billing_entity_id`);
-- Create index "organization_status" to table: "organizations"
CREATE INDEX `organization_status` ON `organizations` (`status`);
-- Create index "organization_referred_by_id" to table: "organizations"
CREATE INDEX `organization_referred_by_id` ON `organizations` (`referred_by_id`);
-- Create "partner_payouts" table
CREATE TABLE `partner_payouts` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `partner_id` uuid NOT NULL, `amount_cents` integer NOT NULL, `currency` text NOT NULL, `paid_on` text NOT NULL, `reference` text NOT NULL DEFAULT (''), `note` text NOT NULL DEFAULT (''), `recorded_by_email` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "partnerpayout_partner_id_paid_on" to table: "partner_payouts"
CREATE INDEX `partnerpayout_partner_id_paid_on` ON `partner_payouts` (`partner_id`, `paid_on`);
-- Create "referral_commissions" table
CREATE TABLE `referral_commissions` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `partner_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `invoice_id` uuid NOT NULL, `invoice_number` text NOT NULL, `kind` text NOT NULL, `invoice_net_cents` integer NOT NULL, `rate_bp` integer NOT NULL, `amount_cents` integer NOT NULL, `currency` text NOT NULL, `day` text NOT NULL, PRIMARY KEY (`id`));
-- Create index "referralcommission_invoice_id_kind" to table: "referral_commissions"
CREATE UNIQUE INDEX `referralcommission_invoice_id_kind` ON `referral_commissions` (`invoice_id`, `kind`);
-- Create index "referralcommission_partner_id_day" to table: "referral_commissions"
CREATE INDEX `referralcommission_partner_id_day` ON `referral_commissions` (`partner_id`, `day`);
-- Create "upgrade_requests" table
CREATE TABLE `upgrade_requests` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `plan_id` uuid NOT NULL, `from_plan_id` uuid NULL, `message` text NOT NULL DEFAULT (''), `requested_by_user_id` uuid NOT NULL, `requested_by_email` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('PENDING'), `decided_by_email` text NOT NULL DEFAULT (''), `decide_time` datetime NULL, `decision_reason` text NOT NULL DEFAULT (''), `contract_id` uuid NULL, `effective_date` text NOT NULL DEFAULT (''), `at_once` bool NOT NULL DEFAULT (false), PRIMARY KEY (`id`));
-- Create index "upgrade_requests_one_pending" to table: "upgrade_requests"
CREATE UNIQUE INDEX `upgrade_requests_one_pending` ON `upgrade_requests` (`organization_id`) WHERE status = 'PENDING';
-- Create index "upgraderequest_status_create_time_id" to table: "upgrade_requests"
CREATE INDEX `upgraderequest_status_create_time_id` ON `upgrade_requests` (`status`, `create_time`, `id`);
-- Create index "upgraderequest_organization_id_create_time" to table: "upgrade_requests"
CREATE INDEX `upgraderequest_organization_id_create_time` ON `upgrade_requests` (`organization_id`, `create_time`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
