-- Create "invoice_deliveries" table
CREATE TABLE `invoice_deliveries` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `invoice_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `to_address` text NOT NULL DEFAULT (''), `status` text NOT NULL, `attempts` integer NOT NULL DEFAULT (0), `next_attempt_time` datetime NULL, `last_attempt_time` datetime NULL, `answer` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "invoicedelivery_invoice_id" to table: "invoice_deliveries"
CREATE UNIQUE INDEX `invoicedelivery_invoice_id` ON `invoice_deliveries` (`invoice_id`);
-- Create index "invoicedelivery_status_next_attempt_time" to table: "invoice_deliveries"
CREATE INDEX `invoicedelivery_status_next_attempt_time` ON `invoice_deliveries` (`status`, `next_attempt_time`);
