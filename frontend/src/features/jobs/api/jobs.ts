import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  JobRunOutcome,
  JobService,
  type ListJobRunsResponse,
  type ListJobsResponse,
} from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { useChange, useInvalidate } from "@/lib/queries";
import { outcomeValue, type HistoryRange, type OutcomeName } from "../search";

/** How often lists are asked again while a run is in progress. */
export const pollWhileRunningMs = 2000;

const anyJobRunning = (data?: ListJobsResponse) => data?.jobs.some((j) => j.running) ?? false;
const anyRunRunning = (pages?: ListJobRunsResponse[]) =>
  pages?.some((p) => p.jobRuns.some((r) => r.outcome === JobRunOutcome.RUNNING)) ?? false;

/** useJobs lists the registered jobs; while one runs, it asks again every 2 s. */
export function useJobs() {
  return useQuery(
    JobService.method.listJobs,
    {},
    {
      refetchInterval: (query) => (anyJobRunning(query.state.data) ? pollWhileRunningMs : false),
    },
  );
}

/** The runs' list request of the filters: the list and its CSV export. */
export function jobRunsInput(jobName: string, outcome: OutcomeName | "") {
  return { pageSize: 25, pageToken: "", jobName, outcome: outcomeValue(outcome) };
}

/** useJobRuns pages through the runs of one job ("" for all), newest first. */
export function useJobRuns(jobName: string, outcome: OutcomeName | "") {
  return useInfiniteQuery(JobService.method.listJobRuns, jobRunsInput(jobName, outcome), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      anyRunRunning(query.state.data?.pages) ? pollWhileRunningMs : false,
  });
}

/** useJobRun loads one run (for its details); while it runs, it asks again every 2 s. */
export function useJobRun(id: string) {
  return useQuery(JobService.method.getJobRun, id ? { id } : skipToken, {
    meta: { handlesErrors: true },
    refetchInterval: (query) =>
      query.state.data?.jobRun?.outcome === JobRunOutcome.RUNNING ? pollWhileRunningMs : false,
  });
}

const hour = 3600_000;
const day = 24 * hour;
const rangeLength: Record<HistoryRange, number> = { "24h": day, "7d": 7 * day, "30d": 30 * day };

/**
 * historyWindow is the time range of the history chart: it ends with the
 * current hour (24 h, hour buckets) or the current UTC day (7 and 30 days,
 * day buckets), so the buckets are whole hours or days and the range stays
 * the same while the page is open.
 */
export function historyWindow(range: HistoryRange, now: Date): { start: Date; end: Date } {
  const unit = range === "24h" ? hour : day;
  const end = new Date(Math.floor(now.getTime() / unit) * unit + unit);
  return { start: new Date(end.getTime() - rangeLength[range]), end };
}

/** useJobHistory loads a job's runs in buckets over a range ending now. */
export function useJobHistory(jobName: string, range: HistoryRange, now: Date) {
  const { start, end } = historyWindow(range, now);
  return useQuery(
    JobService.method.getJobHistory,
    { jobName, startTime: timestampFromDate(start), endTime: timestampFromDate(end) },
    { placeholderData: keepPreviousData },
  );
}

/**
 * useRefreshWhenRunEnds marks every job query stale when a job stops
 * running, so the run history, the statistics and the chart show the run.
 */
export function useRefreshWhenRunEnds(running: boolean) {
  const invalidate = useInvalidate(JobService);
  const was = useRef(running);
  useEffect(() => {
    if (was.current && !running) void invalidate();
    was.current = running;
  }, [running, invalidate]);
}

/** useTriggerJob starts a run now; the dialog shows a refusal itself. */
export function useTriggerJob() {
  return useChange(JobService.method.triggerJob, [JobService, AuditService]);
}

/** useRetryJobRun starts the job of a failed run again; the dialog shows a refusal itself. */
export function useRetryJobRun() {
  return useChange(JobService.method.retryJobRun, [JobService, AuditService]);
}
