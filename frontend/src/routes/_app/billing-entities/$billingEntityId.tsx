import { createFileRoute } from "@tanstack/react-router";
import { BillingEntityDetailPage } from "@/features/resellers/BillingEntityDetailPage";
import { billingEntitySearchSchema } from "@/features/resellers/search";
import { BillingEntitySettings } from "@/features/settings/BillingEntitySettings";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

// A reseller's invoicing details and payment accounts are the settings'
// sections, naming the entity; composed here, where the areas meet.
function BillingEntityPage() {
  return (
    <BillingEntityDetailPage
      settingsTab={(entity, canWrite) => (
        <BillingEntitySettings billingEntityId={entity.id} canWrite={canWrite} />
      )}
    />
  );
}

export const Route = createFileRoute("/_app/billing-entities/$billingEntityId")({
  validateSearch: billingEntitySearchSchema,
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.BILLING_ENTITIES_READ),
  loader: () => loadTexts("resellers", "settings"),
  component: BillingEntityPage,
});
