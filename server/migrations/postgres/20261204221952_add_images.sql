-- Create "images" table
CREATE TABLE "images" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "name" character varying NOT NULL, "kind" character varying NOT NULL, "os" character varying NOT NULL, "version" character varying NOT NULL, "size_bytes" bigint NOT NULL, "source" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "billing_entity_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "images_billing_entities_billing_entity" FOREIGN KEY ("billing_entity_id") REFERENCES "billing_entities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "image_billing_entity_id_name" to table: "images"
CREATE UNIQUE INDEX "image_billing_entity_id_name" ON "images" ("billing_entity_id", "name");
-- Create "image_shares" table
CREATE TABLE "image_shares" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "image_id" uuid NOT NULL, "billing_entity_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "image_shares_billing_entities_billing_entity" FOREIGN KEY ("billing_entity_id") REFERENCES "billing_entities" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "image_shares_images_shares" FOREIGN KEY ("image_id") REFERENCES "images" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "imageshare_billing_entity_id" to table: "image_shares"
CREATE INDEX "imageshare_billing_entity_id" ON "image_shares" ("billing_entity_id");
-- Create index "imageshare_image_id_billing_entity_id" to table: "image_shares"
CREATE UNIQUE INDEX "imageshare_image_id_billing_entity_id" ON "image_shares" ("image_id", "billing_entity_id");
