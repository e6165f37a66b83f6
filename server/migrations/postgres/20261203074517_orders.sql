-- Create "orders" table
CREATE TABLE "orders" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "search_key" character varying NOT NULL DEFAULT '', "number" bigint NOT NULL, "title" character varying NOT NULL, "description" text NOT NULL DEFAULT '', "kind" character varying NOT NULL, "priority" character varying NOT NULL DEFAULT 'NORMAL', "status" character varying NOT NULL DEFAULT 'OPEN', "status_time" timestamptz NOT NULL, "due_date" timestamptz NULL, "created_by_email" character varying NOT NULL DEFAULT '', "organization_id" uuid NOT NULL, "workspace_id" uuid NULL, "service_instance_id" uuid NULL, "assignee_id" uuid NULL, PRIMARY KEY ("id"), CONSTRAINT "orders_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "orders_service_instances_service_instance" FOREIGN KEY ("service_instance_id") REFERENCES "service_instances" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "orders_users_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "orders_workspaces_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "order_assignee_id_status" to table: "orders"
CREATE INDEX "order_assignee_id_status" ON "orders" ("assignee_id", "status");
-- Create index "order_create_time_id" to table: "orders"
CREATE INDEX "order_create_time_id" ON "orders" ("create_time", "id");
-- Create index "order_number" to table: "orders"
CREATE UNIQUE INDEX "order_number" ON "orders" ("number");
-- Create index "order_organization_id_status" to table: "orders"
CREATE INDEX "order_organization_id_status" ON "orders" ("organization_id", "status");
-- Create index "order_search_key" to table: "orders"
CREATE INDEX "order_search_key" ON "orders" ("search_key");
-- Create index "order_service_instance_id" to table: "orders"
CREATE INDEX "order_service_instance_id" ON "orders" ("service_instance_id");
-- Create index "order_status_due_date" to table: "orders"
CREATE INDEX "order_status_due_date" ON "orders" ("status", "due_date");
-- Create "order_comments" table
CREATE TABLE "order_comments" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "author_id" uuid NULL, "author_email" character varying NOT NULL DEFAULT '', "visibility" character varying NOT NULL, "text" text NOT NULL, "code" character varying NOT NULL DEFAULT '', "params" jsonb NULL, "order_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "order_comments_orders_order" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "ordercomment_order_id_create_time_id" to table: "order_comments"
CREATE INDEX "ordercomment_order_id_create_time_id" ON "order_comments" ("order_id", "create_time", "id");
