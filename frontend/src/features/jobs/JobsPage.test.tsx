import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  JobRunOutcome,
  JobService,
  JobTrigger,
  type Job,
  type JobRun,
} from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import {
  aDeveloper,
  aJob,
  aJobRun,
  ago,
  anOwner,
  day,
  fromNow,
  hour,
  minute,
} from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const jobsTable = () => screen.getByRole("table", { name: "Jobs" });
/** Waits for the jobs table to show its rows. */
const jobsLoaded = async () =>
  within(await screen.findByRole("table", { name: "Jobs" })).findByRole("link", {
    name: "Session Cleanup",
  });
const runsTable = () => screen.getByRole("table", { name: "Recent runs" });
const rowOf = (table: HTMLElement, text: string) =>
  within(table)
    .getAllByRole("row")
    .find((row) => row.textContent?.includes(text)) as HTMLElement;

const cleanupRun = aJobRun({ id: "run_000101" });
const renewalFailed = aJobRun({
  id: "run_000102",
  jobName: "certificate-renewal",
  outcome: JobRunOutcome.FAILED,
  summary: "",
  error: "acme: urn:ietf:params:acme:error:rateLimited: too many certificates already issued",
  retryTime: fromNow(40 * minute),
});
const interrupted = aJobRun({
  id: "run_000103",
  outcome: JobRunOutcome.INTERRUPTED,
  summary: "",
  error: "the server running this job stopped before the run finished (leitstand-2:3981)",
});
const auditFailed = aJobRun({
  id: "run_000104",
  jobName: "audit-verification",
  scheduledTime: ago(5 * day),
  outcome: JobRunOutcome.FAILED,
  summary: "checked 12786 events",
  error:
    "audit chain broken: event 10482: the stored hash does not match the hash computed from the event and its predecessor",
});

function jobs(overrides: Partial<Record<string, Partial<Job>>> = {}): Job[] {
  return [
    aJob({ lastRun: cleanupRun }),
    aJob({
      name: "audit-verification",
      title: "Audit Verification",
      description: "Recomputes the hash chain of the audit trail.",
      schedule: "0 2 * * *",
      lastRun: aJobRun({ jobName: "audit-verification", summary: "audit chain intact" }),
    }),
    aJob({
      name: "certificate-renewal",
      title: "Certificate Renewal",
      description: "Renews the TLS certificates that expire within the next 30 days.",
      schedule: "0 3 * * 0",
      lastRun: renewalFailed,
    }),
    aJob({
      name: "invoice-run",
      title: "Invoice Run",
      description: "Issues the month's invoices.",
      schedule: "0 0 1 * *",
    }),
  ].map((job) => aJob({ ...job, ...overrides[job.name] }));
}

function jobsApi(...answers: Canned[]) {
  return cannedApi(
    signedIn(anOwner()),
    answer(JobService.method.listJobs, { jobs: jobs() }),
    answer(JobService.method.listJobRuns, { jobRuns: [cleanupRun, renewalFailed, interrupted] }),
    ...answers,
  );
}

describe("jobs", () => {
  it("lists the jobs with their schedules in words and the recent runs", async () => {
    const api = jobsApi();
    renderApp("/jobs", api);
    await jobsLoaded();
    const table = jobsTable();
    expect(within(table).getByText("Every hour at :00 (UTC)")).toBeInTheDocument();
    expect(within(table).getByText("Daily at 02:00 UTC")).toBeInTheDocument();
    expect(within(table).getByText("Sundays at 03:00 UTC")).toBeInTheDocument();
    expect(within(table).getByText("1st of the month at 00:00 UTC")).toBeInTheDocument();
    // The last renewal failed; the invoice run never ran.
    expect(within(rowOf(table, "Certificate Renewal")).getByText("Failed")).toBeInTheDocument();
    expect(rowOf(table, "Invoice Run")).toHaveTextContent("Never ran");
    await waitFor(() => expect(runsTable().querySelectorAll("tr[data-row]")).toHaveLength(3));
    // A failed run shows its error instead of a summary.
    expect(rowOf(runsTable(), "Interrupted")).toHaveTextContent("the server running this job");
    expect(api.lastRequest(JobService.method.listJobRuns)).toMatchObject({
      pageSize: 25,
      pageToken: "",
      jobName: "",
      outcome: JobRunOutcome.UNSPECIFIED,
    });
  });

  it("runs a job now and asks again while it runs, until the server says it finished", async () => {
    // What the server says about the run: not started, running, finished.
    let phase: "idle" | "running" | "finished" = "idle";
    const running = aJobRun({
      id: "run_000200",
      trigger: JobTrigger.MANUAL,
      scheduledTime: undefined,
      startTime: ago(1000),
      endTime: undefined,
      duration: undefined,
      outcome: JobRunOutcome.RUNNING,
      summary: "",
      triggeredById: "usr_owner",
      triggeredByEmail: "owner@demo.leitstand.test",
    });
    const finished = aJobRun({
      ...running,
      endTime: ago(0),
      duration: durationFromMs(1000),
      outcome: JobRunOutcome.SUCCEEDED,
      summary: "removed 0 expired sessions, 0 expired API tokens and 0 sign-in throttles",
    });
    const latest = () => (phase === "running" ? running : finished);
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(JobService.method.listJobs, () => ({
        jobs:
          phase === "idle"
            ? jobs()
            : jobs({ "session-cleanup": { running: phase === "running", lastRun: latest() } }),
      })),
      answerWith(JobService.method.listJobRuns, () => ({
        jobRuns: phase === "idle" ? [cleanupRun] : [latest(), cleanupRun],
      })),
      answerWith(JobService.method.triggerJob, () => {
        phase = "running";
        return { jobRun: running };
      }),
    );
    renderApp("/jobs", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Run now: Session Cleanup" }));
    const dialog = await screen.findByRole("dialog", { name: "Run Session Cleanup now?" });
    await user.type(within(dialog).getByLabelText("Reason (optional)"), " checking the cleanup ");
    await user.click(within(dialog).getByRole("button", { name: "Run now" }));

    expect(await screen.findByText("Session Cleanup started")).toBeInTheDocument();
    expect(api.requests(JobService.method.triggerJob)).toMatchObject([
      { jobName: "session-cleanup", reason: "checking the cleanup" },
    ]);
    // The job's badge and its last run both say it runs; it cannot be started again.
    await waitFor(() =>
      expect(within(rowOf(jobsTable(), "Session Cleanup")).getAllByText("Running")).toHaveLength(2),
    );
    expect(screen.getByRole("button", { name: "Run now: Session Cleanup" })).toBeDisabled();
    const calls = api.requests(JobService.method.listJobs).length;

    phase = "finished";
    const summary = await screen.findByText(
      "removed 0 expired sessions, 0 expired API tokens and 0 sign-in throttles",
      {},
      { timeout: 8000 },
    );
    // It was asked again (every 2 s) while the run ran.
    expect(api.requests(JobService.method.listJobs).length).toBeGreaterThan(calls);
    expect(within(runsTable()).getByText("Manual", { exact: true })).toBeInTheDocument();
    expect(summary.closest("tr")).toHaveTextContent("owner@demo.leitstand.test");
    await waitFor(() =>
      expect(within(rowOf(jobsTable(), "Session Cleanup")).queryAllByText("Running")).toHaveLength(
        0,
      ),
    );
    expect(screen.getByRole("button", { name: "Run now: Session Cleanup" })).toBeEnabled();
  });

  it("shows why the server refused to start a job that is already running", async () => {
    const api = jobsApi(
      answer(
        JobService.method.triggerJob,
        refused(
          "Audit Verification is already running (attempt 1, started 2026-03-02 02:00:01 UTC on leitstand-2:3981); try again when it has finished",
        ),
      ),
    );
    renderApp("/jobs", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Run now: Audit Verification" }));
    const dialog = await screen.findByRole("dialog", { name: "Run Audit Verification now?" });
    await user.click(within(dialog).getByRole("button", { name: "Run now" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Audit Verification is already running (attempt 1, started 2026-03-02 02:00:01 UTC",
    );
    expect(screen.getByRole("dialog", { name: "Run Audit Verification now?" })).toBeVisible();
    expect(screen.queryByText("Audit Verification started")).not.toBeInTheDocument();
  });

  it("shows a developer the jobs without Run now", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(JobService.method.listJobs, { jobs: jobs() }),
      answer(JobService.method.listJobRuns, { jobRuns: [] }),
    );
    renderApp("/jobs", api);
    await jobsLoaded();
    expect(screen.getByRole("link", { name: "Jobs" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Run now/ })).not.toBeInTheDocument();
    expect(await screen.findByText("No runs match.")).toBeInTheDocument();
  });

  it("filters the recent runs by outcome through the URL", async () => {
    const api = jobsApi(
      answerWith(JobService.method.listJobRuns, (request) => ({
        jobRuns:
          request.outcome === JobRunOutcome.INTERRUPTED
            ? [interrupted]
            : [cleanupRun, renewalFailed, interrupted],
      })),
    );
    const { history } = renderApp("/jobs", api);
    await jobsLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Interrupted" }));
    await waitFor(() => expect(history.location.search).toContain("outcome=INTERRUPTED"));
    await waitFor(() => {
      const rows = runsTable().querySelectorAll("tr[data-row]");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toHaveTextContent("Interrupted");
    });
    expect(api.lastRequest(JobService.method.listJobRuns)).toMatchObject({
      jobName: "",
      outcome: JobRunOutcome.INTERRUPTED,
    });
  });

  it("filters the recent runs by job through the URL", async () => {
    const api = jobsApi(
      answerWith(JobService.method.listJobRuns, (request) => ({
        jobRuns:
          request.jobName === "certificate-renewal"
            ? [renewalFailed]
            : [cleanupRun, renewalFailed, interrupted],
      })),
    );
    const { history } = renderApp("/jobs", api);
    await jobsLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Job", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Certificate Renewal" }));
    await waitFor(() => expect(history.location.search).toContain("job=certificate-renewal"));
    await waitFor(() => expect(runsTable().querySelectorAll("tr[data-row]")).toHaveLength(1));
    expect(api.lastRequest(JobService.method.listJobRuns)).toMatchObject({
      jobName: "certificate-renewal",
    });
  });

  it("retries a failed run with a reason that refers to it, and shows who started it and why", async () => {
    const failed = aJobRun({ ...auditFailed, id: "run_000300", retryTime: undefined });
    const retry = aJobRun({
      id: "run_000301",
      jobName: "audit-verification",
      trigger: JobTrigger.MANUAL,
      scheduledTime: undefined,
      outcome: JobRunOutcome.RUNNING,
      triggeredByEmail: "owner@demo.leitstand.test",
      reason: "Retry of run_000300: chain repaired",
      retryOfId: "run_000300",
    });
    let retried = false;
    const api = jobsApi(
      answerWith(JobService.method.listJobRuns, () => ({
        jobRuns: retried ? [retry, failed] : [failed],
      })),
      answerWith(JobService.method.getJobRun, (request) => ({
        jobRun: request.id === retry.id ? retry : failed,
      })),
      answerWith(JobService.method.retryJobRun, () => {
        retried = true;
        return { jobRun: retry };
      }),
    );
    const { history } = renderApp("/jobs?run=run_000300", api);
    const drawer = await screen.findByRole("dialog", { name: "Run of Audit Verification" });
    const user = userEvent.setup();
    await user.click(await within(drawer).findByRole("button", { name: "Retry: run_000300" }));
    const dialog = await screen.findByRole("dialog", { name: "Retry Audit Verification?" });
    expect(dialog).toHaveTextContent("refers to run_000300");
    await user.type(within(dialog).getByLabelText("Reason (optional)"), "chain repaired");
    await user.click(within(dialog).getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("Audit Verification started again")).toBeInTheDocument();
    expect(api.requests(JobService.method.retryJobRun)).toMatchObject([
      { id: "run_000300", reason: "chain repaired" },
    ]);
    // The new run says who started it and why.
    const row = await waitFor(() => {
      const r = rowOf(runsTable(), "Retry of run_000300");
      expect(r).toBeDefined();
      return r;
    });
    expect(row).toHaveTextContent("owner@demo.leitstand.test");
    await user.click(within(row).getByText("Manual"));
    await waitFor(() => expect(history.location.search).toContain("run=run_000301"));
    const details = await screen.findByTestId("run-detail-reason");
    expect(details).toHaveTextContent("Retry of run_000300: chain repaired");
    // It leads back to the run it retried; a running run has no Retry.
    const again = screen.getByRole("dialog", { name: "Run of Audit Verification" });
    expect(within(again).queryByRole("button", { name: /^Retry/ })).not.toBeInTheDocument();
    await user.click(within(again).getByRole("button", { name: "run_000300" }));
    await waitFor(() => expect(history.location.search).toContain("run=run_000300"));
  });

  it("offers no retry to a developer", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(JobService.method.listJobs, { jobs: jobs() }),
      answer(JobService.method.listJobRuns, { jobRuns: [auditFailed] }),
      answer(JobService.method.getJobRun, { jobRun: auditFailed }),
    );
    renderApp("/jobs?run=run_000104", api);
    const drawer = await screen.findByRole("dialog", { name: "Run of Audit Verification" });
    await within(drawer).findByTestId("run-error");
    expect(within(drawer).queryByRole("button", { name: /^Retry/ })).not.toBeInTheDocument();
  });
});

describe("jobs in German", () => {
  it("words titles, descriptions and summaries by the job's name and the summary's code", async () => {
    const synced = aJobRun({
      id: "run_000201",
      jobName: "session-cleanup",
      summary: "removed 1 expired sessions, 2 expired API tokens and 0 sign-in throttles",
      summaryCode: "sessions-removed",
      summaryParams: { sessions: "1", tokens: "2", throttles: "0" },
    });
    const api = cannedApi(
      signedIn(anOwner()),
      answer(JobService.method.listJobs, {
        jobs: jobs({ "session-cleanup": { lastRun: synced } }),
      }),
      answer(JobService.method.listJobRuns, { jobRuns: [synced, renewalFailed] }),
    );
    renderApp("/jobs", api, "de");
    const table = await screen.findByRole("table", { name: "Jobs" });
    expect(
      await within(table).findByRole("link", { name: "Sitzungsbereinigung" }),
    ).toBeInTheDocument();
    expect(table).not.toHaveTextContent("Session Cleanup");
    expect(table).not.toHaveTextContent("Removes expired");
    const runs = screen.getByRole("table", { name: "Letzte Läufe" });
    await waitFor(() =>
      expect(runs).toHaveTextContent(
        "1 abgelaufene Sitzung, 2 abgelaufene API-Tokens und 0 Anmeldesperren entfernt",
      ),
    );
    expect(runs).not.toHaveTextContent("expired sessions");
    // A job this interface does not know keeps the server's title; a run's
    // error is the server's, and says so.
    expect(rowOf(runs, "Certificate Renewal")).toHaveTextContent(
      "Servermeldung (englisch): acme: urn:ietf:params:acme:error:rateLimited",
    );
  });
});

describe("job detail", () => {
  it("shows the history of the range chosen, the runs of the job and a run's error", async () => {
    const runs = (request: { outcome: JobRunOutcome }): JobRun[] =>
      request.outcome === JobRunOutcome.FAILED ? [auditFailed] : [auditFailed, cleanupRun];
    const api = jobsApi(
      answerWith(JobService.method.getJobHistory, (request) => {
        const days = Number(request.endTime!.seconds - request.startTime!.seconds) / 86400;
        return days > 1
          ? {
              bucketWidth: durationFromMs(day),
              buckets: [
                { startTime: ago(6 * day), runs: 20, failed: 0 },
                { startTime: ago(5 * day), runs: 10, failed: 1 },
              ],
            }
          : { bucketWidth: durationFromMs(hour), buckets: [{ startTime: ago(hour), runs: 1 }] };
      }),
      answerWith(JobService.method.listJobRuns, (request) => ({
        jobRuns: runs(request).map((r) => aJobRun({ ...r, jobName: "audit-verification" })),
      })),
      answer(JobService.method.getJobRun, { jobRun: auditFailed }),
    );
    const { history } = renderApp("/jobs/audit-verification", api);
    expect(await screen.findByRole("heading", { name: "Audit Verification" })).toBeInTheDocument();
    expect(await screen.findByTestId("history-summary")).toHaveTextContent(
      "1 run in this range, 0 of them failed.",
    );
    expect(api.lastRequest(JobService.method.listJobRuns)?.jobName).toBe("audit-verification");

    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "30 days" }));
    await waitFor(() => expect(history.location.search).toContain("range=30d"));
    await waitFor(() =>
      expect(screen.getByTestId("history-summary")).toHaveTextContent(
        "30 runs in this range, 1 of them failed.",
      ),
    );
    const request = api.lastRequest(JobService.method.getJobHistory)!;
    expect(request.jobName).toBe("audit-verification");
    expect(Number(request.endTime!.seconds - request.startTime!.seconds)).toBe(30 * 24 * 3600);

    await user.click(screen.getByRole("radio", { name: "Failed" }));
    const table = screen.getByRole("table", { name: "Run history" });
    await waitFor(() => expect(table.querySelectorAll("tr[data-row]")).toHaveLength(1));
    const row = table.querySelector("tr[data-row]") as HTMLElement;
    expect(row).toHaveTextContent("audit chain broken: event 10482");
    await user.click(within(row).getByText("Schedule"));

    const drawer = await screen.findByRole("dialog", { name: "Run of Audit Verification" });
    expect(within(drawer).getByTestId("run-error")).toHaveTextContent(
      "the stored hash does not match",
    );
    // No retry is planned: no next attempt.
    expect(within(drawer).queryByText("Next attempt")).not.toBeInTheDocument();
    expect(within(drawer).getByTestId("run-summary")).toHaveTextContent("checked 12786 events");
    expect(within(drawer).getByText("Scheduled for")).toBeInTheDocument();
    expect(history.location.search).toContain("run=run_000104");
    expect(api.lastRequest(JobService.method.getJobRun)?.id).toBe("run_000104");
  });

  it("says so when the job does not exist", async () => {
    renderApp("/jobs/no-such-job", jobsApi());
    expect(await screen.findByText("This job does not exist.")).toBeInTheDocument();
  });
});
