-- Create "service_instances" table
CREATE TABLE "service_instances" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "search_key" character varying NOT NULL DEFAULT '', "name" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'PROVISIONING', "status_time" timestamptz NOT NULL, "monthly_price_cents" bigint NOT NULL, "currency" character varying NOT NULL DEFAULT 'EUR', "notes" text NOT NULL DEFAULT '', "decommission_time" timestamptz NULL, "organization_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "catalog_item_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "service_instances_catalog_items_catalog_item" FOREIGN KEY ("catalog_item_id") REFERENCES "catalog_items" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "service_instances_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "service_instances_workspaces_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "serviceinstance_catalog_item_id" to table: "service_instances"
CREATE INDEX "serviceinstance_catalog_item_id" ON "service_instances" ("catalog_item_id");
-- Create index "serviceinstance_create_time_id" to table: "service_instances"
CREATE INDEX "serviceinstance_create_time_id" ON "service_instances" ("create_time", "id");
-- Create index "serviceinstance_decommission_time" to table: "service_instances"
CREATE INDEX "serviceinstance_decommission_time" ON "service_instances" ("decommission_time");
-- Create index "serviceinstance_name_id" to table: "service_instances"
CREATE INDEX "serviceinstance_name_id" ON "service_instances" ("name", "id");
-- Create index "serviceinstance_organization_id_name" to table: "service_instances"
CREATE INDEX "serviceinstance_organization_id_name" ON "service_instances" ("organization_id", "name");
-- Create index "serviceinstance_search_key" to table: "service_instances"
CREATE INDEX "serviceinstance_search_key" ON "service_instances" ("search_key");
-- Create index "serviceinstance_status" to table: "service_instances"
CREATE INDEX "serviceinstance_status" ON "service_instances" ("status");
-- Create index "serviceinstance_workspace_id" to table: "service_instances"
CREATE INDEX "serviceinstance_workspace_id" ON "service_instances" ("workspace_id");
-- Create "service_logbook_entries" table
CREATE TABLE "service_logbook_entries" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "author_id" uuid NULL, "author_email" character varying NOT NULL DEFAULT '', "visibility" character varying NOT NULL, "text" text NOT NULL, "code" character varying NOT NULL DEFAULT '', "params" jsonb NULL, "service_instance_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "service_logbook_entries_service_instances_service_instance" FOREIGN KEY ("service_instance_id") REFERENCES "service_instances" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "servicelogbookentry_service_instance_id_create_time_id" to table: "service_logbook_entries"
CREATE INDEX "servicelogbookentry_service_instance_id_create_time_id" ON "service_logbook_entries" ("service_instance_id", "create_time", "id");
-- Create "service_status_changes" table
CREATE TABLE "service_status_changes" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "from_status" character varying NOT NULL DEFAULT '', "to_status" character varying NOT NULL, "change_time" timestamptz NOT NULL, "actor_id" uuid NULL, "actor_email" character varying NOT NULL DEFAULT '', "source" character varying NOT NULL, "reason" text NOT NULL DEFAULT '', "service_instance_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "service_status_changes_service_instances_service_instance" FOREIGN KEY ("service_instance_id") REFERENCES "service_instances" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "servicestatuschange_service_instance_id_change_time_id" to table: "service_status_changes"
CREATE INDEX "servicestatuschange_service_instance_id_change_time_id" ON "service_status_changes" ("service_instance_id", "change_time", "id");
