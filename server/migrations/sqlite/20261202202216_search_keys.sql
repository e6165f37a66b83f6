-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_connections" table
CREATE TABLE `new_connections` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `kind` text NOT NULL, `endpoint` text NOT NULL DEFAULT (''), `insecure_skip_verify` bool NOT NULL DEFAULT (false), `monitoring_only` bool NOT NULL DEFAULT (false), `credentials` blob NOT NULL, `credentials_set` json NULL, `health` text NOT NULL DEFAULT ('UNKNOWN'), `health_message` text NOT NULL DEFAULT (''), `health_time` datetime NULL, `provider_version` text NOT NULL DEFAULT (''), `last_sync_time` datetime NULL, `last_sync_duration_ms` integer NOT NULL DEFAULT (0), `consecutive_failures` integer NOT NULL DEFAULT (0), PRIMARY KEY (`id`));
-- Copy rows from old table "connections" to new temporary table "new_connections"
INSERT INTO `new_connections` (`id`, `create_time`, `update_time`, `name`, `kind`, `endpoint`, `insecure_skip_verify`, `monitoring_only`, `credentials`, `credentials_set`, `health`, `health_message`, `health_time`, `provider_version`, `last_sync_time`, `last_sync_duration_ms`, `consecutive_failures`) SELECT `id`, `create_time`, `update_time`, `name`, `kind`, `endpoint`, `insecure_skip_verify`, `monitoring_only`, `credentials`, `credentials_set`, `health`, `health_message`, `health_time`, `provider_version`, `last_sync_time`, `last_sync_duration_ms`, `consecutive_failures` FROM `connections`;
-- Drop "connections" table after copying rows
DROP TABLE `connections`;
-- Rename temporary table "new_connections" to "connections"
ALTER TABLE `new_connections` RENAME TO `connections`;
-- Create index "connection_search_key" to table: "connections"
CREATE INDEX `connection_search_key` ON `connections` (`search_key`);
-- Create index "connection_name" to table: "connections"
CREATE UNIQUE INDEX `connection_name` ON `connections` (`name`);
-- Create "new_containers" table
CREATE TABLE `new_containers` (`id` uuid NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `image` text NOT NULL DEFAULT (''), `source_connection_id` uuid NOT NULL, `source` text NOT NULL, `external_id` text NOT NULL DEFAULT (''), `control_connection_id` uuid NULL, `control_id` text NOT NULL DEFAULT (''), `control_machine_id` text NOT NULL DEFAULT (''), `status` text NOT NULL, `health` text NOT NULL DEFAULT ('NONE'), `start_time` datetime NULL, `restart_count` integer NOT NULL DEFAULT (0), `cpu_percent` real NOT NULL DEFAULT (0), `memory_used` integer NOT NULL DEFAULT (0), `memory_limit` integer NOT NULL DEFAULT (0), `disk_used` integer NOT NULL DEFAULT (0), `net_in` real NOT NULL DEFAULT (0), `net_out` real NOT NULL DEFAULT (0), `sample_time` datetime NULL, `first_seen_time` datetime NOT NULL, `last_seen_time` datetime NOT NULL, `gone_time` datetime NULL, `server_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `containers_servers_containers` FOREIGN KEY (`server_id`) REFERENCES `servers` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "containers" to new temporary table "new_containers"
INSERT INTO `new_containers` (`id`, `name`, `image`, `source_connection_id`, `source`, `external_id`, `control_connection_id`, `control_id`, `control_machine_id`, `status`, `health`, `start_time`, `restart_count`, `cpu_percent`, `memory_used`, `memory_limit`, `disk_used`, `net_in`, `net_out`, `sample_time`, `first_seen_time`, `last_seen_time`, `gone_time`, `server_id`) SELECT `id`, `name`, `image`, `source_connection_id`, `source`, `external_id`, `control_connection_id`, `control_id`, `control_machine_id`, `status`, `health`, `start_time`, `restart_count`, `cpu_percent`, `memory_used`, `memory_limit`, `disk_used`, `net_in`, `net_out`, `sample_time`, `first_seen_time`, `last_seen_time`, `gone_time`, `server_id` FROM `containers`;
-- Drop "containers" table after copying rows
DROP TABLE `containers`;
-- Rename temporary table "new_containers" to "containers"
ALTER TABLE `new_containers` RENAME TO `containers`;
-- Create index "container_search_key" to table: "containers"
CREATE INDEX `container_search_key` ON `containers` (`search_key`);
-- Create index "container_server_id_name" to table: "containers"
CREATE UNIQUE INDEX `container_server_id_name` ON `containers` (`server_id`, `name`);
-- Create index "container_status" to table: "containers"
CREATE INDEX `container_status` ON `containers` (`status`);
-- Create "new_organizations" table
CREATE TABLE `new_organizations` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `legal_name` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('ACTIVE'), `address_line1` text NOT NULL DEFAULT (''), `address_line2` text NOT NULL DEFAULT (''), `postal_code` text NOT NULL DEFAULT (''), `city` text NOT NULL DEFAULT (''), `country_code` text NOT NULL DEFAULT (''), `vat_id` text NOT NULL DEFAULT (''), `billing_email` text NOT NULL DEFAULT (''), `managed` bool NOT NULL DEFAULT (false), `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `organizations_billing_entities_organizations` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "organizations" to new temporary table "new_organizations"
INSERT INTO `new_organizations` (`id`, `create_time`, `update_time`, `name`, `legal_name`, `status`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `vat_id`, `billing_email`, `managed`, `billing_entity_id`) SELECT `id`, `create_time`, `update_time`, `name`, `legal_name`, `status`, `address_line1`, `address_line2`, `postal_code`, `city`, `country_code`, `vat_id`, `billing_email`, `managed`, `billing_entity_id` FROM `organizations`;
-- Drop "organizations" table after copying rows
DROP TABLE `organizations`;
-- Rename temporary table "new_organizations" to "organizations"
ALTER TABLE `new_organizations` RENAME TO `organizations`;
-- Create index "organization_search_key" to table: "organizations"
CREATE INDEX `organization_search_key` ON `organizations` (`search_key`);
-- Create index "organization_name_id" to table: "organizations"
CREATE INDEX `organization_name_id` ON `organizations` (`name`, `id`);
-- Create index "organization_create_time_id" to table: "organizations"
CREATE INDEX `organization_create_time_id` ON `organizations` (`create_time`, `id`);
-- Create index "organization_billing_entity_id" to table: "organizations"
CREATE INDEX `organization_billing_entity_id` ON `organizations` (`billing_entity_id`);
-- Create index "organization_status" to table: "organizations"
CREATE INDEX `organization_status` ON `organizations` (`status`);
-- Create "new_servers" table
CREATE TABLE `new_servers` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `provider` text NOT NULL, `kind` text NOT NULL, `location` text NOT NULL DEFAULT (''), `ip_address` text NOT NULL DEFAULT (''), `cores` integer NOT NULL DEFAULT (0), `memory_bytes` integer NOT NULL DEFAULT (0), `disk_bytes` integer NOT NULL DEFAULT (0), `notes` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT (''), `up` bool NOT NULL DEFAULT (false), `cpu_percent` real NOT NULL DEFAULT (0), `memory_used` integer NOT NULL DEFAULT (0), `memory_total` integer NOT NULL DEFAULT (0), `disk_used` integer NOT NULL DEFAULT (0), `disk_total` integer NOT NULL DEFAULT (0), `net_in` real NOT NULL DEFAULT (0), `net_out` real NOT NULL DEFAULT (0), `sample_time` datetime NULL, `filesystems` json NULL, `sync_status` text NOT NULL DEFAULT ('NEVER'), `last_sync_attempt_time` datetime NULL, `last_sync_success_time` datetime NULL, `last_sync_error` text NOT NULL DEFAULT (''), `sync_failures` integer NOT NULL DEFAULT (0), `health` text NOT NULL DEFAULT ('UNKNOWN'), `health_reasons` json NULL, `parent_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `servers_servers_children` FOREIGN KEY (`parent_id`) REFERENCES `servers` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "servers" to new temporary table "new_servers"
INSERT INTO `new_servers` (`id`, `create_time`, `update_time`, `name`, `provider`, `kind`, `location`, `ip_address`, `cores`, `memory_bytes`, `disk_bytes`, `notes`, `status`, `up`, `cpu_percent`, `memory_used`, `memory_total`, `disk_used`, `disk_total`, `net_in`, `net_out`, `sample_time`, `filesystems`, `sync_status`, `last_sync_attempt_time`, `last_sync_success_time`, `last_sync_error`, `sync_failures`, `health`, `health_reasons`, `parent_id`) SELECT `id`, `create_time`, `update_time`, `name`, `provider`, `kind`, `location`, `ip_address`, `cores`, `memory_bytes`, `disk_bytes`, `notes`, `status`, `up`, `cpu_percent`, `memory_used`, `memory_total`, `disk_used`, `disk_total`, `net_in`, `net_out`, `sample_time`, `filesystems`, `sync_status`, `last_sync_attempt_time`, `last_sync_success_time`, `last_sync_error`, `sync_failures`, `health`, `health_reasons`, `parent_id` FROM `servers`;
-- Drop "servers" table after copying rows
DROP TABLE `servers`;
-- Rename temporary table "new_servers" to "servers"
ALTER TABLE `new_servers` RENAME TO `servers`;
-- Create index "server_search_key" to table: "servers"
CREATE INDEX `server_search_key` ON `servers` (`search_key`);
-- Create index "server_name" to table: "servers"
CREATE UNIQUE INDEX `server_name` ON `servers` (`name`);
-- Create index "server_health" to table: "servers"
CREATE INDEX `server_health` ON `servers` (`health`);
-- Create index "server_provider" to table: "servers"
CREATE INDEX `server_provider` ON `servers` (`provider`);
-- Create "new_users" table
CREATE TABLE `new_users` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `email` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL DEFAULT (''), `platform_role` text NOT NULL DEFAULT ('USER'), `disabled` bool NOT NULL DEFAULT (false), `last_login_time` datetime NULL, `totp_secret` blob NULL, `totp_pending_secret` blob NULL, `totp_enabled_time` datetime NULL, `totp_last_step` integer NOT NULL DEFAULT (0), `billing_entity_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `users_billing_entities_staff` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `create_time`, `update_time`, `email`, `display_name`, `password_hash`, `platform_role`, `disabled`, `last_login_time`, `totp_secret`, `totp_pending_secret`, `totp_enabled_time`, `totp_last_step`, `billing_entity_id`) SELECT `id`, `create_time`, `update_time`, `email`, `display_name`, `password_hash`, `platform_role`, `disabled`, `last_login_time`, `totp_secret`, `totp_pending_secret`, `totp_enabled_time`, `totp_last_step`, `billing_entity_id` FROM `users`;
-- Drop "users" table after copying rows
DROP TABLE `users`;
-- Rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- Create index "user_search_key" to table: "users"
CREATE INDEX `user_search_key` ON `users` (`search_key`);
-- Create index "user_email" to table: "users"
CREATE UNIQUE INDEX `user_email` ON `users` (`email`);
-- Create index "user_platform_role" to table: "users"
CREATE INDEX `user_platform_role` ON `users` (`platform_role`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
