-- Modify "billing_entities" table
ALTER TABLE "billing_entities" ADD COLUMN "status" character varying NOT NULL DEFAULT 'ACTIVE', ADD COLUMN "suspend_reason" character varying NOT NULL DEFAULT '', ADD COLUMN "signup_handle" character varying NULL, ADD COLUMN "accept_signups" boolean NOT NULL DEFAULT false, ADD COLUMN "capabilities" jsonb NULL;
-- Create index "billingentity_name" to table: "billing_entities"
CREATE UNIQUE INDEX "billingentity_name" ON "billing_entities" ("name");
-- Create index "billingentity_signup_handle" to table: "billing_entities"
CREATE UNIQUE INDEX "billingentity_signup_handle" ON "billing_entities" ("signup_handle");
-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "signup_time" timestamptz NULL, ADD COLUMN "applicant_id" uuid NULL, ADD COLUMN "decision_time" timestamptz NULL, ADD COLUMN "rejection_reason" character varying NOT NULL DEFAULT '';
-- Create index "organization_signup_time" to table: "organizations"
CREATE INDEX "organization_signup_time" ON "organizations" ("signup_time");
