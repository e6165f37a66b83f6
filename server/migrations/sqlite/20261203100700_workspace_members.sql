-- Add column "workspace_id" to table: "alerts"
ALTER TABLE `alerts` ADD COLUMN `workspace_id` uuid NULL;
-- Create "workspace_members" table
CREATE TABLE `workspace_members` (`id` uuid NOT NULL, `create_time` datetime NOT NULL, `workspace_id` uuid NOT NULL, `user_id` uuid NOT NULL, `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `workspace_members_workspaces_workspace` FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`) ON DELETE NO ACTION, CONSTRAINT `workspace_members_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION, CONSTRAINT `workspace_members_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Create index "workspacemember_workspace_id_user_id" to table: "workspace_members"
CREATE UNIQUE INDEX `workspacemember_workspace_id_user_id` ON `workspace_members` (`workspace_id`, `user_id`);
-- Create index "workspacemember_user_id" to table: "workspace_members"
CREATE INDEX `workspacemember_user_id` ON `workspace_members` (`user_id`);
