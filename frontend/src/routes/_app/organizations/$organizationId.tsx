import { createFileRoute } from "@tanstack/react-router";
import { OrganizationInvoices } from "@/features/invoices/components/OrganizationInvoices";
import { OrganizationOrders } from "@/features/orders/components/OrganizationOrders";
import { OrganizationDetailPage } from "@/features/organizations/OrganizationDetailPage";
import { organizationDetailSearchSchema } from "@/features/organizations/search";
import { OrganizationServices } from "@/features/services/components/OrganizationServices";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

// The pages of other areas' lists (its services, its orders) are composed
// here, where the areas meet: features do not import each other.
function OrganizationPage() {
  return (
    <OrganizationDetailPage
      servicesTab={(org) => (
        <OrganizationServices organizationId={org.id} bookable={org.bookable} />
      )}
      ordersTab={(org) => <OrganizationOrders organizationId={org.id} open={org.open} />}
      invoicesTab={(org) => <OrganizationInvoices organizationId={org.id} />}
    />
  );
}

export const Route = createFileRoute("/_app/organizations/$organizationId")({
  validateSearch: organizationDetailSearchSchema,
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  // With the texts of the services and orders tabs composed here.
  loader: () => loadTexts("organizations", "services", "orders", "invoices"),
  component: OrganizationPage,
});
