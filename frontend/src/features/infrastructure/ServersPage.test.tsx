import { Code, ConnectError } from "@connectrpc/connect";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  ServerHealth,
  ServerKind,
  ServerService,
  SyncStatus,
  type ListServersRequest,
  type Server,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { aCustomerUser, aDeveloper, ago, anOwner, aServer, GiB, minute } from "@/test/builders";
import {
  answer,
  answerWith,
  cannedApi,
  invalid,
  signedIn,
  type Canned,
  type CannedApi,
} from "@/test/canned";
import { renderApp } from "@/test/render";

const serversTable = () => screen.getByRole("table", { name: "Servers" });
/** Waits for the list to show its rows. */
const serversLoaded = async () =>
  within(await screen.findByRole("table", { name: "Servers" })).findByRole("link", {
    name: "pve-fsn1-01",
  });
const rowOf = (table: HTMLElement, name: string) =>
  within(table)
    .getAllByRole("row")
    .find((row) => within(row).queryByRole("link", { name })) as HTMLElement;
const rowNames = () =>
  [...serversTable().querySelectorAll("tr[data-row] a")].map((a) => a.textContent);
const list = ServerService.method.listServers;
/** The list's own requests (not the pickers' page of 500). */
const listRequests = (api: CannedApi) => api.requests(list).filter((r) => r.pageSize === 50);

const host = aServer();
const backup = aServer({
  id: "srv_0012",
  name: "backup-fsn1-01",
  kind: ServerKind.VM,
  parentId: "srv_0002",
  parentName: "pve-fsn1-02",
  ipAddress: "10.10.1.40",
  health: ServerHealth.CRITICAL,
  healthReasons: ["disk 93 % ≥ 90 %"],
  usage: {
    cpuPercent: 12,
    memoryUsedBytes: 6n * GiB,
    memoryTotalBytes: 16n * GiB,
    diskUsedBytes: 3720n * GiB,
    diskTotalBytes: 4000n * GiB,
  },
});
const legacy = aServer({
  id: "srv_0020",
  name: "legacy-nbg1-01",
  provider: ProviderKind.DOCKER,
  kind: ServerKind.MONITORED,
  location: "nbg1",
  health: ServerHealth.CRITICAL,
  healthReasons: ["the sync failed 6 times in a row"],
  sync: {
    status: SyncStatus.FAILING,
    lastSuccessTime: ago(90 * minute),
    lastError: "dial tcp 10.20.3.5:2376: connect: connection refused",
    consecutiveFailures: 6,
  },
});
const searchHel = aServer({
  id: "srv_0024",
  name: "search-hel1-01",
  provider: ProviderKind.HETZNER,
  kind: ServerKind.CLOUD,
  location: "hel1",
  ipAddress: "95.217.40.12",
  health: ServerHealth.CRITICAL,
  healthReasons: ["memory 96 % ≥ 95 %"],
});
const storageAsh = aServer({
  id: "srv_0027",
  name: "storage-ash-01",
  provider: ProviderKind.HETZNER,
  kind: ServerKind.CLOUD,
  location: "ash",
  health: ServerHealth.WARNING,
});
const apiFsn = aServer({
  id: "srv_0022",
  name: "api-fsn1-02",
  provider: ProviderKind.HETZNER,
  kind: ServerKind.CLOUD,
  health: ServerHealth.WARNING,
});
const colo = aServer({
  id: "srv_0032",
  name: "colo-fra-01",
  provider: ProviderKind.OTHER,
  kind: ServerKind.HOST,
  location: "fra",
  ipAddress: "212.83.40.11",
  health: ServerHealth.UNKNOWN,
  usage: undefined,
  sync: { status: SyncStatus.NEVER },
  datasourceKinds: [],
});
const web = aServer({
  id: "srv_0006",
  name: "web-fsn1-01",
  kind: ServerKind.VM,
  parentId: "srv_0001",
  parentName: "pve-fsn1-01",
  containerCount: 7,
  runningContainerCount: 6,
});
const all = [host, apiFsn, backup, colo, legacy, searchHel, storageAsh, web].sort((a, b) =>
  a.name.localeCompare(b.name),
);

const summary = answer(ServerService.method.getHealthSummary, {
  total: 34,
  healthy: 24,
  warning: 3,
  critical: 5,
  unknown: 2,
  syncFailing: 1,
  connectionsFailing: 1,
  containersRunning: 40,
  containersUnhealthy: 2,
});

/** The servers page with the server's answers: the list as the filter asks, and the summary. */
function serversApi(servers: (request: ListServersRequest) => Server[], ...more: Canned[]) {
  return cannedApi(
    signedIn(anOwner()),
    summary,
    answerWith(list, (request) =>
      // The pickers ask for a page of 500: every server.
      request.pageSize === 500
        ? { servers: all }
        : { servers: servers(request), totalSize: servers(request).length },
    ),
    ...more,
  );
}

describe("servers", () => {
  it("lists servers with provider, health, usage, sync and containers", async () => {
    renderApp(
      "/servers",
      serversApi(() => all),
    );
    await serversLoaded();
    const table = serversTable();
    expect(screen.getByText("34 servers")).toBeInTheDocument();
    expect(rowNames()).toEqual(all.map((s) => s.name));

    const row = rowOf(table, "pve-fsn1-01");
    expect(row).toHaveTextContent("Proxmox");
    expect(row).toHaveTextContent("Host");
    expect(row).toHaveTextContent("10.10.0.11");
    expect(within(row).getByText("Healthy").closest("[data-health]")).toHaveAttribute(
      "data-health",
      "HEALTHY",
    );
    expect(within(row).getByRole("progressbar", { name: "Memory: pve-fsn1-01" })).toHaveAttribute(
      "aria-valuenow",
      "67",
    );
    expect(row).toHaveTextContent("343 / 512 GiB");

    // A VM names its host; its disk bar shows the figure the server reported.
    const vm = rowOf(table, "backup-fsn1-01");
    expect(vm).toHaveTextContent("VM on pve-fsn1-02");
    expect(within(vm).getByText("Critical")).toBeInTheDocument();
    expect(within(vm).getByRole("progressbar", { name: "Disk: backup-fsn1-01" })).toHaveAttribute(
      "aria-valuenow",
      "93",
    );
    // The failing sync says so; the server entered by hand has no figures.
    expect(within(rowOf(table, "legacy-nbg1-01")).getByTestId("sync-failing")).toHaveTextContent(
      "Failing",
    );
    const manual = rowOf(table, "colo-fra-01");
    expect(manual).toHaveTextContent("Never synced");
    // Empty bars with a dash instead of figures.
    expect(within(manual).getByRole("progressbar", { name: "CPU: colo-fra-01" })).toHaveAttribute(
      "aria-valuenow",
      "0",
    );
    expect(within(manual).getAllByText("—").length).toBeGreaterThanOrEqual(3);
    // Running of all containers.
    expect(rowOf(table, "web-fsn1-01")).toHaveTextContent("6 / 7");
  });

  it("shows why a server is not healthy on hover", async () => {
    renderApp(
      "/servers",
      serversApi(() => all),
    );
    await serversLoaded();
    const user = userEvent.setup();
    await user.hover(within(rowOf(serversTable(), "search-hel1-01")).getByText("Critical"));
    expect(await screen.findByText("memory 96 % ≥ 95 %")).toBeInTheDocument();
  });

  it("filters by a count of the health summary, and by the same click again not", async () => {
    const api = serversApi((request) =>
      request.filter?.syncStatus === SyncStatus.FAILING
        ? [legacy]
        : request.filter?.health.includes(ServerHealth.CRITICAL)
          ? [backup, legacy, searchHel]
          : all,
    );
    const { history } = renderApp("/servers", api);
    await serversLoaded();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Critical: 5" }));
    await waitFor(() => expect(history.location.search).toContain("health=CRITICAL"));
    await waitFor(() =>
      expect(rowNames()).toEqual(["backup-fsn1-01", "legacy-nbg1-01", "search-hel1-01"]),
    );
    expect(listRequests(api).at(-1)?.filter?.health).toEqual([ServerHealth.CRITICAL]);
    expect(screen.getByRole("button", { name: "Critical: 5" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );

    await user.click(screen.getByRole("button", { name: "Failing syncs: 1" }));
    await waitFor(() => expect(history.location.search).toContain("sync=FAILING"));
    await waitFor(() => expect(rowNames()).toEqual(["legacy-nbg1-01"]));
    expect(listRequests(api).at(-1)?.filter).toMatchObject({
      health: [ServerHealth.CRITICAL],
      syncStatus: SyncStatus.FAILING,
    });

    await user.click(screen.getByRole("button", { name: "Critical: 5" }));
    await user.click(screen.getByRole("button", { name: "Failing syncs: 1" }));
    await waitFor(() => expect(rowNames()).toHaveLength(all.length));
    expect(history.location.search).toBe("");
  });

  it("reads its filters from the URL and searches by IP address", async () => {
    const api = serversApi((request) =>
      request.filter?.query === "95.217" ? [searchHel] : [apiFsn, searchHel, storageAsh],
    );
    renderApp("/servers?health=WARNING,CRITICAL&provider=HETZNER", api);
    await waitFor(() =>
      expect(rowNames()).toEqual(["api-fsn1-02", "search-hel1-01", "storage-ash-01"]),
    );
    const request = listRequests(api).at(-1)!;
    expect(request.filter?.health).toEqual([ServerHealth.WARNING, ServerHealth.CRITICAL]);
    expect(request.filter?.providers).toEqual([ProviderKind.HETZNER]);

    const user = userEvent.setup();
    const search = screen.getByRole("searchbox", { name: "Search" });
    await user.type(search, "95.217");
    await waitFor(() => expect(rowNames()).toEqual(["search-hel1-01"]));
    expect(listRequests(api).at(-1)?.filter?.query).toBe("95.217");
  });

  it("filters by a location of the servers", async () => {
    const api = serversApi((request) => (request.filter?.location === "ash" ? [storageAsh] : all));
    const { history } = renderApp("/servers", api);
    await serversLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Location", { selector: "input" }));
    // The locations in use, each once, in order.
    expect((await screen.findAllByRole("option")).map((option) => option.textContent)).toEqual([
      "ash",
      "fra",
      "fsn1",
      "hel1",
      "nbg1",
    ]);
    await user.click(screen.getByRole("option", { name: "ash" }));
    await waitFor(() => expect(history.location.search).toContain("location=ash"));
    await waitFor(() => expect(rowNames()).toEqual(["storage-ash-01"]));
    expect(listRequests(api).at(-1)?.filter?.location).toBe("ash");
  });

  it("asks for the list of servers once when the page opens", async () => {
    const api = serversApi(() => all);
    renderApp("/servers", api);
    await serversLoaded();
    // Only the list's page: the locations of the filter are asked for when
    // it is opened, not with every visit.
    expect(api.requests(list)).toHaveLength(1);
    expect(api.requests(list)[0]?.pageSize).toBe(50);
    await userEvent.setup().click(screen.getByLabelText("Location", { selector: "input" }));
    await waitFor(() => expect(api.requests(list)).toHaveLength(2));
    expect(api.requests(list)[1]?.pageSize).toBe(500);
  });

  it("says so when no server matches, and clears the filters", async () => {
    const api = serversApi((request) => (request.filter?.query ? [] : all));
    const { history } = renderApp("/servers?q=nothing", api);
    expect(await screen.findByText("Nothing matches these filters.")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Clear filters" }));
    await serversLoaded();
    expect(history.location.search).toBe("");
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  });

  it("enters a server and shows the server's field errors at the field", async () => {
    const created = aServer({
      id: "srv_n1",
      name: "colo-fra-03",
      provider: ProviderKind.OTHER,
      location: "fra",
      ipAddress: "212.83.40.12",
    });
    const api = serversApi(
      () => all,
      answer(
        ServerService.method.createServer,
        invalid([
          {
            path: ["ip_address"],
            ruleId: "string.ip",
            message: "value must be a valid IP address",
          },
        ]),
        new ConnectError('a server named "colo-fra-01" exists', Code.AlreadyExists),
        { server: created },
      ),
      answer(ServerService.method.getServer, { server: created }),
      answer(ServerService.method.getServerMetrics, {}),
    );
    const { history } = renderApp("/servers", api);
    await serversLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New server" }));
    const dialog = await screen.findByRole("dialog", { name: "New server" });
    const name = within(dialog).getByLabelText(/^Name/);
    const ip = within(dialog).getByLabelText("IP address");
    await user.type(name, "colo-fra-01");
    await user.type(ip, "300.1.2.3");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    // The server refuses the address: the message is at the field.
    expect(
      await within(dialog).findByText("Enter an IPv4 or IPv6 address, e.g. 203.0.113.10."),
    ).toBeInTheDocument();
    expect(ip).toHaveAttribute("aria-invalid", "true");

    // A name in use is refused at the name, in the server's words.
    await user.clear(ip);
    await user.type(ip, "212.83.40.12");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(
      await within(dialog).findByText('a server named "colo-fra-01" exists'),
    ).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");

    await user.clear(name);
    await user.type(name, "colo-fra-03");
    await user.type(within(dialog).getByLabelText("Location"), "fra");
    await user.type(within(dialog).getByLabelText("CPU cores"), "32");
    await user.type(within(dialog).getByLabelText("Memory"), "256");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(history.location.pathname).toBe("/servers/srv_n1"));
    expect(await screen.findByRole("heading", { name: "colo-fra-03" })).toBeInTheDocument();
    expect(await screen.findByText("Server colo-fra-03 created")).toBeInTheDocument();
    expect(api.requests(ServerService.method.createServer)).toHaveLength(3);
    expect(api.lastRequest(ServerService.method.createServer)).toMatchObject({
      name: "colo-fra-03",
      provider: ProviderKind.OTHER,
      kind: ServerKind.HOST,
      ipAddress: "212.83.40.12",
      location: "fra",
      specs: { cores: 32, memoryBytes: 256n * GiB, diskBytes: 0n },
    });
  });

  it("shows a developer the servers without New server", async () => {
    const api = cannedApi(signedIn(aDeveloper()), summary, answer(list, { servers: all }));
    renderApp("/servers", api);
    await serversLoaded();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByText("Infrastructure")).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Servers" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Containers" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Connections" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New server" })).not.toBeInTheDocument();
  });

  it("hides the infrastructure from users without SERVERS_READ", async () => {
    renderApp("/organizations", cannedApi(signedIn(aCustomerUser())));
    expect(
      await screen.findByText(/has no access to the administration panel/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Servers" })).not.toBeInTheDocument();
  });
});
