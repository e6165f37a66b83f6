import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  ServerHealth,
  SyncStatus,
  type ListServersRequest,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { demo, renderApp } from "@/test/render";

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
/** The list's own requests (not the pickers' page of 500). */
const listRequests = (calls: { method: string; request: unknown }[]) =>
  calls
    .filter((c) => c.method === "ListServers")
    .map((c) => c.request as ListServersRequest)
    .filter((r) => r.pageSize === 50);

describe("servers", () => {
  it("lists servers with provider, health, usage, sync and containers", async () => {
    renderApp("/servers", { signedInAs: demo.owner });
    await serversLoaded();
    const table = serversTable();
    expect(screen.getByText("34 servers")).toBeInTheDocument();

    const host = rowOf(table, "pve-fsn1-01");
    expect(host).toHaveTextContent("Proxmox");
    expect(host).toHaveTextContent("Host");
    expect(host).toHaveTextContent("10.10.0.11");
    expect(within(host).getByText("Healthy").closest("[data-health]")).toHaveAttribute(
      "data-health",
      "HEALTHY",
    );
    expect(within(host).getByRole("progressbar", { name: "Memory: pve-fsn1-01" })).toHaveAttribute(
      "aria-valuenow",
      "67",
    );
    expect(host).toHaveTextContent("343 / 512 GiB");

    // A VM names its host; its disk is above the critical threshold.
    const backup = rowOf(table, "backup-fsn1-01");
    expect(backup).toHaveTextContent("VM on pve-fsn1-02");
    expect(within(backup).getByText("Critical")).toBeInTheDocument();
    // The failing sync says so; the server entered by hand has no figures.
    expect(within(rowOf(table, "legacy-nbg1-01")).getByTestId("sync-failing")).toHaveTextContent(
      "Failing",
    );
    const colo = rowOf(table, "colo-fra-01");
    expect(colo).toHaveTextContent("Never synced");
    // Empty bars with a dash instead of figures.
    expect(within(colo).getByRole("progressbar", { name: "CPU: colo-fra-01" })).toHaveAttribute(
      "aria-valuenow",
      "0",
    );
    expect(within(colo).getAllByText("—").length).toBeGreaterThanOrEqual(3);
    // Running of all containers.
    expect(rowOf(table, "web-fsn1-01")).toHaveTextContent("6 / 7");
  });

  it("shows why a server is not healthy on hover", async () => {
    renderApp("/servers", { signedInAs: demo.owner });
    await serversLoaded();
    const user = userEvent.setup();
    await user.hover(within(rowOf(serversTable(), "search-hel1-01")).getByText("Critical"));
    expect(await screen.findByText("memory 96 % ≥ 95 %")).toBeInTheDocument();
  });

  it("filters by a count of the health summary, and by the same click again not", async () => {
    const { api, history } = renderApp("/servers", { signedInAs: demo.owner });
    await serversLoaded();
    const user = userEvent.setup();
    const critical = await screen.findByRole("button", { name: "Critical: 5" });
    await user.click(critical);
    await waitFor(() => expect(history.location.search).toContain("health=CRITICAL"));
    await waitFor(() => expect(rowNames()).toHaveLength(5));
    expect(rowNames()).toEqual([
      "backup-fsn1-01",
      "legacy-nbg1-01",
      "search-hel1-01",
      "storage-ash-01",
      "vpn-nbg1-01",
    ]);
    expect(listRequests(api.calls).at(-1)?.filter?.health).toEqual([ServerHealth.CRITICAL]);
    expect(screen.getByRole("button", { name: "Critical: 5" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );

    await user.click(screen.getByRole("button", { name: "Failing syncs: 1" }));
    await waitFor(() => expect(history.location.search).toContain("sync=FAILING"));
    await waitFor(() => expect(rowNames()).toEqual(["legacy-nbg1-01"]));
    expect(listRequests(api.calls).at(-1)?.filter?.syncStatus).toBe(SyncStatus.FAILING);

    await user.click(screen.getByRole("button", { name: "Critical: 5" }));
    await user.click(screen.getByRole("button", { name: "Failing syncs: 1" }));
    await waitFor(() => expect(rowNames().length).toBe(34));
    expect(history.location.search).toBe("");
  });

  it("reads its filters from the URL and searches by IP address", async () => {
    const { api } = renderApp("/servers?health=WARNING,CRITICAL&provider=HETZNER", {
      signedInAs: demo.owner,
    });
    await waitFor(() =>
      expect(rowNames()).toEqual(["api-fsn1-02", "search-hel1-01", "storage-ash-01"]),
    );
    const request = listRequests(api.calls).at(-1)!;
    expect(request.filter?.health).toEqual([ServerHealth.WARNING, ServerHealth.CRITICAL]);
    expect(request.filter?.providers).toEqual([3]);

    const user = userEvent.setup();
    const search = screen.getByRole("searchbox", { name: "Search" });
    await user.type(search, "95.217");
    await waitFor(() => expect(rowNames()).toEqual(["search-hel1-01"]));
    expect(listRequests(api.calls).at(-1)?.filter?.query).toBe("95.217");
  });

  it("filters by location", async () => {
    const { history } = renderApp("/servers", { signedInAs: demo.owner });
    await serversLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Location", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "ash" }));
    await waitFor(() => expect(history.location.search).toContain("location=ash"));
    await waitFor(() => expect(rowNames()).toEqual(["storage-ash-01"]));
  });

  it("enters a server and shows the server's field errors at the field", async () => {
    const { api, history } = renderApp("/servers", { signedInAs: demo.owner });
    await serversLoaded();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New server" }));
    const dialog = await screen.findByRole("dialog", { name: "New server" });
    const name = within(dialog).getByLabelText(/^Name/);
    const ip = within(dialog).getByLabelText("IP address");
    await user.type(name, "colo-fra-01");
    await user.type(ip, "300.1.2.3");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    // protovalidate refuses the address: the message is at the field.
    expect(
      await within(dialog).findByText("Enter an IPv4 or IPv6 address, e.g. 203.0.113.10."),
    ).toBeInTheDocument();
    expect(ip).toHaveAttribute("aria-invalid", "true");

    // A name in use is refused at the name.
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
    await waitFor(() => expect(history.location.pathname).toMatch(/^\/servers\/srv_n/));
    expect(await screen.findByRole("heading", { name: "colo-fra-03" })).toBeInTheDocument();
    const created = api.calls.filter((c) => c.method === "CreateServer").at(-1)?.request;
    expect(created).toMatchObject({
      name: "colo-fra-03",
      ipAddress: "212.83.40.12",
      location: "fra",
      specs: { cores: 32, memoryBytes: 256n * 1024n ** 3n, diskBytes: 0n },
    });
  });

  it("shows a developer the servers without New server", async () => {
    renderApp("/servers", { signedInAs: demo.developer });
    await serversLoaded();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByText("Infrastructure")).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Servers" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Containers" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Connections" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New server" })).not.toBeInTheDocument();
  });

  it("hides the infrastructure from users without SERVERS_READ", async () => {
    renderApp("/organizations", { signedInAs: demo.user });
    expect(
      await screen.findByText(/has no access to the administration panel/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Servers" })).not.toBeInTheDocument();
  });
});
