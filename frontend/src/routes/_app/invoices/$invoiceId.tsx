import { createFileRoute } from "@tanstack/react-router";
import { InvoiceDetailPage } from "@/features/invoices/InvoiceDetailPage";
import { InvoiceDunning } from "@/features/payments/components/InvoiceDunning";
import { InvoicePayments } from "@/features/payments/components/InvoicePayments";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

// The invoice's payments (what is paid and open, recording a payment) and
// its dunning notices are the payments area's, composed here: features do
// not import each other.
function InvoicePage() {
  return (
    <InvoiceDetailPage
      payments={(invoice) => <InvoicePayments invoice={invoice} />}
      dunning={(invoice) => <InvoiceDunning invoiceId={invoice.id} />}
    />
  );
}

export const Route = createFileRoute("/_app/invoices/$invoiceId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.INVOICES_READ),
  // With the texts of the payments and dunning sections composed here.
  loader: () => loadTexts("invoices", "payments"),
  component: InvoicePage,
});
