import { Anchor, Code as CodeBlock, Group, Stack, Text } from "@mantine/core";
import { durationMs, timestampDate } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { IconHistory } from "@tabler/icons-react";
import type { JobRun } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { DetailList } from "@/components/ui/DetailList";
import { RecordDrawer } from "@/components/ui/RecordDrawer";
import { useI18n } from "@/lib/i18n/i18n";
import { jobTriggerKey } from "../labels";
import { useJobRun } from "../api/jobs";
import { OutcomeBadge } from "./OutcomeBadge";
import { canRetry, RetryRunButton } from "./RetryRunButton";
import { RunSummary } from "@/components/jobs/texts";

/**
 * JobRunDrawer shows one run in detail: times, outcome, who started it and
 * why, what it did, and its error; a failed run can be retried from it.
 */
export function JobRunDrawer({
  runId,
  titles,
  onClose,
  onOpenRun,
}: {
  /** The run to show; "" keeps the drawer closed. */
  runId: string;
  titles: Map<string, string>;
  onClose: () => void;
  /** Shows another run (the one a retry retried). */
  onOpenRun: (id: string) => void;
}) {
  const { t } = useI18n();
  const query = useJobRun(runId);
  const run = query.data?.jobRun;
  const title = run ? (titles.get(run.jobName) ?? run.jobName) : "";

  return (
    <RecordDrawer
      opened={runId !== ""}
      onClose={onClose}
      size="lg"
      title={run ? t("jobs.run.title", { title }) : t("jobs.col.outcome")}
      query={query}
      icon={<IconHistory size={22} />}
      notFound={t("jobs.run.notFound")}
    >
      {run && <RunDetails run={run} title={title} onOpenRun={onOpenRun} />}
    </RecordDrawer>
  );
}

function RunDetails({
  run,
  title,
  onOpenRun,
}: {
  run: JobRun;
  title: string;
  onOpenRun: (id: string) => void;
}) {
  const { t, formatDateTime, formatDuration } = useI18n();
  const dash = (
    <Text span c="dimmed">
      —
    </Text>
  );
  const time = (ts?: Timestamp) => (ts ? formatDateTime(timestampDate(ts), true) : dash);

  return (
    <Stack gap="xl">
      {canRetry(run) && (
        <Group justify="flex-end" gap="xs">
          <RetryRunButton run={run} title={title} />
        </Group>
      )}
      <DetailList
        items={[
          { label: t("jobs.run.job"), value: title },
          { label: t("jobs.col.outcome"), value: <OutcomeBadge outcome={run.outcome} /> },
          {
            label: t("jobs.col.trigger"),
            value: (
              <Group gap={6}>
                <span>{t(jobTriggerKey(run.trigger))}</span>
                <Text span c="dimmed" fz="sm">
                  · {t("jobs.run.attemptOf", { attempt: run.attempt })}
                </Text>
              </Group>
            ),
          },
          {
            label: t("jobs.col.triggeredBy"),
            value: run.triggeredByEmail || run.triggeredById || dash,
          },
          {
            label: t("jobs.run.reason"),
            value: run.reason ? <span data-testid="run-detail-reason">{run.reason}</span> : dash,
          },
          ...(run.retryOfId
            ? [
                {
                  label: t("jobs.run.retryOf"),
                  value: (
                    <Anchor component="button" fz="sm" onClick={() => onOpenRun(run.retryOfId)}>
                      {run.retryOfId}
                    </Anchor>
                  ),
                },
              ]
            : []),
          { label: t("jobs.run.scheduledTime"), value: time(run.scheduledTime) },
          { label: t("jobs.col.start"), value: time(run.startTime) },
          { label: t("jobs.run.end"), value: time(run.endTime) },
          {
            label: t("jobs.col.duration"),
            value: run.duration ? formatDuration(durationMs(run.duration)) : dash,
          },
          ...(run.retryTime
            ? [{ label: t("jobs.run.retryTime"), value: time(run.retryTime) }]
            : []),
          {
            label: t("jobs.run.replica"),
            value: run.replica ? <CodeBlock>{run.replica}</CodeBlock> : dash,
          },
          { label: t("common.id"), value: <CodeBlock>{run.id}</CodeBlock> },
        ]}
      />
      <Stack gap={4}>
        <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
          {t("jobs.col.summary")}
        </Text>
        <RunSummary run={run} testId="run-summary" />
      </Stack>
      {run.error && (
        <Stack gap={4}>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
            {t("jobs.run.error")}
          </Text>
          <CodeBlock block data-testid="run-error" style={{ whiteSpace: "pre-wrap" }}>
            {run.error}
          </CodeBlock>
        </Stack>
      )}
    </Stack>
  );
}
