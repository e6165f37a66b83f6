import { createFileRoute } from "@tanstack/react-router";
import { RolesPage } from "@/features/roles/RolesPage";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/roles")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.MEMBERS_READ),
  component: RolesPage,
});
