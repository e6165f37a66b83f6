-- Modify "settings" table
ALTER TABLE "settings" ADD COLUMN "logo_name" character varying NOT NULL DEFAULT '';
