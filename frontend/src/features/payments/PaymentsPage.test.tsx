import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  PaymentMethod,
  PaymentService,
  PaymentStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { aDeveloper, anOrganization, anOwner, aPayment } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = PaymentService.method;
const acme = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const orgs = answer(OrganizationService.method.listOrganizations, { organizations: [acme] });
const transfer = aPayment();
const card = aPayment({
  id: "pay_01payment00000000000000002",
  invoiceId: "inv_01invoice00000000000000003",
  invoiceNumber: "RE-2027-000041",
  method: PaymentMethod.STRIPE,
  status: PaymentStatus.SUCCEEDED,
  amountCents: 12000n,
  refundedCents: 2400n,
  valueDate: "2027-01-20",
  reference: "pi_3AbCdEfGhIjKlMnOpQrStUvW",
  providerPaymentId: "pi_3AbCdEfGhIjKlMnOpQrStUvW",
  recordedByEmail: "system",
});
const failed = aPayment({
  id: "pay_01payment00000000000000003",
  method: PaymentMethod.MOLLIE,
  status: PaymentStatus.FAILED,
  valueDate: "2027-01-18",
  reference: "tr_Wq8r2ZkP3x",
});
const reversed = aPayment({
  id: "pay_01payment00000000000000004",
  status: PaymentStatus.REVERSED,
  amountCents: 34510n,
  valueDate: "2027-01-15",
  reference: "",
});
const list = answer(m.listPayments, { payments: [transfer, card, failed, reversed], totalSize: 4 });

describe("payments list", () => {
  it("shows each payment's value date, invoice, method, status and amounts in German", async () => {
    renderApp("/payments", cannedApi(signedIn(anOwner()), list, orgs), "de");
    const rows = await tableRows();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent("29.01.2027");
    expect(rows[0]).toHaveTextContent("Acme GmbH");
    expect(rows[0]).toHaveTextContent("Überweisung");
    expect(rows[0]).toHaveTextContent("Eingegangen");
    expect(rows[0]).toHaveTextContent("34,51 €");
    expect(rows[0]).toHaveTextContent("RE-2027-000042 Kd-Nr. K-4711");
    expect(
      within(rows[0] as HTMLElement).getByRole("link", { name: "RE-2027-000042" }),
    ).toHaveAttribute("href", `/invoices/${transfer.invoiceId}`);
    expect(
      within(rows[0] as HTMLElement).getByRole("link", { name: "29.01.2027" }),
    ).toHaveAttribute("href", `/payments/${transfer.id}`);
    expect(rows[1]).toHaveTextContent("Stripe");
    expect(rows[1]).toHaveTextContent("120,00 €");
    expect(rows[1]).toHaveTextContent("24,00 €");
    expect(rows[2]).toHaveTextContent("Mollie");
    expect(rows[2]).toHaveTextContent("Fehlgeschlagen");
    expect(rows[3]).toHaveTextContent("Rückgängig gemacht");
    expect(rows[3]).toHaveTextContent("345,10 €");
    // Each status in its tone.
    expect(rows[0]!.querySelector("[data-tone]")).toHaveAttribute("data-tone", "ok");
    expect(rows[2]!.querySelector("[data-tone]")).toHaveAttribute("data-tone", "critical");
    // Counted in the header and under the list.
    expect(screen.getAllByText("4 Zahlungen")).toHaveLength(2);
  });

  it("asks for the URL's filters, and for a method chosen, also in the export", async () => {
    const api = cannedApi(signedIn(anOwner()), list, orgs);
    const { history } = renderApp(
      `/payments?q=RE-2027&status=SUCCEEDED,REFUNDED&org=${acme.id}&from=2027-01-01&to=2027-01-31`,
      api,
    );
    await tableRows();
    expect(api.lastRequest(m.listPayments)).toMatchObject({
      query: "RE-2027",
      statuses: [PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED],
      organizationId: acme.id,
      valueFrom: "2027-01-01",
      valueTo: "2027-01-31",
      methods: [],
      invoiceId: "",
    });
    await userEvent.click(screen.getByLabelText("Method", { selector: "input" }));
    await userEvent.click(await screen.findByRole("option", { name: "Bank transfer" }));
    await waitFor(() =>
      expect(api.lastRequest(m.listPayments)?.methods).toEqual([PaymentMethod.BANK_TRANSFER]),
    );
    expect(history.location.search).toContain("method=BANK_TRANSFER");
    const exportLink = screen.getByRole("link", { name: "Export CSV" });
    const href = decodeURIComponent(exportLink.getAttribute("href") ?? "");
    expect(href).toContain("PaymentService/ListPayments.csv");
    expect(href).toContain("RE-2027");
    expect(href).toContain("BANK_TRANSFER");
  });

  it("opens a payment's page from its row", async () => {
    const { history } = renderApp("/payments", cannedApi(signedIn(anOwner()), list, orgs));
    const rows = await tableRows();
    await userEvent.click(within(rows[2] as HTMLElement).getByText("Mollie"));
    await waitFor(() => expect(history.location.pathname).toBe(`/payments/${failed.id}`));
  });

  it("puts Payments in the owner's navigation", async () => {
    renderApp("/payments", cannedApi(signedIn(anOwner()), list, orgs));
    await tableRows();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { name: "Payments" })).toHaveAttribute(
      "href",
      "/payments",
    );
  });

  it("has no Payments in a developer's navigation", async () => {
    renderApp("/", cannedApi(signedIn(aDeveloper())));
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).queryByRole("link", { name: "Payments" })).not.toBeInTheDocument();
  });
});
