import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Stack, Text } from "@mantine/core";
import {
  DunningNoticeStatus,
  type DunningNotice,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { actionsColumn, type Column } from "@/components/data-table/DataTable";
import { DateTimeCell } from "@/components/data-table/TimeCells";
import classes from "@/components/data-table/columns.module.css";
import { AnchorLink } from "@/components/ui/links";
import { ServerText } from "@/components/ui/ServerText";
import { formatCivilDate } from "@/lib/format";
import type { I18n, MessageKey } from "@/lib/i18n/i18n";
import { DunningLevelBadge, NoticeStatusBadge } from "./DunningBadges";
import { NoticePdfButton } from "./NoticePdfButton";

/** What the line under a notice's status says of its e-mail. */
const deliveryKey: Record<DunningNoticeStatus, MessageKey> = {
  [DunningNoticeStatus.UNSPECIFIED]: "payments.dunning.delivery.QUEUED",
  [DunningNoticeStatus.QUEUED]: "payments.dunning.delivery.QUEUED",
  [DunningNoticeStatus.SENT]: "payments.dunning.delivery.SENT",
  [DunningNoticeStatus.FAILED]: "payments.dunning.delivery.FAILED",
  [DunningNoticeStatus.WITHDRAWN]: "payments.dunning.delivery.WITHDRAWN",
};

/**
 * The columns of a list of dunning notices. Where a list shows one
 * organization's or one invoice's notices, its own columns are left out;
 * compact lists (an organization's latest notices, an invoice's) leave out
 * when each notice was written.
 */
export function noticeColumns(
  i18n: I18n,
  {
    organization = true,
    invoice = true,
    open = true,
    created = true,
  }: { organization?: boolean; invoice?: boolean; open?: boolean; created?: boolean } = {},
): Column<DunningNotice>[] {
  const { t, locale, formatMoney, formatDateTime } = i18n;
  const dash = <span className={classes.dimmed}>—</span>;
  const money = (n: DunningNotice, cents: bigint) => (
    <span className={`tabular-nums ${classes.nowrap}`}>
      {formatMoney(cents, n.currency || "EUR")}
    </span>
  );
  const day = (value: string) =>
    value ? <span className={classes.nowrap}>{formatCivilDate(value, locale)}</span> : dash;

  const columns: Column<DunningNotice>[] = [];
  if (organization) {
    columns.push({
      id: "organization",
      header: t("payments.dunning.col.organization"),
      cell: (n) => (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: n.organizationId }}
          search={{ tab: "payments" }}
          fz="sm"
          fw={600}
          lineClamp={1}
          title={n.organizationName}
        >
          {n.organizationName || n.organizationId}
        </AnchorLink>
      ),
    });
  }
  if (invoice) {
    columns.push({
      id: "invoice",
      header: t("payments.dunning.col.invoice"),
      width: 150,
      cell: (n) => (
        <AnchorLink
          to="/invoices/$invoiceId"
          params={{ invoiceId: n.invoiceId }}
          fz="sm"
          className={classes.nowrap}
        >
          {n.invoiceNumber || n.invoiceId}
        </AnchorLink>
      ),
    });
  }
  columns.push(
    {
      id: "level",
      header: t("payments.dunning.col.level"),
      width: 150,
      keepOnMobile: true,
      cell: (n) => <DunningLevelBadge level={n.level} />,
    },
    {
      id: "issueDate",
      header: t("payments.dunning.col.issueDate"),
      width: 115,
      cell: (n) => day(n.issueDate),
    },
    {
      id: "payBy",
      header: t("payments.dunning.col.payBy"),
      width: 115,
      hideOnMobile: true,
      cell: (n) => day(n.payBy),
    },
  );
  if (open) {
    columns.push({
      id: "open",
      header: t("payments.dunning.col.open"),
      width: 110,
      align: "right",
      hideOnMobile: true,
      cell: (n) => money(n, n.openCents),
    });
  }
  columns.push(
    {
      id: "fee",
      header: t("payments.dunning.col.fee"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (n) =>
        n.feeCents > 0n ? (
          <Stack gap={0} align="flex-end">
            {money(n, n.feeCents)}
            {n.feeInvoiceId && (
              <AnchorLink
                to="/invoices/$invoiceId"
                params={{ invoiceId: n.feeInvoiceId }}
                fz="xs"
                className={classes.nowrap}
                aria-label={t("payments.dunning.feeInvoiceLabel", {
                  number: n.feeInvoiceNumber || n.feeInvoiceId,
                })}
              >
                {n.feeInvoiceNumber || n.feeInvoiceId}
              </AnchorLink>
            )}
          </Stack>
        ) : (
          dash
        ),
    },
    {
      id: "status",
      header: t("payments.dunning.col.status"),
      width: 210,
      hideOnMobile: true,
      cell: (n) => (
        <Stack gap={2} align="flex-start">
          <NoticeStatusBadge status={n.status} />
          {/* A sent notice's answer is the server's receipt: kept in the title, not the row. */}
          <Text
            fz="xs"
            c="dimmed"
            lineClamp={1}
            title={
              n.status === DunningNoticeStatus.SENT && n.answer ? `${n.to}: ${n.answer}` : n.to
            }
          >
            {t(deliveryKey[n.status] ?? "payments.dunning.delivery.QUEUED", {
              to: n.to || "—",
              attempts: n.attempts,
            })}
          </Text>
          {n.answer && n.status !== DunningNoticeStatus.SENT && (
            <ServerText text={n.answer} fz="xs" c="dimmed" lineClamp={2} />
          )}
          {n.nextAttemptTime && (
            <Text fz="xs" c="dimmed">
              {t("payments.dunning.nextAttempt", {
                time: formatDateTime(timestampDate(n.nextAttemptTime)),
              })}
            </Text>
          )}
        </Stack>
      ),
    },
  );
  if (created) {
    columns.push({
      id: "created",
      header: t("payments.dunning.col.created"),
      width: 150,
      hideOnMobile: true,
      cell: (n) => <DateTimeCell time={n.createTime} fallback={dash} />,
    });
  }
  columns.push(actionsColumn<DunningNotice>((n) => <NoticePdfButton notice={n} />, 90));
  return columns;
}
