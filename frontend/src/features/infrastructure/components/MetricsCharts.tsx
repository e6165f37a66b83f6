import "@mantine/charts/styles.layer.css";
import { CompositeChart, type CompositeChartSeries } from "@mantine/charts";
import { SimpleGrid } from "@mantine/core";
import type { DotItemDotProps } from "recharts";
import type { GetContainerMetricsResponse } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import type { GetServerMetricsResponse } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import type { TimeWindow } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ChartFrame, type ChartFigure } from "@/components/charts/ChartFrame";
import {
  averageValue,
  hasValues,
  integerTicks,
  isolatedPoints,
  latestValue,
} from "@/components/charts/series";
import { useTimeAxis } from "@/components/charts/useTimeAxis";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { metricsPoints, windowGrid, type MetricsPoint } from "../metrics";

// The charts of a server's and a container's metrics. This module is loaded
// on its own (the chart library is large) when a chart is first shown.

const height = 180;

interface ChartProps {
  id: string;
  title: string;
  figures?: ChartFigure[];
  points: MetricsPoint[];
  /** The range shown: the window's start and end (ms). */
  domain: [number, number];
  series: CompositeChartSeries[];
  format: (value: number) => string;
  /** The charts of one view share it: hovering one shows the same time on all. */
  syncId: string;
  percent?: boolean;
  /** Counts: whole-number ticks, and the bars stacked. */
  counts?: boolean;
}

/** MetricChart draws one measure: the average as a line, the peak as a light area behind it. */
function MetricChart({
  id,
  title,
  figures,
  points,
  domain,
  series,
  format,
  syncId,
  percent,
  counts,
}: ChartProps) {
  const axis = useTimeAxis(domain[0], domain[1]);
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
  const countTicks = counts
    ? integerTicks(
        Math.max(0, ...points.map((p) => series.reduce((sum, s) => sum + (p[s.name] ?? 0), 0))),
      )
    : undefined;
  return (
    <ChartFrame
      id={id}
      title={title}
      figures={figures}
      empty={!hasValues(points)}
      height={height}
      points={points.length}
    >
      <CompositeChart
        h={height}
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
        xAxisProps={axis.xAxisProps}
        yAxisProps={{
          interval: 0,
          width: percent ? 44 : counts ? 36 : 72,
          domain: percent ? [0, 100] : countTicks ? [0, countTicks.at(-1)!] : [0, "auto"],
          ticks: percent ? [0, 25, 50, 75, 100] : countTicks,
          allowDecimals: !counts,
        }}
        tooltipProps={{ labelFormatter: axis.tooltipLabel }}
        areaProps={(s) => ({
          fillOpacity: 0.18,
          strokeOpacity: 0.6,
          strokeWidth: 1,
          dot: dot(s.name),
          activeDot: { r: 3 },
        })}
        barProps={counts ? { stackId: "stack" } : undefined}
        composedChartProps={{ syncId, syncMethod: "value" }}
        gridAxis="y"
        tooltipAnimationDuration={100}
      />
    </ChartFrame>
  );
}

const percentSeries = (key: string, color: string, avg: string, peak: string) =>
  [
    { name: `${key}Max`, label: peak, color: `${color}.4`, type: "area" },
    { name: key, label: avg, color: `${color}.7`, type: "line" },
  ] satisfies CompositeChartSeries[];

/** The range a window covers (ms); the points' own span without one. */
function domainOf(window: TimeWindow | undefined, points: MetricsPoint[]): [number, number] {
  const grid = windowGrid(window);
  if (grid) return [grid.start, grid.end];
  return [points[0]?.time ?? 0, points.at(-1)?.time ?? 0];
}

/**
 * The figures of a measure: its latest average and its average over the
 * range, each labelled, so nobody takes one for the other.
 */
function useFigures(points: MetricsPoint[]) {
  const { t } = useI18n();
  return (key: string, format: (v: number) => string): ChartFigure[] => {
    const latest = latestValue(points, key);
    const average = averageValue(points, key);
    return [
      ...(latest === undefined ? [] : [{ value: format(latest), label: t("chart.latest") }]),
      ...(average === undefined
        ? []
        : [{ value: format(average), label: t("chart.averageOverRange") }]),
    ];
  };
}

/** The latest traffic in and out, as one figure. */
function useTrafficFigure(points: MetricsPoint[]) {
  const { t, formatRate } = useI18n();
  const latestIn = latestValue(points, "in");
  const latestOut = latestValue(points, "out");
  if (latestIn === undefined || latestOut === undefined) return [];
  return [
    { value: `↓ ${formatRate(latestIn)}  ↑ ${formatRate(latestOut)}`, label: t("chart.latest") },
  ];
}

/** ServerMetricsCharts: CPU, memory, disk (in %) and network (in and out) over the range. */
/** networkSeries are a network chart's lines: in and out, each with its peak behind its average. */
function networkSeries(t: I18n["t"]): CompositeChartSeries[] {
  const avg = t("metrics.average");
  const peak = t("metrics.peak");
  return [
    { name: "inMax", label: `${t("metrics.in")} · ${peak}`, color: "teal.4", type: "area" },
    { name: "outMax", label: `${t("metrics.out")} · ${peak}`, color: "indigo.4", type: "area" },
    { name: "in", label: `${t("metrics.in")} · ${avg}`, color: "teal.7", type: "line" },
    { name: "out", label: `${t("metrics.out")} · ${avg}`, color: "indigo.7", type: "line" },
  ];
}

export function ServerMetricsCharts({ response }: { response: GetServerMetricsResponse }) {
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
  const domain = domainOf(response.window, points);
  const figures = useFigures(points);
  const traffic = useTrafficFigure(points);
  const avg = t("metrics.average");
  const peak = t("metrics.peak");
  const pct = (value: number) => formatPercent(value / 100);
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
          figures={figures(u.key, pct)}
          points={points}
          domain={domain}
          series={percentSeries(u.key, u.color, avg, peak)}
          format={pct}
          syncId="server-metrics"
          percent
        />
      ))}
      <MetricChart
        id="network"
        title={t("metrics.network")}
        figures={traffic}
        points={points}
        domain={domain}
        series={networkSeries(t)}
        format={formatRate}
        syncId="server-metrics"
      />
    </SimpleGrid>
  );
}

/** ContainerMetricsCharts: CPU, memory, network, and samples unhealthy or down per bucket. */
export function ContainerMetricsCharts({ response }: { response: GetContainerMetricsResponse }) {
  const { t, formatRate, formatPercent, formatBytes, formatNumber } = useI18n();
  const keys = [
    "cpu",
    "cpuMax",
    "mem",
    "memMax",
    "in",
    "inMax",
    "out",
    "outMax",
    "unhealthy",
    "down",
  ];
  const points = metricsPoints(
    response.window,
    response.buckets,
    (b) => ({
      cpu: b.cpuPercent?.avg ?? 0,
      cpuMax: b.cpuPercent?.max ?? 0,
      mem: b.memoryUsedBytes?.avg ?? 0,
      memMax: b.memoryUsedBytes?.max ?? 0,
      in: b.networkInBytesPerSecond?.avg ?? 0,
      inMax: b.networkInBytesPerSecond?.max ?? 0,
      out: b.networkOutBytesPerSecond?.avg ?? 0,
      outMax: b.networkOutBytesPerSecond?.max ?? 0,
      unhealthy: b.unhealthySamples,
      down: b.downSamples,
    }),
    keys,
  );
  const domain = domainOf(response.window, points);
  const figures = useFigures(points);
  const traffic = useTrafficFigure(points);
  const avg = t("metrics.average");
  const peak = t("metrics.peak");
  const pct = (value: number) => formatPercent(value / 100);
  const bytes = (v: number) => formatBytes(Math.round(v));
  const badSamples = points.reduce((sum, p) => sum + (p.unhealthy ?? 0) + (p.down ?? 0), 0);
  return (
    <SimpleGrid cols={1} spacing="md">
      <MetricChart
        id="cpu"
        title={t("metrics.cpu")}
        figures={figures("cpu", pct)}
        points={points}
        domain={domain}
        series={percentSeries("cpu", "blue", avg, peak)}
        format={pct}
        syncId="container-metrics"
      />
      <MetricChart
        id="memory"
        title={t("metrics.memoryUsed")}
        figures={figures("mem", bytes)}
        points={points}
        domain={domain}
        series={percentSeries("mem", "grape", avg, peak)}
        format={bytes}
        syncId="container-metrics"
      />
      <MetricChart
        id="network"
        title={t("metrics.network")}
        figures={traffic}
        points={points}
        domain={domain}
        series={networkSeries(t)}
        format={formatRate}
        syncId="container-metrics"
      />
      <MetricChart
        id="health"
        title={t("metrics.healthSamples")}
        figures={[{ value: formatNumber(badSamples), label: t("chart.totalOverRange") }]}
        points={points}
        domain={domain}
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
        syncId="container-metrics"
        counts
      />
    </SimpleGrid>
  );
}
