import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import {
  ServiceHealth,
  ServiceInstanceSchema,
  ServiceInstanceService,
  ServiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { aDeveloper, anOperator, aServer, at } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const list = ServiceInstanceService.method.listServiceInstances;
const listServers = ServerService.method.listServers;
const getServer = ServerService.method.getServer;

const serverId = "srv_01kaj5m8d0e6xv1ks8wq6a5j0s";
const web = aServer({ id: serverId, name: "docker-fsn1-07" });
const other = aServer({ id: "srv_01kaj5m8d0e6xv1ks8wq6a5j0t", name: "docker-fsn1-08" });

const service = (id: string, name: string, health: ServiceHealth) =>
  create(ServiceInstanceSchema, {
    id,
    name,
    catalogItemName: "Nextcloud M",
    organizationName: "Nordlicht Medien",
    workspaceName: "Marketing",
    status: ServiceStatus.ONLINE,
    monthlyPriceCents: 8900n,
    currency: "EUR",
    createTime: at("2026-03-01T08:00:00Z"),
    health,
  });
const healthy = service(
  "svc_01kaj5m8d0e6xv1ks8wq6a5j0a",
  "Nextcloud Marketing",
  ServiceHealth.HEALTHY,
);
const down = service("svc_01kaj5m8d0e6xv1ks8wq6a5j0b", "Nextcloud Sales", ServiceHealth.DOWN);

describe("services page", () => {
  it("shows the containers' health beside each status, and filters by it in the URL", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answerWith(list, (request) => {
        const rows = request.filter?.healths.includes(ServiceHealth.DOWN)
          ? [down]
          : [healthy, down];
        return { serviceInstances: rows, totalSize: rows.length };
      }),
    );
    const { history } = renderApp("/services", api);
    expect(await screen.findByRole("img", { name: "Containers: healthy" })).toHaveAttribute(
      "data-health",
      "HEALTHY",
    );
    expect(screen.getByRole("img", { name: "Containers: down" })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Containers", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Containers down" }));
    await waitFor(() => expect(history.location.search).toContain("health=DOWN"));
    await waitFor(() =>
      expect(screen.queryByRole("img", { name: "Containers: healthy" })).not.toBeInTheDocument(),
    );
    expect(api.lastRequest(list)?.filter?.healths).toEqual([ServiceHealth.DOWN]);
  });

  it("filters by a server found by name, and names the server of the URL", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(list, { serviceInstances: [healthy], totalSize: 1 }),
      answerWith(listServers, (request) => ({
        servers: request.filter?.query === "08" ? [other] : [web, other],
      })),
      answer(getServer, { server: web }),
    );
    const { history } = renderApp(`/services?server=${serverId}`, api);
    await screen.findByText("Nextcloud Marketing");
    expect(api.lastRequest(list)?.filter?.serverId).toBe(serverId);
    const box = screen.getByLabelText("Server", { selector: "input" });
    await waitFor(() => expect(box).toHaveValue("docker-fsn1-07"));
    // Nothing is asked of the servers until the choices are opened.
    expect(api.requests(listServers)).toHaveLength(0);

    const user = userEvent.setup();
    await user.clear(box);
    await user.type(box, "08");
    await waitFor(() => expect(api.lastRequest(listServers)?.filter?.query).toBe("08"));
    await user.click(await screen.findByRole("option", { name: "docker-fsn1-08" }));
    await waitFor(() => expect(history.location.search).toContain(`server=${other.id}`));
    await waitFor(() => expect(api.lastRequest(list)?.filter?.serverId).toBe(other.id));
  });

  it("offers a developer the filters, without booking", async () => {
    renderApp(
      "/services",
      cannedApi(
        signedIn(aDeveloper()),
        answer(list, { serviceInstances: [healthy], totalSize: 1 }),
      ),
    );
    const row = (await screen.findByText("Nextcloud Marketing")).closest("tr")!;
    expect(within(row).getByRole("img", { name: "Containers: healthy" })).toBeInTheDocument();
    expect(screen.getByLabelText("Server", { selector: "input" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Book service" })).not.toBeInTheDocument();
  });
});
