-- Create "service_credentials" table
CREATE TABLE `service_credentials` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `update_time` datetime NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL, `sealed_value` blob NOT NULL, `updated_by_id` uuid NULL, `updated_by_email` text NOT NULL DEFAULT (''), `service_instance_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `service_credentials_service_instances_service_instance` FOREIGN KEY (`service_instance_id`) REFERENCES `service_instances` (`id`) ON DELETE NO ACTION);
-- Create index "servicecredential_service_instance_id_name" to table: "service_credentials"
CREATE UNIQUE INDEX `servicecredential_service_instance_id_name` ON `service_credentials` (`service_instance_id`, `name`);
