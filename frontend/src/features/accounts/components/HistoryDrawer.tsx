import { Skeleton, Stack, Table, Text } from "@mantine/core";
import { IconChartBar } from "@tabler/icons-react";
import { lazy, Suspense } from "react";
import type { AccountMonth } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { RecordDrawer } from "@/components/ui/RecordDrawer";
import { formatGigabytes } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { useAccountHistory } from "../api/accounts";
import { formatMonth } from "@/lib/format";
import { RevenueClassBadge } from "./RevenueClassBadge";
import classes from "./Accounts.module.css";

// The chart library is large: it loads only when a chart is shown.
const HistoryChart = lazy(() =>
  import("./HistoryChart").then((m) => ({ default: m.HistoryChart })),
);

/**
 * HistoryDrawer shows an account's last twelve months up to the month of
 * the rollup, beside it: a chart of its MRR and what it was invoiced, and
 * each month's figures.
 */
export function HistoryDrawer({
  organizationId,
  name,
  month,
  onClose,
}: {
  /** The account whose months to show; "" keeps the drawer closed. */
  organizationId: string;
  /** Its name, when the list shows it. */
  name: string | undefined;
  /** The last month, YYYY-MM ("" for this month). */
  month: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const query = useAccountHistory(organizationId, month);
  const history = query.data;
  return (
    <RecordDrawer
      opened={organizationId !== ""}
      onClose={onClose}
      size="xl"
      title={name ? t("accounts.historyOf", { name }) : t("accounts.history")}
      query={query}
      icon={<IconChartBar size={22} />}
      notFound={t("accounts.history.notFound")}
    >
      {history && (
        <Stack gap="lg">
          <Suspense fallback={<Skeleton height={260} />}>
            <HistoryChart months={history.months} currency={history.currency || "EUR"} />
          </Suspense>
          <HistoryTable months={history.months} currency={history.currency || "EUR"} />
        </Stack>
      )}
    </RecordDrawer>
  );
}

function HistoryTable({ months, currency }: { months: AccountMonth[]; currency: string }) {
  const { t, locale, formatMoney } = useI18n();
  if (months.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t("accounts.history.empty")}
      </Text>
    );
  }
  const money = (cents: bigint) => formatMoney(cents, currency);
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table
        verticalSpacing={6}
        horizontalSpacing="sm"
        fz="sm"
        striped
        aria-label={t("accounts.history.months")}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accounts.history.col.month")}</Table.Th>
            <Table.Th>{t("accounts.history.col.class")}</Table.Th>
            <Table.Th>{t("accounts.history.col.tier")}</Table.Th>
            <Table.Th ta="right">{t("accounts.history.col.mrr")}</Table.Th>
            <Table.Th ta="right">{t("accounts.history.col.invoiced")}</Table.Th>
            <Table.Th ta="right">{t("accounts.history.col.paid")}</Table.Th>
            <Table.Th ta="right">{t("accounts.history.col.storage")}</Table.Th>
            <Table.Th ta="right">{t("accounts.history.col.traffic")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {months.map((m) => (
            <Table.Tr key={m.month} data-month={m.month}>
              <Table.Td className={classes.amount}>{formatMonth(m.month, locale)}</Table.Td>
              <Table.Td>
                <RevenueClassBadge revenueClass={m.revenueClass} fit />
              </Table.Td>
              <Table.Td>{m.planName || "—"}</Table.Td>
              <Table.Td ta="right" className={classes.amount}>
                {money(m.mrrStartCents)}
              </Table.Td>
              <Table.Td ta="right" className={classes.amount}>
                {money(m.invoicedGrossCents)}
              </Table.Td>
              <Table.Td ta="right" className={classes.amount}>
                {money(m.paidCents)}
              </Table.Td>
              <Table.Td ta="right" className={classes.amount}>
                {formatGigabytes(m.peakStorageBytes, locale)}
              </Table.Td>
              <Table.Td ta="right" className={classes.amount}>
                {formatGigabytes(m.trafficBytes, locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
