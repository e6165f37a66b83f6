-- Create "catalog_items" table
CREATE TABLE "catalog_items" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "search_key" character varying NOT NULL DEFAULT '', "name" character varying NOT NULL, "description" text NOT NULL DEFAULT '', "category" character varying NOT NULL, "monthly_price_cents" bigint NOT NULL, "currency" character varying NOT NULL DEFAULT 'EUR', "estimated_storage_gb" bigint NOT NULL DEFAULT 0, "setup_time_minutes" bigint NOT NULL DEFAULT 0, "icon" character varying NOT NULL DEFAULT '', "bookable" boolean NOT NULL DEFAULT false, "retire_time" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "catalogitem_icon" to table: "catalog_items"
CREATE INDEX "catalogitem_icon" ON "catalog_items" ("icon");
-- Create index "catalogitem_name" to table: "catalog_items"
CREATE UNIQUE INDEX "catalogitem_name" ON "catalog_items" ("name");
-- Create index "catalogitem_search_key" to table: "catalog_items"
CREATE INDEX "catalogitem_search_key" ON "catalog_items" ("search_key");
