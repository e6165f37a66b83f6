import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuditOutcome, AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  EInvoiceFormat,
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { anAuditEvent, anOperator, anOrganization, anOwner, at } from "@/test/builders";
import { answer, cannedApi, invalid, notFound, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const get = OrganizationService.method.getOrganization;
const events = AuditService.method.listAuditEvents;
const closed = anOrganization({
  id: "org_0007",
  name: "Altlast GmbH",
  status: OrganizationStatus.CLOSED,
  updateTime: at("2026-03-02T10:15:00Z"),
});

describe("organization detail page", () => {
  it("says an organization with a malformed id does not exist, like an unknown one", async () => {
    const malformed = invalid([
      { path: ["id"], ruleId: "string.pattern", message: "value does not match regex pattern" },
    ]);
    renderApp("/organizations/xyz", cannedApi(signedIn(anOwner()), answer(get, malformed)));
    expect(
      await screen.findByText("This organization does not exist or you may not see it."),
    ).toBeInTheDocument();
    // Not the server's wording of the refused request, nor a notification of it.
    expect(screen.queryByText(/regex/)).not.toBeInTheDocument();
    expect(screen.queryByText("Something went wrong")).not.toBeInTheDocument();
  });

  it("says the same of an id that names nothing", async () => {
    renderApp(
      "/organizations/org_01h455vb4pex5vsknk084sn02q",
      cannedApi(signedIn(anOwner()), answer(get, notFound("organization"))),
      "de",
    );
    expect(
      await screen.findByText("Diese Organisation gibt es nicht, oder Sie dürfen sie nicht sehen."),
    ).toBeInTheDocument();
  });

  it("names the organization in the browser tab", async () => {
    renderApp(
      "/organizations/org_0001",
      cannedApi(
        signedIn(anOwner()),
        answer(get, { organization: anOrganization({ name: "Acme GmbH" }) }),
      ),
    );
    expect(await screen.findByRole("heading", { name: "Acme GmbH" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Acme GmbH · Organizations · Leitstand"));
  });

  it("lists the next billing dates with the period each invoice covers", async () => {
    renderApp(
      "/organizations/org_0001",
      cannedApi(
        signedIn(anOwner()),
        answer(get, { organization: anOrganization({ billingDay: 31 }) }),
        answer(OrganizationService.method.listBillingDates, {
          billingDay: 31,
          timeZone: "Europe/Berlin",
          periods: [
            { billingDate: "2028-01-31", lastDay: "2028-02-28", days: 29 },
            { billingDate: "2028-02-29", lastDay: "2028-03-30", days: 31 },
          ],
        }),
      ),
    );
    const dates = await screen.findByTestId("billing-dates");
    expect(dates).toHaveTextContent("Next billing dates (Europe/Berlin)");
    expect(dates).toHaveTextContent("29 Feb 2028");
    expect(dates).toHaveTextContent("covers until 30 Mar 2028 (31 days)");
  });

  it("shows the e-invoice settings of a public authority with its Leitweg-ID", async () => {
    const authority = anOrganization({
      eInvoice: {
        format: EInvoiceFormat.XRECHNUNG_UBL,
        buyerReference: "991-33333TEST-33",
        publicSector: true,
      },
    });
    renderApp(
      "/organizations/org_0001",
      cannedApi(signedIn(anOwner()), answer(get, { organization: authority })),
    );
    const settings = await screen.findByTestId("e-invoice");
    expect(settings).toHaveTextContent("Public authority");
    expect(settings).toHaveTextContent("XRechnung (UBL)");
    expect(settings).toHaveTextContent("Leitweg-ID");
    expect(settings).not.toHaveTextContent("Buyer reference");
    expect(screen.getByTestId("buyer-reference")).toHaveTextContent("991-33333TEST-33");
    // No e-invoice address of its own: they go to the billing e-mail.
    expect(settings).toHaveTextContent("The billing e-mail");
  });

  it("shows a business's e-invoice settings in German", async () => {
    const business = anOrganization({
      eInvoice: {
        format: EInvoiceFormat.ZUGFERD,
        buyerReference: "PO-4711",
        electronicAddress: "eingang@acmehosting.example",
      },
    });
    renderApp(
      "/organizations/org_0001",
      cannedApi(signedIn(anOwner()), answer(get, { organization: business })),
      "de",
    );
    const settings = await screen.findByTestId("e-invoice");
    expect(settings).toHaveTextContent("ZUGFeRD (PDF mit XML)");
    expect(settings).toHaveTextContent("Käuferreferenz");
    expect(settings).toHaveTextContent("PO-4711");
    expect(settings).toHaveTextContent("eingang@acmehosting.example");
    expect(settings).not.toHaveTextContent("Öffentlicher Auftraggeber");
    expect(settings).not.toHaveTextContent("Leitweg-ID");
  });

  it("says a closed organization is closed, since when and why", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(get, { organization: closed }),
      answer(events, {
        auditEvents: [
          anAuditEvent({
            targetId: "org_0007",
            reason: "contract ended, all invoices paid",
            actorEmail: "anna@example.com",
            occurTime: at("2026-03-02T10:15:00Z"),
          }),
        ],
      }),
    );
    renderApp("/organizations/org_0007", api);
    const notice = await screen.findByTestId("closed-notice");
    expect(notice).toHaveTextContent("Closed since");
    expect(notice).toHaveTextContent("can no longer be changed");
    await waitFor(() =>
      expect(notice).toHaveTextContent(
        "Reason given by anna@example.com: contract ended, all invoices paid",
      ),
    );
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    expect(api.lastRequest(events)).toMatchObject({
      pageSize: 1,
      filter: {
        targetId: "org_0007",
        action: "UpdateOrganization",
        outcome: AuditOutcome.SUCCEEDED,
      },
    });
  });

  it("says when it was closed to someone who may not read the audit log", async () => {
    const withoutAudit = anOperator({
      permissions: anOperator().permissions.filter((p) => p !== Permission.AUDIT_READ),
    });
    const api = cannedApi(signedIn(withoutAudit), answer(get, { organization: closed }));
    renderApp("/organizations/org_0007", api, "de");
    const notice = await screen.findByTestId("closed-notice");
    expect(notice).toHaveTextContent("Geschlossen seit");
    expect(notice).toHaveTextContent("02.03.2026");
    expect(api.requests(events)).toHaveLength(0);
  });
});
