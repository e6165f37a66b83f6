-- Create "billing_periods" table
CREATE TABLE "billing_periods" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "billing_date" character varying NOT NULL, "period_end" character varying NOT NULL, "invoice_id" uuid NULL, "create_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "billingperiod_organization_id_billing_date" to table: "billing_periods"
CREATE UNIQUE INDEX "billingperiod_organization_id_billing_date" ON "billing_periods" ("organization_id", "billing_date");
-- Create "invoices" table
CREATE TABLE "invoices" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "issuer_id" uuid NOT NULL, "kind" character varying NOT NULL, "origin" character varying NOT NULL, "number" character varying NOT NULL, "year" bigint NOT NULL, "sequence" bigint NOT NULL, "status" character varying NOT NULL, "issue_date" character varying NOT NULL, "due_date" character varying NOT NULL, "billing_date" character varying NULL, "period_start" character varying NOT NULL, "period_end" character varying NOT NULL, "currency" character varying NOT NULL, "net_cents" bigint NOT NULL, "vat_cents" bigint NOT NULL, "gross_cents" bigint NOT NULL, "document" bytea NOT NULL, "pdf_name" character varying NOT NULL, "pdf_sha256" character varying NOT NULL, "cancels_id" uuid NULL, "reason" text NOT NULL DEFAULT '', "created_by_email" character varying NOT NULL DEFAULT '', "paid_time" timestamptz NULL, "overdue_time" timestamptz NULL, "cancel_time" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "invoice_issuer_id_number" to table: "invoices"
CREATE UNIQUE INDEX "invoice_issuer_id_number" ON "invoices" ("issuer_id", "number");
-- Create index "invoice_issuer_id_year_sequence" to table: "invoices"
CREATE UNIQUE INDEX "invoice_issuer_id_year_sequence" ON "invoices" ("issuer_id", "year", "sequence");
-- Create index "invoice_organization_id_billing_date" to table: "invoices"
CREATE UNIQUE INDEX "invoice_organization_id_billing_date" ON "invoices" ("organization_id", "billing_date");
-- Create index "invoice_organization_id_issue_date" to table: "invoices"
CREATE INDEX "invoice_organization_id_issue_date" ON "invoices" ("organization_id", "issue_date");
-- Create index "invoice_status_due_date" to table: "invoices"
CREATE INDEX "invoice_status_due_date" ON "invoices" ("status", "due_date");
-- Create "invoice_lines" table
CREATE TABLE "invoice_lines" ("id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "position" bigint NOT NULL, "kind" character varying NOT NULL, "description" text NOT NULL, "period_start" character varying NOT NULL DEFAULT '', "period_end" character varying NOT NULL DEFAULT '', "quantity" bigint NOT NULL, "unit" character varying NOT NULL, "unit_price_cents" bigint NOT NULL, "base_quantity" bigint NOT NULL, "net_cents" bigint NOT NULL, "vat_rate_basis_points" bigint NOT NULL, "workspace_id" uuid NULL, PRIMARY KEY ("id"));
-- Create index "invoiceline_invoice_id_position" to table: "invoice_lines"
CREATE UNIQUE INDEX "invoiceline_invoice_id_position" ON "invoice_lines" ("invoice_id", "position");
