-- Create "dashboard_layouts" table
CREATE TABLE `dashboard_layouts` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `user_id` uuid NOT NULL, `widgets` json NOT NULL, PRIMARY KEY (`id`));
-- Create index "dashboard_layouts_user_id_key" to table: "dashboard_layouts"
CREATE UNIQUE INDEX `dashboard_layouts_user_id_key` ON `dashboard_layouts` (`user_id`);
-- Create "saved_views" table
CREATE TABLE `saved_views` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `user_id` uuid NOT NULL, `team_id` uuid NULL, `page` text NOT NULL, `name` text NOT NULL, `parameters` json NOT NULL, `columns` json NOT NULL, `shared` bool NOT NULL DEFAULT (false), PRIMARY KEY (`id`));
-- Create index "savedview_user_id_page_name" to table: "saved_views"
CREATE UNIQUE INDEX `savedview_user_id_page_name` ON `saved_views` (`user_id`, `page`, `name`);
-- Create index "savedview_page_team_id" to table: "saved_views"
CREATE INDEX `savedview_page_team_id` ON `saved_views` (`page`, `team_id`);
