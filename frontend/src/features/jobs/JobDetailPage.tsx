import {
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { durationMs } from "@bufbuild/protobuf/wkt";
import { IconClockPlay } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useJobHistory, useJobs, useRefreshWhenRunEnds } from "./api/jobs";
import { JobLast7Days, JobLastRun, JobNextRun, JobSchedule } from "./components/JobCells";
import { JobRunsTable } from "./components/JobRunsTable";
import { RunningBadge } from "./components/OutcomeBadge";
import { RunJobButton } from "./components/RunJobButton";
import { historyRanges, type HistoryRange, type JobDetailSearch } from "./search";
import { jobDescription, jobTitle } from "@/components/jobs/texts";

// The chart library is large: it loads only when a chart is shown.
const JobHistoryChart = lazy(() =>
  import("./components/JobHistoryChart").then((m) => ({ default: m.JobHistoryChart })),
);

const route = getRouteApi("/_app/jobs/$name");

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4} mb={6}>
        {label}
      </Text>
      {children}
    </Paper>
  );
}

export function JobDetailPage() {
  const { t } = useI18n();
  const { name } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/jobs/$name" });
  const canTrigger = usePermission(Permission.JOBS_TRIGGER);
  const jobs = useJobs();
  const job = jobs.data?.jobs.find((j) => j.name === name);
  const titles = useMemo(
    () => new Map((jobs.data?.jobs ?? []).map((j) => [j.name, jobTitle(t, j)])),
    [jobs.data, t],
  );
  useRefreshWhenRunEnds(job?.running ?? false);
  const crumbs = [{ label: t("jobs.title"), to: "/jobs" as const }];

  const setSearch = (patch: Partial<JobDetailSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  if (jobs.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={90} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (jobs.error || !job) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("jobs.title")}
        error={jobs.error}
        onRetry={() => void jobs.refetch()}
        icon={<IconClockPlay size={22} />}
        notFound={t("jobs.detail.notFound")}
      />
    );
  }

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={jobTitle(t, job)}
        badge={job.running ? <RunningBadge /> : undefined}
        description={jobDescription(t, job)}
        actions={canTrigger ? <RunJobButton job={job} size="sm" /> : undefined}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" mb="lg">
        <Fact label={t("jobs.col.schedule")}>
          <JobSchedule job={job} />
        </Fact>
        <Fact label={t("jobs.col.nextRun")}>
          <JobNextRun job={job} />
        </Fact>
        <Fact label={t("jobs.col.lastRun")}>
          <JobLastRun job={job} />
        </Fact>
        <Fact label={t("jobs.col.last7Days")}>
          <JobLast7Days job={job} />
        </Fact>
      </SimpleGrid>
      <JobHistory
        jobName={job.name}
        range={search.range}
        onRangeChange={(range) => setSearch({ range })}
      />
      <JobRunsTable
        title={
          <Title order={2} mt="xl">
            {t("jobs.detail.runHistory")}
          </Title>
        }
        jobName={job.name}
        titles={titles}
        search={search}
        onSearchChange={setSearch}
      />
    </>
  );
}

function JobHistory({
  jobName,
  range,
  onRangeChange,
}: {
  jobName: string;
  range: HistoryRange;
  onRangeChange: (range: HistoryRange) => void;
}) {
  const { t, formatNumber } = useI18n();
  const [now] = useState(() => new Date());
  const history = useJobHistory(jobName, range, now);
  const buckets = history.data?.buckets ?? [];
  const runs = buckets.reduce((sum, b) => sum + b.runs, 0);
  const failed = buckets.reduce((sum, b) => sum + b.failed, 0);
  const hourly = history.data?.bucketWidth
    ? durationMs(history.data.bucketWidth) <= 3600_000
    : range === "24h";

  return (
    <Section
      title={t("jobs.detail.history")}
      actions={
        <SegmentedControl
          size="xs"
          aria-label={t("jobs.detail.range")}
          value={range}
          onChange={(value) => onRangeChange(value as HistoryRange)}
          data={historyRanges.map((r) => ({ value: r, label: t(`jobs.detail.range.${r}`) }))}
        />
      }
    >
      {history.error ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <Skeleton height={250} />
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            <Text fz="sm" c="dimmed" data-testid="history-summary">
              {t("jobs.detail.historySummary", { runs, failed: formatNumber(failed) })}
            </Text>
          </Group>
          <Suspense fallback={<Skeleton height={250} />}>
            <JobHistoryChart buckets={buckets} hourly={hourly} />
          </Suspense>
        </Stack>
      )}
    </Section>
  );
}
