import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  PaymentMethod,
  PaymentService,
  PaymentStatus,
  ProviderEventStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { aCaller, anOwner, aPayment, aProviderEvent } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = PaymentService.method;
const transfer = aPayment({ refundedCents: 1000n, note: "Teilbetrag vorab überwiesen" });
const untouched = aPayment({ id: "pay_01payment00000000000000005" });
const stripe = aPayment({
  id: "pay_01payment00000000000000002",
  method: PaymentMethod.STRIPE,
  amountCents: 12000n,
  reference: "pi_3AbCdEfGhIjKlMnOpQrStUvW",
  providerPaymentId: "pi_3AbCdEfGhIjKlMnOpQrStUvW",
  recordedByEmail: "system",
  dashboardUrl: "https://dashboard.stripe.com/payments/pi_3AbCdEfGhIjKlMnOpQrStUvW",
});
const get = (payment: typeof transfer) => answer(m.getPayment, { payment });
const noEvents = answer(m.listProviderEvents, { events: [] });
const actionsMenu = () => screen.queryByRole("button", { name: /^Actions:/ });

describe("a payment's page", () => {
  it("shows every fact of a bank transfer, with what counts towards its invoice", async () => {
    renderApp(`/payments/${transfer.id}`, cannedApi(signedIn(anOwner()), get(transfer)), "de");
    expect(
      // The amount as de-DE writes it, with a no-break space before the sign.
      await screen.findByRole("heading", { name: "34,51\u00a0€ zu RE-2027-000042" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Eingegangen")).toBeInTheDocument();
    expect(screen.getByText("Überweisung")).toBeInTheDocument();
    expect(screen.getByText("10,00 €")).toBeInTheDocument();
    // 34,51 € less the 10,00 € refunded.
    expect(screen.getByText("24,51 €")).toBeInTheDocument();
    expect(screen.getByText("29.01.2027")).toBeInTheDocument();
    expect(screen.getByText("RE-2027-000042 Kd-Nr. K-4711")).toBeInTheDocument();
    expect(screen.getByText("Teilbetrag vorab überwiesen")).toBeInTheDocument();
    expect(screen.getByText("buchhaltung@demo.leitstand.test")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "RE-2027-000042" })).toHaveAttribute(
      "href",
      `/invoices/${transfer.invoiceId}`,
    );
    expect(screen.getByRole("link", { name: "Acme GmbH" })).toHaveAttribute(
      "href",
      `/organizations/${transfer.organizationId}`,
    );
    // Not a provider's payment: no link into a dashboard.
    expect(screen.queryByRole("link", { name: /öffnen$/ })).not.toBeInTheDocument();
  });

  it("links a provider's payment to its dashboard, and offers its refund but no reversal", async () => {
    renderApp(`/payments/${stripe.id}`, cannedApi(signedIn(anOwner()), get(stripe), noEvents));
    const open = await screen.findByRole("link", { name: "Open in Stripe" });
    expect(open).toHaveAttribute("href", stripe.dashboardUrl);
    expect(open).toHaveAttribute("target", "_blank");
    expect(open.getAttribute("rel")).toContain("noopener");
    expect(screen.getByText("The provider")).toBeInTheDocument();
    expect(screen.getByText(/refunded through Stripe/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Refund" })).toBeInTheDocument();
    expect(actionsMenu()).not.toBeInTheDocument();
  });

  it("has no dashboard link where the provider gave none", async () => {
    renderApp(
      `/payments/${stripe.id}`,
      cannedApi(signedIn(anOwner()), get({ ...stripe, dashboardUrl: "" }), noEvents),
    );
    await screen.findByRole("heading", { name: "€120.00 for RE-2027-000042" });
    expect(screen.queryByRole("link", { name: "Open in Stripe" })).not.toBeInTheDocument();
  });

  it("refunds what is left by default, only with a reason", async () => {
    const after = { ...transfer, refundedCents: 3451n, status: PaymentStatus.REFUNDED };
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.getPayment, { payment: transfer }, { payment: after }),
      answer(m.refundPayment, { payment: after }),
    );
    renderApp(`/payments/${transfer.id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Refund" }));
    const dialog = await screen.findByRole("dialog", { name: "Refund payment" });
    expect(within(dialog).getByLabelText(/^Amount to refund/)).toHaveValue("24.51");
    expect(
      within(dialog).getByText("At most €24.51, all that is left of the payment."),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(within(dialog).getByText("Please give a reason.")).toBeInTheDocument();
    expect(api.lastRequest(m.refundPayment)).toBeUndefined();
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Kulanz nach Ausfall");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    await waitFor(() =>
      expect(api.lastRequest(m.refundPayment)).toMatchObject({
        id: transfer.id,
        amountCents: 2451n,
        reason: "Kulanz nach Ausfall",
      }),
    );
    expect(await screen.findByText("€24.51 refunded.")).toBeInTheDocument();
    expect(
      await screen.findByText("Refunded", { selector: ".mantine-Badge-label" }),
    ).toBeInTheDocument();
  });

  it("refunds part of a payment, and says why the server refused one", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      get(untouched),
      answer(
        m.refundPayment,
        refused("the payment is refunded: only a succeeded payment is refunded"),
      ),
    );
    renderApp(`/payments/${untouched.id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Refund" }));
    const dialog = await screen.findByRole("dialog", { name: "Refund payment" });
    const amount = within(dialog).getByLabelText(/^Amount to refund/);
    await userEvent.clear(amount);
    await userEvent.type(amount, "50");
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Gutschrift");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    // More than the payment is refused before it is sent.
    expect(within(dialog).getByText("At most €34.51 can be refunded.")).toBeInTheDocument();
    expect(api.lastRequest(m.refundPayment)).toBeUndefined();
    await userEvent.clear(amount);
    await userEvent.type(amount, "10,50");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    await waitFor(() =>
      expect(api.lastRequest(m.refundPayment)).toMatchObject({ amountCents: 1050n }),
    );
    expect(
      await within(dialog).findByText(
        "the payment is refunded: only a succeeded payment is refunded",
      ),
    ).toBeInTheDocument();
  });

  it("reverses a payment from the overflow menu with a reason, and shows a refusal", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      get(untouched),
      answer(
        m.reversePayment,
        refused("€10.00 of the payment were refunded already: refund the rest instead"),
        { payment: { ...untouched, status: PaymentStatus.REVERSED } },
      ),
    );
    renderApp(`/payments/${untouched.id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: /^Actions:/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Reverse payment" }));
    const dialog = await screen.findByRole("dialog", { name: "Reverse this payment?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Reverse payment" }));
    expect(api.lastRequest(m.reversePayment)).toBeUndefined();
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Falscher Rechnung zugeordnet");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reverse payment" }));
    await waitFor(() =>
      expect(api.lastRequest(m.reversePayment)).toMatchObject({
        id: untouched.id,
        reason: "Falscher Rechnung zugeordnet",
      }),
    );
    expect(
      await within(dialog).findByText(
        "€10.00 of the payment were refunded already: refund the rest instead",
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Reverse payment" }));
    await waitFor(() => expect(api.requests(m.reversePayment)).toHaveLength(2));
    expect(await screen.findByText("Payment reversed.")).toBeInTheDocument();
  });

  it("offers no reversal of a payment refunded in part, only the refund of the rest", async () => {
    renderApp(`/payments/${transfer.id}`, cannedApi(signedIn(anOwner()), get(transfer)));
    expect(await screen.findByRole("button", { name: "Refund" })).toBeInTheDocument();
    expect(actionsMenu()).not.toBeInTheDocument();
  });

  it("offers neither refund nor reversal of a payment that did not arrive", async () => {
    const undone = aPayment({
      method: PaymentMethod.BANK_TRANSFER,
      status: PaymentStatus.REVERSED,
    });
    renderApp(`/payments/${undone.id}`, cannedApi(signedIn(anOwner()), get(undone)));
    expect(await screen.findByText("Reversed")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Refund" })).not.toBeInTheDocument();
    expect(actionsMenu()).not.toBeInTheDocument();
  });

  it("offers no refund or reversal to a role without PAYMENTS_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.PAYMENTS_READ, Permission.INVOICES_READ],
    });
    renderApp(`/payments/${untouched.id}`, cannedApi(signedIn(reader), get(untouched)));
    expect(
      await screen.findByRole("heading", { name: "€34.51 for RE-2027-000042" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Refund" })).not.toBeInTheDocument();
    expect(actionsMenu()).not.toBeInTheDocument();
    // Without ORGANIZATIONS_READ the organization is named, not linked.
    expect(screen.getByText("Acme GmbH")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Acme GmbH" })).not.toBeInTheDocument();
  });

  it("shows the provider's events of a payment and processes a failed one again with a reason", async () => {
    const failed = aProviderEvent({
      id: "pev_01event000000000000000002",
      type: "payment_intent.payment_failed",
      status: ProviderEventStatus.FAILED,
      attempts: 3,
      lastError: "invoice RE-2027-000042 is locked by a billing run",
      payload: '{"id":"evt_2","data":{"object":{"amount":12000}}}',
    });
    const processed = aProviderEvent();
    const api = cannedApi(
      signedIn(anOwner()),
      get(stripe),
      answer(m.listProviderEvents, { events: [failed, processed] }),
      answer(m.replayProviderEvent, {
        event: { ...failed, status: ProviderEventStatus.PROCESSED, attempts: 4 },
      }),
    );
    renderApp(`/payments/${stripe.id}`, api);
    const events = await screen.findAllByTestId("provider-event");
    expect(events).toHaveLength(2);
    expect(api.lastRequest(m.listProviderEvents)).toMatchObject({ paymentId: stripe.id });
    const [first, second] = events as [HTMLElement, HTMLElement];
    expect(within(first).getByText("payment_intent.payment_failed")).toBeInTheDocument();
    expect(within(first).getByText("Failed")).toBeInTheDocument();
    expect(within(first).getByText("processed 3 times")).toBeInTheDocument();
    expect(
      within(first).getByText("invoice RE-2027-000042 is locked by a billing run"),
    ).toBeInTheDocument();
    expect(within(second).getByText("Processed")).toBeInTheDocument();
    expect(within(second).getByText("processed once")).toBeInTheDocument();
    // Only the failed one is processed again.
    expect(within(second).queryByRole("button", { name: "Process again" })).not.toBeInTheDocument();

    // The body as received, indented, on demand.
    await userEvent.click(within(first).getByRole("button", { name: "Show the body as received" }));
    expect(within(first).getByText(/"amount": 12000/)).toBeInTheDocument();

    await userEvent.click(within(first).getByRole("button", { name: "Process again" }));
    const dialog = await screen.findByRole("dialog", { name: "Process this event again?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Process again" }));
    expect(within(dialog).getByText("Please give a reason.")).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Abrechnungslauf ist durch");
    await userEvent.click(within(dialog).getByRole("button", { name: "Process again" }));
    await waitFor(() =>
      expect(api.lastRequest(m.replayProviderEvent)).toMatchObject({
        id: failed.id,
        reason: "Abrechnungslauf ist durch",
      }),
    );
    expect(await screen.findByText("Event processed again: Processed.")).toBeInTheDocument();
  });

  it("does not offer to process an event again without PAYMENTS_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.PAYMENTS_READ],
    });
    const flagged = aProviderEvent({
      status: ProviderEventStatus.FLAGGED,
      lastError: "amount differs",
    });
    renderApp(
      `/payments/${stripe.id}`,
      cannedApi(signedIn(reader), get(stripe), answer(m.listProviderEvents, { events: [flagged] })),
    );
    const event = await screen.findByTestId("provider-event");
    expect(within(event).getByText("Flagged")).toBeInTheDocument();
    expect(within(event).queryByRole("button", { name: "Process again" })).not.toBeInTheDocument();
  });
});
