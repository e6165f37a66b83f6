-- Create "billing_periods" table
CREATE TABLE `billing_periods` (`id` uuid NOT NULL, `organization_id` uuid NOT NULL, `billing_date` text NOT NULL, `period_end` text NOT NULL, `invoice_id` uuid NULL, `create_time` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "billingperiod_organization_id_billing_date" to table: "billing_periods"
CREATE UNIQUE INDEX `billingperiod_organization_id_billing_date` ON `billing_periods` (`organization_id`, `billing_date`);
-- Create "invoices" table
CREATE TABLE `invoices` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `issuer_id` uuid NOT NULL, `kind` text NOT NULL, `origin` text NOT NULL, `number` text NOT NULL, `year` integer NOT NULL, `sequence` integer NOT NULL, `status` text NOT NULL, `issue_date` text NOT NULL, `due_date` text NOT NULL, `billing_date` text NULL, `period_start` text NOT NULL, `period_end` text NOT NULL, `currency` text NOT NULL, `net_cents` integer NOT NULL, `vat_cents` integer NOT NULL, `gross_cents` integer NOT NULL, `document` blob NOT NULL, `pdf_name` text NOT NULL, `pdf_sha256` text NOT NULL, `cancels_id` uuid NULL, `reason` text NOT NULL DEFAULT (''), `created_by_email` text NOT NULL DEFAULT (''), `paid_time` datetime NULL, `overdue_time` datetime NULL, `cancel_time` datetime NULL, PRIMARY KEY (`id`));
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
-- Create "invoice_lines" table
CREATE TABLE `invoice_lines` (`id` uuid NOT NULL, `invoice_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `position` integer NOT NULL, `kind` text NOT NULL, `description` text NOT NULL, `period_start` text NOT NULL DEFAULT (''), `period_end` text NOT NULL DEFAULT (''), `quantity` integer NOT NULL, `unit` text NOT NULL, `unit_price_cents` integer NOT NULL, `base_quantity` integer NOT NULL, `net_cents` integer NOT NULL, `vat_rate_basis_points` integer NOT NULL, `workspace_id` uuid NULL, PRIMARY KEY (`id`));
-- Create index "invoiceline_invoice_id_position" to table: "invoice_lines"
CREATE UNIQUE INDEX `invoiceline_invoice_id_position` ON `invoice_lines` (`invoice_id`, `position`);
