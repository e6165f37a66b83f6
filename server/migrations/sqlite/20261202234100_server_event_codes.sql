-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_server_events" table
CREATE TABLE `new_server_events` (`id` uuid NOT NULL, `server_id` uuid NOT NULL, `time` datetime NOT NULL, `kind` text NOT NULL, `message` text NOT NULL, `message_code` text NOT NULL DEFAULT (''), `message_params` json NULL, `actor_id` uuid NULL, `actor_email` text NOT NULL DEFAULT (''), `container_id` uuid NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "server_events" to new temporary table "new_server_events"
INSERT INTO `new_server_events` (`id`, `server_id`, `time`, `kind`, `message`, `actor_id`, `actor_email`, `container_id`) SELECT `id`, `server_id`, `time`, `kind`, `message`, `actor_id`, `actor_email`, `container_id` FROM `server_events`;
-- Drop "server_events" table after copying rows
DROP TABLE `server_events`;
-- Rename temporary table "new_server_events" to "server_events"
ALTER TABLE `new_server_events` RENAME TO `server_events`;
-- Create index "serverevent_server_id_time" to table: "server_events"
CREATE INDEX `serverevent_server_id_time` ON `server_events` (`server_id`, `time`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
