-- Create "images" table
CREATE TABLE `images` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `os` text NOT NULL, `version` text NOT NULL, `size_bytes` integer NOT NULL, `source` text NOT NULL, `description` text NOT NULL DEFAULT (''), `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `images_billing_entities_billing_entity` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Create index "image_billing_entity_id_name" to table: "images"
CREATE UNIQUE INDEX `image_billing_entity_id_name` ON `images` (`billing_entity_id`, `name`);
-- Create "image_shares" table
CREATE TABLE `image_shares` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `image_id` uuid NOT NULL, `billing_entity_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `image_shares_images_shares` FOREIGN KEY (`image_id`) REFERENCES `images` (`id`) ON DELETE CASCADE, CONSTRAINT `image_shares_billing_entities_billing_entity` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION);
-- Create index "imageshare_image_id_billing_entity_id" to table: "image_shares"
CREATE UNIQUE INDEX `imageshare_image_id_billing_entity_id` ON `image_shares` (`image_id`, `billing_entity_id`);
-- Create index "imageshare_billing_entity_id" to table: "image_shares"
CREATE INDEX `imageshare_billing_entity_id` ON `image_shares` (`billing_entity_id`);
