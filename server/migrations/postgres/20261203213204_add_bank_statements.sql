-- Create "bank_lines" table
CREATE TABLE "bank_lines" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "statement_id" uuid NOT NULL, "issuer_id" uuid NOT NULL, "account" character varying NOT NULL, "ref" character varying NOT NULL, "booking_date" character varying NOT NULL, "value_date" character varying NOT NULL, "amount_cents" bigint NOT NULL, "currency" character varying NOT NULL, "remittance" text NOT NULL DEFAULT '', "end_to_end_id" character varying NOT NULL DEFAULT '', "counterparty_name" character varying NOT NULL DEFAULT '', "counterparty_iban" character varying NOT NULL DEFAULT '', "status" character varying NOT NULL, "match" character varying NOT NULL, "why" text NOT NULL DEFAULT '', "candidates" jsonb NULL, "invoice_id" uuid NULL, "payment_id" uuid NULL, "resolved_by_email" character varying NOT NULL DEFAULT '', "reason" text NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "bankline_issuer_id_account_ref" to table: "bank_lines"
CREATE UNIQUE INDEX "bankline_issuer_id_account_ref" ON "bank_lines" ("issuer_id", "account", "ref");
-- Create index "bankline_statement_id" to table: "bank_lines"
CREATE INDEX "bankline_statement_id" ON "bank_lines" ("statement_id");
-- Create index "bankline_status_booking_date" to table: "bank_lines"
CREATE INDEX "bankline_status_booking_date" ON "bank_lines" ("status", "booking_date");
-- Create "bank_statements" table
CREATE TABLE "bank_statements" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "issuer_id" uuid NOT NULL, "account" character varying NOT NULL, "currency" character varying NOT NULL, "statement_ref" character varying NOT NULL DEFAULT '', "file_name" character varying NOT NULL DEFAULT '', "format" character varying NOT NULL, "sha256" character varying NOT NULL, "opening_cents" bigint NULL, "closing_cents" bigint NULL, "imported_by_email" character varying NOT NULL DEFAULT '', "duplicates" bigint NOT NULL DEFAULT 0, PRIMARY KEY ("id"));
-- Create index "bankstatement_create_time" to table: "bank_statements"
CREATE INDEX "bankstatement_create_time" ON "bank_statements" ("create_time");
-- Create index "bankstatement_issuer_id_sha256" to table: "bank_statements"
CREATE UNIQUE INDEX "bankstatement_issuer_id_sha256" ON "bank_statements" ("issuer_id", "sha256");
