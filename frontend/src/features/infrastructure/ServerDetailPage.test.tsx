import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ConnectionService } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContainerHealth,
  MetricsRange,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  OrganizationService,
  type Organization,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  ServerEventKind,
  ServerHealth,
  ServerKind,
  ServerService,
  type GetServerResponseSchema,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import {
  aContainer,
  aDatasource,
  anAssignment,
  aDeveloper,
  ago,
  anOrganization,
  anOwner,
  aServer,
  aServerEvent,
  aWorkspace,
  GiB,
  hour,
} from "@/test/builders";
import {
  answer,
  answerWith,
  cannedApi,
  invalid,
  notFound,
  refused,
  signedIn,
  type Canned,
} from "@/test/canned";
import { renderApp } from "@/test/render";

type Details = MessageInitShape<typeof GetServerResponseSchema>;

const vm = (id: string, name: string, overrides: Parameters<typeof aServer>[0] = {}) =>
  aServer({
    id,
    name,
    kind: ServerKind.VM,
    parentId: "srv_0001",
    parentName: "pve-fsn1-01",
    ...overrides,
  });
const host = aServer({
  notes: "Dell R7525, rack F12 U20–21. Firmware updated 2026-02.",
  childCount: 6,
});
const children = [
  vm("srv_0003", "ci-runner-fsn1-01"),
  vm("srv_0004", "db-fsn1-01", { health: ServerHealth.WARNING }),
  vm("srv_0005", "db-fsn1-02"),
  vm("srv_0006", "web-fsn1-01"),
  vm("srv_0007", "mail-fsn1-01"),
  vm("srv_0008", "vpn-fsn1-01"),
];
const hostDetails: Details = {
  server: host,
  children,
  filesystems: [
    { name: "local-lvm", usedBytes: 1200n * GiB, totalBytes: 3600n * GiB },
    {
      name: "backup-nfs",
      usedBytes: 6n * 1024n * GiB,
      totalBytes: 16n * 1024n * GiB,
      shared: true,
    },
  ],
};
const beszel = aDatasource({
  id: "ds_beszel_web",
  serverId: "srv_0006",
  serverName: "web-fsn1-01",
  connectionId: "conn_beszel",
  connectionName: "Beszel Hub",
  kind: ProviderKind.BESZEL,
  externalId: "a1b2c3d4e5f6",
});
const web = vm("srv_0006", "web-fsn1-01", {
  ipAddress: "10.10.1.21",
  specs: { cores: 8, memoryBytes: 32n * GiB, diskBytes: 200n * GiB },
  containerCount: 2,
  runningContainerCount: 2,
  assignments: [
    anAssignment({
      organizationId: "org_0002",
      organizationName: "Bergmann Logistik",
      workspaceId: "ws_1_0",
      workspaceName: "Production",
    }),
  ],
});
const webDetails: Details = { server: web, ancestors: [host], datasources: [beszel] };

/** The server page with the server's answers: GetServer in turn, and what every page asks. */
function serverApi(details: [Details, ...Details[]], ...more: Canned[]) {
  return cannedApi(
    signedIn(anOwner()),
    answer(ServerService.method.getServer, ...details),
    answer(ServerService.method.getHealthSummary, { total: 8 }),
    answer(ServerService.method.getServerMetrics, {}),
    ...more,
  );
}

describe("server detail", () => {
  it("shows a host with its VMs, usage and disks", async () => {
    const api = serverApi([hostDetails]);
    renderApp("/servers/srv_0001", api);
    expect(await screen.findByRole("heading", { name: "pve-fsn1-01" })).toBeInTheDocument();
    expect(api.lastRequest(ServerService.method.getServer)?.id).toBe("srv_0001");
    expect(screen.getByText("Host · fsn1 · 10.10.0.11")).toBeInTheDocument();
    const tree = screen.getByTestId("server-tree");
    expect(within(tree).getByText("6 servers run on it")).toBeInTheDocument();
    for (const child of children) {
      expect(within(tree).getByRole("link", { name: child.name })).toHaveAttribute(
        "href",
        `/servers/${child.id}`,
      );
    }
    expect(within(tree).getAllByText("Warning")).toHaveLength(1);
    const disks = screen.getByTestId("filesystems");
    expect(within(disks).getByText("local-lvm")).toBeInTheDocument();
    expect(within(disks).getByText("backup-nfs")).toBeInTheDocument();
    // The cluster's NFS storage is shared; the node's own disks are not.
    const shared = within(disks).getAllByTestId("filesystem-shared");
    expect(shared).toHaveLength(1);
    expect(shared[0]).toHaveTextContent("shared");
    expect(shared[0]!.parentElement).toHaveTextContent("backup-nfs");
    expect(
      screen.getByText("Dell R7525, rack F12 U20–21. Firmware updated 2026-02."),
    ).toBeInTheDocument();
  });

  it("shows where a VM runs, and navigates to its host", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(ServerService.method.getServer, (request) =>
        request.id === "srv_0001" ? hostDetails : webDetails,
      ),
      answer(ServerService.method.getHealthSummary, {}),
      answer(ServerService.method.getServerMetrics, {}),
    );
    const { history } = renderApp("/servers/srv_0006", api);
    const tree = await screen.findByTestId("server-tree");
    expect(screen.getByText("VM · fsn1 · 10.10.1.21 · on pve-fsn1-01")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(tree).getByRole("link", { name: "pve-fsn1-01" }));
    await waitFor(() => expect(history.location.pathname).toBe("/servers/srv_0001"));
    expect(await screen.findByRole("heading", { name: "pve-fsn1-01" })).toBeInTheDocument();
  });

  it("asks for the metrics of the range chosen and lays out the whole window", async () => {
    const start = new Date(Math.floor(Date.now() / hour) * hour - 23 * hour);
    const api = serverApi(
      [hostDetails],
      answerWith(ServerService.method.getServerMetrics, (request) =>
        request.range === MetricsRange.DAY
          ? {
              // 24 h of ten-minute buckets; the server sends only those with samples.
              window: {
                startTime: timestampFromDate(start),
                endTime: timestampFromDate(new Date(start.getTime() + 24 * hour)),
                bucketSeconds: 600,
              },
              buckets: [
                {
                  startTime: timestampFromDate(start),
                  samples: 10,
                  cpuPercent: { avg: 20, max: 40 },
                },
              ],
            }
          : {},
      ),
    );
    const { history } = renderApp("/servers/srv_0001", api);
    await screen.findByRole("heading", { name: "pve-fsn1-01" });
    const range = () => api.lastRequest(ServerService.method.getServerMetrics)?.range;
    await waitFor(() => expect(range()).toBe(MetricsRange.HOUR));
    expect(api.lastRequest(ServerService.method.getServerMetrics)?.serverId).toBe("srv_0001");
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "24 h" }));
    await waitFor(() => expect(history.location.search).toContain("range=24h"));
    await waitFor(() => expect(range()).toBe(MetricsRange.DAY));
    // The charts (loaded on their own) lay 144 ten-minute slots out, gaps included.
    expect(await screen.findByTestId("chart-cpu", {}, { timeout: 8000 })).toHaveAttribute(
      "data-points",
      "144",
    );
    await user.click(screen.getByRole("radio", { name: "30 days" }));
    await waitFor(() => expect(range()).toBe(MetricsRange.MONTH));
    await user.click(screen.getByRole("radio", { name: "7 days" }));
    await waitFor(() => expect(range()).toBe(MetricsRange.WEEK));
  });

  it("edits with an update mask of exactly the changed fields", async () => {
    const edited = aServer({
      ...web,
      specs: { ...web.specs!, cores: 12 },
      notes: "Shop front end",
    });
    const api = serverApi(
      [webDetails, { ...webDetails, server: edited }],
      answer(ServerService.method.listServers, { servers: [host, ...children] }),
      answer(ServerService.method.updateServer, { server: edited }),
    );
    renderApp("/servers/srv_0006", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit web-fsn1-01" });
    // Provider and kind cannot change.
    expect(within(dialog).getByLabelText("Provider", { selector: "input" })).toBeDisabled();
    const cores = within(dialog).getByLabelText("CPU cores");
    await user.clear(cores);
    await user.type(cores, "12");
    const notes = within(dialog).getByLabelText("Notes");
    await user.type(notes, "Shop front end");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Edit web-fsn1-01" })).not.toBeInTheDocument(),
    );
    const [update] = api.requests(ServerService.method.updateServer);
    expect(update?.updateMask?.paths).toEqual(["specs.cores", "notes"]);
    expect(update?.server).toMatchObject({
      id: "srv_0006",
      specs: { cores: 12, memoryBytes: 32n * GiB },
      notes: "Shop front end",
    });
    expect(await screen.findByText("Shop front end")).toBeInTheDocument();
  });

  it("shows the server's field error of an update at the field", async () => {
    const api = serverApi(
      [webDetails],
      answer(ServerService.method.listServers, { servers: [] }),
      answer(
        ServerService.method.updateServer,
        invalid([
          {
            path: ["server", "ip_address"],
            ruleId: "ip_address.ip",
            message: "10.10.1 is not an IP address",
          },
        ]),
      ),
    );
    renderApp("/servers/srv_0006", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit web-fsn1-01" });
    const ip = within(dialog).getByLabelText("IP address");
    await user.clear(ip);
    await user.type(ip, "10.10.1");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(
      await within(dialog).findByText("Enter an IPv4 or IPv6 address, e.g. 203.0.113.10."),
    ).toBeInTheDocument();
    expect(ip).toHaveAttribute("aria-invalid", "true");
    expect(api.lastRequest(ServerService.method.updateServer)?.updateMask?.paths).toEqual([
      "ip_address",
    ]);
  });

  it("says why the server refuses to delete a host with VMs", async () => {
    const api = serverApi(
      [hostDetails],
      answer(
        ServerService.method.deleteServer,
        refused(
          "6 server(s) run on pve-fsn1-01 (ci-runner-fsn1-01, db-fsn1-01, db-fsn1-02); move or delete them first",
        ),
      ),
    );
    const { history } = renderApp("/servers/srv_0001", api);
    const user = userEvent.setup();
    // Delete waits in the header's overflow menu.
    await user.click(await screen.findByRole("button", { name: "Actions: pve-fsn1-01" }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete pve-fsn1-01?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "6 server(s) run on pve-fsn1-01 (ci-runner-fsn1-01, db-fsn1-01, db-fsn1-02); move or delete them first",
    );
    expect(history.location.pathname).toBe("/servers/srv_0001");
  });

  it("deletes a server and goes back to the list", async () => {
    const colo = aServer({ id: "srv_0032", name: "colo-fra-01", provider: ProviderKind.OTHER });
    const api = serverApi(
      [{ server: colo }],
      answer(ServerService.method.deleteServer, {}),
      answer(ServerService.method.listServers, { servers: [host] }),
    );
    const { history } = renderApp("/servers/srv_0032", api);
    const user = userEvent.setup();
    // Delete waits in the header's overflow menu.
    await user.click(await screen.findByRole("button", { name: "Actions: colo-fra-01" }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete colo-fra-01?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(history.location.pathname).toBe("/servers"));
    expect(await screen.findByText("Server colo-fra-01 deleted")).toBeInTheDocument();
    expect(api.requests(ServerService.method.deleteServer)).toMatchObject([{ id: "srv_0032" }]);
  });

  it("pages through the events and filters them by kind", async () => {
    const events = (from: number, count: number, kind = ServerEventKind.SYNC_RECOVERED) =>
      Array.from({ length: count }, (_, i) =>
        aServerEvent({
          id: `evt_${from + i}`,
          time: ago((from + i) * hour),
          kind,
          message: `event ${from + i}`,
          ...(kind === ServerEventKind.ACTION
            ? { actorId: "usr_operator", actorEmail: "operator@demo.leitstand.test" }
            : {}),
        }),
      );
    const api = serverApi(
      [webDetails],
      answerWith(ServerService.method.listServerEvents, (request) =>
        request.kind === ServerEventKind.ACTION
          ? { events: events(100, 3, ServerEventKind.ACTION) }
          : request.pageToken === "page-2"
            ? { events: events(25, 10) }
            : { events: events(0, 25), nextPageToken: "page-2" },
      ),
    );
    renderApp("/servers/srv_0006?tab=events", api);
    const table = await screen.findByRole("table", { name: "Events" });
    await waitFor(() => expect(table.querySelectorAll("tr[data-row]")).toHaveLength(25));
    expect(within(table).getAllByText("Sync")).toHaveLength(25);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(table.querySelectorAll("tr[data-row]")).toHaveLength(35));
    expect(
      api.requests(ServerService.method.listServerEvents).map((r) => [r.serverId, r.pageToken]),
    ).toEqual([
      ["srv_0006", ""],
      ["srv_0006", "page-2"],
    ]);

    await user.click(screen.getByLabelText("Event kind", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Action" }));
    await waitFor(() => {
      const rows = [...table.querySelectorAll("tr[data-row]")];
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toHaveTextContent("operator@demo.leitstand.test");
    });
    expect(api.lastRequest(ServerService.method.listServerEvents)).toMatchObject({
      serverId: "srv_0006",
      pageToken: "",
      kind: ServerEventKind.ACTION,
    });
  });

  it("words the events in German from their codes and quotes what has none", async () => {
    const api = serverApi(
      [webDetails],
      answer(ServerService.method.listServerEvents, {
        events: [
          aServerEvent({
            id: "evt_1",
            kind: ServerEventKind.CONTAINER_CHANGED,
            message: "Container nginx was restarted by its engine (3 restart(s) so far)",
            messageCode: "container-restarted-by-engine",
            messageParams: { container: "nginx", restarts: "3" },
          }),
          aServerEvent({
            id: "evt_2",
            kind: ServerEventKind.ACTION,
            message: "operator@demo.leitstand.test stopped container nginx: Wartungsfenster",
            messageCode: "stopped-container",
            messageParams: { container: "nginx", reason: "Wartungsfenster" },
            actorId: "usr_operator",
            actorEmail: "operator@demo.leitstand.test",
          }),
          aServerEvent({
            id: "evt_3",
            kind: ServerEventKind.SYNC_FAILED,
            message: "Sync failed: Beszel Hub: connection refused",
            messageCode: "sync-failed",
            messageParams: { error: "Beszel Hub: connection refused" },
          }),
          // Recorded before events had codes.
          aServerEvent({ id: "evt_4", message: "Container redis is gone" }),
          // Demo data: the server's own work.
          aServerEvent({
            id: "evt_5",
            kind: ServerEventKind.CREATED,
            message: "Imported from connection pve (id qemu/104) by the system",
            messageCode: "imported",
            messageParams: { connection: "pve", external_id: "qemu/104" },
            actorEmail: "system",
          }),
        ],
      }),
    );
    renderApp("/servers/srv_0006?tab=events", api, "de");
    const table = await screen.findByRole("table", { name: "Ereignisse" });
    await waitFor(() => expect(table.querySelectorAll("tr[data-row]")).toHaveLength(5));
    const rows = [...table.querySelectorAll("tr[data-row]")];
    const [restarted, stopped, failed, old, imported] = rows.map((row) =>
      within(row as HTMLElement).getByTestId("event-message"),
    );
    expect(restarted).toHaveTextContent(
      "Container nginx wurde von seiner Engine neu gestartet (3 Neustarts bisher)",
    );
    // Who acted has its column; the reason is theirs, shown as given.
    expect(stopped).toHaveTextContent("Container nginx gestopptGrund: Wartungsfenster");
    // A provider's answer and an event without a code are quoted, and said to be.
    expect(failed).toHaveTextContent(
      "Sync fehlgeschlagenServermeldung (englisch): Beszel Hub: connection refused",
    );
    expect(old).toHaveTextContent("Servermeldung (englisch): Container redis is gone");
    expect(imported).toHaveTextContent("Aus Verbindung pve importiert (ID qemu/104)");
    expect(rows[4]).toHaveTextContent(/System$/);
    for (const english of ["restarted by its engine", "stopped container", "Sync failed"]) {
      expect(table).not.toHaveTextContent(english);
    }
  });

  it("lists the server's containers with their actions", async () => {
    const api = serverApi(
      [webDetails],
      answer(ContainerService.method.listContainers, {
        containers: [
          aContainer(),
          aContainer({
            id: "ctr_0006",
            name: "metabase",
            image: "metabase/metabase:v0.50.3",
            health: ContainerHealth.UNHEALTHY,
          }),
        ],
      }),
    );
    renderApp("/servers/srv_0006?tab=containers", api);
    const table = await screen.findByRole("table", { name: "Containers" });
    expect(await within(table).findByText("metabase")).toBeInTheDocument();
    expect(within(table).getByText("Unhealthy")).toBeInTheDocument();
    expect(
      screen.getByRole("button", { name: "Actions: nginx (web-fsn1-01)" }),
    ).toBeInTheDocument();
    // No server column on the server's own page.
    expect(within(table).queryByRole("columnheader", { name: "Server" })).not.toBeInTheDocument();
    expect(api.lastRequest(ContainerService.method.listContainers)?.filter).toMatchObject({
      serverId: "srv_0006",
      includeGone: false,
    });
  });

  it("assigns the server to a workspace and removes an assignment", async () => {
    const datenwerk: Organization = anOrganization({ id: "org_0004", name: "Datenwerk" });
    const assigned = aServer({
      ...web,
      assignments: [
        ...web.assignments,
        anAssignment({
          organizationId: "org_0004",
          organizationName: "Datenwerk",
          workspaceId: "ws_3_1",
          workspaceName: "Staging",
        }),
      ],
    });
    const unassigned = aServer({ ...assigned, assignments: assigned.assignments.slice(1) });
    const api = serverApi(
      [webDetails, { ...webDetails, server: assigned }, { ...webDetails, server: unassigned }],
      answerWith(OrganizationService.method.listOrganizations, (request) => ({
        organizations: request.filter?.query === "Datenwerk" ? [datenwerk] : [],
      })),
      answer(OrganizationService.method.getOrganization, {
        organization: datenwerk,
        workspaces: [
          aWorkspace({ id: "ws_3_0", organizationId: "org_0004", name: "Production" }),
          aWorkspace({ id: "ws_3_1", organizationId: "org_0004", name: "Staging" }),
        ],
      }),
      answer(ServerService.method.assignServer, { server: assigned }),
      answer(ServerService.method.unassignServer, { server: unassigned }),
    );
    renderApp("/servers/srv_0006?tab=assignments", api);
    const table = await screen.findByRole("table", { name: "Assignments" });
    expect(within(table).getByRole("link", { name: "Bergmann Logistik" })).toBeInTheDocument();
    expect(within(table).getByText("Production")).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Assign" }));
    const dialog = await screen.findByRole("dialog", { name: "Assign web-fsn1-01" });
    const org = within(dialog).getByLabelText(/^Organization/, { selector: "input" });
    await user.type(org, "Datenwerk");
    await user.click(await screen.findByRole("option", { name: "Datenwerk" }));
    await user.click(within(dialog).getByLabelText(/^Workspace/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Staging" }));
    await user.click(within(dialog).getByRole("button", { name: "Assign" }));
    await waitFor(() => expect(within(table).getByText("Datenwerk")).toBeInTheDocument());
    expect(api.lastRequest(OrganizationService.method.getOrganization)?.id).toBe("org_0004");
    expect(api.requests(ServerService.method.assignServer)).toMatchObject([
      { serverId: "srv_0006", organizationId: "org_0004", workspaceId: "ws_3_1" },
    ]);

    await user.click(
      screen.getByRole("button", { name: "Actions: Bergmann Logistik / Production" }),
    );
    await user.click(await screen.findByRole("menuitem", { name: "Remove assignment" }));
    await user.click(
      within(
        await screen.findByRole("dialog", { name: /^Remove web-fsn1-01 from Bergmann/ }),
      ).getByRole("button", { name: "Remove assignment" }),
    );
    await waitFor(() =>
      expect(within(table).queryByText("Bergmann Logistik")).not.toBeInTheDocument(),
    );
    expect(api.requests(ServerService.method.unassignServer)).toMatchObject([
      { serverId: "srv_0006", organizationId: "org_0002", workspaceId: "ws_1_0" },
    ]);
  });

  it("unlinks a datasource after confirmation", async () => {
    const api = serverApi(
      [webDetails, { ...webDetails, datasources: [] }],
      answer(ConnectionService.method.deleteDatasource, {}),
    );
    renderApp("/servers/srv_0006?tab=datasources", api);
    const table = await screen.findByRole("table", { name: "Datasources" });
    const link = within(table).getByRole("link", { name: "Beszel Hub" });
    expect(link).toHaveAttribute("href", "/connections/conn_beszel");
    expect(within(table).getByText("a1b2c3d4e5f6")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: web-fsn1-01 · Beszel Hub" }));
    await user.click(await screen.findByRole("menuitem", { name: "Unlink" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Unlink web-fsn1-01 from Beszel Hub?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Unlink" }));
    await waitFor(() =>
      expect(within(table).queryByRole("link", { name: "Beszel Hub" })).not.toBeInTheDocument(),
    );
    expect(api.requests(ConnectionService.method.deleteDatasource)).toMatchObject([
      { id: "ds_beszel_web" },
    ]);
  });

  it("shows a developer the server without Edit, Delete or actions", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(ServerService.method.getServer, webDetails),
      answer(ServerService.method.getHealthSummary, {}),
      answer(ContainerService.method.listContainers, { containers: [aContainer()] }),
    );
    renderApp("/servers/srv_0006?tab=containers", api);
    const table = await screen.findByRole("table", { name: "Containers" });
    await within(table).findByText("nginx");
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
  });

  it("says so when the server does not exist", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(ServerService.method.getServer, notFound("server")),
      answer(ServerService.method.getHealthSummary, {}),
    );
    renderApp("/servers/srv_nope", api);
    expect(
      await screen.findByText("This server does not exist or you may not see it."),
    ).toBeInTheDocument();
  });
});
