import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { loadOrganizationList } from "@/features/organizations/api/organizations";
import { OrganizationsPage } from "@/features/organizations/OrganizationsPage";
import {
  organizationsSearchDefaults,
  organizationsSearchSchema,
} from "@/features/organizations/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/organizations/")({
  validateSearch: organizationsSearchSchema,
  search: { middlewares: [stripSearchParams(organizationsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps, cause }) =>
    Promise.all([
      loadTexts("organizations"),
      loadOrganizationList(context.queryClient, context.transport, deps, cause === "enter"),
    ]),
  component: OrganizationsPage,
});
