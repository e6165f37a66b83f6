import "@mantine/charts/styles.layer.css";
import { BarChart } from "@mantine/charts";
import { SimpleGrid } from "@mantine/core";
import type { UsageReportMonth } from "@leitstand/sdk/leitstand/admin/v1/usage_report_service_pb.js";
import { ChartFrame } from "@/components/charts/ChartFrame";
import { useI18n } from "@/lib/i18n/i18n";
import { formatMonth } from "@/lib/format";

const height = 200;
const gb = 1e9;

/**
 * MonthlyCharts draws the report's months: net revenue, storage and
 * traffic, services and servers. It is loaded on its own (the chart
 * library is large).
 */
export function MonthlyCharts({
  months,
  currency,
}: {
  months: UsageReportMonth[];
  currency: string;
}) {
  const { t, locale, formatMoney, formatNumber } = useI18n();
  const data = months.map((m) => {
    const f = m.figures;
    return {
      month: formatMonth(m.month, locale, true),
      revenue: Number(f?.netRevenueCents ?? 0n) / 100,
      storage: Number(f?.averageStorageBytes ?? 0n) / gb,
      traffic: Number(f?.trafficBytes ?? 0n) / gb,
      services: f?.services ?? 0,
      servers: f?.servers ?? 0,
    };
  });
  const empty = data.length === 0;
  const gbFormat = (v: number) => `${formatNumber(Math.round(v * 10) / 10)} GB`;
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
      <ChartFrame
        id="usage-revenue"
        title={t("usageReports.chart.revenue")}
        height={height}
        points={data.length}
        empty={empty}
      >
        <BarChart
          h={height}
          data={data}
          dataKey="month"
          series={[{ name: "revenue", label: t("usageReports.figure.revenue"), color: "teal.6" }]}
          valueFormatter={(units) => formatMoney(Math.round(units * 100), currency)}
          yAxisProps={{ width: 80 }}
          tooltipAnimationDuration={150}
        />
      </ChartFrame>
      <ChartFrame
        id="usage-storage"
        title={t("usageReports.chart.usage")}
        height={height}
        points={data.length}
        empty={empty}
      >
        <BarChart
          h={height}
          data={data}
          dataKey="month"
          series={[
            { name: "storage", label: t("usageReports.chart.storage"), color: "blue.6" },
            { name: "traffic", label: t("usageReports.chart.traffic"), color: "grape.5" },
          ]}
          valueFormatter={gbFormat}
          withLegend
          yAxisProps={{ width: 70 }}
          tooltipAnimationDuration={150}
        />
      </ChartFrame>
      <ChartFrame
        id="usage-services"
        title={t("usageReports.chart.services")}
        height={height}
        points={data.length}
        empty={empty}
      >
        <BarChart
          h={height}
          data={data}
          dataKey="month"
          series={[
            { name: "services", label: t("usageReports.figure.services"), color: "indigo.6" },
            { name: "servers", label: t("usageReports.figure.servers"), color: "orange.6" },
          ]}
          valueFormatter={(v) => formatNumber(v)}
          withLegend
          yAxisProps={{ width: 40 }}
          tooltipAnimationDuration={150}
        />
      </ChartFrame>
    </SimpleGrid>
  );
}
