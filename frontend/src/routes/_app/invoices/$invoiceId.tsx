import { createFileRoute } from "@tanstack/react-router";
import { InvoiceDetailPage } from "@/features/invoices/InvoiceDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/invoices/$invoiceId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.INVOICES_READ),
  loader: () => loadTexts("invoices"),
  component: InvoiceDetailPage,
});
