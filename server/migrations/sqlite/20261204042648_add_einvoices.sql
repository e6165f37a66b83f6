-- Create "einvoices" table
CREATE TABLE `einvoices` (`id` uuid NOT NULL, `invoice_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `format` text NOT NULL, `file_name` text NOT NULL, `sha256` text NOT NULL, `create_time` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "einvoice_invoice_id_format" to table: "einvoices"
CREATE UNIQUE INDEX `einvoice_invoice_id_format` ON `einvoices` (`invoice_id`, `format`);
