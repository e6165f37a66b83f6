import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  LogbookEntrySchema,
  LogbookVisibility,
  ServiceCredentialSchema,
  ServiceInstanceSchema,
  ServiceInstanceService,
  ServiceStatus,
  StatusChangeSchema,
  StatusSource,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { aDeveloper, anOperator, anOwner, at } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const get = ServiceInstanceService.method.getServiceInstance;
const history = ServiceInstanceService.method.listServiceStatusHistory;
const logbook = ServiceInstanceService.method.listLogbookEntries;
const setStatus = ServiceInstanceService.method.setServiceStatus;
const credentials = ServiceInstanceService.method.listServiceCredentials;
const reveal = ServiceInstanceService.method.revealServiceCredential;

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
    ]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
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
});
