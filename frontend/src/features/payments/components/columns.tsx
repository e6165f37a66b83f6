import type { Payment } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import classes from "@/components/data-table/columns.module.css";
import { AnchorLink } from "@/components/ui/links";
import { formatCivilDate } from "@/lib/format";
import type { I18n } from "@/lib/i18n/i18n";
import { methodKey } from "../payment";
import { PaymentStatusBadge } from "./PaymentStatusBadge";

/**
 * The payments list's columns. Where a list shows one organization's or
 * one invoice's payments, its own column is left out.
 */
export function paymentColumns(
  i18n: I18n,
  { organization = true, invoice = true }: { organization?: boolean; invoice?: boolean } = {},
): Column<Payment>[] {
  const { t, locale, formatMoney } = i18n;
  const money = (p: Payment, cents: bigint) => (
    <span className={`tabular-nums ${classes.nowrap}`}>
      {formatMoney(cents, p.currency || "EUR")}
    </span>
  );
  const columns: Column<Payment>[] = [
    {
      id: "valueDate",
      header: t("payments.col.valueDate"),
      width: 135,
      cell: (p) => (
        <RowLink to="/payments/$paymentId" params={{ paymentId: p.id }}>
          {formatCivilDate(p.valueDate, locale)}
        </RowLink>
      ),
    },
  ];
  if (organization) {
    columns.push({
      id: "organization",
      header: t("payments.col.organization"),
      hideOnMobile: true,
      cell: (p) => (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: p.organizationId }}
          fz="sm"
          lineClamp={1}
          title={p.organizationName}
        >
          {p.organizationName || p.organizationId}
        </AnchorLink>
      ),
    });
  }
  if (invoice) {
    columns.push({
      id: "invoice",
      header: t("payments.col.invoice"),
      width: 150,
      hideOnMobile: true,
      cell: (p) => (
        <AnchorLink
          to="/invoices/$invoiceId"
          params={{ invoiceId: p.invoiceId }}
          fz="sm"
          className={classes.nowrap}
        >
          {p.invoiceNumber || p.invoiceId}
        </AnchorLink>
      ),
    });
  }
  columns.push(
    {
      id: "method",
      header: t("payments.col.method"),
      width: 120,
      hideOnMobile: true,
      cell: (p) => <span className={classes.nowrap}>{t(methodKey[p.method])}</span>,
    },
    {
      id: "status",
      header: t("payments.col.status"),
      width: 160,
      keepOnMobile: true,
      cell: (p) => <PaymentStatusBadge status={p.status} />,
    },
    {
      id: "amount",
      header: t("payments.col.amount"),
      width: 110,
      align: "right",
      keepOnMobile: true,
      cell: (p) => money(p, p.amountCents),
    },
    {
      id: "refunded",
      header: t("payments.col.refunded"),
      width: 100,
      align: "right",
      hideOnMobile: true,
      cell: (p) =>
        p.refundedCents > 0n ? (
          money(p, p.refundedCents)
        ) : (
          <span className={classes.dimmed}>—</span>
        ),
    },
    {
      id: "reference",
      header: t("payments.col.reference"),
      hideOnMobile: true,
      cell: (p) =>
        p.reference ? (
          <span className={`${classes.text} ${classes.truncate}`} title={p.reference}>
            {p.reference}
          </span>
        ) : (
          <span className={classes.dimmed}>—</span>
        ),
    },
  );
  return columns;
}
