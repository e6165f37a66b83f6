import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MetricsRange } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  ServerEventKind,
  type GetServerMetricsRequest,
  type ListServerEventsRequest,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { demo, renderApp } from "@/test/render";

// srv_0001 is pve-fsn1-01, a Proxmox host with six VMs; srv_0006 is
// web-fsn1-01, one of them, with Docker containers and two assignments.

const lastMetricsRange = (calls: { method: string; request: unknown }[]) =>
  (calls.filter((c) => c.method === "GetServerMetrics").at(-1)?.request as GetServerMetricsRequest)
    ?.range;

describe("server detail", () => {
  it("shows a host with its VMs, usage and disks", async () => {
    renderApp("/servers/srv_0001", { signedInAs: demo.owner });
    expect(await screen.findByRole("heading", { name: "pve-fsn1-01" })).toBeInTheDocument();
    expect(screen.getByText("Host · fsn1 · 10.10.0.11")).toBeInTheDocument();
    const tree = screen.getByTestId("server-tree");
    expect(within(tree).getByText("6 servers run on it")).toBeInTheDocument();
    for (const vm of ["ci-runner-fsn1-01", "db-fsn1-01", "web-fsn1-01", "mail-fsn1-01"]) {
      expect(within(tree).getByRole("link", { name: vm })).toBeInTheDocument();
    }
    expect(within(tree).getAllByText("Warning").length).toBeGreaterThan(0);
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
    const { history } = renderApp("/servers/srv_0006", { signedInAs: demo.owner });
    const tree = await screen.findByTestId("server-tree");
    const user = userEvent.setup();
    await user.click(within(tree).getByRole("link", { name: "pve-fsn1-01" }));
    await waitFor(() => expect(history.location.pathname).toBe("/servers/srv_0001"));
    expect(await screen.findByRole("heading", { name: "pve-fsn1-01" })).toBeInTheDocument();
  });

  it("asks for the metrics of the range chosen", async () => {
    const { api, history } = renderApp("/servers/srv_0001", { signedInAs: demo.owner });
    await screen.findByRole("heading", { name: "pve-fsn1-01" });
    await waitFor(() => expect(lastMetricsRange(api.calls)).toBe(MetricsRange.HOUR));
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "24 h" }));
    await waitFor(() => expect(history.location.search).toContain("range=24h"));
    await waitFor(() => expect(lastMetricsRange(api.calls)).toBe(MetricsRange.DAY));
    // The charts (loaded on their own) lay 144 ten-minute buckets out.
    expect(await screen.findByTestId("chart-cpu", {}, { timeout: 8000 })).toHaveAttribute(
      "data-points",
      "144",
    );
    await user.click(screen.getByRole("radio", { name: "30 days" }));
    await waitFor(() => expect(lastMetricsRange(api.calls)).toBe(MetricsRange.MONTH));
    await user.click(screen.getByRole("radio", { name: "7 days" }));
    await waitFor(() => expect(lastMetricsRange(api.calls)).toBe(MetricsRange.WEEK));
  });

  it("edits with an update mask of exactly the changed fields", async () => {
    const { api } = renderApp("/servers/srv_0006", { signedInAs: demo.owner });
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
    const update = api.calls.find((c) => c.method === "UpdateServer")?.request as {
      updateMask: { paths: string[] };
      server: { specs: { cores: number }; notes: string };
    };
    expect(update.updateMask.paths).toEqual(["specs.cores", "notes"]);
    expect(update.server.specs.cores).toBe(12);
    expect(await screen.findByText("Shop front end")).toBeInTheDocument();
  });

  it("shows the server's field error of an update at the field", async () => {
    renderApp("/servers/srv_0006", { signedInAs: demo.owner });
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
  });

  it("says why a host with VMs cannot be deleted", async () => {
    const { api } = renderApp("/servers/srv_0001", { signedInAs: demo.owner });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete pve-fsn1-01?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "6 server(s) run on pve-fsn1-01 (ci-runner-fsn1-01, db-fsn1-01, db-fsn1-02); move or delete them first",
    );
    expect(api.data.infra.servers.some((s) => s.id === "srv_0001")).toBe(true);
  });

  it("deletes a server without VMs and goes back to the list", async () => {
    const { history } = renderApp("/servers/srv_0032", { signedInAs: demo.owner });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete colo-fra-01?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(history.location.pathname).toBe("/servers"));
    expect(await screen.findByText("Server colo-fra-01 deleted")).toBeInTheDocument();
  });

  it("pages through the events and filters them by kind", async () => {
    const { api } = renderApp("/servers/srv_0006?tab=events", { signedInAs: demo.owner });
    const table = await screen.findByRole("table", { name: "Events" });
    await waitFor(() => expect(table.querySelectorAll("tr[data-row]")).toHaveLength(25));
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(table.querySelectorAll("tr[data-row]").length).toBeGreaterThan(25));

    await user.click(screen.getByLabelText("Event kind", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Action" }));
    await waitFor(() => {
      const rows = [...table.querySelectorAll("tr[data-row]")];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toHaveTextContent("operator@demo.leitstand.test");
    });
    const request = api.calls.filter((c) => c.method === "ListServerEvents").at(-1)
      ?.request as ListServerEventsRequest;
    expect(request.kind).toBe(ServerEventKind.ACTION);
  });

  it("lists the server's containers with their actions", async () => {
    renderApp("/servers/srv_0006?tab=containers", { signedInAs: demo.owner });
    const table = await screen.findByRole("table", { name: "Containers" });
    expect(await within(table).findByText("metabase")).toBeInTheDocument();
    expect(within(table).getByText("Unhealthy")).toBeInTheDocument();
    expect(
      screen.getByRole("button", { name: "Actions: nginx (web-fsn1-01)" }),
    ).toBeInTheDocument();
    // No server column on the server's own page.
    expect(within(table).queryByRole("columnheader", { name: "Server" })).not.toBeInTheDocument();
  });

  it("assigns the server to a workspace and removes an assignment", async () => {
    const { api } = renderApp("/servers/srv_0006?tab=assignments", { signedInAs: demo.owner });
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
    expect(api.calls.find((c) => c.method === "AssignServer")?.request).toMatchObject({
      serverId: "srv_0006",
      organizationId: "org_0004",
      workspaceId: "ws_3_1",
    });

    await user.click(screen.getByRole("button", { name: "Actions: Bergmann Logistik" }));
    await user.click(await screen.findByRole("menuitem", { name: "Remove assignment" }));
    await user.click(
      within(
        await screen.findByRole("dialog", { name: /^Remove web-fsn1-01 from Bergmann/ }),
      ).getByRole("button", { name: "Remove assignment" }),
    );
    await waitFor(() =>
      expect(within(table).queryByText("Bergmann Logistik")).not.toBeInTheDocument(),
    );
  });

  it("unlinks a datasource after confirmation", async () => {
    const { api } = renderApp("/servers/srv_0006?tab=datasources", { signedInAs: demo.owner });
    const table = await screen.findByRole("table", { name: "Datasources" });
    const link = within(table).getByRole("link", { name: "Beszel Hub" });
    expect(link).toHaveAttribute("href", "/connections/conn_beszel");
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
    expect(api.calls.some((c) => c.method === "DeleteDatasource")).toBe(true);
  });

  it("shows a developer the server without Edit, Delete or actions", async () => {
    renderApp("/servers/srv_0006?tab=containers", { signedInAs: demo.developer });
    const table = await screen.findByRole("table", { name: "Containers" });
    await within(table).findByText("nginx");
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
  });

  it("says so when the server does not exist", async () => {
    renderApp("/servers/srv_nope", { signedInAs: demo.owner });
    expect(
      await screen.findByText("This server does not exist or you may not see it."),
    ).toBeInTheDocument();
  });
});
