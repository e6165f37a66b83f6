-- Create "payment_accounts" table
CREATE TABLE `payment_accounts` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `issuer_id` uuid NOT NULL, `provider` text NOT NULL, `api_key_sealed` blob NOT NULL, `webhook_secret_sealed` blob NULL, `key_hint` text NOT NULL, `test_mode` bool NOT NULL, `updated_by_email` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "paymentaccount_issuer_id_provider" to table: "payment_accounts"
CREATE UNIQUE INDEX `paymentaccount_issuer_id_provider` ON `payment_accounts` (`issuer_id`, `provider`);
-- Create "payment_customers" table
CREATE TABLE `payment_customers` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `provider` text NOT NULL, `customer_id` text NOT NULL, PRIMARY KEY (`id`));
-- Create index "paymentcustomer_organization_id_provider" to table: "payment_customers"
CREATE UNIQUE INDEX `paymentcustomer_organization_id_provider` ON `payment_customers` (`organization_id`, `provider`);
-- Create "provider_events" table
CREATE TABLE `provider_events` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `issuer_id` uuid NOT NULL, `provider` text NOT NULL, `event_id` text NOT NULL, `type` text NOT NULL, `payload` blob NOT NULL, `state` blob NOT NULL, `provider_payment_id` text NOT NULL DEFAULT (''), `payment_id` uuid NULL, `status` text NOT NULL, `attempts` integer NOT NULL DEFAULT (0), `next_attempt_time` datetime NULL, `last_error` text NOT NULL DEFAULT (''), `occurred_time` datetime NOT NULL, `processed_time` datetime NULL, PRIMARY KEY (`id`));
-- Create index "providerevent_provider_event_id" to table: "provider_events"
CREATE UNIQUE INDEX `providerevent_provider_event_id` ON `provider_events` (`provider`, `event_id`);
-- Create index "providerevent_status_next_attempt_time" to table: "provider_events"
CREATE INDEX `providerevent_status_next_attempt_time` ON `provider_events` (`status`, `next_attempt_time`);
-- Create index "providerevent_payment_id" to table: "provider_events"
CREATE INDEX `providerevent_payment_id` ON `provider_events` (`payment_id`);
-- Create index "providerevent_processed_time" to table: "provider_events"
CREATE INDEX `providerevent_processed_time` ON `provider_events` (`processed_time`);
