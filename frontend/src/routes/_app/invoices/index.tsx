import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { InvoicesPage } from "@/features/invoices/InvoicesPage";
import { invoicesSearchDefaults, invoicesSearchSchema } from "@/features/invoices/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/invoices/")({
  validateSearch: invoicesSearchSchema,
  search: { middlewares: [stripSearchParams(invoicesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.INVOICES_READ),
  loader: () => loadTexts("invoices"),
  component: InvoicesPage,
});
