-- Create "dashboard_layouts" table
CREATE TABLE "dashboard_layouts" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "user_id" uuid NOT NULL, "widgets" jsonb NOT NULL, PRIMARY KEY ("id"));
-- Create index "dashboard_layouts_user_id_key" to table: "dashboard_layouts"
CREATE UNIQUE INDEX "dashboard_layouts_user_id_key" ON "dashboard_layouts" ("user_id");
-- Create "saved_views" table
CREATE TABLE "saved_views" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "user_id" uuid NOT NULL, "team_id" uuid NULL, "page" character varying NOT NULL, "name" character varying NOT NULL, "parameters" jsonb NOT NULL, "columns" jsonb NOT NULL, "shared" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- Create index "savedview_page_team_id" to table: "saved_views"
CREATE INDEX "savedview_page_team_id" ON "saved_views" ("page", "team_id");
-- Create index "savedview_user_id_page_name" to table: "saved_views"
CREATE UNIQUE INDEX "savedview_user_id_page_name" ON "saved_views" ("user_id", "page", "name");
