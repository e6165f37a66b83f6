import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  InvoiceOrigin,
  InvoiceService,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { anInvoice, anInvoiceLine, anOrganization, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = InvoiceService.method;
const acme = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const orgs = answer(OrganizationService.method.listOrganizations, { organizations: [acme] });

/** The server's computation of two manual lines: 2 h at 95,00 € and 1 piece at 19,99 €. */
const computed = anInvoice({
  id: "",
  number: "",
  origin: InvoiceOrigin.MANUAL,
  billingDate: "",
  lines: [
    anInvoiceLine({
      kind: "MANUAL",
      description: "Migration",
      quantity: 2n,
      unit: "HUR",
      unitPriceCents: 9500n,
      netCents: 19000n,
      periodStart: "",
      periodEnd: "",
    }),
    anInvoiceLine({
      position: 2,
      kind: "MANUAL",
      description: "Einrichtung",
      quantity: 1n,
      unit: "C62",
      unitPriceCents: 1999n,
      netCents: 1999n,
      periodStart: "",
      periodEnd: "",
    }),
  ],
  netCents: 20999n,
  vatCents: 3990n,
  grossCents: 24989n,
  taxTotals: [{ rateBasisPoints: 1900, netCents: 20999n, vatCents: 3990n }],
  notes: ["Es gilt der Leistungszeitraum."],
});
const issued = anInvoice({
  ...computed,
  id: "inv_01invoice00000000000000009",
  number: "RE-2027-000050",
});

describe("manual invoice", () => {
  it("asks the server for the totals as one types, with exact cents, then issues", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      orgs,
      answerWith(m.createManualInvoice, (req) => ({
        invoice: req.validateOnly ? computed : issued,
      })),
      answerWith(m.getInvoice, () => ({ invoice: issued })),
      answer(m.getInvoicePdf, { content: new Uint8Array(), fileName: "x.pdf", sha256: "" }),
    );
    const { history } = renderApp(`/invoices/new?organization=${acme.id}`, api);
    const user = userEvent.setup();
    const line1 = await screen.findByRole("group", { name: "Line 1" });
    await user.type(within(line1).getByLabelText(/^Description/), "Migration");
    const quantity = within(line1).getByLabelText(/^Quantity/);
    await user.clear(quantity);
    await user.type(quantity, "2");
    await user.click(within(line1).getByLabelText(/^Unit$/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: /hours/ }));
    await user.type(within(line1).getByLabelText(/^Unit price/), "95");
    await user.click(screen.getByRole("button", { name: "Add line" }));
    const line2 = screen.getByRole("group", { name: "Line 2" });
    await user.type(within(line2).getByLabelText(/^Description/), "Einrichtung");
    await user.type(within(line2).getByLabelText(/^Unit price/), "19.99");

    // The totals are the server's.
    const totals = await screen.findByTestId("invoice-totals");
    expect(totals).toHaveTextContent("Gross (amount due)€249.89");
    expect(screen.getByText("Es gilt der Leistungszeitraum.")).toBeInTheDocument();
    expect(screen.getByTestId("line-net-1")).toHaveTextContent("€190.00");
    await waitFor(() =>
      expect(api.lastRequest(m.createManualInvoice)).toMatchObject({
        organizationId: acme.id,
        validateOnly: true,
        lines: [
          { description: "Migration", quantity: 2n, unit: "HUR", unitPriceCents: 9500n },
          { description: "Einrichtung", quantity: 1n, unit: "C62", unitPriceCents: 1999n },
        ],
      }),
    );
    // Debounced: not one request per keystroke.
    const checks = api.requests(m.createManualInvoice).filter((r) => r.validateOnly);
    expect(checks.length).toBeLessThan(8);

    await user.click(screen.getByRole("button", { name: "Issue invoice" }));
    await waitFor(() =>
      expect(api.requests(m.createManualInvoice).find((r) => !r.validateOnly)).toMatchObject({
        organizationId: acme.id,
        lines: [{ unitPriceCents: 9500n }, { unitPriceCents: 1999n }],
      }),
    );
    await waitFor(() => expect(history.location.pathname).toBe(`/invoices/${issued.id}`));
  });

  it("shows the server's objection at the line's field", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      orgs,
      answer(
        m.createManualInvoice,
        invalid([
          {
            path: ["lines[1]", "description"],
            ruleId: "description.required",
            message: "say what the line charges",
          },
        ]),
      ),
    );
    renderApp(`/invoices/new?organization=${acme.id}`, api);
    const user = userEvent.setup();
    const line1 = await screen.findByRole("group", { name: "Line 1" });
    await user.type(within(line1).getByLabelText(/^Description/), "Migration");
    await user.type(within(line1).getByLabelText(/^Unit price/), "95");
    await user.click(screen.getByRole("button", { name: "Add line" }));
    const line2 = screen.getByRole("group", { name: "Line 2" });
    await user.type(within(line2).getByLabelText(/^Description/), "?");
    await user.type(within(line2).getByLabelText(/^Unit price/), "1");
    await user.click(screen.getByRole("button", { name: "Issue invoice" }));
    expect(await within(line2).findByText("say what the line charges")).toBeInTheDocument();
    expect(within(line1).queryByText("say what the line charges")).not.toBeInTheDocument();
  });
});
