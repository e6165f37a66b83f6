-- Create "order_processes" table
CREATE TABLE `order_processes` (`id` uuid NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL, `create_time` datetime NOT NULL, `order_id` uuid NOT NULL, `template_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `order_processes_orders_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE NO ACTION, CONSTRAINT `order_processes_process_templates_template` FOREIGN KEY (`template_id`) REFERENCES `process_templates` (`id`) ON DELETE SET NULL);
-- Create index "orderprocess_order_id_create_time" to table: "order_processes"
CREATE INDEX `orderprocess_order_id_create_time` ON `order_processes` (`order_id`, `create_time`);
-- Create "process_steps" table
CREATE TABLE `process_steps` (`id` uuid NOT NULL, `organization_id` uuid NOT NULL, `position` integer NOT NULL, `title` text NOT NULL, `done_time` datetime NULL, `done_by_id` uuid NULL, `done_by_email` text NOT NULL DEFAULT (''), `process_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `process_steps_order_processes_process` FOREIGN KEY (`process_id`) REFERENCES `order_processes` (`id`) ON DELETE NO ACTION);
-- Create index "processstep_process_id_position" to table: "process_steps"
CREATE UNIQUE INDEX `processstep_process_id_position` ON `process_steps` (`process_id`, `position`);
-- Create "process_templates" table
CREATE TABLE `process_templates` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `steps` json NOT NULL, PRIMARY KEY (`id`));
-- Create index "processtemplate_name" to table: "process_templates"
CREATE UNIQUE INDEX `processtemplate_name` ON `process_templates` (`name`);
