import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { WebhookService } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { aCaller, aLicensee, anOwner, aReseller, aWebhookEndpoint } from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = WebhookService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const erp = aWebhookEndpoint();
const chat = aWebhookEndpoint({
  id: "whe_01chatops00000000000000001",
  billingEntityId: nordhost.id,
  url: "https://chat.nordhost.example/a/very/long/path/that/goes/on/and/on/hooks/leitstand?token=abc",
  description: "",
  eventTypes: [
    "service.status_changed",
    "alert.reported",
    "organization.created",
    "invoice.issued",
    "payment.received",
  ],
  enabled: false,
});
const secret = "whsec_3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** The licensee's owner, who sees every entity's endpoints. */
const asLicensee = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner()),
    answer(m.listWebhookEndpoints, { endpoints: [erp, chat], totalSize: 2 }),
    answer(BillingEntityService.method.listBillingEntities, {
      billingEntities: [licensee, nordhost],
    }),
    ...more,
  );

describe("the webhooks page", () => {
  it("lists the endpoints with their owner, events and state", async () => {
    renderApp("/webhooks", asLicensee());
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(erp.url);
    expect(rows[0]).toHaveTextContent("ERP import");
    expect(rows[0]).toHaveTextContent("Invoice issued");
    expect(rows[0]).toHaveTextContent("Payment received");
    expect(rows[0]).toHaveTextContent("Enabled");
    expect(rows[0]).toHaveTextContent(licensee.name);
    expect(rows[1]).toHaveTextContent(nordhost.name);
    expect(rows[1]).toHaveTextContent("Paused");
    expect(rows[1]).toHaveTextContent("+3 more");
    expect(screen.getByText("2 endpoints")).toBeVisible();
    expect(screen.getByRole("link", { name: "Webhooks" })).toBeVisible();
  });

  it("creates an endpoint for a reseller and shows its secret once", async () => {
    const api = asLicensee(
      answerWith(m.createWebhookEndpoint, (req) => ({
        endpoint: aWebhookEndpoint({
          id: "whe_1new0000000000000000000001",
          billingEntityId: req.billingEntityId,
          url: req.endpoint?.url,
          eventTypes: req.endpoint?.eventTypes,
        }),
        secret,
      })),
      answer(m.getWebhookEndpoint, { endpoint: erp }),
      answer(m.listWebhookDeliveries, { deliveries: [] }),
    );
    const { history } = renderApp("/webhooks", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New endpoint…" }));
    const dialog = await screen.findByRole("dialog", { name: "New webhook endpoint" });
    // Pasted, as an address is: typing it key by key is slow on a busy machine.
    await user.click(within(dialog).getByLabelText(/^URL/));
    await user.paste("https://hooks.nordhost.example/in");
    await user.click(within(dialog).getByLabelText(/^Description/));
    await user.paste("Chat");
    await user.click(within(dialog).getByRole("checkbox", { name: /^Alert reported/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /^Service status changed/ }));
    await user.click(within(dialog).getByLabelText(/^Billing entity/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: nordhost.name }));
    await user.click(within(dialog).getByRole("button", { name: "Create endpoint" }));

    const shown = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(within(shown).getByTestId("webhook-secret")).toHaveTextContent(secret);
    expect(within(shown).getByText(/shown only this once/)).toBeVisible();
    expect(within(shown).getByText(/Delivery and signing/)).toBeVisible();
    expect(api.lastRequest(m.createWebhookEndpoint)).toMatchObject({
      billingEntityId: nordhost.id,
      endpoint: {
        url: "https://hooks.nordhost.example/in",
        description: "Chat",
        eventTypes: ["service.status_changed", "alert.reported"],
        enabled: true,
      },
    });
    await user.click(within(shown).getByRole("button", { name: "I have stored it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() =>
      expect(history.location.pathname).toBe("/webhooks/whe_1new0000000000000000000001"),
    );
    // The secret is nowhere to be seen again.
    expect(screen.queryByText(secret)).toBeNull();
    expect(api.requests(m.createWebhookEndpoint)).toHaveLength(1);
  });

  it("asks for at least one event and shows the server's refusal at the URL", async () => {
    const api = asLicensee(
      answer(
        m.createWebhookEndpoint,
        invalid([
          {
            path: ["endpoint", "url"],
            ruleId: "url.private",
            message: "the address is a private one",
          },
        ]),
      ),
    );
    renderApp("/webhooks", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New endpoint…" }));
    const dialog = await screen.findByRole("dialog", { name: "New webhook endpoint" });
    await user.type(within(dialog).getByLabelText(/^URL/), "https://10.0.0.1/hook");
    await user.click(within(dialog).getByRole("button", { name: "Create endpoint" }));
    expect(await within(dialog).findByText("Choose at least one event.")).toBeVisible();
    expect(api.requests(m.createWebhookEndpoint)).toHaveLength(0);
    await user.click(within(dialog).getByRole("checkbox", { name: /^Invoice issued/ }));
    await user.click(within(dialog).getByRole("button", { name: "Create endpoint" }));
    expect(await within(dialog).findByText(/private/)).toBeVisible();
    expect(api.lastRequest(m.createWebhookEndpoint)).toMatchObject({
      billingEntityId: licensee.id,
    });
  });

  it("shows a reseller's staff their endpoints without the owner column", async () => {
    renderApp(
      "/webhooks",
      cannedApi(
        signedIn(anOwner({ email: "owner@nordhost.example" })),
        answer(m.listWebhookEndpoints, { endpoints: [chat], totalSize: 1 }),
        answer(BillingEntityService.method.listBillingEntities, { billingEntities: [nordhost] }),
      ),
    );
    await tableRows();
    expect(screen.queryByRole("columnheader", { name: "Billing entity" })).toBeNull();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New endpoint…" }));
    const dialog = await screen.findByRole("dialog", { name: "New webhook endpoint" });
    expect(within(dialog).queryByLabelText(/^Billing entity/, { selector: "input" })).toBeNull();
  });

  it("shows an operator the endpoints without New endpoint", async () => {
    renderApp(
      "/webhooks",
      cannedApi(
        signedIn(aCaller({ platformRole: PlatformRole.OPERATOR })),
        answer(m.listWebhookEndpoints, { endpoints: [erp], totalSize: 1 }),
        answer(BillingEntityService.method.listBillingEntities, {
          billingEntities: [licensee, nordhost],
        }),
      ),
    );
    await tableRows();
    expect(screen.queryByRole("button", { name: "New endpoint…" })).toBeNull();
  });

  it("says when there is no endpoint yet", async () => {
    renderApp(
      "/webhooks",
      cannedApi(
        signedIn(anOwner()),
        answer(m.listWebhookEndpoints, { endpoints: [], totalSize: 0 }),
        answer(BillingEntityService.method.listBillingEntities, { billingEntities: [licensee] }),
      ),
    );
    expect(await screen.findByText("No webhook endpoint yet.")).toBeVisible();
  });

  it("speaks German", async () => {
    renderApp("/webhooks", asLicensee(), "de");
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent("Rechnung gestellt");
    expect(rows[1]).toHaveTextContent("Pausiert");
    expect(await screen.findByRole("button", { name: "Neuer Endpunkt…" })).toBeVisible();
  });
});
