import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  ContainerService,
  type Container,
  type ListContainersRequest,
} from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContainerHealth,
  ContainerStatus,
  MetricsRange,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { aContainer, aDeveloper, ago, anOwner, aServer, day, GiB, hour } from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const containersTable = () => screen.getByRole("table", { name: "Containers" });
const containersLoaded = async () =>
  within(await screen.findByRole("table", { name: "Containers" })).findByText("metabase");
/** The row of a container, by its name and server. */
const rowOf = (name: string, server: string) =>
  within(containersTable())
    .getAllByRole("row")
    .find(
      (row) =>
        within(row).queryByText(name, { exact: true }) &&
        within(row).queryByRole("link", { name: server }),
    ) as HTMLElement;
const list = ContainerService.method.listContainers;

const nginx = aContainer();
const metabase = aContainer({
  id: "ctr_0006",
  name: "metabase",
  image: "metabase/metabase:v0.50.3",
  health: ContainerHealth.UNHEALTHY,
  usage: {
    cpuPercent: 48,
    memoryUsedBytes: (19n * GiB) / 10n,
    memoryLimitBytes: 2n * GiB,
  },
  restartCount: 12,
});
const certbot = aContainer({
  id: "ctr_0007",
  name: "certbot",
  image: "certbot/certbot:v2.11",
  status: ContainerStatus.EXITED,
  health: ContainerHealth.NONE,
  usage: undefined,
});
const traefik = aContainer({
  id: "ctr_0030",
  serverId: "srv_0028",
  serverName: "edge-ber-01",
  name: "traefik",
  image: "traefik:v3.1",
  source: ProviderKind.BESZEL,
  controllable: false,
  controlUnavailableReason:
    "Beszel only monitors containers; link the server to a Docker or Proxmox connection to control them",
  controlUnavailableCode: "monitoring-provider",
  controlUnavailableParams: { source: "Beszel" },
});
const legacyPhp = aContainer({
  id: "ctr_0040",
  serverId: "srv_0020",
  serverName: "legacy-nbg1-01",
  name: "legacy-php",
  image: "php:5.6-apache",
});
const legacyCron = aContainer({
  id: "ctr_0041",
  serverId: "srv_0006",
  name: "legacy-cron",
  status: ContainerStatus.EXITED,
  goneTime: ago(3 * day),
});
const all = [nginx, metabase, certbot, traefik, legacyPhp];

/** The containers page with the server's answers: the list as the filter asks, and the servers. */
function containersApi(
  containers: (request: ListContainersRequest) => Container[],
  ...more: Canned[]
) {
  return cannedApi(
    signedIn(anOwner()),
    answerWith(list, (request) => ({ containers: containers(request) })),
    answer(ServerService.method.listServers, {
      servers: [
        aServer({ id: "srv_0006", name: "web-fsn1-01", containerCount: 4 }),
        aServer({ id: "srv_0012", name: "backup-fsn1-01", containerCount: 0 }),
        aServer({ id: "srv_0020", name: "legacy-nbg1-01", containerCount: 1 }),
        aServer({ id: "srv_0028", name: "edge-ber-01", containerCount: 3 }),
      ],
    }),
    ...more,
  );
}

describe("containers", () => {
  it("lists containers with their server, state, usage and source", async () => {
    const api = containersApi(() => all);
    renderApp("/containers", api);
    await containersLoaded();
    const row = rowOf("metabase", "web-fsn1-01");
    expect(row).toHaveTextContent("metabase/metabase:v0.50.3");
    expect(within(row).getByText("Running").closest("[data-status]")).toHaveAttribute(
      "data-status",
      "RUNNING",
    );
    expect(row).toHaveTextContent("Unhealthy");
    expect(row).toHaveTextContent("48% CPU");
    expect(row).toHaveTextContent("1.9 GiB / 2 GiB");
    expect(row).toHaveTextContent("12 restarts");
    expect(row).toHaveTextContent("Docker");
    expect(within(row).getByRole("link", { name: "web-fsn1-01" })).toHaveAttribute(
      "href",
      "/servers/srv_0006?tab=containers",
    );
    expect(rowOf("traefik", "edge-ber-01")).toHaveTextContent("Beszel");
    // An exited container has no health check and no figures.
    const exited = rowOf("certbot", "web-fsn1-01");
    expect(exited).toHaveTextContent("Exited");
    expect(within(exited).queryByText("No check")).not.toBeInTheDocument();
    // Gone containers only when asked for.
    expect(api.lastRequest(list)).toMatchObject({
      pageSize: 50,
      filter: { query: "", statuses: [], health: ContainerHealth.UNSPECIFIED, includeGone: false },
    });
  });

  it("filters by status through the URL, gone ones included", async () => {
    const api = containersApi(() => [certbot, legacyCron]);
    renderApp("/containers?status=EXITED,STOPPED&gone=true", api);
    const table = await screen.findByRole("table", { name: "Containers" });
    await within(table).findByText("legacy-cron");
    expect(table.querySelectorAll("tr[data-row]")).toHaveLength(2);
    expect(rowOf("legacy-cron", "web-fsn1-01")).toHaveTextContent("Gone");
    expect(rowOf("certbot", "web-fsn1-01")).toHaveTextContent("Exited");
    expect(api.lastRequest(list)?.filter).toMatchObject({
      statuses: [ContainerStatus.STOPPED, ContainerStatus.EXITED],
      includeGone: true,
    });
    expect(screen.getByRole("switch", { name: "Include gone" })).toBeChecked();
  });

  it("filters by a server that has containers", async () => {
    const api = containersApi((request) =>
      request.filter?.serverId === "srv_0028" ? [traefik] : all,
    );
    const { history } = renderApp("/containers", api);
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Server", { selector: "input" }));
    // Servers without containers are not offered.
    expect(screen.queryByRole("option", { name: "backup-fsn1-01" })).not.toBeInTheDocument();
    await user.click(await screen.findByRole("option", { name: "edge-ber-01" }));
    await waitFor(() => expect(history.location.search).toContain("server=srv_0028"));
    await waitFor(() => expect(containersTable().querySelectorAll("tr[data-row]")).toHaveLength(1));
    expect(api.lastRequest(list)?.filter?.serverId).toBe("srv_0028");
  });

  it("filters by health check and search", async () => {
    const api = containersApi((request) =>
      request.filter?.query === "crowdsec"
        ? []
        : request.filter?.health === ContainerHealth.UNHEALTHY
          ? [metabase]
          : all,
    );
    const { history } = renderApp("/containers?health=UNHEALTHY", api);
    await containersLoaded();
    expect(containersTable().querySelectorAll("tr[data-row]")).toHaveLength(1);
    expect(api.lastRequest(list)?.filter?.health).toBe(ContainerHealth.UNHEALTHY);
    const user = userEvent.setup();
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "crowdsec");
    await waitFor(() => expect(history.location.search).toContain("q=crowdsec"));
    expect(await screen.findByText("Nothing matches these filters.")).toBeInTheDocument();
    expect(api.lastRequest(list)?.filter).toMatchObject({
      query: "crowdsec",
      health: ContainerHealth.UNHEALTHY,
    });
  });

  it("disables the actions of a container no connection controls, and says why", async () => {
    const api = containersApi(() => all);
    renderApp("/containers", api);
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: traefik (edge-ber-01)" }));
    expect(await screen.findByRole("menuitem", { name: "Stop" })).toBeDisabled();
    expect(screen.getByRole("menuitem", { name: "Restart" })).toBeDisabled();
    expect(screen.queryByRole("menuitem", { name: "Start" })).not.toBeInTheDocument();
    await user.hover(screen.getByTestId("disabled-stop"));
    expect(
      await screen.findByText(
        "Beszel only monitors containers; link the server to a Docker or Proxmox connection to control them.",
      ),
    ).toBeInTheDocument();
    expect(api.calls()).not.toContain("ContainerService/StopContainer");
  });

  it("says in German why a container cannot be controlled, and quotes a reason without a code", async () => {
    const fromOlderServer = aContainer({
      ...traefik,
      id: "ctr_0031",
      name: "whoami",
      controlUnavailableCode: "",
      controlUnavailableParams: {},
      controlUnavailableReason: "the container is gone",
    });
    const api = containersApi(
      () => [...all, fromOlderServer],
      answer(ContainerService.method.getContainer, { container: traefik }),
      answer(ContainerService.method.getContainerMetrics, {}),
    );
    renderApp("/containers?container=ctr_0030", api, "de");
    const drawer = await screen.findByRole("dialog", { name: "traefik auf edge-ber-01" });
    expect(
      await within(drawer).findByText(
        "Beszel überwacht Container nur; verknüpfen Sie den Server mit einer Docker- oder Proxmox-Verbindung, um sie zu steuern.",
      ),
    ).toBeInTheDocument();
    expect(drawer).not.toHaveTextContent("only monitors");
    const user = userEvent.setup();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await user.click(screen.getByRole("button", { name: "Aktionen: whoami (edge-ber-01)" }));
    await user.hover(await screen.findByTestId("disabled-stop"));
    expect(
      await screen.findByText("Servermeldung (englisch): the container is gone"),
    ).toBeInTheDocument();
  });

  it("stops a container with a reason, shows its new status, and starts it again", async () => {
    const stopped = aContainer({ ...nginx, status: ContainerStatus.STOPPED, usage: undefined });
    const api = cannedApi(
      signedIn(anOwner()),
      answer(
        list,
        { containers: all },
        { containers: [stopped, ...all.slice(1)] },
        {
          containers: all,
        },
      ),
      answer(ServerService.method.listServers, { servers: [] }),
      answer(ContainerService.method.stopContainer, { container: stopped }),
      answer(ContainerService.method.startContainer, { container: nginx }),
    );
    renderApp("/containers", api);
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: nginx (web-fsn1-01)" }));
    await user.click(await screen.findByRole("menuitem", { name: "Stop" }));
    const dialog = await screen.findByRole("dialog", { name: "Stop nginx on web-fsn1-01?" });
    await user.type(within(dialog).getByLabelText("Reason (optional)"), "maintenance window");
    await user.click(within(dialog).getByRole("button", { name: "Stop" }));

    // The notification names the state the provider reported.
    expect(
      await screen.findByText("nginx stopped; its status is now: Stopped."),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(rowOf("nginx", "web-fsn1-01")).getByText("Stopped").closest("[data-status]"),
      ).toHaveAttribute("data-status", "STOPPED"),
    );
    expect(api.requests(ContainerService.method.stopContainer)).toMatchObject([
      { id: "ctr_0001", reason: "maintenance window" },
    ]);

    await user.click(screen.getByRole("button", { name: "Actions: nginx (web-fsn1-01)" }));
    expect(screen.queryByRole("menuitem", { name: "Stop" })).not.toBeInTheDocument();
    await user.click(await screen.findByRole("menuitem", { name: "Start" }));
    const start = await screen.findByRole("dialog", { name: "Start nginx on web-fsn1-01?" });
    await user.click(within(start).getByRole("button", { name: "Start" }));
    await waitFor(() =>
      expect(
        within(rowOf("nginx", "web-fsn1-01")).getByText("Running").closest("[data-status]"),
      ).toHaveAttribute("data-status", "RUNNING"),
    );
    expect(api.requests(ContainerService.method.startContainer)).toMatchObject([
      { id: "ctr_0001", reason: "" },
    ]);
  });

  it("shows the refusal when the connection cannot act", async () => {
    const api = containersApi(
      () => all,
      answer(
        ContainerService.method.restartContainer,
        refused(
          "cannot restart legacy-php: Docker legacy-nbg1-01 answered: dial tcp 10.20.3.5:2376: connect: connection refused",
        ),
      ),
    );
    renderApp("/containers", api);
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: legacy-php (legacy-nbg1-01)" }));
    await user.click(await screen.findByRole("menuitem", { name: "Restart" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Restart legacy-php on legacy-nbg1-01?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Restart" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "cannot restart legacy-php: Docker legacy-nbg1-01 answered: dial tcp 10.20.3.5:2376: connect: connection refused",
    );
    expect(within(rowOf("legacy-php", "legacy-nbg1-01")).getByText("Running")).toBeInTheDocument();
  });

  it("shows a developer no actions", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(list, { containers: all }),
      answer(ServerService.method.listServers, { servers: [] }),
    );
    renderApp("/containers", api);
    await containersLoaded();
    expect(screen.queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
  });

  it("opens a container's details, whose charts ask for the range chosen", async () => {
    const weekStart = new Date(Math.floor(Date.now() / hour) * hour - 167 * hour);
    const api = containersApi(
      () => all,
      answer(ContainerService.method.getContainer, { container: metabase }),
      answerWith(ContainerService.method.getContainerMetrics, (request) =>
        request.range === MetricsRange.WEEK
          ? {
              // A week of hourly buckets; the server sends only those with samples.
              window: {
                startTime: timestampFromDate(weekStart),
                endTime: timestampFromDate(new Date(weekStart.getTime() + 168 * hour)),
                bucketSeconds: 3600,
              },
              buckets: [
                { startTime: timestampFromDate(weekStart), samples: 60, unhealthySamples: 3 },
              ],
            }
          : {},
      ),
    );
    const { history } = renderApp("/containers", api);
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(within(rowOf("metabase", "web-fsn1-01")).getByText("metabase"));
    const drawer = await screen.findByRole("dialog", { name: "metabase on web-fsn1-01" });
    await waitFor(() => expect(history.location.search).toContain("container=ctr_0006"));
    expect(api.lastRequest(ContainerService.method.getContainer)?.id).toBe("ctr_0006");
    expect(within(drawer).getByText("metabase/metabase:v0.50.3")).toBeInTheDocument();
    expect(within(drawer).getByRole("button", { name: "Stop" })).toBeInTheDocument();
    const lastRange = () => api.lastRequest(ContainerService.method.getContainerMetrics)?.range;
    await waitFor(() => expect(lastRange()).toBe(MetricsRange.HOUR));
    await user.click(within(drawer).getByRole("radio", { name: "7 days" }));
    await waitFor(() => expect(history.location.search).toContain("range=7d"));
    await waitFor(() => expect(lastRange()).toBe(MetricsRange.WEEK));
    expect(
      await within(drawer).findByTestId("chart-health", {}, { timeout: 8000 }),
    ).toHaveAttribute("data-points", "168");
  });
});
