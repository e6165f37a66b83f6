import { Group, SegmentedControl, Stack, Text, Tooltip } from "@mantine/core";
import { durationMs, timestampDate } from "@bufbuild/protobuf/wkt";
import { IconHistory } from "@tabler/icons-react";
import { useMemo, type ReactNode } from "react";
import type { JobRun } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { AnchorLink } from "@/components/ui/links";
import { useI18n } from "@/lib/i18n/i18n";
import { jobTriggerKey } from "../labels";
import { useJobRuns } from "../api/jobs";
import { outcomeNames, type OutcomeName } from "../search";
import { OutcomeBadge } from "./OutcomeBadge";

/**
 * JobRunsTable lists recorded runs, newest first, with a filter by outcome:
 * the runs of one job, or of all jobs (then with a column naming the job).
 * While a run in it is running, it is asked again every 2 s.
 */
export function JobRunsTable({
  title,
  jobName,
  titles,
  outcome,
  onOutcomeChange,
  onOpen,
}: {
  /** A heading shown beside the filter. */
  title: ReactNode;
  /** The job's name, or "" for the runs of every job. */
  jobName: string;
  /** Job titles by name, for the job column. */
  titles: Map<string, string>;
  outcome: OutcomeName | "";
  onOutcomeChange: (outcome: OutcomeName | "") => void;
  onOpen: (run: JobRun) => void;
}) {
  const { t, formatDateTime, formatRelative, formatDuration } = useI18n();
  const list = useJobRuns(jobName, outcome);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.jobRuns) ?? [], [list.data]);
  const dash = (
    <Text span c="dimmed" fz="sm">
      —
    </Text>
  );

  const columns: Column<JobRun>[] = [
    ...(jobName
      ? []
      : [
          {
            id: "job",
            header: t("jobs.run.job"),
            width: 170,
            cell: (r: JobRun) => (
              <AnchorLink
                to="/jobs/$name"
                params={{ name: r.jobName }}
                fz="sm"
                fw={600}
                c="var(--mantine-color-text)"
                underline="hover"
              >
                {titles.get(r.jobName) ?? r.jobName}
              </AnchorLink>
            ),
          },
        ]),
    {
      id: "trigger",
      header: t("jobs.col.trigger"),
      width: 100,
      cell: (r) => <Text fz="sm">{t(jobTriggerKey(r.trigger))}</Text>,
    },
    {
      id: "attempt",
      header: t("jobs.col.attempt"),
      width: 84,
      align: "right",
      hideOnMobile: true,
      cell: (r) => (
        <Text fz="sm" className="tabular-nums">
          {r.attempt}
        </Text>
      ),
    },
    {
      id: "start",
      header: t("jobs.col.start"),
      width: 170,
      cell: (r) => {
        const start = r.startTime ? timestampDate(r.startTime) : undefined;
        return start ? (
          <Tooltip label={formatDateTime(start, true)}>
            <Stack gap={0}>
              <Text fz="sm" className="tabular-nums">
                {formatDateTime(start)}
              </Text>
              <Text fz="xs" c="dimmed">
                {formatRelative(start)}
              </Text>
            </Stack>
          </Tooltip>
        ) : (
          dash
        );
      },
    },
    {
      id: "duration",
      header: t("jobs.col.duration"),
      width: 100,
      align: "right",
      cell: (r) =>
        r.duration ? (
          <Text fz="sm" className="tabular-nums">
            {formatDuration(durationMs(r.duration))}
          </Text>
        ) : (
          dash
        ),
    },
    {
      id: "outcome",
      header: t("jobs.col.outcome"),
      width: 130,
      cell: (r) => <OutcomeBadge outcome={r.outcome} />,
    },
    {
      id: "summary",
      header: t("jobs.col.summary"),
      // A failed run shows what went wrong; the rest what the job did.
      cell: (r) =>
        r.error || r.summary ? (
          <Text fz="sm" lineClamp={2} c={r.error ? "red" : undefined}>
            {r.error || r.summary}
          </Text>
        ) : (
          dash
        ),
    },
    {
      id: "triggeredBy",
      header: t("jobs.col.triggeredBy"),
      width: 170,
      hideOnMobile: true,
      cell: (r) =>
        r.triggeredByEmail || r.triggeredById ? (
          <Text fz="sm" truncate>
            {r.triggeredByEmail || r.triggeredById}
          </Text>
        ) : (
          dash
        ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        {title}
        <SegmentedControl
          aria-label={t("jobs.outcomeFilter")}
          value={outcome}
          onChange={(value) => onOutcomeChange(value as OutcomeName | "")}
          data={[
            { value: "", label: t("common.all") },
            ...outcomeNames.map((name) => ({ value: name, label: t(`jobs.outcome.${name}`) })),
          ]}
        />
      </Group>
      <DataTable
        label={jobName ? t("jobs.detail.runHistory") : t("jobs.runs.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        onRowClick={onOpen}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        autoLoad={false}
        empty={<EmptyState icon={<IconHistory size={22} />} title={t("jobs.runs.empty")} />}
      />
    </Stack>
  );
}
