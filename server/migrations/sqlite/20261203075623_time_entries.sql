-- Create "time_entries" table
CREATE TABLE `time_entries` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `date` datetime NOT NULL, `minutes` integer NOT NULL, `description` text NOT NULL DEFAULT (''), `billable` bool NOT NULL DEFAULT (true), `start_time` datetime NULL, `invoice_time` datetime NULL, `invoice_id` uuid NULL, `order_id` uuid NOT NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `time_entries_orders_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE NO ACTION, CONSTRAINT `time_entries_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "timeentry_order_id_date_id" to table: "time_entries"
CREATE INDEX `timeentry_order_id_date_id` ON `time_entries` (`order_id`, `date`, `id`);
-- Create index "timeentry_organization_id_billable_invoice_time" to table: "time_entries"
CREATE INDEX `timeentry_organization_id_billable_invoice_time` ON `time_entries` (`organization_id`, `billable`, `invoice_time`);
-- Create index "timeentry_user_id_start_time" to table: "time_entries"
CREATE INDEX `timeentry_user_id_start_time` ON `time_entries` (`user_id`, `start_time`);
