import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { BillingRunPage } from "@/features/invoices/BillingRunPage";
import { billingRunSearchDefaults, billingRunSearchSchema } from "@/features/invoices/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/invoices/run")({
  validateSearch: billingRunSearchSchema,
  search: { middlewares: [stripSearchParams(billingRunSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.INVOICES_READ),
  loader: () => loadTexts("invoices"),
  component: BillingRunPage,
});
