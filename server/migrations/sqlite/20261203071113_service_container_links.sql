-- Create "service_container_links" table
CREATE TABLE `service_container_links` (`id` uuid NOT NULL, `organization_id` uuid NOT NULL, `role` text NOT NULL, `primary` bool NOT NULL DEFAULT (false), `create_time` datetime NOT NULL, `service_instance_id` uuid NOT NULL, `container_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `service_container_links_service_instances_service_instance` FOREIGN KEY (`service_instance_id`) REFERENCES `service_instances` (`id`) ON DELETE NO ACTION, CONSTRAINT `service_container_links_containers_container` FOREIGN KEY (`container_id`) REFERENCES `containers` (`id`) ON DELETE NO ACTION);
-- Create index "servicecontainerlink_container_id" to table: "service_container_links"
CREATE UNIQUE INDEX `servicecontainerlink_container_id` ON `service_container_links` (`container_id`);
-- Create index "servicecontainerlink_service_instance_id_primary" to table: "service_container_links"
CREATE INDEX `servicecontainerlink_service_instance_id_primary` ON `service_container_links` (`service_instance_id`, `primary`);
