-- Modify "invoice_deliveries" table
ALTER TABLE "invoice_deliveries" ADD COLUMN "einvoice_format" character varying NOT NULL DEFAULT 'ZUGFERD';
