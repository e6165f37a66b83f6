-- Create "discounts" table
CREATE TABLE `discounts` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `workspace_id` uuid NULL, `name` text NOT NULL, `basis_points` integer NOT NULL, `start_date` text NOT NULL, `end_date` text NULL, `reason` text NOT NULL DEFAULT (''), `created_by_email` text NOT NULL DEFAULT (''), `end_reason` text NOT NULL DEFAULT (''), `ended_by_email` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "discount_organization_id" to table: "discounts"
CREATE INDEX `discount_organization_id` ON `discounts` (`organization_id`);
