-- Modify "settings" table
ALTER TABLE "settings" ADD COLUMN "time_zone" character varying NOT NULL DEFAULT 'Europe/Berlin';
