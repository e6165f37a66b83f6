-- Modify "settings" table
ALTER TABLE "settings" ADD COLUMN "dunning_enabled" boolean NOT NULL DEFAULT true, ADD COLUMN "dunning_reminder_days" bigint NOT NULL DEFAULT 7, ADD COLUMN "dunning_reminder_fee_cents" bigint NOT NULL DEFAULT 0, ADD COLUMN "dunning_first_notice_days" bigint NOT NULL DEFAULT 21, ADD COLUMN "dunning_first_notice_fee_cents" bigint NOT NULL DEFAULT 0, ADD COLUMN "dunning_second_notice_days" bigint NOT NULL DEFAULT 35, ADD COLUMN "dunning_second_notice_fee_cents" bigint NOT NULL DEFAULT 0, ADD COLUMN "dunning_pay_within_days" bigint NOT NULL DEFAULT 7;
-- Create "dunning_holds" table
CREATE TABLE "dunning_holds" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "until" character varying NOT NULL, "reason" text NOT NULL, "created_by_email" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "dunninghold_organization_id" to table: "dunning_holds"
CREATE UNIQUE INDEX "dunninghold_organization_id" ON "dunning_holds" ("organization_id");
-- Create "dunning_notices" table
CREATE TABLE "dunning_notices" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "invoice_number" character varying NOT NULL, "issuer_id" uuid NOT NULL, "level" character varying NOT NULL, "issue_date" character varying NOT NULL, "pay_by" character varying NOT NULL, "open_cents" bigint NOT NULL, "fee_cents" bigint NOT NULL DEFAULT 0, "currency" character varying NOT NULL, "fee_invoice_id" uuid NULL, "document" bytea NOT NULL, "pdf_name" character varying NOT NULL DEFAULT '', "pdf_sha256" character varying NOT NULL DEFAULT '', "to_address" character varying NOT NULL DEFAULT '', "status" character varying NOT NULL, "attempts" bigint NOT NULL DEFAULT 0, "next_attempt_time" timestamptz NULL, "last_attempt_time" timestamptz NULL, "answer" text NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "dunningnotice_invoice_id_level" to table: "dunning_notices"
CREATE UNIQUE INDEX "dunningnotice_invoice_id_level" ON "dunning_notices" ("invoice_id", "level");
-- Create index "dunningnotice_organization_id_create_time" to table: "dunning_notices"
CREATE INDEX "dunningnotice_organization_id_create_time" ON "dunning_notices" ("organization_id", "create_time");
-- Create index "dunningnotice_status_next_attempt_time" to table: "dunning_notices"
CREATE INDEX "dunningnotice_status_next_attempt_time" ON "dunning_notices" ("status", "next_attempt_time");
