import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  InvoiceKind,
  InvoiceService,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  aDeveloper,
  anInvoice,
  anOperator,
  anOrganization,
  anOwner,
  aCaller,
} from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";

const m = InvoiceService.method;
const acme = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const orgs = answer(OrganizationService.method.listOrganizations, { organizations: [acme] });
const issued = anInvoice();
const cancellation = anInvoice({
  id: "inv_01invoice00000000000000002",
  number: "RE-2027-000043",
  kind: InvoiceKind.CANCELLATION,
  status: InvoiceStatus.PAID,
  netCents: -2900n,
  grossCents: -3451n,
});
const overdue = anInvoice({
  id: "inv_01invoice00000000000000003",
  number: "RE-2027-000041",
  status: InvoiceStatus.OVERDUE,
});
const cancelled = anInvoice({
  id: "inv_01invoice00000000000000004",
  number: "RE-2027-000040",
  status: InvoiceStatus.CANCELLED,
});
const list = answer(m.listInvoices, {
  invoices: [issued, cancellation, overdue, cancelled],
  totalSize: 4,
});

describe("invoices list", () => {
  it("shows the invoices with their statuses and amounts in German", async () => {
    const api = cannedApi(signedIn(anOwner()), list, orgs);
    renderApp("/invoices", api, "de");
    const rows = await tableRows();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent("RE-2027-000042");
    expect(rows[0]).toHaveTextContent("Offen");
    expect(rows[0]).toHaveTextContent("Rechnung");
    expect(rows[0]).toHaveTextContent("17.01.2027");
    expect(rows[0]).toHaveTextContent("31.01.2027");
    expect(rows[0]).toHaveTextContent("17.01.2027 – 16.02.2027");
    expect(rows[0]).toHaveTextContent("29,00 €");
    expect(rows[0]).toHaveTextContent("34,51 €");
    expect(rows[1]).toHaveTextContent("Stornorechnung");
    expect(rows[1]).toHaveTextContent("Bezahlt");
    expect(rows[1]).toHaveTextContent("-34,51 €");
    expect(rows[2]).toHaveTextContent("Überfällig");
    expect(rows[3]).toHaveTextContent("Storniert");
    expect(within(rows[0] as HTMLElement).getByRole("link", { name: "Acme GmbH" })).toHaveAttribute(
      "href",
      expect.stringContaining(`/organizations/${acme.id}`),
    );
    expect(screen.getByTestId("list-count")).toHaveTextContent("4 Rechnungen");
  });

  it("sends the URL's filters, and puts a chosen status into the URL and the request", async () => {
    const api = cannedApi(signedIn(anOwner()), list, orgs);
    const { history } = renderApp(
      `/invoices?q=RE-2027&org=${acme.id}&from=2027-01-01&to=2027-01-31`,
      api,
    );
    await tableRows();
    expect(api.lastRequest(m.listInvoices)).toMatchObject({
      query: "RE-2027",
      organizationId: acme.id,
      issuedFrom: "2027-01-01",
      issuedTo: "2027-01-31",
      statuses: [],
    });
    await userEvent.click(screen.getByLabelText("Status", { selector: "input" }));
    await userEvent.click(await screen.findByRole("option", { name: "Overdue" }));
    await waitFor(() =>
      expect(api.lastRequest(m.listInvoices)?.statuses).toEqual([InvoiceStatus.OVERDUE]),
    );
    expect(history.location.search).toContain("status=OVERDUE");
    // The export asks for the same filtered list.
    const exportLink = screen.getByRole("link", { name: "Export CSV" });
    expect(decodeURIComponent(exportLink.getAttribute("href") ?? "")).toContain("RE-2027");
  });

  it("offers the manual invoice to the owner and the run preview to those who read", async () => {
    renderApp("/invoices", cannedApi(signedIn(anOwner()), list, orgs));
    await tableRows();
    expect(screen.getByRole("link", { name: "New manual invoice" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Billing run preview" })).toBeInTheDocument();
  });

  it("shows no write buttons to a role without INVOICES_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.INVOICES_READ, Permission.ORGANIZATIONS_READ],
    });
    renderApp("/invoices", cannedApi(signedIn(reader), list, orgs));
    await tableRows();
    expect(screen.getByRole("link", { name: "Billing run preview" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "New manual invoice" })).not.toBeInTheDocument();
  });

  it("puts Invoices in the navigation of the operator, not of a developer", async () => {
    renderApp("/invoices", cannedApi(signedIn(anOperator()), list, orgs));
    await tableRows();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { name: "Invoices" })).toBeInTheDocument();
  });

  it("has no Invoices in a developer's navigation", async () => {
    renderApp("/", cannedApi(signedIn(aDeveloper())));
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).queryByRole("link", { name: "Invoices" })).not.toBeInTheDocument();
  });
});
