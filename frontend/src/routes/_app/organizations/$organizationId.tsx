import { createFileRoute } from "@tanstack/react-router";
import { OrganizationDetailPage } from "@/features/organizations/OrganizationDetailPage";
import { organizationDetailSearchSchema } from "@/features/organizations/search";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/organizations/$organizationId")({
  validateSearch: organizationDetailSearchSchema,
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  component: OrganizationDetailPage,
});
