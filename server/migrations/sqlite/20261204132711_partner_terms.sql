-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_referral_commissions" table
CREATE TABLE `new_referral_commissions` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `partner_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `invoice_id` uuid NOT NULL, `invoice_number` text NOT NULL, `seq` integer NOT NULL, `kind` text NOT NULL, `invoice_net_cents` integer NOT NULL, `rate_bp` integer NOT NULL, `amount_cents` integer NOT NULL, `currency` text NOT NULL, `day` text NOT NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "referral_commissions" to new temporary table "new_referral_commissions"
-- (a line's seq: 1 for a commission, 2 for its clawback: at most one of each per invoice before)
INSERT INTO `new_referral_commissions` (`id`, `create_time`, `update_time`, `partner_id`, `organization_id`, `invoice_id`, `invoice_number`, `seq`, `kind`, `invoice_net_cents`, `rate_bp`, `amount_cents`, `currency`, `day`) SELECT `id`, `create_time`, `update_time`, `partner_id`, `organization_id`, `invoice_id`, `invoice_number`, CASE `kind` WHEN 'CLAWBACK' THEN 2 ELSE 1 END, `kind`, `invoice_net_cents`, `rate_bp`, `amount_cents`, `currency`, `day` FROM `referral_commissions`;
-- Drop "referral_commissions" table after copying rows
DROP TABLE `referral_commissions`;
-- Rename temporary table "new_referral_commissions" to "referral_commissions"
ALTER TABLE `new_referral_commissions` RENAME TO `referral_commissions`;
-- Create index "referralcommission_invoice_id_seq" to table: "referral_commissions"
CREATE UNIQUE INDEX `referralcommission_invoice_id_seq` ON `referral_commissions` (`invoice_id`, `seq`);
-- Create index "referralcommission_partner_id_day" to table: "referral_commissions"
CREATE INDEX `referralcommission_partner_id_day` ON `referral_commissions` (`partner_id`, `day`);
-- Create "partner_terms" table (the partners so far: active at their rate since they were made one)
CREATE TABLE `partner_terms` (`id` uuid NOT NULL, `partner_id` uuid NOT NULL, `active` bool NOT NULL, `rate_bp` integer NOT NULL, `from_time` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "partnerterms_partner_id_from_time" to table: "partner_terms"
CREATE INDEX `partnerterms_partner_id_from_time` ON `partner_terms` (`partner_id`, `from_time`);
INSERT INTO `partner_terms` (`id`, `partner_id`, `active`, `rate_bp`, `from_time`) SELECT `id`, `id`, true, `partner_commission_bp`, `create_time` FROM `organizations` WHERE `partner`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
