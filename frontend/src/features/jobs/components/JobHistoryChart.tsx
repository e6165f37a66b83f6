import "@mantine/charts/styles.layer.css";
import { BarChart, LineChart } from "@mantine/charts";
import { SimpleGrid } from "@mantine/core";
import { durationMs, timestampDate } from "@bufbuild/protobuf/wkt";
import type { JobHistoryBucket } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ChartFrame } from "@/components/charts/ChartFrame";
import { fillGaps, integerTicks, type TimePoint } from "@/components/charts/series";
import { useTimeAxis } from "@/components/charts/useTimeAxis";
import { useI18n } from "@/lib/i18n/i18n";

const height = 220;
const hour = 3600_000;
const day = 24 * hour;

/**
 * JobHistoryChart draws a job's history per bucket: the average and longest
 * duration of its runs, and how many runs succeeded and failed, on one time
 * axis (a crosshair on one chart shows the same bucket on the other). It is
 * loaded on its own (the chart library is large).
 */
export function JobHistoryChart({
  buckets,
  hourly,
}: {
  buckets: JobHistoryBucket[];
  /** Hour buckets (else day buckets). */
  hourly: boolean;
}) {
  const { t, formatDuration, formatNumber } = useI18n();
  const step = hourly ? hour : day;
  const measured: TimePoint[] = buckets
    .filter((b) => b.startTime)
    .map((b) => ({
      time: timestampDate(b.startTime!).getTime(),
      // A bucket without runs has no duration: a gap, not a zero.
      average: b.runs > 0 && b.averageDuration ? durationMs(b.averageDuration) : null,
      longest: b.runs > 0 && b.maxDuration ? durationMs(b.maxDuration) : null,
      succeeded: b.runs - b.failed,
      failed: b.failed,
    }));
  const first = measured[0]?.time ?? 0;
  const last = measured.at(-1)?.time ?? 0;
  // The API sends every bucket of the range; a missing one is still drawn as a gap.
  const data = fillGaps({ start: first, end: last + step, step }, measured, [
    "average",
    "longest",
    "succeeded",
    "failed",
  ]);
  // Bars stand on their bucket's start; half a bucket either side keeps the first and last whole.
  const axis = useTimeAxis(first - step / 2, last + step / 2);
  const runs = buckets.reduce((sum, b) => sum + b.runs, 0);
  const withDuration = buckets.filter((b) => b.runs > 0 && b.averageDuration);
  const averageMs =
    withDuration.length === 0
      ? undefined
      : withDuration.reduce((sum, b) => sum + durationMs(b.averageDuration!) * b.runs, 0) /
        withDuration.reduce((sum, b) => sum + b.runs, 0);
  const longestMs = Math.max(0, ...data.map((p) => p.longest ?? 0));
  const runTicks = integerTicks(
    Math.max(0, ...data.map((p) => (p.succeeded ?? 0) + (p.failed ?? 0))),
  );
  const dots = data.length <= 31;
  const syncId = "job-history";

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <ChartFrame
        id="durations"
        title={t("jobs.detail.durationChart")}
        height={height}
        empty={averageMs === undefined}
        figures={
          averageMs === undefined
            ? []
            : [
                { value: formatDuration(averageMs), label: t("chart.averageOverRange") },
                { value: formatDuration(longestMs), label: t("chart.peakOverRange") },
              ]
        }
      >
        <LineChart
          h={height}
          data={data}
          dataKey="time"
          series={[
            { name: "average", label: t("jobs.detail.averageDuration"), color: "blue.6" },
            {
              name: "longest",
              label: t("jobs.detail.maxDuration"),
              color: "gray.5",
              strokeDasharray: "4 4",
            },
          ]}
          valueFormatter={(value) => formatDuration(value)}
          connectNulls={false}
          withDots={dots}
          withLegend
          xAxisProps={axis.xAxisProps}
          yAxisProps={{ width: 64 }}
          tooltipProps={{ labelFormatter: axis.tooltipLabel }}
          lineChartProps={{ syncId, syncMethod: "value" }}
          tooltipAnimationDuration={150}
        />
      </ChartFrame>
      <ChartFrame
        id="runs"
        title={t("jobs.detail.runsChart")}
        height={height}
        figures={[{ value: formatNumber(runs), label: t("chart.totalOverRange") }]}
      >
        <BarChart
          h={height}
          data={data}
          dataKey="time"
          type="stacked"
          series={[
            { name: "succeeded", label: t("jobs.detail.succeeded"), color: "teal.6" },
            { name: "failed", label: t("jobs.detail.failed"), color: "red.6" },
          ]}
          valueFormatter={(value) => formatNumber(value)}
          withLegend
          xAxisProps={axis.xAxisProps}
          yAxisProps={{
            width: 40,
            allowDecimals: false,
            ticks: runTicks,
            domain: [0, runTicks.at(-1)!],
            interval: 0,
          }}
          tooltipProps={{ labelFormatter: axis.tooltipLabel }}
          barChartProps={{ syncId, syncMethod: "value" }}
          tooltipAnimationDuration={150}
        />
      </ChartFrame>
    </SimpleGrid>
  );
}
