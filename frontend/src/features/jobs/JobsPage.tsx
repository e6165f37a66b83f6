import { Group, Stack, Text, Title } from "@mantine/core";
import { IconClockPlay } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { JobService, type Job } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useJobs, useRefreshWhenRunEnds } from "./api/jobs";
import { JobLast7Days, JobLastRun, JobNextRun, JobSchedule } from "./components/JobCells";
import { JobRunsTable } from "./components/JobRunsTable";
import { RunningBadge } from "./components/OutcomeBadge";
import { RunJobButton } from "./components/RunJobButton";
import type { JobsSearch } from "./search";
import { jobDescription, jobTitle } from "@/components/jobs/texts";
import { SavedViews } from "@/components/saved-views/SavedViews";

const route = getRouteApi("/_app/jobs/");

export function JobsPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/jobs/" });
  const canTrigger = usePermission(Permission.JOBS_TRIGGER);
  const query = useJobs();
  const jobs = useMemo(() => query.data?.jobs ?? [], [query.data]);
  const titles = useMemo(() => new Map(jobs.map((j) => [j.name, jobTitle(t, j)])), [jobs, t]);
  useRefreshWhenRunEnds(jobs.some((j) => j.running));

  const setSearch = (patch: Partial<JobsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const columns: Column<Job>[] = [
    {
      id: "job",
      header: t("jobs.col.job"),
      cell: (job) => (
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={8} wrap="nowrap">
            <RowLink to="/jobs/$name" params={{ name: job.name }}>
              {jobTitle(t, job)}
            </RowLink>
            {job.running && <RunningBadge />}
          </Group>
          <Text fz="xs" c="dimmed" lineClamp={2}>
            {jobDescription(t, job)}
          </Text>
        </Stack>
      ),
    },
    {
      id: "schedule",
      header: t("jobs.col.schedule"),
      width: 210,
      cell: (job) => <JobSchedule job={job} />,
    },
    {
      id: "nextRun",
      header: t("jobs.col.nextRun"),
      width: 170,
      hideOnMobile: true,
      cell: (job) => <JobNextRun job={job} />,
    },
    {
      id: "lastRun",
      keepOnMobile: true,
      header: t("jobs.col.lastRun"),
      width: 190,
      cell: (job) => <JobLastRun job={job} />,
    },
    {
      id: "last7Days",
      header: t("jobs.col.last7Days"),
      width: 170,
      hideOnMobile: true,
      cell: (job) => <JobLast7Days job={job} />,
    },
    ...(canTrigger
      ? [
          {
            id: "actions",
            header: "",
            // "Jetzt ausführen", the longest of the button's words, whole.
            width: 172,
            align: "right" as const,
            cell: (job: Job) => <RunJobButton job={job} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t("jobs.title")}
        description={t("jobs.description")}
        actions={<ExportButton method={JobService.method.listJobs} request={{}} />}
      />
      <Group justify="flex-end" mb="sm">
        <SavedViews page="jobs" />
      </Group>
      <DataTable
        view="jobs"
        label={t("jobs.title")}
        columns={columns}
        rows={jobs}
        rowKey={(job) => job.name}
        loading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        onRowClick={(job) => void navigate({ to: "/jobs/$name", params: { name: job.name } })}
        noun={{ one: "jobs.count.one", other: "jobs.count.other", showing: "jobs.count.showing" }}
        empty={<EmptyState icon={<IconClockPlay size={22} />} title={t("jobs.empty")} />}
      />
      <JobRunsTable
        title={
          <Title order={2} mt="xl">
            {t("jobs.runs.title")}
          </Title>
        }
        jobName=""
        titles={titles}
        search={search}
        onSearchChange={setSearch}
      />
    </>
  );
}
