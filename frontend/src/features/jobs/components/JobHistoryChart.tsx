import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { durationMs, timestampDate } from "@bufbuild/protobuf/wkt";
import type { JobHistoryBucket } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { intlLocale } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * JobHistoryChart draws a job's history per bucket: the average and longest
 * duration of its runs, and how many runs succeeded and failed. It is loaded
 * on its own (the chart library is large).
 */
export function JobHistoryChart({
  buckets,
  hourly,
}: {
  buckets: JobHistoryBucket[];
  /** Hour buckets (else day buckets). */
  hourly: boolean;
}) {
  const { t, locale, formatDuration, formatNumber } = useI18n();
  const label = new Intl.DateTimeFormat(
    intlLocale[locale],
    hourly ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short" },
  );
  const data = buckets.map((b) => ({
    bucket: b.startTime ? label.format(timestampDate(b.startTime)) : "",
    average: b.runs > 0 && b.averageDuration ? durationMs(b.averageDuration) : null,
    longest: b.runs > 0 && b.maxDuration ? durationMs(b.maxDuration) : null,
    succeeded: b.runs - b.failed,
    failed: b.failed,
  }));
  const dots = data.length <= 31;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Stack gap="xs">
        <Text fz="sm" fw={600}>
          {t("jobs.detail.durationChart")}
        </Text>
        <LineChart
          h={220}
          data={data}
          dataKey="bucket"
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
          yAxisProps={{ width: 64 }}
          tooltipAnimationDuration={150}
        />
      </Stack>
      <Stack gap="xs">
        <Text fz="sm" fw={600}>
          {t("jobs.detail.runsChart")}
        </Text>
        <BarChart
          h={220}
          data={data}
          dataKey="bucket"
          type="stacked"
          series={[
            { name: "succeeded", label: t("jobs.detail.succeeded"), color: "teal.6" },
            { name: "failed", label: t("jobs.detail.failed"), color: "red.6" },
          ]}
          valueFormatter={(value) => formatNumber(value)}
          withLegend
          yAxisProps={{ width: 40, allowDecimals: false }}
          tooltipAnimationDuration={150}
        />
      </Stack>
    </SimpleGrid>
  );
}
