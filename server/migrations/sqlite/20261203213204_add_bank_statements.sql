-- Create "bank_lines" table
CREATE TABLE `bank_lines` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `statement_id` uuid NOT NULL, `issuer_id` uuid NOT NULL, `account` text NOT NULL, `ref` text NOT NULL, `booking_date` text NOT NULL, `value_date` text NOT NULL, `amount_cents` integer NOT NULL, `currency` text NOT NULL, `remittance` text NOT NULL DEFAULT (''), `end_to_end_id` text NOT NULL DEFAULT (''), `counterparty_name` text NOT NULL DEFAULT (''), `counterparty_iban` text NOT NULL DEFAULT (''), `status` text NOT NULL, `match` text NOT NULL, `why` text NOT NULL DEFAULT (''), `candidates` json NULL, `invoice_id` uuid NULL, `payment_id` uuid NULL, `resolved_by_email` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "bankline_issuer_id_account_ref" to table: "bank_lines"
CREATE UNIQUE INDEX `bankline_issuer_id_account_ref` ON `bank_lines` (`issuer_id`, `account`, `ref`);
-- Create index "bankline_statement_id" to table: "bank_lines"
CREATE INDEX `bankline_statement_id` ON `bank_lines` (`statement_id`);
-- Create index "bankline_status_booking_date" to table: "bank_lines"
CREATE INDEX `bankline_status_booking_date` ON `bank_lines` (`status`, `booking_date`);
-- Create "bank_statements" table
CREATE TABLE `bank_statements` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `issuer_id` uuid NOT NULL, `account` text NOT NULL, `currency` text NOT NULL, `statement_ref` text NOT NULL DEFAULT (''), `file_name` text NOT NULL DEFAULT (''), `format` text NOT NULL, `sha256` text NOT NULL, `opening_cents` integer NULL, `closing_cents` integer NULL, `imported_by_email` text NOT NULL DEFAULT (''), `duplicates` integer NOT NULL DEFAULT (0), PRIMARY KEY (`id`));
-- Create index "bankstatement_issuer_id_sha256" to table: "bank_statements"
CREATE UNIQUE INDEX `bankstatement_issuer_id_sha256` ON `bank_statements` (`issuer_id`, `sha256`);
-- Create index "bankstatement_create_time" to table: "bank_statements"
CREATE INDEX `bankstatement_create_time` ON `bank_statements` (`create_time`);
