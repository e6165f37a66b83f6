-- Catalog items written before items had owners are the licensee's.
UPDATE "catalog_items" SET "billing_entity_id" = (SELECT "id" FROM "billing_entities" WHERE "kind" = 'LICENSEE') WHERE "billing_entity_id" IS NULL;
-- Services booked before offers existed were booked at their item owner's price.
UPDATE "service_instances" SET "list_price_cents" = "monthly_price_cents";
