-- Create "discounts" table
CREATE TABLE "discounts" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "workspace_id" uuid NULL, "name" character varying NOT NULL, "basis_points" bigint NOT NULL, "start_date" character varying NOT NULL, "end_date" character varying NULL, "reason" text NOT NULL DEFAULT '', "created_by_email" character varying NOT NULL DEFAULT '', "end_reason" text NOT NULL DEFAULT '', "ended_by_email" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "discount_organization_id" to table: "discounts"
CREATE INDEX "discount_organization_id" ON "discounts" ("organization_id");
