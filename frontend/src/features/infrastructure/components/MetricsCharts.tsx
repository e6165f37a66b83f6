import "@mantine/charts/styles.css";
import { CompositeChart, type CompositeChartSeries } from "@mantine/charts";
import { Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { DotItemDotProps } from "recharts";
import type { GetContainerMetricsResponse } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import type { GetServerMetricsResponse } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { intlLocale, type Locale } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { hasValues, isolatedPoints, metricsPoints, type MetricsPoint } from "../metrics";
import type { RangeName } from "../search";

// The charts of a server's and a container's metrics. This module is loaded
// on its own (the chart library is large) when a chart is first shown.

function timeFormats(range: RangeName, locale: Locale) {
  const tick = new Intl.DateTimeFormat(
    intlLocale[locale],
    range === "30d"
      ? { day: "numeric", month: "short" }
      : range === "7d"
        ? { weekday: "short", hour: "2-digit", minute: "2-digit" }
        : { hour: "2-digit", minute: "2-digit" },
  );
  const full = new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return {
    tick: (time: number) => tick.format(new Date(time)),
    full: (time: number) => full.format(new Date(time)),
  };
}

interface ChartProps {
  id: string;
  title: string;
  /** What the chart shows now (the last value), beside the title. */
  current?: string;
  points: MetricsPoint[];
  series: CompositeChartSeries[];
  format: (value: number) => string;
  range: RangeName;
  percent?: boolean;
  stacked?: boolean;
}

/** MetricChart draws one measure: the average as a line, the peak as a light area behind it. */
function MetricChart({
  id,
  title,
  current,
  points,
  series,
  format,
  range,
  percent,
  stacked,
}: ChartProps) {
  const { t, locale } = useI18n();
  const times = timeFormats(range, locale);
  const empty = !hasValues(points);
  const isolated = isolatedPoints(
    points,
    series.map((s) => s.name),
  );
  // A value between two gaps is drawn as a dot; the rest of a line has none.
  const dot =
    (name: string) =>
    ({ cx, cy, index, stroke }: DotItemDotProps) =>
      isolated[name]?.has(index) && cx !== undefined && cy !== undefined ? (
        <circle cx={cx} cy={cy} r={2.5} fill={stroke} />
      ) : (
        <g />
      );
  return (
    <Paper withBorder p="md" data-testid={`chart-${id}`} data-points={points.length}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fz="sm" fw={600}>
          {title}
        </Text>
        {current && (
          <Text fz="sm" c="dimmed" className="tabular-nums">
            {current}
          </Text>
        )}
      </Group>
      {empty ? (
        <Stack h={180} justify="center" align="center">
          <Text fz="sm" c="dimmed">
            {t("metrics.noData")}
          </Text>
        </Stack>
      ) : (
        <CompositeChart
          h={180}
          data={points}
          dataKey="time"
          series={series}
          curveType="monotone"
          connectNulls={false}
          withDots
          lineProps={(s) => ({ dot: dot(s.name), activeDot: { r: 3 } })}
          withLegend
          legendProps={{ verticalAlign: "bottom", height: 28 }}
          strokeWidth={1.75}
          valueFormatter={(value) => (typeof value === "number" ? format(value) : "—")}
          xAxisProps={{ tickFormatter: (value: number) => times.tick(value), minTickGap: 28 }}
          yAxisProps={{
            interval: 0,
            width: percent ? 44 : 72,
            domain: percent ? [0, 100] : [0, "auto"],
            ticks: percent ? [0, 25, 50, 75, 100] : undefined,
          }}
          tooltipProps={{
            // Called without a label while no point is hovered.
            labelFormatter: (value: unknown) =>
              Number.isFinite(Number(value)) && value !== undefined && value !== null
                ? times.full(Number(value))
                : "",
          }}
          areaProps={(s) => ({
            fillOpacity: 0.12,
            strokeOpacity: 0.5,
            strokeWidth: 1,
            dot: dot(s.name),
            activeDot: { r: 3 },
          })}
          barProps={stacked ? { stackId: "stack" } : undefined}
          gridAxis="y"
          tooltipAnimationDuration={100}
        />
      )}
    </Paper>
  );
}

const lastValue = (points: MetricsPoint[], key: string) => {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]?.[key];
    if (typeof value === "number") return value;
  }
  return undefined;
};

const percentSeries = (key: string, color: string, avg: string, peak: string) =>
  [
    { name: `${key}Max`, label: peak, color: `${color}.3`, type: "area" },
    { name: key, label: avg, color: `${color}.7`, type: "line" },
  ] satisfies CompositeChartSeries[];

/** ServerMetricsCharts: CPU, memory, disk (in %) and network (in and out) over the range. */
export function ServerMetricsCharts({
  response,
  range,
}: {
  response: GetServerMetricsResponse;
  range: RangeName;
}) {
  const { t, formatRate, formatPercent } = useI18n();
  const keys = [
    "cpu",
    "cpuMax",
    "mem",
    "memMax",
    "disk",
    "diskMax",
    "in",
    "inMax",
    "out",
    "outMax",
  ];
  const points = metricsPoints(
    response.window,
    response.buckets,
    (b) => ({
      cpu: b.cpuPercent?.avg ?? 0,
      cpuMax: b.cpuPercent?.max ?? 0,
      mem: b.memoryPercent?.avg ?? 0,
      memMax: b.memoryPercent?.max ?? 0,
      disk: b.diskPercent?.avg ?? 0,
      diskMax: b.diskPercent?.max ?? 0,
      in: b.networkInBytesPerSecond?.avg ?? 0,
      inMax: b.networkInBytesPerSecond?.max ?? 0,
      out: b.networkOutBytesPerSecond?.avg ?? 0,
      outMax: b.networkOutBytesPerSecond?.max ?? 0,
    }),
    keys,
  );
  const avg = t("metrics.average");
  const peak = t("metrics.peak");
  const pct = (value: number) => formatPercent(value / 100);
  const now = (key: string, format: (v: number) => string) => {
    const value = lastValue(points, key);
    return value === undefined ? undefined : format(value);
  };
  // The shares in use: the chart's id, its title, the key of its points and its colour.
  const usage = [
    { id: "cpu", title: t("metrics.cpu"), key: "cpu", color: "blue" },
    { id: "memory", title: t("metrics.memory"), key: "mem", color: "grape" },
    { id: "disk", title: t("metrics.disk"), key: "disk", color: "orange" },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {usage.map((u) => (
        <MetricChart
          key={u.id}
          id={u.id}
          title={u.title}
          current={now(u.key, pct)}
          points={points}
          series={percentSeries(u.key, u.color, avg, peak)}
          format={pct}
          range={range}
          percent
        />
      ))}
      <MetricChart
        id="network"
        title={t("metrics.network")}
        points={points}
        series={[
          { name: "inMax", label: `${t("metrics.in")} · ${peak}`, color: "teal.3", type: "area" },
          {
            name: "outMax",
            label: `${t("metrics.out")} · ${peak}`,
            color: "indigo.3",
            type: "area",
          },
          { name: "in", label: `${t("metrics.in")} · ${avg}`, color: "teal.7", type: "line" },
          { name: "out", label: `${t("metrics.out")} · ${avg}`, color: "indigo.7", type: "line" },
        ]}
        format={formatRate}
        range={range}
      />
    </SimpleGrid>
  );
}

/** ContainerMetricsCharts: CPU, memory, network, and samples unhealthy or down per bucket. */
export function ContainerMetricsCharts({
  response,
  range,
}: {
  response: GetContainerMetricsResponse;
  range: RangeName;
}) {
  const { t, formatRate, formatPercent, formatBytes, formatNumber } = useI18n();
  const keys = ["cpu", "cpuMax", "mem", "memMax", "in", "out", "unhealthy", "down"];
  const points = metricsPoints(
    response.window,
    response.buckets,
    (b) => ({
      cpu: b.cpuPercent?.avg ?? 0,
      cpuMax: b.cpuPercent?.max ?? 0,
      mem: b.memoryUsedBytes?.avg ?? 0,
      memMax: b.memoryUsedBytes?.max ?? 0,
      in: b.networkInBytesPerSecond?.avg ?? 0,
      out: b.networkOutBytesPerSecond?.avg ?? 0,
      unhealthy: b.unhealthySamples,
      down: b.downSamples,
    }),
    keys,
  );
  const avg = t("metrics.average");
  const peak = t("metrics.peak");
  const pct = (value: number) => formatPercent(value / 100);
  return (
    <SimpleGrid cols={1} spacing="md">
      <MetricChart
        id="cpu"
        title={t("metrics.cpu")}
        points={points}
        series={percentSeries("cpu", "blue", avg, peak)}
        format={pct}
        range={range}
      />
      <MetricChart
        id="memory"
        title={t("metrics.memoryUsed")}
        points={points}
        series={percentSeries("mem", "grape", avg, peak)}
        format={(v) => formatBytes(Math.round(v))}
        range={range}
      />
      <MetricChart
        id="network"
        title={t("metrics.network")}
        points={points}
        series={[
          { name: "in", label: t("metrics.in"), color: "teal.7", type: "line" },
          { name: "out", label: t("metrics.out"), color: "indigo.7", type: "line" },
        ]}
        format={formatRate}
        range={range}
      />
      <MetricChart
        id="health"
        title={t("metrics.healthSamples")}
        points={points}
        series={[
          {
            name: "unhealthy",
            label: t("metrics.unhealthySamples"),
            color: "orange.6",
            type: "bar",
          },
          { name: "down", label: t("metrics.downSamples"), color: "red.7", type: "bar" },
        ]}
        format={(v) => formatNumber(v)}
        range={range}
        stacked
      />
    </SimpleGrid>
  );
}
