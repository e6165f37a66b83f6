import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  AccountService,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import {
  InvoiceOrigin,
  InvoiceService,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import {
  PaymentMethod,
  PaymentProvider,
  PaymentService,
  PaymentStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { anAccount, anInvoice, anOperator, aPayment } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn, type Canned } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const inv = InvoiceService.method;
const pay = PaymentService.method;

/** A managed account, billed offline. */
const managed = anAccount({
  revenueClass: RevenueClass.MANAGED,
  managed: true,
  accountManager: "Oskar Operator <operator@demo.leitstand.test>",
  accountManagerUserId: "usr_operator",
});
const listOf = (account: typeof managed) =>
  answer(AccountService.method.listAccounts, {
    accounts: [account],
    totalSize: 1,
    month: thisMonth(),
  });

/** Its open invoices, the latest first: one issued, 100 € of 249,89 € paid, and one overdue. */
const issued = anInvoice({
  id: "inv_01invoice00000000000000050",
  number: "RE-2027-000050",
  origin: InvoiceOrigin.MANUAL,
  grossCents: 24989n,
  paidCents: 10000n,
  dueDate: "2027-02-14",
});
const overdue = anInvoice({ status: InvoiceStatus.OVERDUE, dueDate: "2027-01-31" });
const openInvoices = answer(inv.listInvoices, { invoices: [issued, overdue], totalSize: 2 });

async function open(answers: Canned[], item: string, title: string) {
  const api = cannedApi(signedIn(anOperator()), listOf(managed), openInvoices, ...answers);
  renderApp("/accounts", api);
  await tableRows();
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
  await user.click(await screen.findByRole("menuitem", { name: item }));
  const dialog = await screen.findByRole("dialog", { name: title });
  return { api, user, dialog };
}

describe("the offline billing of a managed account", () => {
  it("is offered for managed accounts only", async () => {
    renderApp("/accounts", cannedApi(signedIn(anOperator()), listOf(anAccount())));
    await tableRows();
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
    await screen.findByRole("menuitem", { name: "Managed billing…" });
    for (const item of ["Issue invoice…", "Payment link…", "Mark paid…"]) {
      expect(screen.queryByRole("menuitem", { name: item })).not.toBeInTheDocument();
    }
  });

  it("issues an invoice to the account, with the server's totals and a reason", async () => {
    const computed = anInvoice({
      id: "",
      number: "",
      origin: InvoiceOrigin.MANUAL,
      netCents: 20000n,
      vatCents: 3800n,
      grossCents: 23800n,
    });
    const { api, user, dialog } = await open(
      [
        answerWith(inv.createManualInvoice, (req) => ({
          invoice: req.validateOnly
            ? computed
            : { ...computed, id: issued.id, number: "RE-2027-000051" },
        })),
      ],
      "Issue invoice…",
      "Issue an invoice to Acme GmbH",
    );
    // The organization is the account's: there is none to pick.
    expect(within(dialog).queryByRole("textbox", { name: /^Organization/ })).toBeNull();
    const line = within(dialog).getByRole("group", { name: "Line 1" });
    await user.type(within(line).getByLabelText(/^Description/), "Betreuung Januar");
    await user.type(within(line).getByLabelText(/^Unit price/), "200");
    expect(await within(dialog).findByTestId("invoice-totals")).toHaveTextContent(
      "Gross (amount due)€238.00",
    );
    await user.click(within(dialog).getByRole("button", { name: "Issue invoice" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(inv.createManualInvoice).filter((r) => !r.validateOnly)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Reason/), "Managed: January support");
    await user.click(within(dialog).getByRole("button", { name: "Issue invoice" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(inv.createManualInvoice).filter((r) => !r.validateOnly)).toEqual([
      expect.objectContaining({
        organizationId: managed.organizationId,
        reason: "Managed: January support",
        lines: [
          expect.objectContaining({ description: "Betreuung Januar", unitPriceCents: 20000n }),
        ],
      }),
    ]);
    expect(await screen.findByText("RE-2027-000051 issued.")).toBeInTheDocument();
  });

  it("asks Mollie for a payment link to one of its open invoices and shows it to copy", async () => {
    const checkout = "https://www.mollie.com/checkout/select-method/7UhSN1zuXS";
    const { api, user, dialog } = await open(
      [
        answer(pay.requestProviderPayment, {
          payment: aPayment({
            id: "pay_01mollie000000000000000001",
            method: PaymentMethod.MOLLIE,
            status: PaymentStatus.PENDING,
            invoiceId: overdue.id,
            checkoutUrl: checkout,
          }),
        }),
      ],
      "Payment link…",
      "Payment link for Acme GmbH",
    );
    const invoice = within(dialog).getByRole("combobox", { name: /^Invoice/ });
    expect(invoice).toHaveValue("RE-2027-000050 · €149.89 open · due 14 Feb 2027");
    await user.click(invoice);
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "RE-2027-000050 · €149.89 open · due 14 Feb 2027",
      "RE-2027-000042 · €34.51 open · overdue since 31 Jan 2027",
    ]);
    await user.click(screen.getByRole("option", { name: /^RE-2027-000042/ }));
    await user.click(within(dialog).getByRole("button", { name: "Create Mollie link" }));
    const link = await within(dialog).findByTestId("payment-link");
    expect(link).toHaveTextContent(checkout);
    expect(within(link).getByRole("button", { name: "Copy: Checkout page" })).toBeInTheDocument();
    expect(api.lastRequest(pay.requestProviderPayment)).toMatchObject({
      invoiceId: overdue.id,
      provider: PaymentProvider.MOLLIE,
    });
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("records the money received for an open invoice, what is open unless changed", async () => {
    const { api, user, dialog } = await open(
      [
        answerWith(pay.recordPayment, (req) => ({
          payment: aPayment({ invoiceId: req.invoiceId, amountCents: req.amountCents }),
          invoiceStatus: InvoiceStatus.PAID,
          invoicePaidCents: issued.grossCents,
        })),
      ],
      "Mark paid…",
      "Record a payment from Acme GmbH",
    );
    // The latest open invoice, and what is open of it.
    expect(within(dialog).getByRole("combobox", { name: /^Invoice/ })).toHaveValue(
      "RE-2027-000050 · €149.89 open · due 14 Feb 2027",
    );
    expect(within(dialog).getByRole("textbox", { name: /^Amount received/ })).toHaveValue("149.89");
    await user.type(within(dialog).getByRole("textbox", { name: /^Reference/ }), "RE-2027-000050");
    await waitFor(() =>
      expect(within(dialog).getByTestId("record-outcome")).toHaveTextContent(
        "The invoice will then be paid.",
      ),
    );
    await user.click(within(dialog).getByRole("button", { name: "Record payment" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(pay.recordPayment).filter((r) => !r.validateOnly)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Reason/), "Transfer received");
    await user.click(within(dialog).getByRole("button", { name: "Record payment" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(pay.recordPayment).filter((r) => !r.validateOnly)).toEqual([
      expect.objectContaining({
        invoiceId: issued.id,
        method: PaymentMethod.BANK_TRANSFER,
        amountCents: 14989n,
        currency: "EUR",
        reference: "RE-2027-000050",
        note: "Transfer received",
      }),
    ]);
    expect(api.lastRequest(inv.listInvoices)).toMatchObject({
      organizationId: managed.organizationId,
      statuses: [InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE],
    });
    expect(
      await screen.findByText("Payment of €149.89 recorded for RE-2027-000050."),
    ).toBeInTheDocument();
  });
});
