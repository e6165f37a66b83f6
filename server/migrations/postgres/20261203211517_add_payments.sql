-- Modify "invoices" table
ALTER TABLE "invoices" ADD COLUMN "paid_cents" bigint NOT NULL DEFAULT 0;
-- Create "payments" table
CREATE TABLE "payments" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "search_key" character varying NOT NULL DEFAULT '', "organization_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "invoice_number" character varying NOT NULL, "method" character varying NOT NULL, "status" character varying NOT NULL, "amount_cents" bigint NOT NULL, "currency" character varying NOT NULL, "refunded_cents" bigint NOT NULL DEFAULT 0, "value_date" character varying NOT NULL, "reference" character varying NOT NULL DEFAULT '', "note" text NOT NULL DEFAULT '', "provider_payment_id" character varying NOT NULL DEFAULT '', "attempt" bigint NOT NULL DEFAULT 0, "idempotency_key" character varying NOT NULL DEFAULT '', "checkout_url" character varying NOT NULL DEFAULT '', "failure_reason" text NOT NULL DEFAULT '', "reason" text NOT NULL DEFAULT '', "recorded_by_email" character varying NOT NULL DEFAULT '', "status_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "payment_invoice_id" to table: "payments"
CREATE INDEX "payment_invoice_id" ON "payments" ("invoice_id");
-- Create index "payment_method_provider_payment_id" to table: "payments"
CREATE UNIQUE INDEX "payment_method_provider_payment_id" ON "payments" ("method", "provider_payment_id") WHERE ((provider_payment_id)::text <> ''::text);
-- Create index "payment_organization_id_value_date" to table: "payments"
CREATE INDEX "payment_organization_id_value_date" ON "payments" ("organization_id", "value_date");
-- Create index "payment_search_key" to table: "payments"
CREATE INDEX "payment_search_key" ON "payments" ("search_key");
-- Create index "payment_status_status_time" to table: "payments"
CREATE INDEX "payment_status_status_time" ON "payments" ("status", "status_time");
-- Create index "payment_value_date" to table: "payments"
CREATE INDEX "payment_value_date" ON "payments" ("value_date");
