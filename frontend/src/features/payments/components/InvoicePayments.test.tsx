import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  InvoiceKind,
  InvoiceService,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import {
  PaymentMethod,
  PaymentProvider,
  PaymentService,
  PaymentStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { aCaller, anInvoice, anOwner, aPayment } from "@/test/builders";
import {
  answer,
  answerWith,
  cannedApi,
  invalid,
  refused,
  signedIn,
  type Canned,
} from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { today } from "../payment";

const m = PaymentService.method;
// 34,51 € gross, 10,00 € of it paid by a first transfer: 24,51 € open.
const invoice = anInvoice({ paidCents: 1000n });
const paidInvoice = { ...invoice, status: InvoiceStatus.PAID, paidCents: 3451n };
const first = aPayment({
  amountCents: 1000n,
  reference: "Teilzahlung 1/2",
  valueDate: "2027-01-25",
});
const recorded = aPayment({
  id: "pay_01payment00000000000000009",
  method: PaymentMethod.MANUAL,
  amountCents: 2451n,
  reference: "Quittung 17",
});
const path = `/invoices/${invoice.id}`;

/** The invoice page's other answers: the invoices by id (one answer after another) and the PDF. */
function invoicePage(...answers: (typeof invoice)[]): Canned[] {
  return [
    answer(
      InvoiceService.method.getInvoice,
      ...(answers.map((inv) => ({ invoice: inv })) as [{ invoice: typeof invoice }]),
    ),
    answer(InvoiceService.method.getInvoicePdf, {
      content: new TextEncoder().encode("%PDF-1.7"),
      fileName: "RE-2027-000042.pdf",
      sha256: "ab".repeat(32),
    }),
  ];
}

/** The server's answers to a check (validate_only) of each amount the test types. */
const checked = new Map([
  [2451n, { invoiceStatus: InvoiceStatus.PAID, invoicePaidCents: 3451n }],
  [1000n, { invoiceStatus: InvoiceStatus.ISSUED, invoicePaidCents: 2000n }],
  [4451n, { invoiceStatus: InvoiceStatus.PAID, invoicePaidCents: 5451n }],
]);
const checks = answerWith(m.recordPayment, (req) =>
  req.validateOnly
    ? { payment: { ...recorded, id: "" }, ...checked.get(req.amountCents) }
    : { payment: recorded, invoiceStatus: InvoiceStatus.PAID, invoicePaidCents: 3451n },
);

beforeAll(() => {
  // jsdom has no blob URLs (the PDF preview makes one).
  URL.createObjectURL = vi.fn(() => "blob:test/1");
  URL.revokeObjectURL = vi.fn();
});
afterAll(() => vi.restoreAllMocks());

describe("an invoice's payments", () => {
  it("says what is paid and still open, and lists the invoice's payments", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoicePage(invoice),
      answer(m.listPayments, { payments: [first], totalSize: 1 }),
    );
    renderApp(path, api, "de");
    const [row] = await tableRows();
    expect(api.lastRequest(m.listPayments)).toMatchObject({ invoiceId: invoice.id });
    expect(row).toHaveTextContent("25.01.2027");
    expect(row).toHaveTextContent("Überweisung");
    expect(row).toHaveTextContent("Eingegangen");
    expect(row).toHaveTextContent("10,00 €");
    expect(within(row as HTMLElement).getByRole("link", { name: "25.01.2027" })).toHaveAttribute(
      "href",
      `/payments/${first.id}`,
    );
    expect(screen.getByTestId("invoice-gross")).toHaveTextContent("34,51 €");
    expect(screen.getByTestId("invoice-paid")).toHaveTextContent("10,00 €");
    expect(screen.getByTestId("invoice-open")).toHaveTextContent("24,51 €");
    expect(screen.getByText("Noch offen")).toBeInTheDocument();
  });

  it("checks a payment as it is typed, records it, and shows the invoice paid", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoicePage(invoice, paidInvoice),
      answer(
        m.listPayments,
        { payments: [first], totalSize: 1 },
        { payments: [recorded, first], totalSize: 2 },
      ),
      checks,
    );
    renderApp(path, api);
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Record payment" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Record a payment for RE-2027-000042",
    });
    // What is open, by bank transfer, today.
    const amount = within(dialog).getByLabelText(/^Amount received/);
    expect(amount).toHaveValue("24.51");
    expect(within(dialog).getByLabelText("Bank transfer")).toBeChecked();
    expect(within(dialog).getByLabelText(/^Value date/)).toHaveValue(today());
    // The check's answer (rendered anew while the amount is cleared).
    const outcome = () => within(dialog).getByTestId("record-outcome");
    await waitFor(() => expect(outcome()).toHaveTextContent("The invoice will then be paid."));
    expect(api.lastRequest(m.recordPayment)).toMatchObject({
      invoiceId: invoice.id,
      method: PaymentMethod.BANK_TRANSFER,
      amountCents: 2451n,
      currency: "EUR",
      valueDate: today(),
      validateOnly: true,
    });

    // Less than is open leaves the invoice open, with the rest.
    await userEvent.clear(amount);
    await userEvent.type(amount, "10");
    await waitFor(() =>
      expect(outcome()).toHaveTextContent("The invoice will then still be open, with €14.51 open."),
    );
    expect(api.lastRequest(m.recordPayment)).toMatchObject({
      amountCents: 1000n,
      validateOnly: true,
    });
    // More than is open: the rest is the organization's credit.
    await userEvent.clear(amount);
    await userEvent.type(amount, "44,51");
    await waitFor(() =>
      expect(outcome()).toHaveTextContent(
        "The invoice will then be paid; €20.00 beyond it become the organization's credit.",
      ),
    );

    await userEvent.clear(amount);
    await userEvent.type(amount, "24,51");
    await userEvent.click(within(dialog).getByLabelText("Manual"));
    await userEvent.type(within(dialog).getByLabelText(/^Reference/), "Quittung 17");
    await userEvent.type(within(dialog).getByLabelText(/^Note/), "Bar bezahlt am Empfang");
    await userEvent.click(within(dialog).getByRole("button", { name: "Record payment" }));
    await waitFor(() =>
      expect(api.requests(m.recordPayment).find((r) => !r.validateOnly)).toMatchObject({
        invoiceId: invoice.id,
        method: PaymentMethod.MANUAL,
        amountCents: 2451n,
        currency: "EUR",
        valueDate: today(),
        reference: "Quittung 17",
        note: "Bar bezahlt am Empfang",
      }),
    );
    expect(
      await screen.findByText("Payment of €24.51 recorded for RE-2027-000042."),
    ).toBeInTheDocument();
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    // The invoice and its payments are read again: paid, nothing open, two payments.
    await waitFor(() => expect(screen.getByTestId("invoice-open")).toHaveTextContent("€0.00"));
    expect(screen.getByTestId("invoice-paid")).toHaveTextContent("€34.51");
    expect(screen.getByText("Paid", { selector: ".mantine-Badge-label" })).toBeInTheDocument();
    await waitFor(() => expect(document.querySelectorAll("tr[data-row]")).toHaveLength(2));
    expect(screen.queryByRole("button", { name: "Record payment" })).not.toBeInTheDocument();
  });

  it("shows the server's objection to a field at that field", async () => {
    const message = "the value date 2027-02-01 is after today (2027-01-31)";
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoicePage(invoice),
      answer(m.listPayments, { payments: [first], totalSize: 1 }),
      answerWith(m.recordPayment, (req) =>
        req.validateOnly
          ? { payment: recorded, invoiceStatus: InvoiceStatus.PAID, invoicePaidCents: 3451n }
          : invalid([{ path: ["value_date"], ruleId: "value_date.not_future", message }]),
      ),
    );
    renderApp(path, api);
    await userEvent.click(await screen.findByRole("button", { name: "Record payment" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Record a payment for RE-2027-000042",
    });
    await userEvent.click(within(dialog).getByRole("button", { name: "Record payment" }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/^Value date/)).toHaveAttribute("aria-invalid", "true"),
    );
    expect(within(dialog).getByText(message)).toBeInTheDocument();
    expect(
      screen.getByRole("dialog", { name: "Record a payment for RE-2027-000042" }),
    ).toBeVisible();
  });

  it("shows an overpaid invoice's credit, with nothing to record", async () => {
    const over = { ...invoice, status: InvoiceStatus.PAID, paidCents: 3951n };
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        ...invoicePage(over),
        answer(m.listPayments, { payments: [first], totalSize: 1 }),
      ),
    );
    expect(await screen.findByTestId("invoice-credit")).toHaveTextContent("€5.00");
    expect(screen.queryByTestId("invoice-open")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Record payment" })).not.toBeInTheDocument();
  });

  it("records nothing for a cancelled invoice: what was paid for it is credit", async () => {
    const cancelled = { ...invoice, status: InvoiceStatus.CANCELLED };
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        ...invoicePage(cancelled),
        answer(m.listPayments, { payments: [first], totalSize: 1 }),
      ),
    );
    expect(await screen.findByTestId("invoice-credit")).toHaveTextContent("€10.00");
    expect(screen.getByText("Credit (invoice cancelled)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Record payment" })).not.toBeInTheDocument();
  });

  it("has no payments on a cancellation invoice", async () => {
    const cancellation = anInvoice({ kind: InvoiceKind.CANCELLATION, grossCents: -3451n });
    const api = cannedApi(signedIn(anOwner()), ...invoicePage(cancellation));
    renderApp(path, api);
    await screen.findByTestId("invoice-lines");
    expect(screen.queryByRole("heading", { name: "Payments" })).not.toBeInTheDocument();
    expect(api.calls()).not.toContain("PaymentService/ListPayments");
  });

  it("offers no recording to a role without PAYMENTS_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.INVOICES_READ, Permission.PAYMENTS_READ],
    });
    renderApp(
      path,
      cannedApi(
        signedIn(reader),
        ...invoicePage(invoice),
        answer(m.listPayments, { payments: [first], totalSize: 1 }),
      ),
    );
    await tableRows();
    expect(screen.getByTestId("invoice-open")).toHaveTextContent("€24.51");
    expect(screen.queryByRole("button", { name: "Record payment" })).not.toBeInTheDocument();
  });

  it("shows no payments to a role without PAYMENTS_READ", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.INVOICES_READ],
    });
    const api = cannedApi(signedIn(reader), ...invoicePage(invoice));
    renderApp(path, api);
    await screen.findByTestId("invoice-lines");
    expect(screen.queryByRole("heading", { name: "Payments" })).not.toBeInTheDocument();
    expect(api.calls()).not.toContain("PaymentService/ListPayments");
  });

  it("asks Mollie for what is open and shows the checkout link to send the customer", async () => {
    const pending = aPayment({
      id: "pay_01payment00000000000000011",
      method: PaymentMethod.MOLLIE,
      status: PaymentStatus.PENDING,
      amountCents: 2451n,
      checkoutUrl: "https://www.mollie.com/checkout/select-method/7UhSN1zuXS",
    });
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoicePage(invoice),
      answer(m.listPayments, { payments: [first], totalSize: 1 }),
      answer(m.requestProviderPayment, { payment: pending }),
    );
    renderApp(path, api);
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Request via Mollie" }));
    await waitFor(() =>
      expect(api.lastRequest(m.requestProviderPayment)).toMatchObject({
        invoiceId: invoice.id,
        provider: PaymentProvider.MOLLIE,
      }),
    );
    const result = await screen.findByTestId("provider-request-result");
    expect(within(result).getByText("Payment requested via Mollie")).toBeInTheDocument();
    expect(within(result).getByText("Pending")).toBeInTheDocument();
    expect(
      within(result).getByText("https://www.mollie.com/checkout/select-method/7UhSN1zuXS"),
    ).toBeInTheDocument();
    expect(within(result).getByRole("button", { name: "Copy: Checkout page" })).toBeInTheDocument();
    expect(within(result).getByRole("link", { name: "Open the payment" })).toHaveAttribute(
      "href",
      `/payments/${pending.id}`,
    );
  });

  it("shows why the provider could not be asked", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoicePage(invoice),
      answer(m.listPayments, { payments: [first], totalSize: 1 }),
      answer(
        m.requestProviderPayment,
        refused("Stripe is not set up for this billing entity: set its keys in the settings"),
      ),
    );
    renderApp(path, api);
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Request via Stripe" }));
    const result = await screen.findByTestId("provider-request-result");
    expect(
      within(result).getByText("Stripe could not be asked for the payment"),
    ).toBeInTheDocument();
    expect(
      within(result).getByText(
        "Stripe is not set up for this billing entity: set its keys in the settings",
      ),
    ).toBeInTheDocument();
    expect(api.lastRequest(m.requestProviderPayment)).toMatchObject({
      provider: PaymentProvider.STRIPE,
    });
  });

  it("offers no provider request once the invoice is paid", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        ...invoicePage(paidInvoice),
        answer(m.listPayments, { payments: [first], totalSize: 1 }),
      ),
    );
    await tableRows();
    expect(screen.queryByRole("button", { name: "Request via Stripe" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Request via Mollie" })).not.toBeInTheDocument();
  });
});
