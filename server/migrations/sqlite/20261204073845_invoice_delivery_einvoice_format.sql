-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_invoice_deliveries" table
CREATE TABLE `new_invoice_deliveries` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `invoice_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `to_address` text NOT NULL DEFAULT (''), `einvoice_format` text NOT NULL DEFAULT ('ZUGFERD'), `status` text NOT NULL, `attempts` integer NOT NULL DEFAULT (0), `next_attempt_time` datetime NULL, `last_attempt_time` datetime NULL, `answer` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Copy rows from old table "invoice_deliveries" to new temporary table "new_invoice_deliveries"
INSERT INTO `new_invoice_deliveries` (`id`, `create_time`, `update_time`, `invoice_id`, `organization_id`, `to_address`, `status`, `attempts`, `next_attempt_time`, `last_attempt_time`, `answer`) SELECT `id`, `create_time`, `update_time`, `invoice_id`, `organization_id`, `to_address`, `status`, `attempts`, `next_attempt_time`, `last_attempt_time`, `answer` FROM `invoice_deliveries`;
-- Drop "invoice_deliveries" table after copying rows
DROP TABLE `invoice_deliveries`;
-- Rename temporary table "new_invoice_deliveries" to "invoice_deliveries"
ALTER TABLE `new_invoice_deliveries` RENAME TO `invoice_deliveries`;
-- Create index "invoicedelivery_invoice_id" to table: "invoice_deliveries"
CREATE UNIQUE INDEX `invoicedelivery_invoice_id` ON `invoice_deliveries` (`invoice_id`);
-- Create index "invoicedelivery_status_next_attempt_time" to table: "invoice_deliveries"
CREATE INDEX `invoicedelivery_status_next_attempt_time` ON `invoice_deliveries` (`status`, `next_attempt_time`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
