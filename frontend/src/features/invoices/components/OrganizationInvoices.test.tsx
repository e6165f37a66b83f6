import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { aCaller, anInvoice, anOrganization, anOwner } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = InvoiceService.method;
const org = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const get = answer(OrganizationService.method.getOrganization, { organization: org });
const path = `/organizations/${org.id}?tab=invoices`;
const issued = anInvoice();
const list = answer(m.listInvoices, { invoices: [issued], totalSize: 1 });
const preview = answer(m.previewInvoice, {
  invoice: anInvoice({ id: "", number: "", billingDate: "2027-02-17" }),
  billingDate: "2027-02-17",
});

describe("an organization's Invoices tab", () => {
  it("shows its invoices and its next invoice, and bills it now", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      get,
      list,
      preview,
      answer(m.billOrganization, {
        invoices: [
          anInvoice({ number: "RE-2027-000044" }),
          anInvoice({ number: "RE-2027-000045" }),
        ],
      }),
    );
    renderApp(path, api);
    const [row] = await tableRows();
    expect(row).toHaveTextContent("RE-2027-000042");
    expect(api.lastRequest(m.listInvoices)).toMatchObject({ organizationId: org.id });
    expect(
      await screen.findByRole("heading", { name: "Next invoice, on 17 Feb 2027" }),
    ).toBeInTheDocument();
    const next = screen.getByTestId("next-invoice");
    expect(within(next).getByText("Grundgebühr Basis")).toBeInTheDocument();
    expect(within(next).getByTestId("invoice-totals")).toHaveTextContent("€34.51");
    expect(api.lastRequest(m.previewInvoice)).toMatchObject({ organizationId: org.id });

    await userEvent.click(screen.getByRole("button", { name: "Bill now" }));
    const dialog = await screen.findByRole("dialog", { name: "Bill this organization now?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Bill now" }));
    await waitFor(() =>
      expect(api.lastRequest(m.billOrganization)).toMatchObject({ organizationId: org.id }),
    );
    expect(
      await screen.findByText("2 invoices issued: RE-2027-000044, RE-2027-000045"),
    ).toBeInTheDocument();
  });

  it("says when there is nothing to charge", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        get,
        list,
        answer(m.previewInvoice, { billingDate: "2027-02-17" }),
      ),
    );
    expect(await screen.findByTestId("next-invoice")).toHaveTextContent(
      "Nothing to charge: the next billing date would issue no invoice.",
    );
  });

  it("gives the server's reason quietly when the organization has no next invoice", async () => {
    const reason = "Acme GmbH is closed: only active and suspended organizations are billed";
    renderApp(
      path,
      cannedApi(signedIn(anOwner()), get, list, answer(m.previewInvoice, refused(reason))),
    );
    expect(await screen.findByTestId("next-invoice-refused")).toHaveTextContent(reason);
    expect(screen.getByRole("heading", { name: "Next invoice" })).toBeInTheDocument();
    // A state, not a failure: no error with a retry, no notification; the invoices are listed.
    expect(screen.queryByText("Something went wrong")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
    const [row] = await tableRows();
    expect(row).toHaveTextContent("RE-2027-000042");
  });

  it("has no Bill now for a role without INVOICES_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.ORGANIZATIONS_READ, Permission.INVOICES_READ],
    });
    renderApp(path, cannedApi(signedIn(reader), get, list, preview));
    await tableRows();
    expect(screen.queryByRole("button", { name: "Bill now" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "New manual invoice" })).not.toBeInTheDocument();
  });
});
