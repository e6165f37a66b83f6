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
import { DashboardService } from "@leitstand/sdk/leitstand/admin/v1/dashboard_service_pb.js";
import { JobRunOutcome, JobService } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { ViewService } from "@leitstand/sdk/leitstand/admin/v1/view_service_pb.js";
import {
  aConnection,
  aDeveloper,
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

const counts = {
  organizations: { total: 42, pendingApproval: 2, active: 36, suspended: 1, closed: 3 },
  activeServices: 57,
  servicesNeedingAttention: 3,
  openOrders: 12,
  ordersWaitingForStaff: 4,
  openAlerts: 5,
  unacknowledgedAlerts: 2,
};

// Twelve months up to December 2026: the MRR grows by 50 € a month to
// 1.200,00 € on 1 November and 1.234,56 € today.
const months = Array.from({ length: 12 }, (_, i) => ({
  month: `2026-${String(i + 1).padStart(2, "0")}`,
  mrrCents: i === 11 ? 123456n : 70000n + BigInt(i) * 5000n,
  invoicedNetCents: 100000n + BigInt(i) * 1000n,
}));

const revenue = {
  currency: "EUR",
  mrrCents: 123456n,
  payingOrganizations: 12,
  months,
  topCustomers: [
    {
      organizationId: "org_01hzacme0000000000000000aa",
      organizationName: "Acme Hosting",
      invoicedNetCents: 987654n,
      mrrCents: 45000n,
    },
    {
      organizationId: "org_01hzbeta0000000000000000bb",
      organizationName: "Beta Logistik GmbH",
      invoicedNetCents: 512000n,
      mrrCents: 0n,
    },
  ],
};

/** The server's answers for every section. */
const answers: Canned[] = [
  answer(DashboardService.method.getDashboard, counts),
  answer(DashboardService.method.getRevenueSummary, revenue),
  answer(ServerService.method.getHealthSummary, summary),
  answer(ConnectionService.method.listConnections, { connections: [failing] }),
  answer(JobService.method.listJobRuns, { jobRuns: [failedRun] }),
  answer(AuditService.method.listAuditEvents, { auditEvents: [change, denied] }),
];

const section = (name: string) => screen.findByRole("region", { name });

// Intl separates amount and currency with a no-break space; compare with plain spaces.
const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

/** The search parameters of a link's address. */
const searchOf = (link: HTMLElement) =>
  Object.fromEntries(new URL(link.getAttribute("href")!, "http://x").searchParams);

describe("the start page", () => {
  it("shows servers by health, failing syncs, failed runs and recent changes, each linking on", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    renderApp("/", api);

    expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeVisible();

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

  it("shows an owner the key figures, each opening the list behind it", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    renderApp("/", api);
    const figures = await section("Key figures");

    const organizations = await within(figures).findByRole("link", { name: "Organizations: 42" });
    expect(organizations).toHaveAttribute("href", "/organizations");
    for (const [name, status] of [
      ["36 active", "ACTIVE"],
      ["2 pending approval", "PENDING_APPROVAL"],
      ["1 suspended", "SUSPENDED"],
    ] as const) {
      expect(searchOf(within(figures).getByRole("link", { name }))).toEqual({ status });
    }

    // The MRR today, exact to the cent, against 1 November's 1,200.00 €.
    const mrr = within(figures).getByRole("link", { name: /^MRR: / });
    expect(mrr).toHaveAttribute("href", "/invoices");
    expect(plain(within(mrr).getByTestId("kpi-value").textContent)).toBe("€1,234.56");
    expect(within(figures).getByTestId("mrr-change")).toHaveTextContent("+2.9% since 1 Nov");
    expect(within(figures).getByText("12 paying organizations")).toBeVisible();

    const services = within(figures).getByRole("link", { name: "Active services: 57" });
    expect(services.getAttribute("href")).toMatch(/^\/services\?/);
    expect(searchOf(services).status?.split(",")).not.toContain("DECOMMISSIONED");
    expect(
      searchOf(within(figures).getByRole("link", { name: "3 need attention" })).status?.split(","),
    ).toEqual(["MAINTENANCE", "DISRUPTION", "INCIDENT", "SUSPENDED"]);

    const orders = within(figures).getByRole("link", { name: "Open orders: 12" });
    expect(searchOf(orders).status?.split(",")).toEqual([
      "OPEN",
      "IN_PROGRESS",
      "WAITING_FOR_CUSTOMER",
    ]);
    expect(searchOf(within(figures).getByRole("link", { name: "4 waiting for staff" }))).toEqual({
      status: "OPEN,IN_PROGRESS",
    });

    const alerts = within(figures).getByRole("link", { name: "Open alerts: 5" });
    expect(searchOf(alerts)).toEqual({ status: "OPEN,ACKNOWLEDGED" });
    expect(searchOf(within(figures).getByRole("link", { name: "2 unacknowledged" }))).toEqual({
      status: "OPEN",
    });

    // The tiles share one request each.
    await within(await section("Top customers")).findByRole("table", { name: "Top customers" });
    expect(api.calls().filter((c) => c === "DashboardService/GetDashboard")).toHaveLength(1);
    expect(api.calls().filter((c) => c === "DashboardService/GetRevenueSummary")).toHaveLength(1);
  });

  it("shows the revenue of twelve months and the top customers, each opening its organization", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    renderApp("/", api);

    const revenueCard = await section("Revenue");
    expect(plain((await within(revenueCard).findByTestId("revenue-total")).textContent)).toBe(
      "€12,660.00 invoiced (net) in the last 12 months",
    );
    expect(within(revenueCard).getByTestId("chart-revenue")).toHaveAttribute("data-points", "12");
    expect(within(revenueCard).getByRole("link", { name: "Invoices" })).toHaveAttribute(
      "href",
      "/invoices",
    );

    const customers = await section("Top customers");
    const table = await within(customers).findByRole("table", { name: "Top customers" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => plain(r.textContent))).toEqual([
      "Acme Hosting€9,876.54€450.00",
      "Beta Logistik GmbH€5,120.00€0.00",
    ]);
    expect(within(rows[0]!).getByRole("link", { name: "Acme Hosting" })).toHaveAttribute(
      "href",
      "/organizations/org_01hzacme0000000000000000aa",
    );
    expect(within(rows[1]!).getByRole("link", { name: "Beta Logistik GmbH" })).toHaveAttribute(
      "href",
      "/organizations/org_01hzbeta0000000000000000bb",
    );
  });

  it("writes the amounts in German for a German interface", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    renderApp("/", api, "de");
    const figures = await section("Kennzahlen");
    const mrr = await within(figures).findByRole("link", { name: /^MRR: / });
    expect(plain(within(mrr).getByTestId("kpi-value").textContent)).toBe("1.234,56 €");
    expect(within(figures).getByTestId("mrr-change")).toHaveTextContent(
      /^\+2,9\s%\sseit 1\. Nov\.$/,
    );
    expect(within(figures).getByRole("link", { name: "Organisationen: 42" })).toBeVisible();
    const table = await within(await section("Top-Kunden")).findByRole("table");
    expect(plain(within(table).getAllByRole("row")[1]!.textContent)).toBe(
      "Acme Hosting9.876,54 €450,00 €",
    );
  });

  it("opens the organizations list from its tile", async () => {
    const api = cannedApi(signedIn(anOwner()), ...answers);
    const { history } = renderApp("/", api);
    const figures = await section("Key figures");
    await userEvent.click(await within(figures).findByRole("link", { name: "Organizations: 42" }));
    await waitFor(() => expect(history.location.pathname).toBe("/organizations"));
  });

  it("shows no revenue to a caller who may not read invoices, and does not ask for it", async () => {
    const api = cannedApi(signedIn(aDeveloper()), ...answers);
    renderApp("/", api);
    const figures = await section("Key figures");
    expect(await within(figures).findByRole("link", { name: "Organizations: 42" })).toBeVisible();
    expect(within(figures).getByRole("link", { name: "Open orders: 12" })).toBeVisible();
    expect(within(figures).queryByRole("link", { name: /^MRR/ })).toBeNull();
    expect(within(figures).queryByText("MRR")).toBeNull();
    expect(screen.queryByRole("region", { name: "Revenue" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Top customers" })).toBeNull();
    expect(api.calls()).toContain("DashboardService/GetDashboard");
    expect(api.calls()).not.toContain("DashboardService/GetRevenueSummary");
  });

  it("shows the revenue's error in place with a retry, and the counts meanwhile", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...answers,
      answer(
        DashboardService.method.getRevenueSummary,
        refused("the revenue is being recomputed"),
        revenue,
      ),
    );
    renderApp("/", api);
    const revenueCard = await section("Revenue");
    expect(await within(revenueCard).findByRole("alert")).toHaveTextContent(
      "the revenue is being recomputed",
    );
    const figures = await section("Key figures");
    expect(within(figures).getByRole("link", { name: "Organizations: 42" })).toBeVisible();
    // The MRR's tile has a dash; the error is the revenue card's alone.
    expect(within(figures).queryByRole("link", { name: /^MRR/ })).toBeNull();
    expect(within(figures).queryByRole("alert")).toBeNull();

    await userEvent.click(within(revenueCard).getByRole("button", { name: "Try again" }));
    expect(await within(figures).findByRole("link", { name: /^MRR: / })).toBeVisible();
    expect(await within(await section("Top customers")).findByRole("table")).toBeVisible();
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
    // Organizations: the counts, no revenue.
    expect(
      within(await section("Key figures")).getByRole("link", { name: "Organizations: 42" }),
    ).toBeVisible();
    expect(screen.queryByRole("region", { name: "Revenue" })).toBeNull();
    // What it may not read is not even asked for.
    expect(api.calls()).not.toContain("DashboardService/GetRevenueSummary");
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

  describe("customised", () => {
    const widgetsShown = () =>
      Array.from(document.querySelectorAll("[data-testid=dashboard] [data-widget]")).map((e) =>
        e.getAttribute("data-widget"),
      );
    const stored = {
      customised: true,
      widgets: [
        { widgetId: "recent_changes", hidden: false },
        { widgetId: "key_figures", hidden: true },
        { widgetId: "revenue", hidden: false },
        { widgetId: "top_customers", hidden: false },
        { widgetId: "server_health", hidden: false },
        { widgetId: "failing_syncs", hidden: false },
        { widgetId: "failed_runs", hidden: false },
      ],
    };

    it("shows the widgets in the caller's order, without the hidden ones", async () => {
      const api = cannedApi(
        signedIn(anOwner()),
        ...answers,
        answer(ViewService.method.getDashboardLayout, { layout: stored }),
      );
      renderApp("/", api);
      await section("Recent changes");
      await waitFor(() =>
        expect(widgetsShown()).toEqual([
          "recent_changes",
          "revenue",
          "top_customers",
          "server_health",
          "failing_syncs",
          "failed_runs",
        ]),
      );
      expect(screen.queryByRole("region", { name: "Key figures" })).toBeNull();
    });

    it("moves, hides and shows widgets by buttons and saves the arrangement, or resets it", async () => {
      const api = cannedApi(
        signedIn(anOwner()),
        ...answers,
        answer(ViewService.method.getDashboardLayout, { layout: stored }),
        answer(ViewService.method.updateDashboardLayout, { layout: stored }),
        answer(ViewService.method.resetDashboardLayout, { layout: { customised: false } }),
      );
      renderApp("/", api);
      const user = userEvent.setup();
      await user.click(await screen.findByRole("button", { name: "Customise" }));
      const panel = await screen.findByRole("region", { name: "Arrange your dashboard" });
      expect(within(panel).getByRole("button", { name: "Move Recent changes up" })).toBeDisabled();
      await user.click(within(panel).getByRole("switch", { name: "Show Key figures" }));
      await user.click(within(panel).getByRole("switch", { name: "Show Failed job runs" }));
      await user.click(within(panel).getByRole("button", { name: "Move Revenue up" }));
      await user.click(within(panel).getByRole("button", { name: "Save arrangement" }));
      await waitFor(() =>
        expect(api.lastRequest(ViewService.method.updateDashboardLayout)?.widgets).toEqual([
          expect.objectContaining({ widgetId: "recent_changes", hidden: false }),
          expect.objectContaining({ widgetId: "revenue", hidden: false }),
          expect.objectContaining({ widgetId: "key_figures", hidden: false }),
          expect.objectContaining({ widgetId: "top_customers", hidden: false }),
          expect.objectContaining({ widgetId: "server_health", hidden: false }),
          expect.objectContaining({ widgetId: "failing_syncs", hidden: false }),
          expect.objectContaining({ widgetId: "failed_runs", hidden: true }),
        ]),
      );

      await user.click(await screen.findByRole("button", { name: "Customise" }));
      const again = await screen.findByRole("region", { name: "Arrange your dashboard" });
      await user.click(within(again).getByRole("button", { name: "Reset to default" }));
      await waitFor(() => expect(api.calls()).toContain("ViewService/ResetDashboardLayout"));
    });
  });
});
