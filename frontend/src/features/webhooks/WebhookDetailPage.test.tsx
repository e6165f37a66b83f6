import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import {
  WebhookDeliveryStatus,
  WebhookService,
} from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import {
  aCaller,
  aLicensee,
  anOwner,
  aReseller,
  aWebhookDelivery,
  aWebhookEndpoint,
  fromNow,
  minute,
} from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = WebhookService.method;
const erp = aWebhookEndpoint();
const path = `/webhooks/${erp.id}`;
const delivered = aWebhookDelivery();
const failing = aWebhookDelivery({
  id: "whd_01failing00000000000000001",
  eventId: "evt_01payment00000000000000001",
  eventType: "payment.received",
  status: WebhookDeliveryStatus.PENDING,
  attempts: 2,
  responseStatus: 503,
  responseBody: "upstream unavailable",
  error: "the receiver answered 503",
  durationMs: 1250n,
  nextAttemptTime: fromNow(30 * minute),
});
const secret = "whsec_NEWNEWNEWNEWNEWNEWNEWNEWNEWNEWNEWNEWNEW";

/** The licensee's owner on the ERP import's page. */
const asOwner = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner()),
    answer(m.getWebhookEndpoint, { endpoint: erp }),
    answer(m.listWebhookDeliveries, { deliveries: [failing, delivered], totalSize: 2 }),
    answer(BillingEntityService.method.listBillingEntities, {
      billingEntities: [aLicensee(), aReseller()],
    }),
    ...more,
  );

describe("a webhook endpoint's page", () => {
  it("shows what the endpoint receives and its delivery log", async () => {
    renderApp(path, asOwner());
    expect(await screen.findByRole("heading", { name: "ERP import" })).toBeVisible();
    expect(screen.getByText(erp.url)).toBeVisible();
    expect(await screen.findByText("Leitstand Demo GmbH")).toBeVisible();
    expect(screen.getByText("One secret")).toBeVisible();
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Payment received");
    expect(rows[0]).toHaveTextContent("Pending");
    expect(rows[0]).toHaveTextContent("503");
    expect(rows[1]).toHaveTextContent("Succeeded");
    expect(rows[1]).toHaveTextContent("200");
    expect(rows[1]).toHaveTextContent(delivered.eventId);
  });

  it("changes only what was edited, naming it in the mask", async () => {
    const api = asOwner(
      answerWith(m.updateWebhookEndpoint, (req) => ({
        endpoint: { ...erp, description: req.endpoint?.description ?? "" },
      })),
    );
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit…" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit endpoint" });
    const description = within(dialog).getByLabelText(/^Description/);
    await user.clear(description);
    await user.paste("ERP import (production)");
    await user.click(within(dialog).getByRole("checkbox", { name: /^Alert reported/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.updateWebhookEndpoint)).toMatchObject({
      id: erp.id,
      endpoint: {
        description: "ERP import (production)",
        eventTypes: ["invoice.issued", "payment.received", "alert.reported"],
      },
      updateMask: { paths: ["description", "event_types"] },
    });
  });

  it("pauses the endpoint", async () => {
    const api = asOwner(answer(m.updateWebhookEndpoint, { endpoint: { ...erp, enabled: false } }));
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Pause" }));
    await waitFor(() =>
      expect(api.lastRequest(m.updateWebhookEndpoint)).toMatchObject({
        id: erp.id,
        endpoint: { enabled: false },
        updateMask: { paths: ["enabled"] },
      }),
    );
  });

  it("rotates the secret with the overlap and shows the new one once", async () => {
    const api = asOwner(answer(m.rotateWebhookSecret, { endpoint: erp, secret }));
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: `Actions: ${erp.url}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Rotate secret…" }));
    const dialog = await screen.findByRole("dialog", { name: "Rotate the signing secret" });
    expect(within(dialog).getByText(/two signatures/)).toBeVisible();
    const overlap = within(dialog).getByLabelText(/^Overlap in hours/);
    expect(overlap).toHaveValue("24");
    await user.clear(overlap);
    await user.type(overlap, "48");
    await user.click(within(dialog).getByRole("button", { name: "Rotate secret" }));
    const shown = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(within(shown).getByTestId("webhook-secret")).toHaveTextContent(secret);
    expect(api.lastRequest(m.rotateWebhookSecret)).toMatchObject({ id: erp.id, overlapHours: 48 });
    await user.click(within(shown).getByRole("button", { name: "I have stored it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.queryByText(secret)).toBeNull();
  });

  it("sends a test event and says what the receiver answered", async () => {
    const api = asOwner(
      answer(m.sendTestEvent, {
        delivery: aWebhookDelivery({
          eventType: "ping",
          status: WebhookDeliveryStatus.PENDING,
          responseStatus: 0,
          error: "connection refused",
        }),
      }),
    );
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Send test event" }));
    expect(await screen.findByText("Test event not delivered: connection refused")).toBeVisible();
    expect(api.lastRequest(m.sendTestEvent)).toMatchObject({ id: erp.id });
  });

  it("opens a delivery with the receiver's answer and replays it by its id", async () => {
    const api = asOwner(
      answer(m.replayWebhookDelivery, {
        delivery: aWebhookDelivery({ id: "whd_01replay000000000000000001", replayOf: failing.id }),
      }),
    );
    const { history } = renderApp(path, api);
    const rows = await tableRows();
    const user = userEvent.setup();
    await user.click(within(rows[0] as HTMLElement).getByText("Payment received"));
    const drawer = await screen.findByRole("dialog", { name: "Delivery of Payment received" });
    expect(history.location.search).toContain(`delivery=${failing.id}`);
    expect(within(drawer).getByTestId("delivery-response")).toHaveTextContent(
      "upstream unavailable",
    );
    expect(within(drawer).getByTestId("delivery-error")).toHaveTextContent(
      "the receiver answered 503",
    );
    expect(within(drawer).getByTestId("delivery-headers")).toHaveTextContent(
      `Leitstand-Event-Id: ${failing.eventId}`,
    );
    await user.click(within(drawer).getByRole("button", { name: "Replay…" }));
    const confirm = await screen.findByRole("dialog", { name: "Replay this delivery?" });
    await user.click(within(confirm).getByRole("button", { name: "Replay" }));
    await waitFor(() =>
      expect(api.lastRequest(m.replayWebhookDelivery)).toMatchObject({ id: failing.id }),
    );
  });

  it("opens a delivery by its address when the loaded log does not hold it", async () => {
    const older = aWebhookDelivery({
      id: "whd_01older0000000000000000001",
      eventType: "invoice.issued",
      status: WebhookDeliveryStatus.FAILED,
      responseStatus: 410,
      responseBody: "endpoint retired",
    });
    const api = asOwner(answer(m.getWebhookDelivery, { delivery: older }));
    renderApp(`${path}?delivery=${older.id}`, api);
    const drawer = await screen.findByRole("dialog", { name: "Delivery of Invoice issued" });
    expect(await within(drawer).findByTestId("delivery-response")).toHaveTextContent(
      "endpoint retired",
    );
    expect(api.lastRequest(m.getWebhookDelivery)).toMatchObject({ id: older.id });
  });

  it("filters the log by status and event type in the address", async () => {
    const api = asOwner();
    const { history } = renderApp(`${path}?status=FAILED&event=ping`, api);
    await tableRows();
    expect(api.lastRequest(m.listWebhookDeliveries)).toMatchObject({
      endpointId: erp.id,
      status: WebhookDeliveryStatus.FAILED,
      eventType: "ping",
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Status", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Succeeded" }));
    await waitFor(() => expect(history.location.search).toContain("status=SUCCEEDED"));
    await waitFor(() =>
      expect(api.lastRequest(m.listWebhookDeliveries)).toMatchObject({
        status: WebhookDeliveryStatus.SUCCEEDED,
        eventType: "ping",
      }),
    );
  });

  it("deletes the endpoint after a confirmation and returns to the list", async () => {
    const api = asOwner(
      answer(m.deleteWebhookEndpoint, {}),
      answer(m.listWebhookEndpoints, { endpoints: [], totalSize: 0 }),
    );
    const { history } = renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: `Actions: ${erp.url}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete…" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete this endpoint?" });
    expect(within(dialog).getByText(/cannot be undone/)).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "Delete endpoint" }));
    await waitFor(() => expect(history.location.pathname).toBe("/webhooks"));
    expect(api.lastRequest(m.deleteWebhookEndpoint)).toMatchObject({ id: erp.id });
  });

  it("shows an operator the endpoint and its log without changes", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(aCaller({ platformRole: PlatformRole.OPERATOR })),
        answer(m.getWebhookEndpoint, { endpoint: erp }),
        answer(m.listWebhookDeliveries, { deliveries: [delivered], totalSize: 1 }),
        answer(BillingEntityService.method.listBillingEntities, {
          billingEntities: [aLicensee(), aReseller()],
        }),
      ),
    );
    await tableRows();
    expect(screen.getByText("Only owners change webhook endpoints.")).toBeVisible();
    for (const name of ["Edit…", "Pause", "Send test event", `Actions: ${erp.url}`]) {
      expect(screen.queryByRole("button", { name })).toBeNull();
    }
    expect(screen.queryByRole("button", { name: `Actions: ${delivered.id}` })).toBeNull();
  });
});
