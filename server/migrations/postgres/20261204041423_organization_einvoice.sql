-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "einvoice_format" character varying NOT NULL DEFAULT 'ZUGFERD', ADD COLUMN "buyer_reference" character varying NOT NULL DEFAULT '', ADD COLUMN "einvoice_address" character varying NOT NULL DEFAULT '', ADD COLUMN "public_sector" boolean NOT NULL DEFAULT false;
