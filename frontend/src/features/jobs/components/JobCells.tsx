import { Code, Group, Stack, Text, Tooltip } from "@mantine/core";
import { durationMs, timestampDate } from "@bufbuild/protobuf/wkt";
import type { Job } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { describeSchedule } from "@/lib/cron";
import { useI18n } from "@/lib/i18n/i18n";
import { OutcomeBadge } from "./OutcomeBadge";

// The parts of a job shown both in the list and on the job's page.

/**
 * Schedule: the cron expression in words, in the display time zone (as the
 * next run is) and labelled with it, and the expression as it is (UTC).
 */
export function JobSchedule({ job }: { job: Job }) {
  const { t, locale, timeZone } = useI18n();
  const words = describeSchedule(
    job.schedule,
    locale,
    job.nextRunTime ? { timeZone, next: timestampDate(job.nextRunTime) } : undefined,
  );
  return (
    <Stack gap={2}>
      <Text fz="sm">{words}</Text>
      {words !== job.schedule && (
        <Tooltip label={t("jobs.catchUp")} disabled={!job.catchUp} multiline w={260}>
          <Code fz="xs" w="fit-content">
            {job.schedule}
          </Code>
        </Tooltip>
      )}
    </Stack>
  );
}

/** NextRun: when the job runs next, relative and absolute in the display time zone, labelled. */
export function JobNextRun({ job }: { job: Job }) {
  const { formatDateTime, zoneName } = useI18n();
  if (!job.nextRunTime) {
    return (
      <Text fz="sm" c="dimmed">
        —
      </Text>
    );
  }
  const next = timestampDate(job.nextRunTime);
  return (
    <Stack gap={0}>
      <RelativeTime time={next} fz="sm" />
      <Text fz="xs" c="dimmed" className="tabular-nums">
        {formatDateTime(next)} {zoneName(next)}
      </Text>
    </Stack>
  );
}

/** LastRun: how the last run went, how long it took and when it started. */
export function JobLastRun({ job }: { job: Job }) {
  const { t, formatDuration } = useI18n();
  const run = job.lastRun;
  if (!run) {
    return (
      <Text fz="sm" c="dimmed">
        {t("jobs.neverRan")}
      </Text>
    );
  }
  const start = run.startTime ? timestampDate(run.startTime) : undefined;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <OutcomeBadge outcome={run.outcome} />
        {run.duration && (
          <Text fz="sm" className="tabular-nums">
            {formatDuration(durationMs(run.duration))}
          </Text>
        )}
      </Group>
      {start && <RelativeTime time={start} fz="xs" c="dimmed" />}
    </Stack>
  );
}

/** Last7Days: the share of successful runs and their average duration. */
export function JobLast7Days({ job }: { job: Job }) {
  const { t, formatPercent, formatDuration, formatNumber } = useI18n();
  const stats = job.last7Days;
  if (!stats || stats.runs === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t("jobs.noRuns")}
      </Text>
    );
  }
  const color = stats.successRate >= 0.95 ? "teal" : stats.successRate >= 0.8 ? "yellow.8" : "red";
  return (
    <Stack gap={2}>
      <Text fz="sm" fw={600} c={color} className="tabular-nums">
        {t("jobs.successRate", { rate: formatPercent(stats.successRate) })}
      </Text>
      <Text fz="xs" c="dimmed" className="tabular-nums">
        {t(stats.runs === 1 ? "jobs.stats.one" : "jobs.stats", {
          runs: formatNumber(stats.runs),
          duration: stats.averageDuration ? formatDuration(durationMs(stats.averageDuration)) : "—",
        })}
      </Text>
    </Stack>
  );
}
