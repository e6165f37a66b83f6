import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { loadOrganizationList } from "@/features/organizations/api/organizations";
import { OrganizationsPage } from "@/features/organizations/OrganizationsPage";
import {
  organizationsSearchDefaults,
  organizationsSearchSchema,
} from "@/features/organizations/search";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/organizations/")({
  validateSearch: organizationsSearchSchema,
  search: { middlewares: [stripSearchParams(organizationsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps, cause }) =>
    loadOrganizationList(context.queryClient, context.transport, deps, cause === "enter"),
  component: OrganizationsPage,
});
