-- Create "invoice_deliveries" table
CREATE TABLE "invoice_deliveries" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "invoice_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "to_address" character varying NOT NULL DEFAULT '', "status" character varying NOT NULL, "attempts" bigint NOT NULL DEFAULT 0, "next_attempt_time" timestamptz NULL, "last_attempt_time" timestamptz NULL, "answer" text NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "invoicedelivery_invoice_id" to table: "invoice_deliveries"
CREATE UNIQUE INDEX "invoicedelivery_invoice_id" ON "invoice_deliveries" ("invoice_id");
-- Create index "invoicedelivery_status_next_attempt_time" to table: "invoice_deliveries"
CREATE INDEX "invoicedelivery_status_next_attempt_time" ON "invoice_deliveries" ("status", "next_attempt_time");
