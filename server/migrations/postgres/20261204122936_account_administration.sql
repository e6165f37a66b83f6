-- Modify "organizations" table
ALTER TABLE "organizations" ADD COLUMN "account_manager_id" uuid NULL, ADD COLUMN "partner" boolean NOT NULL DEFAULT false, ADD COLUMN "partner_commission_bp" bigint NOT NULL DEFAULT 0, ADD COLUMN "referred_by_id" uuid NULL, ADD COLUMN "referral_time" timestamptz NULL;
-- Create index "organization_referred_by_id" to table: "organizations"
CREATE INDEX "organization_referred_by_id" ON "organizations" ("referred_by_id");
-- Modify "usage_counters" table
ALTER TABLE "usage_counters" ADD COLUMN "reset_day" character varying NOT NULL DEFAULT '';
-- Create "partner_payouts" table
CREATE TABLE "partner_payouts" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "partner_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "currency" character varying NOT NULL, "paid_on" character varying NOT NULL, "reference" character varying NOT NULL DEFAULT '', "note" text NOT NULL DEFAULT '', "recorded_by_email" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "partnerpayout_partner_id_paid_on" to table: "partner_payouts"
CREATE INDEX "partnerpayout_partner_id_paid_on" ON "partner_payouts" ("partner_id", "paid_on");
-- Create "referral_commissions" table
CREATE TABLE "referral_commissions" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "partner_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "invoice_number" character varying NOT NULL, "kind" character varying NOT NULL, "invoice_net_cents" bigint NOT NULL, "rate_bp" bigint NOT NULL, "amount_cents" bigint NOT NULL, "currency" character varying NOT NULL, "day" character varying NOT NULL, PRIMARY KEY ("id"));
-- Create index "referralcommission_invoice_id_kind" to table: "referral_commissions"
CREATE UNIQUE INDEX "referralcommission_invoice_id_kind" ON "referral_commissions" ("invoice_id", "kind");
-- Create index "referralcommission_partner_id_day" to table: "referral_commissions"
CREATE INDEX "referralcommission_partner_id_day" ON "referral_commissions" ("partner_id", "day");
-- Create "upgrade_requests" table
CREATE TABLE "upgrade_requests" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "from_plan_id" uuid NULL, "message" text NOT NULL DEFAULT '', "requested_by_user_id" uuid NOT NULL, "requested_by_email" character varying NOT NULL DEFAULT '', "status" character varying NOT NULL DEFAULT 'PENDING', "decided_by_email" character varying NOT NULL DEFAULT '', "decide_time" timestamptz NULL, "decision_reason" text NOT NULL DEFAULT '', "contract_id" uuid NULL, "effective_date" character varying NOT NULL DEFAULT '', "at_once" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- Create index "upgrade_requests_one_pending" to table: "upgrade_requests"
CREATE UNIQUE INDEX "upgrade_requests_one_pending" ON "upgrade_requests" ("organization_id") WHERE ((status)::text = 'PENDING'::text);
-- Create index "upgraderequest_organization_id_create_time" to table: "upgrade_requests"
CREATE INDEX "upgraderequest_organization_id_create_time" ON "upgrade_requests" ("organization_id", "create_time");
-- Create index "upgraderequest_status_create_time_id" to table: "upgrade_requests"
CREATE INDEX "upgraderequest_status_create_time_id" ON "upgrade_requests" ("status", "create_time", "id");
