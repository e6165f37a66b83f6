import type { Invoice } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { AnchorLink } from "@/components/ui/links";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "./InvoiceLines.module.css";
import { formatDay, formatPeriod, kindKey } from "../money";
import { InvoiceStatusBadge } from "./InvoiceBadges";

/** The invoices list's columns; withOrganization: the list spans organizations. */
export function invoiceColumns(i18n: I18n, withOrganization = true): Column<Invoice>[] {
  const { t, locale, formatMoney } = i18n;
  const money = (inv: Invoice, cents: bigint) => (
    <span className={`tabular-nums ${classes.nowrap}`}>
      {formatMoney(cents, inv.currency || "EUR")}
    </span>
  );
  const columns: Column<Invoice>[] = [
    {
      id: "number",
      header: t("invoices.col.number"),
      width: 150,
      cell: (inv) => (
        <RowLink to="/invoices/$invoiceId" params={{ invoiceId: inv.id }}>
          {inv.number}
        </RowLink>
      ),
    },
  ];
  if (withOrganization) {
    columns.push({
      id: "organization",
      header: t("invoices.col.organization"),
      hideOnMobile: true,
      cell: (inv) => (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: inv.organizationId }}
          fz="sm"
          lineClamp={1}
          title={inv.organizationName}
        >
          {inv.organizationName || inv.organizationId}
        </AnchorLink>
      ),
    });
  }
  columns.push(
    {
      id: "kind",
      header: t("invoices.col.kind"),
      width: 90,
      hideOnMobile: true,
      cell: (inv) => t(kindKey[inv.kind]),
    },
    {
      id: "status",
      header: t("invoices.col.status"),
      width: 100,
      keepOnMobile: true,
      cell: (inv) => <InvoiceStatusBadge status={inv.status} kind={inv.kind} />,
    },
    {
      id: "issued",
      header: t("invoices.col.issueDate"),
      width: 110,
      hideOnMobile: true,
      cell: (inv) => <span className={classes.nowrap}>{formatDay(inv.issueDate, locale)}</span>,
    },
    {
      id: "due",
      header: t("invoices.col.dueDate"),
      width: 110,
      hideOnMobile: true,
      cell: (inv) => (
        // A cancellation invoice (nothing to pay) has no due date to show.
        <span className={classes.nowrap}>
          {inv.grossCents > 0n ? formatDay(inv.dueDate, locale) : "—"}
        </span>
      ),
    },
    {
      id: "period",
      header: t("invoices.col.period"),
      width: 210,
      hideOnMobile: true,
      cell: (inv) => (
        <span className={`${classes.dimmed} ${classes.nowrap}`}>
          {formatPeriod(inv.periodStart, inv.periodEnd, locale) || "—"}
        </span>
      ),
    },
    {
      id: "net",
      header: t("invoices.col.net"),
      width: 95,
      align: "right",
      hideOnMobile: true,
      cell: (inv) => money(inv, inv.netCents),
    },
    {
      id: "gross",
      header: t("invoices.col.gross"),
      width: 100,
      align: "right",
      hideOnMobile: true,
      cell: (inv) => money(inv, inv.grossCents),
    },
  );
  return columns;
}
