-- Modify "invoices" table
ALTER TABLE "invoices" ALTER COLUMN "pdf_name" SET DEFAULT '', ALTER COLUMN "pdf_sha256" SET DEFAULT '';
-- Create index "invoices_pdf_pending" to table: "invoices"
CREATE INDEX "invoices_pdf_pending" ON "invoices" ("create_time") WHERE ((pdf_name)::text = ''::text);
