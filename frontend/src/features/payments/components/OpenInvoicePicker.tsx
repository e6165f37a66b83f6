import { Alert, Select, Skeleton } from "@mantine/core";
import {
  InvoiceStatus,
  type Invoice,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { QueryError } from "@/components/ui/QueryError";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { useOpenInvoices } from "../api/payments";
import { openOf } from "./RecordPaymentModal";

/**
 * OpenInvoicePicker picks one of an organization's invoices still to pay,
 * each named by its number, what is open of it and its due date (overdue
 * ones say so); the latest is picked at first. While the invoices load it
 * is a placeholder; without any it says so, and `children` are not shown.
 */
export function OpenInvoicePicker({
  organizationId,
  value,
  onChange,
  children,
}: {
  organizationId: string;
  /** The invoice picked (inv_…); "" for the latest. */
  value: string;
  onChange: (id: string) => void;
  /** What to do with the picked invoice. */
  children: (invoice: Invoice) => React.ReactNode;
}) {
  const { t, locale, formatMoney } = useI18n();
  const { query, invoices } = useOpenInvoices(organizationId);
  if (query.isPending) return <Skeleton height={60} />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (invoices.length === 0) {
    return (
      <Alert color="gray" variant="light">
        {t("payments.account.noOpenInvoices")}
      </Alert>
    );
  }
  const picked = invoices.find((i) => i.id === value) ?? invoices[0]!;
  return (
    <>
      <Select
        label={t("payments.account.invoice")}
        withAsterisk
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data={invoices.map((i) => ({
          value: i.id,
          label: t(
            i.status === InvoiceStatus.OVERDUE
              ? "payments.account.invoiceOverdue"
              : "payments.account.invoiceOption",
            {
              number: i.number,
              open: formatMoney(openOf(i), i.currency || "EUR"),
              due: formatCivilDate(i.dueDate, locale),
            },
          ),
        }))}
        value={picked.id}
        onChange={(id) => id && onChange(id)}
      />
      {children(picked)}
    </>
  );
}
