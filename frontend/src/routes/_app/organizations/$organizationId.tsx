import { createFileRoute } from "@tanstack/react-router";
import { OrganizationDetailPage } from "@/features/organizations/OrganizationDetailPage";
import { organizationDetailSearchSchema } from "@/features/organizations/search";
import { OrganizationServices } from "@/features/services/components/OrganizationServices";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

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
  // With the texts of the services tab composed here.
  loader: () => loadTexts("organizations", "services"),
  component: OrganizationPage,
});
