-- Create "api_tokens" table
CREATE TABLE `api_tokens` (`id` uuid NOT NULL, `name` text NOT NULL, `prefix` text NOT NULL, `token_hash` blob NOT NULL, `create_time` datetime NOT NULL, `expire_time` datetime NULL, `last_use_time` datetime NULL, `revoke_time` datetime NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_tokens_users_api_tokens` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "apitoken_token_hash" to table: "api_tokens"
CREATE UNIQUE INDEX `apitoken_token_hash` ON `api_tokens` (`token_hash`);
-- Create index "apitoken_user_id_create_time" to table: "api_tokens"
CREATE INDEX `apitoken_user_id_create_time` ON `api_tokens` (`user_id`, `create_time`);
-- Create "audit_chain_heads" table
CREATE TABLE `audit_chain_heads` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `sequence` integer NOT NULL, `hash` blob NOT NULL, `keyed` bool NOT NULL DEFAULT (false));
-- Create "audit_events" table
CREATE TABLE `audit_events` (`id` uuid NOT NULL, `sequence` integer NOT NULL, `occur_time` datetime NOT NULL, `actor_id` uuid NULL, `actor_email` text NOT NULL DEFAULT (''), `actor_role` text NOT NULL DEFAULT (''), `action` text NOT NULL, `target_type` text NOT NULL DEFAULT (''), `target_id` text NOT NULL DEFAULT (''), `reason` text NOT NULL DEFAULT (''), `before` text NOT NULL DEFAULT (''), `after` text NOT NULL DEFAULT (''), `request_id` text NOT NULL DEFAULT (''), `outcome` text NOT NULL, `prev_hash` blob NOT NULL, `hash` blob NOT NULL, PRIMARY KEY (`id`));
-- Create index "auditevent_sequence" to table: "audit_events"
CREATE UNIQUE INDEX `auditevent_sequence` ON `audit_events` (`sequence`);
-- Create index "auditevent_actor_id_sequence" to table: "audit_events"
CREATE INDEX `auditevent_actor_id_sequence` ON `audit_events` (`actor_id`, `sequence`);
-- Create index "auditevent_target_type_target_id_sequence" to table: "audit_events"
CREATE INDEX `auditevent_target_type_target_id_sequence` ON `audit_events` (`target_type`, `target_id`, `sequence`);
-- Create index "auditevent_occur_time" to table: "audit_events"
CREATE INDEX `auditevent_occur_time` ON `audit_events` (`occur_time`);
-- Create "billing_entities" table
CREATE TABLE `billing_entities` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `auto_approve_signups` bool NOT NULL DEFAULT (true), PRIMARY KEY (`id`));
-- Create "connections" table
CREATE TABLE `connections` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `endpoint` text NOT NULL DEFAULT (''), `insecure_skip_verify` bool NOT NULL DEFAULT (false), `monitoring_only` bool NOT NULL DEFAULT (false), `credentials` blob NOT NULL, `credentials_set` json NULL, `health` text NOT NULL DEFAULT ('UNKNOWN'), `health_message` text NOT NULL DEFAULT (''), `health_time` datetime NULL, `provider_version` text NOT NULL DEFAULT (''), `last_sync_time` datetime NULL, `last_sync_duration_ms` integer NOT NULL DEFAULT (0), `consecutive_failures` integer NOT NULL DEFAULT (0), PRIMARY KEY (`id`));
-- Create index "connection_name" to table: "connections"
CREATE UNIQUE INDEX `connection_name` ON `connections` (`name`);
-- Create "containers" table
CREATE TABLE `containers` (`id` uuid NOT NULL, `name` text NOT NULL, `image` text NOT NULL DEFAULT (''), `source_connection_id` uuid NOT NULL, `source` text NOT NULL, `external_id` text NOT NULL DEFAULT (''), `control_connection_id` uuid NULL, `control_id` text NOT NULL DEFAULT (''), `control_machine_id` text NOT NULL DEFAULT (''), `status` text NOT NULL, `health` text NOT NULL DEFAULT ('NONE'), `start_time` datetime NULL, `restart_count` integer NOT NULL DEFAULT (0), `cpu_percent` real NOT NULL DEFAULT (0), `memory_used` integer NOT NULL DEFAULT (0), `memory_limit` integer NOT NULL DEFAULT (0), `disk_used` integer NOT NULL DEFAULT (0), `net_in` real NOT NULL DEFAULT (0), `net_out` real NOT NULL DEFAULT (0), `sample_time` datetime NULL, `first_seen_time` datetime NOT NULL, `last_seen_time` datetime NOT NULL, `gone_time` datetime NULL, `server_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `containers_servers_containers` FOREIGN KEY (`server_id`) REFERENCES `servers` (`id`) ON DELETE CASCADE);
-- Create index "container_server_id_name" to table: "containers"
CREATE UNIQUE INDEX `container_server_id_name` ON `containers` (`server_id`, `name`);
-- Create index "container_status" to table: "containers"
CREATE INDEX `container_status` ON `containers` (`status`);
-- Create "container_metrics" table
CREATE TABLE `container_metrics` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `container_id` uuid NOT NULL, `ts` integer NOT NULL, `cpu` real NOT NULL, `mem_used` integer NOT NULL, `mem_limit` integer NOT NULL, `disk_used` integer NOT NULL, `net_in` real NOT NULL, `net_out` real NOT NULL, `running` bool NOT NULL, `unhealthy` bool NOT NULL);
-- Create index "containermetric_container_id_ts" to table: "container_metrics"
CREATE INDEX `containermetric_container_id_ts` ON `container_metrics` (`container_id`, `ts`);
-- Create index "containermetric_ts" to table: "container_metrics"
CREATE INDEX `containermetric_ts` ON `container_metrics` (`ts`);
-- Create "datasources" table
CREATE TABLE `datasources` (`id` uuid NOT NULL, `external_id` text NOT NULL, `create_time` datetime NOT NULL, `last_seen_time` datetime NULL, `missing_since` datetime NULL, `last_attempt_time` datetime NULL, `last_error` text NOT NULL DEFAULT (''), `failures` integer NOT NULL DEFAULT (0), `connection_id` uuid NOT NULL, `server_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `datasources_connections_datasources` FOREIGN KEY (`connection_id`) REFERENCES `connections` (`id`) ON DELETE NO ACTION, CONSTRAINT `datasources_servers_datasources` FOREIGN KEY (`server_id`) REFERENCES `servers` (`id`) ON DELETE CASCADE);
-- Create index "datasource_connection_id_external_id" to table: "datasources"
CREATE UNIQUE INDEX `datasource_connection_id_external_id` ON `datasources` (`connection_id`, `external_id`);
-- Create index "datasource_server_id_connection_id" to table: "datasources"
CREATE UNIQUE INDEX `datasource_server_id_connection_id` ON `datasources` (`server_id`, `connection_id`);
-- Create "health_policies" table
CREATE TABLE `health_policies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `cpu_warning` integer NOT NULL DEFAULT (80), `cpu_critical` integer NOT NULL DEFAULT (95), `memory_warning` integer NOT NULL DEFAULT (85), `memory_critical` integer NOT NULL DEFAULT (95), `disk_warning` integer NOT NULL DEFAULT (80), `disk_critical` integer NOT NULL DEFAULT (90), `sync_failures_critical` integer NOT NULL DEFAULT (3), `stale_after_minutes` integer NOT NULL DEFAULT (10), `update_time` datetime NULL);
-- Create "job_runs" table
CREATE TABLE `job_runs` (`id` uuid NOT NULL, `job` text NOT NULL, `trigger` text NOT NULL, `attempt` integer NOT NULL, `scheduled_time` datetime NULL, `start_time` datetime NOT NULL, `end_time` datetime NULL, `duration_us` integer NULL, `outcome` text NOT NULL, `error` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `retry_time` datetime NULL, `triggered_by` uuid NULL, `triggered_by_email` text NOT NULL DEFAULT (''), `replica` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "jobrun_job_scheduled_time_attempt" to table: "job_runs"
CREATE UNIQUE INDEX `jobrun_job_scheduled_time_attempt` ON `job_runs` (`job`, `scheduled_time`, `attempt`);
-- Create index "jobrun_job_start_time" to table: "job_runs"
CREATE INDEX `jobrun_job_start_time` ON `job_runs` (`job`, `start_time`);
-- Create index "jobrun_start_time" to table: "job_runs"
CREATE INDEX `jobrun_start_time` ON `job_runs` (`start_time`);
-- Create index "jobrun_outcome" to table: "job_runs"
CREATE INDEX `jobrun_outcome` ON `job_runs` (`outcome`);
-- Create "login_throttles" table
CREATE TABLE `login_throttles` (`id` text NOT NULL, `failures` integer NOT NULL, `last_failure_time` datetime NOT NULL, `locked_until` datetime NULL, PRIMARY KEY (`id`));
-- Create "memberships" table
CREATE TABLE `memberships` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `role` text NOT NULL, `organization_id` uuid NOT NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `memberships_organizations_memberships` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `memberships_users_memberships` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "membership_organization_id_user_id" to table: "memberships"
CREATE UNIQUE INDEX `membership_organization_id_user_id` ON `memberships` (`organization_id`, `user_id`);
-- Create index "membership_user_id" to table: "memberships"
CREATE INDEX `membership_user_id` ON `memberships` (`user_id`);
-- Create "organizations" table
CREATE TABLE `organizations` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `legal_name` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('ACTIVE'), `address_line1` text NOT NULL DEFAULT (''), `address_line2` text NOT NULL DEFAULT (''), `postal_code` text NOT NULL DEFAULT (''), `city` text NOT NULL DEFAULT (''), `country_code` text NOT NULL DEFAULT (''), `vat_id` text NOT NULL DEFAULT (''), `billing_email` text NOT NULL DEFAULT (''), `managed` bool NOT NULL DEFAULT (false), `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `organizations_billing_entities_organizations` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Create index "organization_name_id" to table: "organizations"
CREATE INDEX `organization_name_id` ON `organizations` (`name`, `id`);
-- Create index "organization_create_time_id" to table: "organizations"
CREATE INDEX `organization_create_time_id` ON `organizations` (`create_time`, `id`);
-- Create index "organization_billing_entity_id" to table: "organizations"
CREATE INDEX `organization_billing_entity_id` ON `organizations` (`billing_entity_id`);
-- Create index "organization_status" to table: "organizations"
CREATE INDEX `organization_status` ON `organizations` (`status`);
-- Create "permission_grants" table
CREATE TABLE `permission_grants` (`id` uuid NOT NULL, `permission` text NOT NULL, `granted_by_id` uuid NULL, `reason` text NOT NULL DEFAULT (''), `create_time` datetime NOT NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `permission_grants_users_grants` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "permissiongrant_user_id_permission" to table: "permission_grants"
CREATE UNIQUE INDEX `permissiongrant_user_id_permission` ON `permission_grants` (`user_id`, `permission`);
-- Create "recovery_codes" table
CREATE TABLE `recovery_codes` (`id` uuid NOT NULL, `code_hash` blob NOT NULL, `used_time` datetime NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `recovery_codes_users_recovery_codes` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "recoverycode_user_id" to table: "recovery_codes"
CREATE INDEX `recoverycode_user_id` ON `recovery_codes` (`user_id`);
-- Create "servers" table
CREATE TABLE `servers` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `provider` text NOT NULL, `kind` text NOT NULL, `location` text NOT NULL DEFAULT (''), `ip_address` text NOT NULL DEFAULT (''), `cores` integer NOT NULL DEFAULT (0), `memory_bytes` integer NOT NULL DEFAULT (0), `disk_bytes` integer NOT NULL DEFAULT (0), `notes` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT (''), `up` bool NOT NULL DEFAULT (false), `cpu_percent` real NOT NULL DEFAULT (0), `memory_used` integer NOT NULL DEFAULT (0), `memory_total` integer NOT NULL DEFAULT (0), `disk_used` integer NOT NULL DEFAULT (0), `disk_total` integer NOT NULL DEFAULT (0), `net_in` real NOT NULL DEFAULT (0), `net_out` real NOT NULL DEFAULT (0), `sample_time` datetime NULL, `filesystems` json NULL, `sync_status` text NOT NULL DEFAULT ('NEVER'), `last_sync_attempt_time` datetime NULL, `last_sync_success_time` datetime NULL, `last_sync_error` text NOT NULL DEFAULT (''), `sync_failures` integer NOT NULL DEFAULT (0), `health` text NOT NULL DEFAULT ('UNKNOWN'), `health_reasons` json NULL, `parent_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `servers_servers_children` FOREIGN KEY (`parent_id`) REFERENCES `servers` (`id`) ON DELETE SET NULL);
-- Create index "server_name" to table: "servers"
CREATE UNIQUE INDEX `server_name` ON `servers` (`name`);
-- Create index "server_health" to table: "servers"
CREATE INDEX `server_health` ON `servers` (`health`);
-- Create index "server_provider" to table: "servers"
CREATE INDEX `server_provider` ON `servers` (`provider`);
-- Create "server_assignments" table
CREATE TABLE `server_assignments` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `server_id` uuid NOT NULL, `organization_id` uuid NOT NULL, `workspace_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `server_assignments_servers_assignments` FOREIGN KEY (`server_id`) REFERENCES `servers` (`id`) ON DELETE CASCADE, CONSTRAINT `server_assignments_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `server_assignments_workspaces_workspace` FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`) ON DELETE SET NULL);
-- Create index "serverassignment_server_id_organization_id_workspace_id" to table: "server_assignments"
CREATE UNIQUE INDEX `serverassignment_server_id_organization_id_workspace_id` ON `server_assignments` (`server_id`, `organization_id`, `workspace_id`);
-- Create index "serverassignment_organization_id" to table: "server_assignments"
CREATE INDEX `serverassignment_organization_id` ON `server_assignments` (`organization_id`);
-- Create "server_events" table
CREATE TABLE `server_events` (`id` uuid NOT NULL, `server_id` uuid NOT NULL, `time` datetime NOT NULL, `kind` text NOT NULL, `message` text NOT NULL, `actor_id` uuid NULL, `actor_email` text NOT NULL DEFAULT (''), `container_id` uuid NULL, PRIMARY KEY (`id`));
-- Create index "serverevent_server_id_time" to table: "server_events"
CREATE INDEX `serverevent_server_id_time` ON `server_events` (`server_id`, `time`);
-- Create "server_metrics" table
CREATE TABLE `server_metrics` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `server_id` uuid NOT NULL, `ts` integer NOT NULL, `cpu` real NOT NULL, `mem_used` integer NOT NULL, `mem_total` integer NOT NULL, `disk_used` integer NOT NULL, `disk_total` integer NOT NULL, `net_in` real NOT NULL, `net_out` real NOT NULL);
-- Create index "servermetric_server_id_ts" to table: "server_metrics"
CREATE INDEX `servermetric_server_id_ts` ON `server_metrics` (`server_id`, `ts`);
-- Create index "servermetric_ts" to table: "server_metrics"
CREATE INDEX `servermetric_ts` ON `server_metrics` (`ts`);
-- Create "sessions" table
CREATE TABLE `sessions` (`id` uuid NOT NULL, `token_hash` blob NOT NULL, `create_time` datetime NOT NULL, `expire_time` datetime NOT NULL, `last_seen_time` datetime NOT NULL, `revoke_time` datetime NULL, `user_agent` text NOT NULL DEFAULT (''), `remote_addr` text NOT NULL DEFAULT (''), `second_factor_time` datetime NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `sessions_users_sessions` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "session_token_hash" to table: "sessions"
CREATE UNIQUE INDEX `session_token_hash` ON `sessions` (`token_hash`);
-- Create index "session_expire_time" to table: "sessions"
CREATE INDEX `session_expire_time` ON `sessions` (`expire_time`);
-- Create "settings" table
CREATE TABLE `settings` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `billing_entity_id` uuid NOT NULL, `company_name` text NOT NULL DEFAULT (''), `legal_form` text NOT NULL DEFAULT (''), `address_line1` text NOT NULL DEFAULT (''), `address_line2` text NOT NULL DEFAULT (''), `postal_code` text NOT NULL DEFAULT (''), `city` text NOT NULL DEFAULT (''), `country_code` text NOT NULL DEFAULT (''), `register_court` text NOT NULL DEFAULT (''), `register_number` text NOT NULL DEFAULT (''), `managing_directors` json NULL, `email` text NOT NULL DEFAULT (''), `phone` text NOT NULL DEFAULT (''), `website` text NOT NULL DEFAULT (''), `vat_rate_basis_points` integer NOT NULL DEFAULT (1900), `small_business_exemption` bool NOT NULL DEFAULT (false), `tax_number` text NOT NULL DEFAULT (''), `vat_id` text NOT NULL DEFAULT (''), `account_holder` text NOT NULL DEFAULT (''), `iban` text NOT NULL DEFAULT (''), `bic` text NOT NULL DEFAULT (''), `bank_name` text NOT NULL DEFAULT (''), `invoice_number_prefix` text NOT NULL DEFAULT ('RE-'), `payment_terms_days` integer NOT NULL DEFAULT (14), PRIMARY KEY (`id`));
-- Create index "settings_billing_entity_id" to table: "settings"
CREATE UNIQUE INDEX `settings_billing_entity_id` ON `settings` (`billing_entity_id`);
-- Create "users" table
CREATE TABLE `users` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `email` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL DEFAULT (''), `platform_role` text NOT NULL DEFAULT ('USER'), `disabled` bool NOT NULL DEFAULT (false), `last_login_time` datetime NULL, `totp_secret` blob NULL, `totp_pending_secret` blob NULL, `totp_enabled_time` datetime NULL, `totp_last_step` integer NOT NULL DEFAULT (0), `billing_entity_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `users_billing_entities_staff` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE SET NULL);
-- Create index "user_email" to table: "users"
CREATE UNIQUE INDEX `user_email` ON `users` (`email`);
-- Create index "user_platform_role" to table: "users"
CREATE INDEX `user_platform_role` ON `users` (`platform_role`);
-- Create "workspaces" table
CREATE TABLE `workspaces` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `organization_id` uuid NOT NULL, `admin_user_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `workspaces_organizations_workspaces` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `workspaces_users_admin` FOREIGN KEY (`admin_user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- Create index "workspace_organization_id_name" to table: "workspaces"
CREATE UNIQUE INDEX `workspace_organization_id_name` ON `workspaces` (`organization_id`, `name`);
