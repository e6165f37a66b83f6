-- Create "webhook_cursors" table
CREATE TABLE `webhook_cursors` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `sequence` integer NOT NULL, `update_time` datetime NOT NULL);
-- Create "webhook_deliveries" table
CREATE TABLE `webhook_deliveries` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `billing_entity_id` uuid NOT NULL, `endpoint_id` uuid NOT NULL, `event_id` uuid NOT NULL, `event_type` text NOT NULL, `status` text NOT NULL, `attempts` integer NOT NULL DEFAULT (0), `next_attempt_time` datetime NULL, `last_attempt_time` datetime NULL, `response_status` integer NOT NULL DEFAULT (0), `response_body` text NOT NULL DEFAULT (''), `error` text NOT NULL DEFAULT (''), `duration_ms` integer NOT NULL DEFAULT (0), `replay_of` uuid NULL, PRIMARY KEY (`id`));
-- Create index "webhookdelivery_status_next_attempt_time" to table: "webhook_deliveries"
CREATE INDEX `webhookdelivery_status_next_attempt_time` ON `webhook_deliveries` (`status`, `next_attempt_time`);
-- Create index "webhookdelivery_endpoint_id" to table: "webhook_deliveries"
CREATE INDEX `webhookdelivery_endpoint_id` ON `webhook_deliveries` (`endpoint_id`);
-- Create index "webhookdelivery_event_id" to table: "webhook_deliveries"
CREATE INDEX `webhookdelivery_event_id` ON `webhook_deliveries` (`event_id`);
-- Create "webhook_endpoints" table
CREATE TABLE `webhook_endpoints` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `billing_entity_id` uuid NOT NULL, `url` text NOT NULL, `description` text NOT NULL DEFAULT (''), `event_types` json NOT NULL, `enabled` bool NOT NULL DEFAULT (true), `secret_sealed` blob NOT NULL, `previous_secret_sealed` blob NULL, `previous_secret_until` datetime NULL, `from_sequence` integer NOT NULL, PRIMARY KEY (`id`));
-- Create index "webhookendpoint_billing_entity_id" to table: "webhook_endpoints"
CREATE INDEX `webhookendpoint_billing_entity_id` ON `webhook_endpoints` (`billing_entity_id`);
-- Create "webhook_events" table
CREATE TABLE `webhook_events` (`id` uuid NOT NULL, `billing_entity_id` uuid NOT NULL, `organization_id` uuid NULL, `type` text NOT NULL, `payload` blob NOT NULL, `source_sequence` integer NULL, `create_time` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "webhookevent_source_sequence" to table: "webhook_events"
CREATE UNIQUE INDEX `webhookevent_source_sequence` ON `webhook_events` (`source_sequence`);
