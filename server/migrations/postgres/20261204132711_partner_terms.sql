-- Drop index "referralcommission_invoice_id_kind" from table: "referral_commissions"
DROP INDEX "referralcommission_invoice_id_kind";
-- Modify "referral_commissions" table
-- (a line's seq: 1 for a commission, 2 for its clawback: at most one of each per invoice before)
ALTER TABLE "referral_commissions" ADD COLUMN "seq" bigint NOT NULL DEFAULT 1;
UPDATE "referral_commissions" SET "seq" = 2 WHERE "kind" = 'CLAWBACK';
ALTER TABLE "referral_commissions" ALTER COLUMN "seq" DROP DEFAULT;
-- Create index "referralcommission_invoice_id_seq" to table: "referral_commissions"
CREATE UNIQUE INDEX "referralcommission_invoice_id_seq" ON "referral_commissions" ("invoice_id", "seq");
-- Create "partner_terms" table
CREATE TABLE "partner_terms" ("id" uuid NOT NULL, "partner_id" uuid NOT NULL, "active" boolean NOT NULL, "rate_bp" bigint NOT NULL, "from_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "partnerterms_partner_id_from_time" to table: "partner_terms"
CREATE INDEX "partnerterms_partner_id_from_time" ON "partner_terms" ("partner_id", "from_time");
-- The partners so far: active at their rate since they were made one.
INSERT INTO "partner_terms" ("id", "partner_id", "active", "rate_bp", "from_time") SELECT "id", "id", true, "partner_commission_bp", "create_time" FROM "organizations" WHERE "partner";
