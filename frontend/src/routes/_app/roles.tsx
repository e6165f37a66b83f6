import { createFileRoute } from "@tanstack/react-router";
import { RolesPage } from "@/features/roles/RolesPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/roles")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.MEMBERS_READ),
  loader: () => loadTexts("roles"),
  component: RolesPage,
});
