import { createFileRoute } from "@tanstack/react-router";
import { BillingEntitiesPage } from "@/features/resellers/BillingEntitiesPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/billing-entities/")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.BILLING_ENTITIES_READ),
  loader: () => loadTexts("resellers"),
  component: BillingEntitiesPage,
});
