-- Create "alerts" table
CREATE TABLE `alerts` (`id` uuid NOT NULL, `priority` text NOT NULL, `text` text NOT NULL, `reporter_id` uuid NULL, `reporter_email` text NOT NULL DEFAULT (''), `status` text NOT NULL DEFAULT ('OPEN'), `acknowledge_time` datetime NULL, `acknowledged_by_email` text NOT NULL DEFAULT (''), `resolve_time` datetime NULL, `resolved_by_email` text NOT NULL DEFAULT (''), `resolution` text NOT NULL DEFAULT (''), `create_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `service_instance_id` uuid NULL, `label_id` uuid NOT NULL, `order_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `alerts_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `alerts_service_instances_service_instance` FOREIGN KEY (`service_instance_id`) REFERENCES `service_instances` (`id`) ON DELETE SET NULL, CONSTRAINT `alerts_alert_labels_label` FOREIGN KEY (`label_id`) REFERENCES `alert_labels` (`id`) ON DELETE NO ACTION, CONSTRAINT `alerts_orders_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE SET NULL);
-- Create index "alert_create_time_id" to table: "alerts"
CREATE INDEX `alert_create_time_id` ON `alerts` (`create_time`, `id`);
-- Create index "alert_organization_id_status" to table: "alerts"
CREATE INDEX `alert_organization_id_status` ON `alerts` (`organization_id`, `status`);
-- Create index "alert_service_instance_id" to table: "alerts"
CREATE INDEX `alert_service_instance_id` ON `alerts` (`service_instance_id`);
-- Create index "alert_status_priority" to table: "alerts"
CREATE INDEX `alert_status_priority` ON `alerts` (`status`, `priority`);
-- Create index "alert_reporter_id_create_time" to table: "alerts"
CREATE INDEX `alert_reporter_id_create_time` ON `alerts` (`reporter_id`, `create_time`);
-- Create "alert_labels" table
CREATE TABLE `alert_labels` (`id` uuid NOT NULL, `name` text NOT NULL, `position` integer NOT NULL, `retire_time` datetime NULL, `create_time` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "alertlabel_name" to table: "alert_labels"
CREATE UNIQUE INDEX `alertlabel_name` ON `alert_labels` (`name`);
-- Create "feedbacks" table
CREATE TABLE `feedbacks` (`id` uuid NOT NULL, `user_email` text NOT NULL DEFAULT (''), `rating` integer NOT NULL, `text` text NOT NULL DEFAULT (''), `area` text NOT NULL DEFAULT (''), `create_time` datetime NOT NULL, `review_time` datetime NULL, `reviewed_by_email` text NOT NULL DEFAULT (''), `review_note` text NOT NULL DEFAULT (''), `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `feedbacks_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Create index "feedback_create_time_id" to table: "feedbacks"
CREATE INDEX `feedback_create_time_id` ON `feedbacks` (`create_time`, `id`);
-- Create index "feedback_review_time" to table: "feedbacks"
CREATE INDEX `feedback_review_time` ON `feedbacks` (`review_time`);
-- Create index "feedback_user_id_create_time" to table: "feedbacks"
CREATE INDEX `feedback_user_id_create_time` ON `feedbacks` (`user_id`, `create_time`);
