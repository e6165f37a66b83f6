import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  LogbookEntrySchema,
  LogbookVisibility,
  ServiceInstanceSchema,
  ServiceInstanceService,
  ServiceStatus,
  StatusChangeSchema,
  StatusSource,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { aDeveloper, anOperator, at } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const get = ServiceInstanceService.method.getServiceInstance;
const history = ServiceInstanceService.method.listServiceStatusHistory;
const logbook = ServiceInstanceService.method.listLogbookEntries;
const setStatus = ServiceInstanceService.method.setServiceStatus;

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
    for (const name of ["Set status", "Edit", "Edit notes", "Add entry", "Schedule decommission"]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
  });
});
