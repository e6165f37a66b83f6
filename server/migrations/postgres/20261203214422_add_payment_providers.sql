-- Create "payment_accounts" table
CREATE TABLE "payment_accounts" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "issuer_id" uuid NOT NULL, "provider" character varying NOT NULL, "api_key_sealed" bytea NOT NULL, "webhook_secret_sealed" bytea NULL, "key_hint" character varying NOT NULL, "test_mode" boolean NOT NULL, "updated_by_email" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "paymentaccount_issuer_id_provider" to table: "payment_accounts"
CREATE UNIQUE INDEX "paymentaccount_issuer_id_provider" ON "payment_accounts" ("issuer_id", "provider");
-- Create "payment_customers" table
CREATE TABLE "payment_customers" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "provider" character varying NOT NULL, "customer_id" character varying NOT NULL, PRIMARY KEY ("id"));
-- Create index "paymentcustomer_organization_id_provider" to table: "payment_customers"
CREATE UNIQUE INDEX "paymentcustomer_organization_id_provider" ON "payment_customers" ("organization_id", "provider");
-- Create "provider_events" table
CREATE TABLE "provider_events" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "issuer_id" uuid NOT NULL, "provider" character varying NOT NULL, "event_id" character varying NOT NULL, "type" character varying NOT NULL, "payload" bytea NOT NULL, "state" bytea NOT NULL, "provider_payment_id" character varying NOT NULL DEFAULT '', "payment_id" uuid NULL, "status" character varying NOT NULL, "attempts" bigint NOT NULL DEFAULT 0, "next_attempt_time" timestamptz NULL, "last_error" text NOT NULL DEFAULT '', "occurred_time" timestamptz NOT NULL, "processed_time" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "providerevent_payment_id" to table: "provider_events"
CREATE INDEX "providerevent_payment_id" ON "provider_events" ("payment_id");
-- Create index "providerevent_processed_time" to table: "provider_events"
CREATE INDEX "providerevent_processed_time" ON "provider_events" ("processed_time");
-- Create index "providerevent_provider_event_id" to table: "provider_events"
CREATE UNIQUE INDEX "providerevent_provider_event_id" ON "provider_events" ("provider", "event_id");
-- Create index "providerevent_status_next_attempt_time" to table: "provider_events"
CREATE INDEX "providerevent_status_next_attempt_time" ON "provider_events" ("status", "next_attempt_time");
