import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ContainerStatus } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContainerRole,
  LogbookEntrySchema,
  LogbookVisibility,
  ServiceContainerSchema,
  ServiceCredentialSchema,
  ServiceHealth,
  ServiceInstanceSchema,
  ServiceInstanceService,
  ServiceStatus,
  StatusChangeSchema,
  StatusSource,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { aContainer, aDeveloper, anOperator, anOwner, at } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const get = ServiceInstanceService.method.getServiceInstance;
const history = ServiceInstanceService.method.listServiceStatusHistory;
const logbook = ServiceInstanceService.method.listLogbookEntries;
const setStatus = ServiceInstanceService.method.setServiceStatus;
const credentials = ServiceInstanceService.method.listServiceCredentials;
const reveal = ServiceInstanceService.method.revealServiceCredential;
const containers = ServiceInstanceService.method.listServiceContainers;
const link = ServiceInstanceService.method.linkServiceContainer;
const unlink = ServiceInstanceService.method.unlinkServiceContainer;
const stop = ServiceInstanceService.method.stopService;
const uptime = ServiceInstanceService.method.getServiceUptime;
const listContainers = ContainerService.method.listContainers;

const id = "svc_01kaj5m8d0e6xv1ks8wq6a5j0p";
const service = create(ServiceInstanceSchema, {
  id,
  name: "Nextcloud Marketing",
  catalogItemId: "cat_01kaj5m8d0e6xv1ks8wq6a5j0p",
  catalogItemName: "Nextcloud M",
  organizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
  organizationName: "Nordlicht Medien",
  workspaceId: "ws_01kaj5m8d0e6xv1ks8wq6a5j0p",
  workspaceName: "Marketing",
  status: ServiceStatus.ONLINE,
  statusTime: at("2026-03-10T08:00:00Z"),
  monthlyPriceCents: 8900n,
  currency: "EUR",
  notes: "## Setup\n\n<script>alert(1)</script>",
  createTime: at("2026-03-01T08:00:00Z"),
  health: ServiceHealth.HEALTHY,
  containerCount: 2,
  primaryContainerCount: 1,
});
const app = aContainer({
  id: "ctr_01kaj5m8d0e6xv1ks8wq6a5j0a",
  name: "nextcloud-app",
  serverName: "web-fsn1-01",
});
const db = aContainer({
  id: "ctr_01kaj5m8d0e6xv1ks8wq6a5j0b",
  name: "nextcloud-db",
  serverName: "web-fsn1-01",
  status: ContainerStatus.EXITED,
});
const answers = [
  answer(get, { serviceInstance: service }),
  answer(history, {
    statusChanges: [
      create(StatusChangeSchema, {
        id: "sst_2",
        fromStatus: ServiceStatus.PROVISIONING,
        toStatus: ServiceStatus.ONLINE,
        changeTime: at("2026-03-10T08:00:00Z"),
        source: StatusSource.STAFF,
        actorEmail: "oskar@example.com",
        reason: "handed over",
      }),
    ],
  }),
  answer(logbook, {
    logbookEntries: [
      create(LogbookEntrySchema, {
        id: "lbk_1",
        code: "status-changed",
        params: { from: "PROVISIONING", to: "ONLINE", reason: "handed over" },
        text: "Status changed from PROVISIONING to ONLINE: handed over",
        visibility: LogbookVisibility.CUSTOMER,
        createTime: at("2026-03-10T08:00:00Z"),
      }),
    ],
  }),
  answer(containers, {
    serviceContainers: [
      create(ServiceContainerSchema, {
        container: app,
        role: ContainerRole.APPLICATION,
        primary: true,
        linkTime: at("2026-03-02T08:00:00Z"),
      }),
      create(ServiceContainerSchema, {
        container: db,
        role: ContainerRole.DATABASE,
        primary: false,
        linkTime: at("2026-03-02T08:00:00Z"),
      }),
    ],
  }),
  answer(uptime, {
    days: [
      {
        date: "2026-03-09",
        unmeasuredSeconds: 86400n,
      },
      {
        date: "2026-03-10",
        onlineSeconds: 86000n,
        incidentSeconds: 400n,
        availability: 86000 / 86400,
      },
    ],
    availability: 86000 / 86400,
    measuredSeconds: 86400n,
    onlineSeconds: 86000n,
  }),
  answer(credentials, {
    serviceCredentials: [
      create(ServiceCredentialSchema, {
        serviceInstanceId: id,
        name: "admin login",
        createTime: at("2026-03-02T08:00:00Z"),
        updateTime: at("2026-03-02T08:00:00Z"),
        updatedByEmail: "oskar@example.com",
      }),
    ],
  }),
];

describe("service detail page", () => {
  it("sets the status with the reason the customer reads", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      ...answers,
      answer(setStatus, { serviceInstance: { ...service, status: ServiceStatus.MAINTENANCE } }),
    );
    renderApp(`/services/${id}`, api);
    expect(await screen.findByRole("heading", { name: "Nextcloud Marketing" })).toBeInTheDocument();
    expect(
      await screen.findByText("Status changed from Provisioning to Online"),
    ).toBeInTheDocument();
    // Notes are text, never markup.
    expect(screen.getByTestId("notes").textContent).toContain("<script>alert(1)</script>");
    expect(screen.getByTestId("notes").querySelector("script")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Set status" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText(/Reason/), "planned update");
    await userEvent.click(within(dialog).getByRole("button", { name: "Set status" }));
    await waitFor(() =>
      expect(api.lastRequest(setStatus)).toMatchObject({
        id,
        status: ServiceStatus.PROVISIONING,
        reason: "planned update",
      }),
    );
  });

  it("keeps the dialog open with the server's reason when a change is refused", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      ...answers,
      answer(setStatus, refused("Nextcloud Marketing cannot go from ONLINE to PROVISIONING")),
    );
    renderApp(`/services/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Set status" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText(/Reason/), "why not");
    await userEvent.click(within(dialog).getByRole("button", { name: "Set status" }));
    expect(await within(dialog).findByText(/cannot go from ONLINE/)).toBeInTheDocument();
  });

  it("shows a developer the service without controls", async () => {
    renderApp(`/services/${id}`, cannedApi(signedIn(aDeveloper()), ...answers));
    expect(await screen.findByRole("heading", { name: "Nextcloud Marketing" })).toBeInTheDocument();
    expect(await screen.findByText("handed over", { selector: "p" })).toBeInTheDocument();
    for (const name of [
      "Set status",
      "Edit",
      "Edit notes",
      "Add entry",
      "Schedule decommission",
      "Set credential",
      "Start",
      "Stop",
      "Restart",
      "Link container",
    ]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
    // The containers are listed, without a way to change their links.
    expect(await screen.findByText("nextcloud-app")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions: / })).not.toBeInTheDocument();
  });

  it("reveals a credential once, with a reason, and hides it again on close", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...answers,
      answer(reveal, { value: "Tr0ub4dor&3" }),
    );
    renderApp(`/services/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Reveal: admin login" }));
    const dialog = await screen.findByRole("dialog");
    // No reason, no request.
    await userEvent.click(within(dialog).getByRole("button", { name: "Reveal" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.lastRequest(reveal)).toBeUndefined();

    await userEvent.type(within(dialog).getByLabelText(/Reason/), "customer lost it");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reveal" }));
    expect(await within(dialog).findByTestId("credential-value")).toHaveTextContent("Tr0ub4dor&3");
    expect(api.lastRequest(reveal)).toMatchObject({
      serviceInstanceId: id,
      name: "admin login",
      reason: "customer lost it",
    });
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByText("Tr0ub4dor&3")).not.toBeInTheDocument());
    // Opened again, it asks again.
    await userEvent.click(screen.getByRole("button", { name: "Reveal: admin login" }));
    const again = await screen.findByRole("dialog");
    expect(within(again).queryByTestId("credential-value")).not.toBeInTheDocument();
  });

  it("offers no reveal without the permission", async () => {
    renderApp(`/services/${id}`, cannedApi(signedIn(anOperator()), ...answers));
    expect(await screen.findByText("admin login")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Set credential" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Reveal/ })).not.toBeInTheDocument();
  });

  it("shows the containers' health beside the status, and the linked containers", async () => {
    renderApp(`/services/${id}`, cannedApi(signedIn(anOperator()), ...answers));
    expect(await screen.findByRole("heading", { name: "Nextcloud Marketing" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Containers: healthy" })).toHaveAttribute(
      "data-health",
      "HEALTHY",
    );
    const table = await screen.findByTestId("service-containers");
    const appRow = (await within(table).findByText("nextcloud-app")).closest("tr")!;
    expect(within(appRow).getByText("Application")).toBeInTheDocument();
    expect(within(appRow).getByText("Primary")).toBeInTheDocument();
    expect(appRow.querySelector('[data-status="RUNNING"]')).not.toBeNull();
    expect(appRow.querySelector('[data-health="HEALTHY"]')).not.toBeNull();
    const dbRow = within(table).getByText("nextcloud-db").closest("tr")!;
    expect(within(dbRow).getByText("Database")).toBeInTheDocument();
    expect(within(dbRow).queryByText("Primary")).not.toBeInTheDocument();
    expect(dbRow.querySelector('[data-status="EXITED"]')).not.toBeNull();
  });

  it("links a container found by name, with its role and the primary flag", async () => {
    const cache = aContainer({
      id: "ctr_01kaj5m8d0e6xv1ks8wq6a5j0c",
      name: "nextcloud-redis",
      serverName: "web-fsn1-02",
    });
    const api = cannedApi(
      signedIn(anOperator()),
      ...answers,
      answer(listContainers, { containers: [cache], totalSize: 1 }),
      answer(link, {
        serviceContainer: { container: cache, role: ContainerRole.DATABASE, primary: false },
      }),
    );
    renderApp(`/services/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Link container" }));
    const dialog = await screen.findByRole("dialog");
    // Nothing chosen, nothing sent.
    await userEvent.click(within(dialog).getByRole("button", { name: "Link container" }));
    expect(await within(dialog).findByText("This field is required.")).toBeInTheDocument();
    expect(api.lastRequest(link)).toBeUndefined();
    await userEvent.type(
      within(dialog).getByLabelText(/^Container/, { selector: "input" }),
      "redis",
    );
    await waitFor(() => expect(api.lastRequest(listContainers)?.filter?.query).toBe("redis"));
    await userEvent.click(
      await screen.findByRole("option", { name: "nextcloud-redis · web-fsn1-02" }),
    );
    await userEvent.click(within(dialog).getByText("Database"));
    await userEvent.click(within(dialog).getByRole("switch", { name: /Primary/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Link container" }));
    await waitFor(() =>
      expect(api.lastRequest(link)).toMatchObject({
        serviceInstanceId: id,
        containerId: cache.id,
        role: ContainerRole.DATABASE,
        primary: false,
      }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("shows the server's refusal in the link dialog", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      ...answers,
      answer(link, refused("nextcloud-app on web-fsn1-01 is linked to Nextcloud Sales")),
    );
    renderApp(`/services/${id}`, api);
    const table = await screen.findByTestId("service-containers");
    await within(table).findByText("nextcloud-app");
    await userEvent.click(
      within(table).getByRole("button", { name: "Actions: nextcloud-app (web-fsn1-01)" }),
    );
    await userEvent.click(await screen.findByRole("menuitem", { name: "Change role" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByText("Database"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(await within(dialog).findByText(/is linked to Nextcloud Sales/)).toBeInTheDocument();
    expect(api.lastRequest(link)).toMatchObject({
      containerId: app.id,
      role: ContainerRole.DATABASE,
      primary: true,
    });
  });

  it("unlinks a container after asking", async () => {
    const api = cannedApi(signedIn(anOperator()), ...answers, answer(unlink, {}));
    renderApp(`/services/${id}`, api);
    const table = await screen.findByTestId("service-containers");
    await within(table).findByText("nextcloud-db");
    await userEvent.click(
      within(table).getByRole("button", { name: "Actions: nextcloud-db (web-fsn1-01)" }),
    );
    await userEvent.click(await screen.findByRole("menuitem", { name: "Unlink" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Unlink" }));
    await waitFor(() =>
      expect(api.lastRequest(unlink)).toEqual(
        expect.objectContaining({ serviceInstanceId: id, containerId: db.id }),
      ),
    );
  });

  it("stops the service only with a reason, and shows why the server refuses", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      ...answers,
      answer(stop, refused("nextcloud-app cannot be controlled: monitoring only")),
    );
    renderApp(`/services/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Stop" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Stop" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.lastRequest(stop)).toBeUndefined();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), "customer asked");
    await userEvent.click(within(dialog).getByRole("button", { name: "Stop" }));
    expect(await within(dialog).findByText(/monitoring only/)).toBeInTheDocument();
    expect(api.lastRequest(stop)).toMatchObject({ id, reason: "customer asked" });
  });

  it("offers the service actions only with a primary container, and only to who may control", async () => {
    renderApp(
      `/services/${id}`,
      cannedApi(
        signedIn(anOperator()),
        ...answers,
        answer(get, { serviceInstance: { ...service, primaryContainerCount: 0 } }),
      ),
    );
    expect(await screen.findByRole("button", { name: "Restart" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Start" })).toBeDisabled();
  });

  it("shows the availability over the days chosen", async () => {
    const api = cannedApi(signedIn(aDeveloper()), ...answers);
    renderApp(`/services/${id}`, api);
    await waitFor(() => expect(screen.getByTestId("availability")).toHaveTextContent("99.53 %"));
    expect(screen.getByTestId("chart-uptime")).toHaveAttribute("data-points", "2");
    expect(api.lastRequest(uptime)).toMatchObject({ serviceInstanceId: id, days: 30 });
    await userEvent.click(screen.getByText("7 days"));
    await waitFor(() => expect(api.lastRequest(uptime)).toMatchObject({ days: 7 }));
  });
});
