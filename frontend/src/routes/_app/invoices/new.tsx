import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ManualInvoicePage } from "@/features/invoices/ManualInvoicePage";
import { newInvoiceSearchDefaults, newInvoiceSearchSchema } from "@/features/invoices/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/invoices/new")({
  validateSearch: newInvoiceSearchSchema,
  search: { middlewares: [stripSearchParams(newInvoiceSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.INVOICES_WRITE),
  loader: () => loadTexts("invoices"),
  component: ManualInvoicePage,
});
