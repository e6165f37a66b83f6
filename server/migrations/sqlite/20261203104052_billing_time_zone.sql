-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_settings" table
CREATE TABLE `new_settings` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `billing_entity_id` uuid NOT NULL, `company_name` text NOT NULL DEFAULT (''), `legal_form` text NOT NULL DEFAULT (''), `address_line1` text NOT NULL DEFAULT (''), `address_line2` text NOT NULL DEFAULT (''), `postal_code` text NOT NULL DEFAULT (''), `city` text NOT NULL DEFAULT (''), `country_code` text NOT NULL DEFAULT (''), `register_court` text NOT NULL DEFAULT (''), `register_number` text NOT NULL DEFAULT (''), `managing_directors` json NULL, `email` text NOT NULL DEFAULT (''), `phone` text NOT NULL DEFAULT (''), `website` text NOT NULL DEFAULT (''), `vat_rate_basis_points` integer NOT NULL DEFAULT (1900), `small_business_exemption` bool NOT NULL DEFAULT (false), `tax_number` text NOT NULL DEFAULT (''), `vat_id` text NOT NULL DEFAULT (''), `account_holder` text NOT NULL DEFAULT (''), `iban` text NOT NULL DEFAULT (''), `bic` text NOT NULL DEFAULT (''), `bank_name` text NOT NULL DEFAULT (''), `invoice_number_prefix` text NOT NULL DEFAULT ('RE-'), `payment_terms_days` integer NOT NULL DEFAULT (14), `time_zone` text NOT NULL DEFAULT ('Europe/Berlin'), PRIMARY KEY (`id`));
-- Copy rows from old table "settings" to new temporary table "new_settings"
INSERT INTO `new_settings` (`id`, `create_time`, `update_time`, `billing_entity_id`, `company_name`, `legal_form`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `register_court`, `register_number`, `managing_directors`, `email`, `phone`, `website`, `vat_rate_basis_points`, `small_business_exemption`, `tax_number`, `vat_id`, `account_holder`, `iban`, `bic`, `bank_name`, `invoice_number_prefix`, `payment_terms_days`) SELECT `id`, `create_time`, `update_time`, `billing_entity_id`, `company_name`, `legal_form`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `register_court`, `register_number`, `managing_directors`, `email`, `phone`, `website`, `vat_rate_basis_points`, `small_business_exemption`, `tax_number`, `vat_id`, `account_holder`, `iban`, `bic`, `bank_name`, `invoice_number_prefix`, `payment_terms_days` FROM `settings`;
-- Drop "settings" table after copying rows
DROP TABLE `settings`;
-- Rename temporary table "new_settings" to "settings"
ALTER TABLE `new_settings` RENAME TO `settings`;
-- Create index "settings_billing_entity_id" to table: "settings"
CREATE UNIQUE INDEX `settings_billing_entity_id` ON `settings` (`billing_entity_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
