-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_images" table
CREATE TABLE `new_images` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `kind` text NOT NULL, `os` text NOT NULL, `version` text NOT NULL, `size_bytes` integer NOT NULL, `source` text NOT NULL, `description` text NOT NULL DEFAULT (''), `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `images_billing_entities_billing_entity` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "images" to new temporary table "new_images"
INSERT INTO `new_images` (`id`, `create_time`, `update_time`, `name`, `kind`, `os`, `version`, `size_bytes`, `source`, `description`, `billing_entity_id`) SELECT `id`, `create_time`, `update_time`, `name`, `kind`, `os`, `version`, `size_bytes`, `source`, `description`, `billing_entity_id` FROM `images`;
-- Drop "images" table after copying rows
DROP TABLE `images`;
-- Rename temporary table "new_images" to "images"
ALTER TABLE `new_images` RENAME TO `images`;
-- Create index "image_search_key" to table: "images"
CREATE INDEX `image_search_key` ON `images` (`search_key`);
-- Create index "image_billing_entity_id_name" to table: "images"
CREATE UNIQUE INDEX `image_billing_entity_id_name` ON `images` (`billing_entity_id`, `name`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
