-- Modify "connections" table
ALTER TABLE "connections" ADD COLUMN "search_key" character varying NOT NULL DEFAULT '';
-- Create index "connection_search_key" to table: "connections"
CREATE INDEX "connection_search_key" ON "connections" ("search_key");
-- Modify "containers" table
ALTER TABLE "containers" ADD COLUMN "search_key" character varying NOT NULL DEFAULT '';
-- Create index "container_search_key" to table: "containers"
CREATE INDEX "container_search_key" ON "containers" ("search_key");
-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "search_key" character varying NOT NULL DEFAULT '';
-- Create index "organization_search_key" to table: "organizations"
CREATE INDEX "organization_search_key" ON "organizations" ("search_key");
-- Modify "servers" table
ALTER TABLE "servers" ADD COLUMN "search_key" character varying NOT NULL DEFAULT '';
-- Create index "server_search_key" to table: "servers"
CREATE INDEX "server_search_key" ON "servers" ("search_key");
-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "search_key" character varying NOT NULL DEFAULT '';
-- Create index "user_search_key" to table: "users"
CREATE INDEX "user_search_key" ON "users" ("search_key");
