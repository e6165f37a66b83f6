-- Create "catalog_items" table
CREATE TABLE `catalog_items` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `search_key` text NOT NULL DEFAULT (''), `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `category` text NOT NULL, `monthly_price_cents` integer NOT NULL, `currency` text NOT NULL DEFAULT ('EUR'), `estimated_storage_gb` integer NOT NULL DEFAULT (0), `setup_time_minutes` integer NOT NULL DEFAULT (0), `icon` text NOT NULL DEFAULT (''), `bookable` bool NOT NULL DEFAULT (false), `retire_time` datetime NULL, PRIMARY KEY (`id`));
-- Create index "catalogitem_search_key" to table: "catalog_items"
CREATE INDEX `catalogitem_search_key` ON `catalog_items` (`search_key`);
-- Create index "catalogitem_name" to table: "catalog_items"
CREATE UNIQUE INDEX `catalogitem_name` ON `catalog_items` (`name`);
-- Create index "catalogitem_icon" to table: "catalog_items"
CREATE INDEX `catalogitem_icon` ON `catalog_items` (`icon`);
