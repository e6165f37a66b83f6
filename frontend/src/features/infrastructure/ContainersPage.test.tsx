import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type {
  GetContainerMetricsRequest,
  ListContainersRequest,
} from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContainerHealth,
  ContainerStatus,
  MetricsRange,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { demo, renderApp } from "@/test/render";

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
const lastList = (calls: { method: string; request: unknown }[]) =>
  calls.filter((c) => c.method === "ListContainers").at(-1)?.request as ListContainersRequest;

describe("containers", () => {
  it("lists containers with their server, state, usage and source", async () => {
    renderApp("/containers", { signedInAs: demo.owner });
    await containersLoaded();
    const metabase = rowOf("metabase", "web-fsn1-01");
    expect(metabase).toHaveTextContent("metabase/metabase:v0.50.3");
    expect(within(metabase).getByText("Running").closest("[data-status]")).toHaveAttribute(
      "data-status",
      "RUNNING",
    );
    expect(metabase).toHaveTextContent("Unhealthy");
    expect(metabase).toHaveTextContent("48% CPU");
    expect(metabase).toHaveTextContent("1.9 GiB / 2 GiB");
    expect(metabase).toHaveTextContent("12 restarts");
    expect(metabase).toHaveTextContent("Docker");
    expect(within(metabase).getByRole("link", { name: "web-fsn1-01" })).toHaveAttribute(
      "href",
      "/servers/srv_0006?tab=containers",
    );
    expect(rowOf("traefik", "edge-ber-01")).toHaveTextContent("Beszel");
    expect(rowOf("certbot", "web-fsn1-01")).toHaveTextContent("Exited");
    // Gone containers only when asked for.
    expect(screen.queryByText("legacy-cron")).not.toBeInTheDocument();
  });

  it("filters by status through the URL, gone ones included", async () => {
    const { api } = renderApp("/containers?status=EXITED,STOPPED&gone=true", {
      signedInAs: demo.owner,
    });
    const table = await screen.findByRole("table", { name: "Containers" });
    await within(table).findByText("legacy-cron");
    expect(within(table).getAllByRole("row")).toHaveLength(5);
    expect(rowOf("legacy-cron", "web-fsn1-01")).toHaveTextContent("Gone");
    expect(lastList(api.calls).filter).toMatchObject({
      statuses: [ContainerStatus.STOPPED, ContainerStatus.EXITED],
      includeGone: true,
    });
  });

  it("filters by server", async () => {
    const { api, history } = renderApp("/containers", { signedInAs: demo.owner });
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Server", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "edge-ber-01" }));
    await waitFor(() => expect(history.location.search).toContain("server=srv_0028"));
    await waitFor(() => expect(within(containersTable()).getAllByRole("row")).toHaveLength(4));
    expect(lastList(api.calls).filter?.serverId).toBe("srv_0028");
  });

  it("filters by health check and search", async () => {
    const { api, history } = renderApp("/containers?health=UNHEALTHY", { signedInAs: demo.owner });
    await containersLoaded();
    await waitFor(() => expect(within(containersTable()).getAllByRole("row")).toHaveLength(3));
    expect(lastList(api.calls).filter?.health).toBe(ContainerHealth.UNHEALTHY);
    const user = userEvent.setup();
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "crowdsec");
    await waitFor(() => expect(history.location.search).toContain("q=crowdsec"));
    await waitFor(() => expect(within(containersTable()).getAllByRole("row")).toHaveLength(2));
  });

  it("disables the actions of a container no connection controls, and says why", async () => {
    const { api } = renderApp("/containers", { signedInAs: demo.owner });
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: traefik (edge-ber-01)" }));
    expect(await screen.findByRole("menuitem", { name: "Stop" })).toBeDisabled();
    expect(screen.getByRole("menuitem", { name: "Restart" })).toBeDisabled();
    expect(screen.queryByRole("menuitem", { name: "Start" })).not.toBeInTheDocument();
    await user.hover(screen.getByTestId("disabled-stop"));
    expect(
      await screen.findByText(
        "Beszel only monitors containers; link the server to a Docker or Proxmox connection to control them",
      ),
    ).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === "StopContainer")).toBe(false);
  });

  it("stops a container with a reason, shows its new status, and starts it again", async () => {
    const { api } = renderApp("/containers", { signedInAs: demo.owner });
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: nginx (web-fsn1-01)" }));
    await user.click(await screen.findByRole("menuitem", { name: "Stop" }));
    const dialog = await screen.findByRole("dialog", { name: "Stop nginx on web-fsn1-01?" });
    await user.type(within(dialog).getByLabelText("Reason (optional)"), "maintenance window");
    await user.click(within(dialog).getByRole("button", { name: "Stop" }));

    expect(
      await screen.findByText("nginx stopped; its status is now: Stopped."),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(rowOf("nginx", "web-fsn1-01")).getByText("Stopped").closest("[data-status]"),
      ).toHaveAttribute("data-status", "STOPPED"),
    );
    expect(api.calls.find((c) => c.method === "StopContainer")?.request).toMatchObject({
      id: "ctr_0001",
      reason: "maintenance window",
    });
    expect(api.audit[0]).toMatchObject({
      action: "/leitstand.admin.v1.ContainerService/StopContainer",
      targetId: "ctr_0001",
      reason: "maintenance window",
    });

    await user.click(screen.getByRole("button", { name: "Actions: nginx (web-fsn1-01)" }));
    await user.click(await screen.findByRole("menuitem", { name: "Start" }));
    const start = await screen.findByRole("dialog", { name: "Start nginx on web-fsn1-01?" });
    await user.click(within(start).getByRole("button", { name: "Start" }));
    await waitFor(() =>
      expect(
        within(rowOf("nginx", "web-fsn1-01")).getByText("Running").closest("[data-status]"),
      ).toHaveAttribute("data-status", "RUNNING"),
    );
    expect(api.calls.find((c) => c.method === "StartContainer")?.request).toMatchObject({
      id: "ctr_0001",
      reason: "",
    });
  });

  it("shows the refusal when the connection cannot act", async () => {
    renderApp("/containers", { signedInAs: demo.owner });
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
    renderApp("/containers", { signedInAs: demo.developer });
    await containersLoaded();
    expect(screen.queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
  });

  it("opens a container's details, whose charts ask for the range chosen", async () => {
    const { api, history } = renderApp("/containers", { signedInAs: demo.owner });
    await containersLoaded();
    const user = userEvent.setup();
    await user.click(within(rowOf("metabase", "web-fsn1-01")).getByText("metabase"));
    const drawer = await screen.findByRole("dialog", { name: "metabase on web-fsn1-01" });
    await waitFor(() => expect(history.location.search).toContain("container=ctr_0006"));
    expect(within(drawer).getByText("metabase/metabase:v0.50.3")).toBeInTheDocument();
    expect(within(drawer).getByRole("button", { name: "Stop" })).toBeInTheDocument();
    const lastRange = () =>
      (
        api.calls.filter((c) => c.method === "GetContainerMetrics").at(-1)
          ?.request as GetContainerMetricsRequest
      )?.range;
    await waitFor(() => expect(lastRange()).toBe(MetricsRange.HOUR));
    await user.click(within(drawer).getByRole("radio", { name: "7 days" }));
    await waitFor(() => expect(history.location.search).toContain("range=7d"));
    await waitFor(() => expect(lastRange()).toBe(MetricsRange.WEEK));
    expect(
      await within(drawer).findByTestId("chart-health", {}, { timeout: 8000 }),
    ).toHaveAttribute("data-points", "168");
  });
});
