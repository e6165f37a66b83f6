import "@mantine/charts/styles.layer.css";
import { BarChart } from "@mantine/charts";
import type { AccountMonth } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { ChartFrame } from "@/components/charts/ChartFrame";
import { useI18n } from "@/lib/i18n/i18n";
import { formatMonth } from "@/lib/format";

const height = 220;

/**
 * HistoryChart draws an account's months: its MRR at each month's start
 * beside what it was invoiced in the month. It is loaded on its own (the
 * chart library is large).
 */
export function HistoryChart({ months, currency }: { months: AccountMonth[]; currency: string }) {
  const { t, locale, formatMoney } = useI18n();
  // The chart draws numbers: whole currency units, formatted back from cents.
  const data = months.map((m) => ({
    month: formatMonth(m.month, locale, true),
    mrr: Number(m.mrrStartCents) / 100,
    invoiced: Number(m.invoicedGrossCents) / 100,
  }));
  const money = (units: number) => formatMoney(Math.round(units * 100), currency);
  const invoiced = months.reduce((sum, m) => sum + m.invoicedGrossCents, 0n);
  return (
    <ChartFrame
      id="account-history"
      title={t("accounts.history.chart")}
      height={height}
      points={data.length}
      empty={data.length === 0}
      figures={[
        { value: formatMoney(invoiced, currency), label: t("accounts.history.invoicedTotal") },
      ]}
    >
      <BarChart
        h={height}
        data={data}
        dataKey="month"
        series={[
          { name: "mrr", label: t("accounts.history.mrr"), color: "blue.6" },
          { name: "invoiced", label: t("accounts.history.invoiced"), color: "teal.6" },
        ]}
        valueFormatter={money}
        withLegend
        yAxisProps={{ width: 80 }}
        tooltipAnimationDuration={150}
      />
    </ChartFrame>
  );
}
