import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { PageHeader } from "@/components/ui/PageHeader";
import { useI18n } from "@/lib/i18n/i18n";
import { ManualInvoiceForm } from "./components/ManualInvoiceForm";

const route = getRouteApi("/_app/invoices/new");

/** ManualInvoicePage issues an invoice of lines typed in, with the server's totals as one types. */
export function ManualInvoicePage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: t("invoices.title"), to: "/invoices" }]}
        title={t("invoices.manual.title")}
        description={t("invoices.manual.description")}
      />
      <ManualInvoiceForm
        variant="page"
        organization={search.organization}
        onIssued={(issued) => {
          if (issued) {
            void navigate({ to: "/invoices/$invoiceId", params: { invoiceId: issued.id } });
          }
        }}
        onCancel={() => void navigate({ to: "/invoices" })}
      />
    </>
  );
}
