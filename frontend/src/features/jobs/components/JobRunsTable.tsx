import { Group, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { durationMs } from "@bufbuild/protobuf/wkt";
import { IconHistory } from "@tabler/icons-react";
import { useMemo, type ReactNode } from "react";
import { JobService, type JobRun } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { DateTimeCell } from "@/components/data-table/TimeCells";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { ServerText } from "@/components/ui/ServerText";
import { useRecordDrawer } from "@/components/ui/RecordDrawer";
import { useI18n } from "@/lib/i18n/i18n";
import { jobTriggerKey } from "../labels";
import { jobRunsInput, useJobRuns } from "../api/jobs";
import { outcomeNames, type OutcomeName, type RunsSearch } from "../search";
import { RunSummary } from "@/components/jobs/texts";
import { JobRunDrawer } from "./JobRunDrawer";
import { OutcomeBadge } from "./OutcomeBadge";

/**
 * JobRunsTable lists recorded runs, newest first, with a filter by outcome:
 * the runs of one job, or of all jobs (then with a column naming the job and
 * a filter by job, so the every-minute jobs do not drown the rest).
 * While a run in it is running, it is asked again every 2 s. A click on a run
 * opens it in a drawer; the filter and the open run are kept in the URL.
 */
export function JobRunsTable({
  title,
  jobName,
  titles,
  search,
  onSearchChange,
}: {
  /** A heading shown beside the filter. */
  title: ReactNode;
  /** The job's name, or "" for the runs of every job. */
  jobName: string;
  /** Job titles by name, in registration order: the job column and filter. */
  titles: Map<string, string>;
  search: RunsSearch;
  onSearchChange: (patch: Partial<RunsSearch>) => void;
}) {
  const { t, formatDuration } = useI18n();
  const { outcome } = search;
  const job = jobName || (search.job ?? "");
  const list = useJobRuns(job, outcome);
  const drawer = useRecordDrawer("run");
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.jobRuns) ?? [], [list.data]);
  const dash = (
    <Text span c="dimmed" fz="sm">
      —
    </Text>
  );

  const columns: Column<JobRun>[] = [
    ...(job
      ? []
      : [
          {
            id: "job",
            header: t("jobs.run.job"),
            width: 170,
            cell: (r: JobRun) => (
              <RowLink to="/jobs/$name" params={{ name: r.jobName }}>
                {titles.get(r.jobName) ?? r.jobName}
              </RowLink>
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
      cell: (r) => <DateTimeCell time={r.startTime} fallback={dash} />,
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
      keepOnMobile: true,
      header: t("jobs.col.outcome"),
      width: 130,
      cell: (r) => <OutcomeBadge outcome={r.outcome} />,
    },
    {
      id: "summary",
      header: t("jobs.col.summary"),
      // A failed run shows what went wrong, as the server wrote it; the
      // rest what the job did, in the interface's language.
      cell: (r) =>
        r.error ? (
          <ServerText text={r.error} lineClamp={2} c="red" />
        ) : (
          <RunSummary run={r} lineClamp={2} />
        ),
    },
    {
      id: "triggeredBy",
      header: t("jobs.col.triggeredBy"),
      width: 170,
      hideOnMobile: true,
      // Who started it, and why below.
      cell: (r) =>
        r.triggeredByEmail || r.triggeredById || r.reason ? (
          <Stack gap={0} style={{ minWidth: 0 }}>
            {(r.triggeredByEmail || r.triggeredById) && (
              <Text fz="sm" truncate>
                {r.triggeredByEmail || r.triggeredById}
              </Text>
            )}
            {r.reason && (
              <Text fz="xs" c="dimmed" lineClamp={1} title={r.reason} data-testid="run-reason">
                {r.reason}
              </Text>
            )}
          </Stack>
        ) : (
          dash
        ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        {title}
        <Group gap="sm" wrap="wrap">
          <ExportButton
            method={JobService.method.listJobRuns}
            request={jobRunsInput(job, outcome)}
          />
          {!jobName && (
            <Select
              aria-label={t("jobs.jobFilter")}
              placeholder={t("jobs.allJobs")}
              w={220}
              clearable
              searchable
              value={search.job || null}
              onChange={(value) => onSearchChange({ job: value ?? "" })}
              data={[...titles].map(([name, label]) => ({ value: name, label }))}
            />
          )}
          <SegmentedControl
            aria-label={t("jobs.outcomeFilter")}
            value={outcome}
            onChange={(value) => onSearchChange({ outcome: value as OutcomeName | "" })}
            data={[
              { value: "", label: t("common.all") },
              ...outcomeNames.map((name) => ({ value: name, label: t(`jobs.outcome.${name}`) })),
            ]}
          />
        </Group>
      </Group>
      <DataTable
        label={jobName ? t("jobs.detail.runHistory") : t("jobs.runs.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        {...pagingProps(list)}
        onRowClick={(run) => drawer.open(run.id)}
        autoLoad={false}
        noun={{
          one: "jobs.runs.count.one",
          other: "jobs.runs.count.other",
          showing: "jobs.runs.count.showing",
        }}
        empty={<EmptyState icon={<IconHistory size={22} />} title={t("jobs.runs.empty")} />}
      />
      <JobRunDrawer
        runId={search.run}
        titles={titles}
        onClose={drawer.close}
        onOpenRun={drawer.open}
      />
    </Stack>
  );
}
