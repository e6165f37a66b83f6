import { createClient } from "@connectrpc/connect";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { JobRunOutcome, JobService } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { demo, renderApp } from "@/test/render";

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

describe("jobs", () => {
  it("lists the jobs with their schedules in words and the recent runs", async () => {
    renderApp("/jobs", { signedInAs: demo.owner });
    await jobsLoaded();
    const table = jobsTable();
    expect(within(table).getByText("Every hour at :00 (UTC)")).toBeInTheDocument();
    expect(within(table).getByText("Daily at 02:00 UTC")).toBeInTheDocument();
    expect(within(table).getByText("Sundays at 03:00 UTC")).toBeInTheDocument();
    expect(within(table).getByText("1st of the month at 00:00 UTC")).toBeInTheDocument();
    // The last renewal failed and is retried.
    expect(within(rowOf(table, "Certificate Renewal")).getByText("Failed")).toBeInTheDocument();
    await waitFor(() => expect(within(runsTable()).getAllByRole("row").length).toBeGreaterThan(10));
  });

  it("runs a job now and shows the run's summary once it finished", async () => {
    const { api } = renderApp("/jobs", { signedInAs: demo.owner, jobRunMs: 1500 });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Run now: Session Cleanup" }));
    const dialog = await screen.findByRole("dialog", { name: "Run Session Cleanup now?" });
    await user.type(within(dialog).getByLabelText("Reason (optional)"), "checking the cleanup");
    await user.click(within(dialog).getByRole("button", { name: "Run now" }));

    expect(await screen.findByText("Session Cleanup started")).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === "TriggerJob")?.request).toMatchObject({
      jobName: "session-cleanup",
      reason: "checking the cleanup",
    });
    // While it runs, the lists ask again every 2 s until the run ended.
    // The job's badge and its last run both say so.
    await waitFor(() =>
      expect(within(rowOf(jobsTable(), "Session Cleanup")).getAllByText("Running")).toHaveLength(2),
    );
    expect(screen.getByRole("button", { name: "Run now: Session Cleanup" })).toBeDisabled();
    const summary = await screen.findByText(
      "removed 0 expired sessions, 0 expired API tokens and 0 sign-in throttles",
      {},
      { timeout: 8000 },
    );
    expect(within(runsTable()).getByText("Manual", { exact: true })).toBeInTheDocument();
    expect(summary.closest("tr")).toHaveTextContent("owner@demo.leitstand.test");
    await waitFor(() =>
      expect(within(rowOf(jobsTable(), "Session Cleanup")).queryAllByText("Running")).toHaveLength(
        0,
      ),
    );
    expect(api.audit[0]).toMatchObject({
      action: "/leitstand.admin.v1.JobService/TriggerJob",
      targetId: "session-cleanup",
      reason: "checking the cleanup",
    });
  });

  it("shows why the server refused to start a job that is already running", async () => {
    const { api } = renderApp("/jobs", { signedInAs: demo.owner, jobRunMs: 60_000 });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Run now: Audit Verification" }));
    const dialog = await screen.findByRole("dialog", { name: "Run Audit Verification now?" });
    // Meanwhile someone else (another tab, another replica) starts it.
    const other = await createClient(JobService, api.transport).triggerJob({
      jobName: "audit-verification",
    });
    expect(other.jobRun?.outcome).toBe(JobRunOutcome.RUNNING);

    await user.click(within(dialog).getByRole("button", { name: "Run now" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Audit Verification is already running (attempt 1, started",
    );
    expect(screen.getByRole("dialog", { name: "Run Audit Verification now?" })).toBeVisible();
  });

  it("shows a developer the jobs without Run now", async () => {
    renderApp("/jobs", { signedInAs: demo.developer });
    await jobsLoaded();
    expect(screen.getByRole("link", { name: "Jobs" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Run now/ })).not.toBeInTheDocument();
  });

  it("filters the recent runs by outcome through the URL", async () => {
    const { history, api } = renderApp("/jobs", { signedInAs: demo.owner });
    await jobsLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Interrupted" }));
    await waitFor(() => expect(history.location.search).toContain("outcome=INTERRUPTED"));
    await waitFor(() => {
      const rows = runsTable().querySelectorAll("tr[data-row]");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toHaveTextContent("Interrupted");
    });
    const last = api.calls.filter((c) => c.method === "ListJobRuns").at(-1)?.request;
    expect(last).toMatchObject({ jobName: "", outcome: JobRunOutcome.INTERRUPTED });
  });
});

describe("job detail", () => {
  it("shows the history, the runs of the job and a run's error", async () => {
    const { history, api } = renderApp("/jobs/audit-verification", { signedInAs: demo.owner });
    expect(await screen.findByRole("heading", { name: "Audit Verification" })).toBeInTheDocument();
    expect(await screen.findByTestId("history-summary")).toHaveTextContent(/runs in this range/);

    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "30 days" }));
    await waitFor(() => expect(history.location.search).toContain("range=30d"));
    await waitFor(() =>
      expect(screen.getByTestId("history-summary")).toHaveTextContent("1 of them failed"),
    );
    const request = api.calls.filter((c) => c.method === "GetJobHistory").at(-1)?.request as {
      startTime: { seconds: bigint };
      endTime: { seconds: bigint };
    };
    expect(Number(request.endTime.seconds - request.startTime.seconds)).toBe(30 * 24 * 3600);

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
    // A broken chain is not retried.
    expect(within(drawer).queryByText("Next attempt")).not.toBeInTheDocument();
    expect(within(drawer).getByTestId("run-summary")).toHaveTextContent(/^checked \d+ events$/);
    expect(within(drawer).getByText("Scheduled for")).toBeInTheDocument();
    expect(history.location.search).toMatch(/run=run_/);
  });

  it("says so when the job does not exist", async () => {
    renderApp("/jobs/no-such-job", { signedInAs: demo.owner });
    expect(await screen.findByText("This job does not exist.")).toBeInTheDocument();
  });
});
