import "@mantine/charts/styles.layer.css";
import { CompositeChart, type CompositeChartSeries } from "@mantine/charts";
import { useI18n } from "@/lib/i18n/i18n";
import { compactMoney, minorUnits, monthLabel, monthName, type RevenuePoint } from "../revenue";

// The revenue chart of the dashboard. This module is loaded on its own (the
// chart library is large) once the revenue is there.

/** The chart's height in pixels, its legend included. */
export const revenueChartHeight = 260;

/**
 * RevenueChart draws the last twelve months: the net invoiced in each as a
 * bar, the MRR on its first day (this month: today) as a line. The axis
 * writes amounts briefly, the tooltip exactly, in the interface's language.
 */
export function RevenueChart({ points, currency }: { points: RevenuePoint[]; currency: string }) {
  const { t, locale, formatMoney } = useI18n();
  const unit = minorUnits(currency);
  const series: CompositeChartSeries[] = [
    { name: "invoiced", label: t("overview.revenue.invoiced"), color: "blue.4", type: "bar" },
    { name: "mrr", label: t("overview.revenue.mrr"), color: "teal.7", type: "line" },
  ];
  return (
    <CompositeChart
      h={revenueChartHeight}
      data={points}
      dataKey="month"
      series={series}
      curveType="linear"
      withDots
      strokeWidth={2}
      activeDotProps={{ r: 4 }}
      barProps={{ fillOpacity: 0.7 }}
      maxBarWidth={36}
      withLegend
      legendProps={{ verticalAlign: "bottom", height: 28 }}
      valueFormatter={(value) =>
        typeof value === "number" ? formatMoney(Math.round(value * unit), currency) : "—"
      }
      xAxisProps={{
        tickFormatter: (month: string) => monthLabel(month, locale),
        interval: "preserveStartEnd",
        minTickGap: 8,
      }}
      yAxisProps={{
        tickFormatter: (value: number) => compactMoney(value, currency, locale),
        width: 76,
      }}
      tooltipProps={{ labelFormatter: (month) => monthName(String(month), locale) }}
      tooltipAnimationDuration={100}
    />
  );
}
