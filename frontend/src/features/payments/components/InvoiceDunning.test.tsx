import { screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  DunningLevel,
  DunningNoticeStatus,
  DunningService,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import {
  InvoiceOrigin,
  InvoiceService,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { aDunningNotice, anInvoice, anOwner } from "@/test/builders";
import { answer, cannedApi, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const d = DunningService.method;
const invoice = anInvoice();
const reminder = aDunningNotice({
  id: "dun_01notice0000000000000000001",
  level: DunningLevel.REMINDER,
  issueDate: "2027-02-07",
  payBy: "2027-02-14",
  feeCents: 0n,
  feeInvoiceId: "",
  feeInvoiceNumber: "",
});
const first = aDunningNotice({
  id: "dun_01notice0000000000000000002",
  status: DunningNoticeStatus.QUEUED,
  attempts: 0,
  answer: "",
});

/** The invoice page of an invoice, with its PDF, its payments and its notices. */
function invoicePage(shown: typeof invoice, notices: (typeof first)[]): Canned[] {
  return [
    answer(InvoiceService.method.getInvoice, { invoice: shown }),
    answer(InvoiceService.method.getInvoicePdf, {
      content: new TextEncoder().encode("%PDF-1.7"),
      fileName: `${shown.number}.pdf`,
      sha256: "ab".repeat(32),
    }),
    answer(PaymentService.method.listPayments, { payments: [], totalSize: 0 }),
    answer(d.listDunningNotices, { notices, totalSize: notices.length }),
  ];
}

beforeAll(() => {
  // jsdom has no blob URLs (the PDF preview makes one).
  URL.createObjectURL = vi.fn(() => "blob:test/1");
  URL.revokeObjectURL = vi.fn();
});
afterAll(() => vi.restoreAllMocks());

describe("an invoice's dunning", () => {
  it("lists the notices about the invoice with their fees, e-mail and letter, in German", async () => {
    const api = cannedApi(signedIn(anOwner()), ...invoicePage(invoice, [first, reminder]));
    renderApp(`/invoices/${invoice.id}`, api, "de");
    const section = await screen.findByTestId("invoice-dunning");
    expect(api.lastRequest(d.listDunningNotices)).toMatchObject({
      invoiceId: invoice.id,
      organizationId: "",
    });
    expect(screen.getByRole("heading", { name: "Mahnungen" })).toBeInTheDocument();
    const rows = within(section).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("1. Mahnung");
    expect(rows[0]).toHaveTextContent("21.02.2027");
    expect(rows[0]).toHaveTextContent("28.02.2027");
    expect(rows[0]).toHaveTextContent("5,00 €");
    expect(
      within(rows[0]!).getByRole("link", { name: "Gebührenrechnung RE-2027-000077" }),
    ).toHaveAttribute("href", `/invoices/${first.feeInvoiceId}`);
    expect(rows[0]).toHaveTextContent("Wartet");
    expect(rows[0]).toHaveTextContent("noch nicht versucht");
    expect(
      within(rows[0]!).getByRole("button", { name: "PDF: 1. Mahnung zu RE-2027-000042" }),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("Zahlungserinnerung");
    expect(rows[1]).toHaveTextContent("Versendet");
    // The invoice's own page: no organization or invoice column.
    expect(within(section).queryByRole("columnheader", { name: "Organisation" })).toBe(null);
    expect(within(section).queryByRole("columnheader", { name: "Rechnung" })).toBe(null);
  });

  it("is left out for an invoice never chased", async () => {
    const api = cannedApi(signedIn(anOwner()), ...invoicePage(invoice, []));
    renderApp(`/invoices/${invoice.id}`, api);
    await screen.findByRole("heading", { name: "RE-2027-000042" });
    await waitFor(() => expect(api.requests(d.listDunningNotices)).toHaveLength(1));
    await screen.findByTestId("invoice-gross");
    expect(screen.queryByTestId("invoice-dunning")).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Dunning" })).not.toBeInTheDocument();
  });

  it("names a dunning fee's invoice as made by dunning", async () => {
    const fee = anInvoice({
      id: "inv_01invoice00000000000000009",
      number: "RE-2027-000077",
      origin: InvoiceOrigin.DUNNING,
      billingDate: "",
      periodStart: "",
      periodEnd: "",
      createdByEmail: "system",
    });
    renderApp(`/invoices/${fee.id}`, cannedApi(signedIn(anOwner()), ...invoicePage(fee, [])), "de");
    await screen.findByRole("heading", { name: "RE-2027-000077" });
    expect(screen.getByText("Erstellt durch").nextSibling).toHaveTextContent("Mahngebühr");
  });
});
