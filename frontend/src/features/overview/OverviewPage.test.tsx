import { Code } from "@connectrpc/connect";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuditOutcome, AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  ConnectionHealth,
  ConnectionService,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { JobRunOutcome, JobService } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import {
  aConnection,
  ago,
  aJobRun,
  anAuditEvent,
  anOwner,
  fromNow,
  hour,
  minute,
} from "@/test/builders";
import { answer, cannedApi, refused, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const summary = {
  total: 42,
  healthy: 30,
  warning: 7,
  critical: 3,
  unknown: 2,
  syncFailing: 4,
  connectionsFailing: 1,
};

const failing = aConnection({
  id: "conn_docker_nbg",
  name: "Docker Nürnberg",
  health: ConnectionHealth.FAILING,
  healthMessage: "dial tcp 10.20.3.5:2376: connect: connection refused",
  consecutiveFailures: 6,
  lastSyncTime: ago(90 * minute),
});

const failedRun = aJobRun({
  id: "run_000102",
  jobName: "server-sync",
  outcome: JobRunOutcome.FAILED,
  error: "acme: too many certificates already issued",
  retryTime: fromNow(40 * minute),
  startTime: ago(2 * hour),
});

const change = anAuditEvent({
  id: "aud_0042",
  action: "/leitstand.admin.v1.ServerService/UpdateServer",
  actorEmail: "operator@demo.leitstand.test",
  targetType: "server",
  targetId: "srv_0012",
  targetName: "app-fsn1-01",
  occurTime: ago(5 * minute),
});
const denied = anAuditEvent({
  id: "aud_0043",
  action: "/leitstand.admin.v1.MemberService/SetPlatformRole",
  actorId: "",
  actorEmail: "",
  targetType: "user",
  targetId: "",
  outcome: AuditOutcome.DENIED,
  occurTime: ago(10 * minute),
});

/** The server's answers for every section. */
const answers: Canned[] = [
  answer(ServerService.method.getHealthSummary, summary),
  answer(ConnectionService.method.listConnections, { connections: [failing] }),
  answer(JobService.method.listJobRuns, { jobRuns: [failedRun] }),
  answer(AuditService.method.listAuditEvents, { auditEvents: [change, denied] }),
];

const section = (name: string) => screen.findByRole("region", { name });

describe("the start page", () => {
  it("shows servers by health, failing syncs, failed runs and recent changes, each linking on", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    renderApp("/", api);

    expect(await screen.findByRole("heading", { name: "Operations overview" })).toBeVisible();

    const servers = await section("Servers by health");
    const critical = await within(servers).findByRole("link", {
      name: "Open the list of Critical servers: 3",
    });
    expect(critical).toHaveAttribute("href", "/servers?health=CRITICAL");
    expect(
      within(servers)
        .getAllByTestId("health-count")
        .map((c) => c.textContent),
    ).toEqual(["30", "7", "3", "2"]);
    expect(within(servers).getByText("42 servers in all")).toBeVisible();

    const syncs = await section("Failing syncs");
    expect(await within(syncs).findByRole("link", { name: "Docker Nürnberg" })).toHaveAttribute(
      "href",
      "/connections/conn_docker_nbg",
    );
    expect(within(syncs).getByText(/connection refused/)).toBeVisible();
    expect(within(syncs).getByText("6 failed attempts in a row")).toBeVisible();
    expect(
      within(syncs).getByRole("link", { name: "4 servers whose last sync failed" }),
    ).toHaveAttribute("href", "/servers?sync=FAILING");

    const runs = await section("Recent failed job runs");
    const run = await within(runs).findByRole("link", { name: "Server Sync" });
    expect(new URL(run.getAttribute("href")!, "http://x").searchParams.get("run")).toBe(
      "run_000102",
    );
    expect(within(runs).getByText(/too many certificates/)).toBeVisible();
    expect(within(runs).getByRole("link", { name: "All failed runs" })).toHaveAttribute(
      "href",
      "/jobs?outcome=FAILED",
    );

    const changes = await section("Recent changes");
    // What was done in words, opening its event; the object by name, linked.
    expect(await within(changes).findByRole("link", { name: "Changed server" })).toHaveAttribute(
      "href",
      "/audit?event=aud_0042",
    );
    expect(within(changes).getByText(/operator@demo.leitstand.test · Server/)).toBeVisible();
    expect(within(changes).getByRole("link", { name: "app-fsn1-01" })).toHaveAttribute(
      "href",
      "/servers/srv_0012",
    );
    // A refused attempt by someone not signed in says so.
    expect(within(changes).getByText("denied")).toBeVisible();
    expect(within(changes).getByText("Not signed in")).toBeVisible();

    // What the page asks: only failing connections, a few failed runs, a few changes.
    expect(api.lastRequest(ConnectionService.method.listConnections)?.health).toBe(
      ConnectionHealth.FAILING,
    );
    expect(api.lastRequest(JobService.method.listJobRuns)).toMatchObject({
      outcome: JobRunOutcome.FAILED,
      pageSize: 5,
    });
    expect(api.lastRequest(AuditService.method.listAuditEvents)?.pageSize).toBe(5);
    // The servers and the syncs section share one summary.
    expect(api.calls().filter((c) => c === "ServerService/GetHealthSummary")).toHaveLength(1);
  });

  it("opens the servers list filtered by the health clicked", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    const { history } = renderApp("/", api);
    const servers = await section("Servers by health");
    await userEvent.click(
      await within(servers).findByRole("link", { name: "Open the list of Warning servers: 7" }),
    );
    await waitFor(() => expect(history.location.pathname).toBe("/servers"));
    expect(history.location.search).toContain("health=WARNING");
  });

  it("says so where nothing failed", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...answers,
      answer(ServerService.method.getHealthSummary, { ...summary, syncFailing: 0 }),
      answer(ConnectionService.method.listConnections, { connections: [] }),
      answer(JobService.method.listJobRuns, { jobRuns: [] }),
    );
    renderApp("/", api);
    const syncs = await section("Failing syncs");
    expect(
      await within(syncs).findByText("Every connection synced at its last attempt."),
    ).toBeVisible();
    expect(within(syncs).queryByText(/servers whose last sync failed/)).toBeNull();
    expect(
      await within(await section("Recent failed job runs")).findByText(
        "No job run has failed recently.",
      ),
    ).toBeVisible();
  });

  it("shows only the sections the caller may read", async () => {
    const caller = anOwner({ permissions: [Permission.JOBS_READ, Permission.ORGANIZATIONS_READ] });
    const api = cannedApi(signedIn(caller), ...answers);
    renderApp("/", api);
    const runs = await section("Recent failed job runs");
    expect(await within(runs).findByRole("link", { name: "Server Sync" })).toBeVisible();
    expect(screen.queryByRole("region", { name: "Servers by health" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Failing syncs" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Recent changes" })).toBeNull();
    // What it may not read is not even asked for.
    expect(api.calls()).not.toContain("ServerService/GetHealthSummary");
    expect(api.calls()).not.toContain("ConnectionService/ListConnections");
    expect(api.calls()).not.toContain("AuditService/ListAuditEvents");
  });

  it("sends a caller who may read none of it to their first section", async () => {
    const caller = anOwner({ permissions: [Permission.MEMBERS_READ] });
    const api = cannedApi(signedIn(caller), ...answers);
    const { history } = renderApp("/", api);
    await waitFor(() => expect(history.location.pathname).toBe("/members"));
  });

  it("shows a failing section's error with a retry, and the others meanwhile", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...answers,
      answer(
        JobService.method.listJobRuns,
        refused("the job store is being migrated", Code.FailedPrecondition),
        { jobRuns: [failedRun] },
      ),
    );
    renderApp("/", api, "de");
    const runs = await section("Zuletzt fehlgeschlagene Job-Läufe");
    expect(await within(runs).findByRole("alert")).toHaveTextContent(
      "the job store is being migrated",
    );
    // The other sections are there regardless.
    const servers = await section("Server nach Zustand");
    expect(
      await within(servers).findByRole("link", {
        name: "Liste der Server im Zustand Kritisch öffnen: 3",
      }),
    ).toBeVisible();

    await userEvent.click(within(runs).getByRole("button", { name: "Erneut versuchen" }));
    expect(await within(runs).findByRole("link", { name: "Server-Sync" })).toBeVisible();
    expect(within(runs).queryByRole("alert")).toBeNull();
  });
});
