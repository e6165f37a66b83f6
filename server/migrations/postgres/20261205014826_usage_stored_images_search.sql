-- Modify "images" table
ALTER TABLE "images" ADD COLUMN "search_key" character varying NOT NULL DEFAULT '';
-- Create index "image_search_key" to table: "images"
CREATE INDEX "image_search_key" ON "images" ("search_key");
