-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_invoices" table
CREATE TABLE `new_invoices` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `issuer_id` uuid NOT NULL, `kind` text NOT NULL, `origin` text NOT NULL, `number` text NOT NULL, `year` integer NOT NULL, `sequence` integer NOT NULL, `status` text NOT NULL, `issue_date` text NOT NULL, `due_date` text NOT NULL, `billing_date` text NULL, `period_start` text NOT NULL, `period_end` text NOT NULL, `currency` text NOT NULL, `net_cents` integer NOT NULL, `vat_cents` integer NOT NULL, `gross_cents` integer NOT NULL, `document` blob NOT NULL, `pdf_name` text NOT NULL DEFAULT (''), `pdf_sha256` text NOT NULL DEFAULT (''), `cancels_id` uuid NULL, `reason` text NOT NULL DEFAULT (''), `created_by_email` text NOT NULL DEFAULT (''), `paid_time` datetime NULL, `overdue_time` datetime NULL, `cancel_time` datetime NULL, `paid_cents` integer NOT NULL DEFAULT (0), PRIMARY KEY (`id`));
-- Copy rows from old table "invoices" to new temporary table "new_invoices"
INSERT INTO `new_invoices` (`id`, `create_time`, `update_time`, `organization_id`, `issuer_id`, `kind`, `origin`, `number`, `year`, `sequence`, `status`, `issue_date`, `due_date`, `billing_date`, `period_start`, `period_end`, `currency`, `net_cents`, `vat_cents`, `gross_cents`, `document`, `pdf_name`, `pdf_sha256`, `cancels_id`, `reason`, `created_by_email`, `paid_time`, `overdue_time`, `cancel_time`) SELECT `id`, `create_time`, `update_time`, `organization_id`, `issuer_id`, `kind`, `origin`, `number`, `year`, `sequence`, `status`, `issue_date`, `due_date`, `billing_date`, `period_start`, `period_end`, `currency`, `net_cents`, `vat_cents`, `gross_cents`, `document`, `pdf_name`, `pdf_sha256`, `cancels_id`, `reason`, `created_by_email`, `paid_time`, `overdue_time`, `cancel_time` FROM `invoices`;
-- Drop "invoices" table after copying rows
DROP TABLE `invoices`;
-- Rename temporary table "new_invoices" to "invoices"
ALTER TABLE `new_invoices` RENAME TO `invoices`;
-- Create index "invoice_issuer_id_number" to table: "invoices"
CREATE UNIQUE INDEX `invoice_issuer_id_number` ON `invoices` (`issuer_id`, `number`);
-- Create index "invoice_issuer_id_year_sequence" to table: "invoices"
CREATE UNIQUE INDEX `invoice_issuer_id_year_sequence` ON `invoices` (`issuer_id`, `year`, `sequence`);
-- Create index "invoice_organization_id_billing_date" to table: "invoices"
CREATE UNIQUE INDEX `invoice_organization_id_billing_date` ON `invoices` (`organization_id`, `billing_date`);
-- Create index "invoice_organization_id_issue_date" to table: "invoices"
CREATE INDEX `invoice_organization_id_issue_date` ON `invoices` (`organization_id`, `issue_date`);
-- Create index "invoice_status_due_date" to table: "invoices"
CREATE INDEX `invoice_status_due_date` ON `invoices` (`status`, `due_date`);
-- Create index "invoices_pdf_pending" to table: "invoices"
CREATE INDEX `invoices_pdf_pending` ON `invoices` (`create_time`) WHERE pdf_name = '';
-- Create "payments" table
CREATE TABLE `payments` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `organization_id` uuid NOT NULL, `invoice_id` uuid NOT NULL, `invoice_number` text NOT NULL, `method` text NOT NULL, `status` text NOT NULL, `amount_cents` integer NOT NULL, `currency` text NOT NULL, `refunded_cents` integer NOT NULL DEFAULT (0), `value_date` text NOT NULL, `reference` text NOT NULL DEFAULT (''), `note` text NOT NULL DEFAULT (''), `provider_payment_id` text NOT NULL DEFAULT (''), `attempt` integer NOT NULL DEFAULT (0), `idempotency_key` text NOT NULL DEFAULT (''), `checkout_url` text NOT NULL DEFAULT (''), `failure_reason` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `recorded_by_email` text NOT NULL DEFAULT (''), `status_time` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "payment_search_key" to table: "payments"
CREATE INDEX `payment_search_key` ON `payments` (`search_key`);
-- Create index "payment_invoice_id" to table: "payments"
CREATE INDEX `payment_invoice_id` ON `payments` (`invoice_id`);
-- Create index "payment_organization_id_value_date" to table: "payments"
CREATE INDEX `payment_organization_id_value_date` ON `payments` (`organization_id`, `value_date`);
-- Create index "payment_value_date" to table: "payments"
CREATE INDEX `payment_value_date` ON `payments` (`value_date`);
-- Create index "payment_method_provider_payment_id" to table: "payments"
CREATE UNIQUE INDEX `payment_method_provider_payment_id` ON `payments` (`method`, `provider_payment_id`) WHERE provider_payment_id <> '';
-- Create index "payment_status_status_time" to table: "payments"
CREATE INDEX `payment_status_status_time` ON `payments` (`status`, `status_time`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
