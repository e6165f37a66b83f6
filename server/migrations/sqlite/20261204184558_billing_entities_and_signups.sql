-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_billing_entities" table
CREATE TABLE `new_billing_entities` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `status` text NOT NULL DEFAULT ('ACTIVE'), `suspend_reason` text NOT NULL DEFAULT (''), `signup_handle` text NULL, `accept_signups` bool NOT NULL DEFAULT (false), `auto_approve_signups` bool NOT NULL DEFAULT (true), `capabilities` json NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "billing_entities" to new temporary table "new_billing_entities"
INSERT INTO `new_billing_entities` (`id`, `create_time`, `update_time`, `name`, `kind`, `auto_approve_signups`) SELECT `id`, `create_time`, `update_time`, `name`, `kind`, `auto_approve_signups` FROM `billing_entities`;
-- Drop "billing_entities" table after copying rows
DROP TABLE `billing_entities`;
-- Rename temporary table "new_billing_entities" to "billing_entities"
ALTER TABLE `new_billing_entities` RENAME TO `billing_entities`;
-- Create index "billingentity_name" to table: "billing_entities"
CREATE UNIQUE INDEX `billingentity_name` ON `billing_entities` (`name`);
-- Create index "billingentity_signup_handle" to table: "billing_entities"
CREATE UNIQUE INDEX `billingentity_signup_handle` ON `billing_entities` (`signup_handle`);
-- Create "new_organizations" table
CREATE TABLE `new_organizations` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `legal_name` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('ACTIVE'), `address_line1` text NOT NULL DEFAULT (''), `address_line2` text NOT NULL DEFAULT (''), `postal_code` text NOT NULL DEFAULT (''), `city` text NOT NULL DEFAULT (''), `country_code` text NOT NULL DEFAULT (''), `vat_id` text NOT NULL DEFAULT (''), `billing_email` text NOT NULL DEFAULT (''), `managed` bool NOT NULL DEFAULT (false), `account_manager_id` uuid NULL, `partner` bool NOT NULL DEFAULT (false), `partner_commission_bp` integer NOT NULL DEFAULT (0), `referred_by_id` uuid NULL, `referral_time` datetime NULL, `einvoice_format` text NOT NULL DEFAULT ('ZUGFERD'), `buyer_reference` text NOT NULL DEFAULT (''), `einvoice_address` text NOT NULL DEFAULT (''), `public_sector` bool NOT NULL DEFAULT (false), `signup_time` datetime NULL, `applicant_id` uuid NULL, `decision_time` datetime NULL, `rejection_reason` text NOT NULL DEFAULT (''), `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `organizations_billing_entities_organizations` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "organizations" to new temporary table "new_organizations"
INSERT INTO `new_organizations` (`id`, `create_time`, `update_time`, `search_key`, `name`, `legal_name`, `status`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `vat_id`, `billing_email`, `managed`, `account_manager_id`, `partner`, `partner_commission_bp`, `referred_by_id`, `referral_time`, `einvoice_format`, `buyer_reference`, `einvoice_address`, `public_sector`, `billing_entity_id`) SELECT `id`, `create_time`, `update_time`, `search_key`, `name`, `legal_name`, `status`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `vat_id`, `billing_email`, `managed`, `account_manager_id`, `partner`, `partner_commission_bp`, `referred_by_id`, `referral_time`, `einvoice_format`, `buyer_reference`, `einvoice_address`, `public_sector`, `billing_entity_id` FROM `organizations`;
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
-- Create index "organization_signup_time" to table: "organizations"
CREATE INDEX `organization_signup_time` ON `organizations` (`signup_time`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
