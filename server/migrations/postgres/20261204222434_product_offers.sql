-- Modify "invoice_lines" table
ALTER TABLE "invoice_lines" ADD COLUMN "service_instance_id" uuid NULL;
-- Modify "service_instances" table
ALTER TABLE "service_instances" ADD COLUMN "product_offer_id" uuid NULL, ADD COLUMN "list_price_cents" bigint NOT NULL DEFAULT 0;
-- Drop index "catalogitem_name" from table: "catalog_items"
DROP INDEX "catalogitem_name";
-- Modify "catalog_items" table
ALTER TABLE "catalog_items" ADD COLUMN "billing_entity_id" uuid NULL, ADD CONSTRAINT "catalog_items_billing_entities_billing_entity" FOREIGN KEY ("billing_entity_id") REFERENCES "billing_entities" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "catalogitem_billing_entity_id_name" to table: "catalog_items"
CREATE UNIQUE INDEX "catalogitem_billing_entity_id_name" ON "catalog_items" ("billing_entity_id", "name");
-- Create "product_offers" table
CREATE TABLE "product_offers" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "monthly_price_cents" bigint NOT NULL, "currency" character varying NOT NULL DEFAULT 'EUR', "minimum_term_months" bigint NOT NULL DEFAULT 0, "notice_period_days" bigint NOT NULL DEFAULT 0, "description" text NOT NULL DEFAULT '', "bookable" boolean NOT NULL DEFAULT false, "retire_time" timestamptz NULL, "billing_entity_id" uuid NOT NULL, "catalog_item_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "product_offers_billing_entities_billing_entity" FOREIGN KEY ("billing_entity_id") REFERENCES "billing_entities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "product_offers_catalog_items_catalog_item" FOREIGN KEY ("catalog_item_id") REFERENCES "catalog_items" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "productoffer_billing_entity_id_catalog_item_id" to table: "product_offers"
CREATE UNIQUE INDEX "productoffer_billing_entity_id_catalog_item_id" ON "product_offers" ("billing_entity_id", "catalog_item_id");
-- Create index "productoffer_catalog_item_id" to table: "product_offers"
CREATE INDEX "productoffer_catalog_item_id" ON "product_offers" ("catalog_item_id");
