import { createFileRoute } from "@tanstack/react-router";
import { OrganizationDetailPage } from "@/features/organizations/OrganizationDetailPage";
import { organizationDetailSearchSchema } from "@/features/organizations/search";
import { OrganizationServices } from "@/features/services/components/OrganizationServices";
import { requirePermission, Permission } from "@/lib/route-guards";

// The page of another area's list (its services) is composed here, where
// both areas meet: features do not import each other.
function OrganizationPage() {
  return (
    <OrganizationDetailPage
      servicesTab={(org) => (
        <OrganizationServices organizationId={org.id} bookable={org.bookable} />
      )}
    />
  );
}

export const Route = createFileRoute("/_app/organizations/$organizationId")({
  validateSearch: organizationDetailSearchSchema,
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  component: OrganizationPage,
});
