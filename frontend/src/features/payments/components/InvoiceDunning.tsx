import { useMemo } from "react";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { useInvoiceDunningNotices } from "../api/dunning";
import { noticeColumns } from "./dunningColumns";

/**
 * InvoiceDunning is the Dunning section of an invoice's page: the notices
 * written about it, the latest first, each with its fee (and the invoice
 * that bills it), where its e-mail is, and its letter. An invoice never
 * chased has no such section.
 */
export function InvoiceDunning({ invoiceId }: { invoiceId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useInvoiceDunningNotices(invoiceId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.notices) ?? [], [list.data]);
  const columns = useMemo(
    () => noticeColumns(i18n, { organization: false, invoice: false, open: false, created: false }),
    [i18n],
  );
  if (rows.length === 0) return null;
  return (
    <Section title={t("payments.dunning.invoice.title")} padding={0}>
      <div data-testid="invoice-dunning">
        <DataTable
          label={t("payments.dunning.invoice.title")}
          columns={columns}
          rows={rows}
          rowKey={(n) => n.id}
          {...pagingProps(list)}
          dense
          total={list.data?.pages[0]?.totalSize}
          noun={{
            one: "payments.dunning.count.one",
            other: "payments.dunning.count.other",
            showing: "payments.dunning.count.showing",
          }}
        />
      </div>
    </Section>
  );
}
