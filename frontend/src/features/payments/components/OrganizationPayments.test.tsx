import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { DunningService } from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  PaymentMethod,
  PaymentService,
  PaymentStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { aCaller, anOrganization, anOrganizationBalance, anOwner, aPayment } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = PaymentService.method;
const org = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const get = answer(OrganizationService.method.getOrganization, { organization: org });
// Where its dunning stands (OrganizationDunning.test.tsx tests the panel).
const dunning = answer(DunningService.method.getOrganizationDunning, { enabled: true });
const path = `/organizations/${org.id}?tab=payments`;
const transfer = aPayment();
const disputed = aPayment({
  id: "pay_01payment00000000000000002",
  invoiceNumber: "RE-2027-000041",
  method: PaymentMethod.STRIPE,
  status: PaymentStatus.DISPUTED,
  valueDate: "2027-01-10",
});
const list = answer(m.listPayments, { payments: [transfer, disputed], totalSize: 2 });

describe("an organization's Payments tab", () => {
  it("shows the balance per currency and the organization's payments in German", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      get,
      dunning,
      list,
      answer(m.getOrganizationBalance, {
        balances: [
          anOrganizationBalance(),
          anOrganizationBalance({
            currency: "CHF",
            openCents: 0n,
            overdueCents: 0n,
            creditCents: 2500n,
            openInvoices: 0,
          }),
        ],
      }),
    );
    renderApp(path, api, "de");
    const rows = await tableRows();
    expect(api.lastRequest(m.listPayments)).toMatchObject({ organizationId: org.id });
    expect(api.lastRequest(m.getOrganizationBalance)).toMatchObject({ organizationId: org.id });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("RE-2027-000042");
    expect(rows[1]).toHaveTextContent("Rückbuchung");
    // The organization's own page: no organization column.
    expect(screen.queryByRole("columnheader", { name: "Organisation" })).not.toBeInTheDocument();

    const eur = (await screen.findByTestId("balance")).querySelector('[data-currency="EUR"]');
    expect(eur).toHaveTextContent("Offen69,02 €2 offene Rechnungen");
    expect(eur).toHaveTextContent("davon überfällig34,51 €");
    expect(eur).toHaveTextContent("Guthaben0,00 €");
    const chf = screen.getByTestId("balance").querySelector('[data-currency="CHF"]');
    expect(chf).toHaveTextContent("keine offene Rechnung");
    expect(chf).toHaveTextContent("Guthaben25,00 CHF");
    expect(
      within(screen.getByRole("tabpanel")).getByRole("link", {
        name: "In der Zahlungsliste zeigen",
      }),
    ).toHaveAttribute("href", `/payments?org=${org.id}`);
  });

  it("says when nothing was invoiced yet", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        get,
        dunning,
        answer(m.listPayments, { payments: [], totalSize: 0 }),
        answer(m.getOrganizationBalance, { balances: [] }),
      ),
    );
    expect(await screen.findByText("Nothing invoiced yet.")).toBeInTheDocument();
    expect(await screen.findByText("No payments from this organization yet.")).toBeInTheDocument();
  });

  it("has no Payments tab for a role without PAYMENTS_READ", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.ORGANIZATIONS_READ, Permission.INVOICES_READ],
    });
    const api = cannedApi(signedIn(reader), get);
    renderApp(`/organizations/${org.id}`, api);
    expect(await screen.findByRole("tab", { name: "Invoices" })).toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Payments" })).not.toBeInTheDocument();
  });
});
