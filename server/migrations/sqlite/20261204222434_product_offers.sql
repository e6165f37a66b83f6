-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_catalog_items" table
CREATE TABLE `new_catalog_items` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `category` text NOT NULL, `monthly_price_cents` integer NOT NULL, `currency` text NOT NULL DEFAULT ('EUR'), `estimated_storage_gb` integer NOT NULL DEFAULT (0), `setup_time_minutes` integer NOT NULL DEFAULT (0), `icon` text NOT NULL DEFAULT (''), `bookable` bool NOT NULL DEFAULT (false), `retire_time` datetime NULL, `billing_entity_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `catalog_items_billing_entities_billing_entity` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "catalog_items" to new temporary table "new_catalog_items"
INSERT INTO `new_catalog_items` (`id`, `create_time`, `update_time`, `search_key`, `name`, `description`, `category`, `monthly_price_cents`, `currency`, `estimated_storage_gb`, `setup_time_minutes`, `icon`, `bookable`, `retire_time`) SELECT `id`, `create_time`, `update_time`, `search_key`, `name`, `description`, `category`, `monthly_price_cents`, `currency`, `estimated_storage_gb`, `setup_time_minutes`, `icon`, `bookable`, `retire_time` FROM `catalog_items`;
-- Drop "catalog_items" table after copying rows
DROP TABLE `catalog_items`;
-- Rename temporary table "new_catalog_items" to "catalog_items"
ALTER TABLE `new_catalog_items` RENAME TO `catalog_items`;
-- Create index "catalogitem_search_key" to table: "catalog_items"
CREATE INDEX `catalogitem_search_key` ON `catalog_items` (`search_key`);
-- Create index "catalogitem_billing_entity_id_name" to table: "catalog_items"
CREATE UNIQUE INDEX `catalogitem_billing_entity_id_name` ON `catalog_items` (`billing_entity_id`, `name`);
-- Create index "catalogitem_icon" to table: "catalog_items"
CREATE INDEX `catalogitem_icon` ON `catalog_items` (`icon`);
-- Create "new_service_instances" table
CREATE TABLE `new_service_instances` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `status` text NOT NULL DEFAULT ('PROVISIONING'), `status_time` datetime NOT NULL, `monthly_price_cents` integer NOT NULL, `currency` text NOT NULL DEFAULT ('EUR'), `product_offer_id` uuid NULL, `list_price_cents` integer NOT NULL DEFAULT (0), `notes` text NOT NULL DEFAULT (''), `decommission_time` datetime NULL, `organization_id` uuid NOT NULL, `workspace_id` uuid NOT NULL, `catalog_item_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `service_instances_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `service_instances_workspaces_workspace` FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`) ON DELETE NO ACTION, CONSTRAINT `service_instances_catalog_items_catalog_item` FOREIGN KEY (`catalog_item_id`) REFERENCES `catalog_items` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "service_instances" to new temporary table "new_service_instances"
INSERT INTO `new_service_instances` (`id`, `create_time`, `update_time`, `search_key`, `name`, `status`, `status_time`, `monthly_price_cents`, `currency`, `notes`, `decommission_time`, `organization_id`, `workspace_id`, `catalog_item_id`) SELECT `id`, `create_time`, `update_time`, `search_key`, `name`, `status`, `status_time`, `monthly_price_cents`, `currency`, `notes`, `decommission_time`, `organization_id`, `workspace_id`, `catalog_item_id` FROM `service_instances`;
-- Drop "service_instances" table after copying rows
DROP TABLE `service_instances`;
-- Rename temporary table "new_service_instances" to "service_instances"
ALTER TABLE `new_service_instances` RENAME TO `service_instances`;
-- Create index "serviceinstance_search_key" to table: "service_instances"
CREATE INDEX `serviceinstance_search_key` ON `service_instances` (`search_key`);
-- Create index "serviceinstance_organization_id_name" to table: "service_instances"
CREATE INDEX `serviceinstance_organization_id_name` ON `service_instances` (`organization_id`, `name`);
-- Create index "serviceinstance_workspace_id" to table: "service_instances"
CREATE INDEX `serviceinstance_workspace_id` ON `service_instances` (`workspace_id`);
-- Create index "serviceinstance_catalog_item_id" to table: "service_instances"
CREATE INDEX `serviceinstance_catalog_item_id` ON `service_instances` (`catalog_item_id`);
-- Create index "serviceinstance_name_id" to table: "service_instances"
CREATE INDEX `serviceinstance_name_id` ON `service_instances` (`name`, `id`);
-- Create index "serviceinstance_create_time_id" to table: "service_instances"
CREATE INDEX `serviceinstance_create_time_id` ON `service_instances` (`create_time`, `id`);
-- Create index "serviceinstance_status" to table: "service_instances"
CREATE INDEX `serviceinstance_status` ON `service_instances` (`status`);
-- Create index "serviceinstance_decommission_time" to table: "service_instances"
CREATE INDEX `serviceinstance_decommission_time` ON `service_instances` (`decommission_time`);
-- Add column "service_instance_id" to table: "invoice_lines"
ALTER TABLE `invoice_lines` ADD COLUMN `service_instance_id` uuid NULL;
-- Create "product_offers" table
CREATE TABLE `product_offers` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `monthly_price_cents` integer NOT NULL, `currency` text NOT NULL DEFAULT ('EUR'), `minimum_term_months` integer NOT NULL DEFAULT (0), `notice_period_days` integer NOT NULL DEFAULT (0), `description` text NOT NULL DEFAULT (''), `bookable` bool NOT NULL DEFAULT (false), `retire_time` datetime NULL, `billing_entity_id` uuid NOT NULL, `catalog_item_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `product_offers_billing_entities_billing_entity` FOREIGN KEY (`billing_entity_id`) REFERENCES `billing_entities` (`id`) ON DELETE NO ACTION, CONSTRAINT `product_offers_catalog_items_catalog_item` FOREIGN KEY (`catalog_item_id`) REFERENCES `catalog_items` (`id`) ON DELETE NO ACTION);
-- Create index "productoffer_billing_entity_id_catalog_item_id" to table: "product_offers"
CREATE UNIQUE INDEX `productoffer_billing_entity_id_catalog_item_id` ON `product_offers` (`billing_entity_id`, `catalog_item_id`);
-- Create index "productoffer_catalog_item_id" to table: "product_offers"
CREATE INDEX `productoffer_catalog_item_id` ON `product_offers` (`catalog_item_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
