import { createFileRoute } from "@tanstack/react-router";
import { OrganizationContract } from "@/features/contracts/components/OrganizationContract";
import { NextInvoicePreview } from "@/features/invoices/components/NextInvoicePreview";
import { OrganizationInvoices } from "@/features/invoices/components/OrganizationInvoices";
import { OrganizationOrders } from "@/features/orders/components/OrganizationOrders";
import { OrganizationDetailPage } from "@/features/organizations/OrganizationDetailPage";
import { BillingDates } from "@/features/organizations/components/BillingDates";
import { organizationDetailSearchSchema } from "@/features/organizations/search";
import { OrganizationPayments } from "@/features/payments/components/OrganizationPayments";
import { OrganizationServices } from "@/features/services/components/OrganizationServices";
import { OrganizationTraining } from "@/features/training/components/OrganizationTraining";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

// The pages of other areas (its services, its orders, its contract with
// the next invoice it makes, its invoices, its payments with its balance
// and dunning, its people's trainings) are composed here, where the areas meet: features do not
// import each other.
function OrganizationPage() {
  return (
    <OrganizationDetailPage
      servicesTab={(org) => (
        <OrganizationServices organizationId={org.id} bookable={org.bookable} />
      )}
      ordersTab={(org) => <OrganizationOrders organizationId={org.id} open={org.open} />}
      contractTab={(org) => (
        <OrganizationContract
          organization={org}
          billingDates={<BillingDates organizationId={org.id} />}
          nextInvoice={<NextInvoicePreview organizationId={org.id} compact />}
        />
      )}
      invoicesTab={(org) => <OrganizationInvoices organizationId={org.id} />}
      paymentsTab={(org) => <OrganizationPayments organizationId={org.id} />}
      trainingTab={(org) => <OrganizationTraining organizationId={org.id} />}
    />
  );
}

export const Route = createFileRoute("/_app/organizations/$organizationId")({
  validateSearch: organizationDetailSearchSchema,
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  // With the texts of the services, orders, contract (and the effects of its changes), invoices
  // payments and training tabs composed here.
  loader: () =>
    loadTexts(
      "organizations",
      "services",
      "orders",
      "contracts",
      "effects",
      "invoices",
      "payments",
      "training",
    ),
  component: OrganizationPage,
});
