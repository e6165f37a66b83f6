-- Modify "discounts" table
ALTER TABLE "discounts" ADD COLUMN "kind" character varying NOT NULL DEFAULT 'COMMERCIAL';
