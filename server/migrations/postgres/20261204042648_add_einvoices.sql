-- Create "einvoices" table
CREATE TABLE "einvoices" ("id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "format" character varying NOT NULL, "file_name" character varying NOT NULL, "sha256" character varying NOT NULL, "create_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "einvoice_invoice_id_format" to table: "einvoices"
CREATE UNIQUE INDEX "einvoice_invoice_id_format" ON "einvoices" ("invoice_id", "format");
