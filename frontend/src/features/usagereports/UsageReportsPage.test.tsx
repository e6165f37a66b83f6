import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  StoredUsageReportSchema,
  UsageFiguresSchema,
  UsageReportSchema,
  UsageReportService,
} from "@leitstand/sdk/leitstand/admin/v1/usage_report_service_pb.js";
import { aLicensee, anOwner, aReseller } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = UsageReportService.method;
// Ids as the URL's schema takes them: a prefix and 26 characters.
const licensee = aLicensee({ id: "be_" + "01licensee".padEnd(26, "0") });
const nordhost = aReseller({ id: "be_" + "01nordhost".padEnd(26, "0") });

const figures = (over: Partial<Parameters<typeof create<typeof UsageFiguresSchema>>[1]> = {}) =>
  create(UsageFiguresSchema, {
    services: 3,
    servicesAtEnd: 2,
    servers: 2,
    averageStorageBytes: 25_000_000_000n,
    peakStorageBytes: 40_000_000_000n,
    daysMeasured: 4,
    trafficBytes: 4_000_000_000n,
    minutes: 90n,
    billableMinutes: 60n,
    netRevenueCents: 70000n,
    ...over,
  });

const report = (entity = "", entityName = "") =>
  create(UsageReportSchema, {
    billingEntityId: entity,
    billingEntityName: entityName,
    fromMonth: "2026-01",
    toMonth: "2026-02",
    currency: "EUR",
    totals: figures(),
    organizations: [
      {
        organizationId: "org_01acme000000000000000001",
        organizationName: "Acme",
        billingEntityId: licensee.id,
        billingEntityName: licensee.name,
        figures: figures({ netRevenueCents: 50000n }),
      },
      {
        organizationId: "org_01deich00000000000000001",
        organizationName: "Deichblick",
        billingEntityId: nordhost.id,
        billingEntityName: nordhost.name,
        figures: figures({ netRevenueCents: 20000n }),
      },
    ],
    months: [
      { month: "2026-01", figures: figures({ netRevenueCents: 20000n }) },
      { month: "2026-02", figures: figures({ netRevenueCents: 50000n }) },
    ],
    generateTime: timestampFromDate(new Date("2026-03-02T04:30:00Z")),
  });

const stored = create(StoredUsageReportSchema, {
  id: "urep_" + "01feb".padEnd(26, "0"),
  billingEntityId: nordhost.id,
  billingEntityName: nordhost.name,
  month: "2026-02",
  generateTime: timestampFromDate(new Date("2026-03-01T04:30:00Z")),
  totals: figures({ netRevenueCents: 12345n }),
  organizationCount: 1,
});

const lists = () => [
  answer(BillingEntityService.method.listBillingEntities, {
    billingEntities: [licensee, nordhost],
  }),
  answer(OrganizationService.method.listOrganizations, {
    organizations: [
      { id: "org_01acme000000000000000001", name: "Acme", billingEntityId: licensee.id },
      { id: "org_01deich00000000000000001", name: "Deichblick", billingEntityId: nordhost.id },
    ],
    totalSize: 2,
  }),
  answer(m.listStoredUsageReports, { reports: [stored], totalSize: 1 }),
];

describe("UsageReportsPage", () => {
  it("shows the licensee the totals, a row per organization with its entity, and the stored months", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...lists(),
      answerWith(m.getUsageReport, () => ({ report: report() })),
    );
    renderApp("/usage-reports?from=2026-01&to=2026-02", api);
    const rows = await tableRows();
    expect(within(rows[0] as HTMLElement).getByText("Acme")).toBeVisible();
    expect(within(rows[1] as HTMLElement).getByText("Nordhost Partner GmbH")).toBeVisible();
    expect(screen.getByTestId("total-revenue")).toHaveTextContent("€700.00");
    expect(screen.getByTestId("total-hours")).toHaveTextContent("1.5");
    expect(screen.getByTestId("total-services")).toHaveTextContent("2 at its end");
    expect(screen.getByRole("table", { name: "Stored monthly reports" })).toHaveTextContent(
      "February 2026",
    );
    // The report's saved views, and the column menu of the stored months.
    expect(screen.getByRole("button", { name: "Views" })).toBeVisible();
    expect(await screen.findByRole("button", { name: "Columns" })).toBeVisible();
    expect(api.lastRequest(m.getUsageReport)).toMatchObject({
      query: { billingEntityId: "", organizationId: "", fromMonth: "2026-01", toMonth: "2026-02" },
    });
    // The CSV is the export of the rows, with the same query.
    const csv = screen.getByRole("link", { name: "Export CSV" });
    expect(decodeURIComponent(csv.getAttribute("href") ?? "")).toContain(
      'ListUsageReportRows.csv?request={"query":{"fromMonth":"2026-01","toMonth":"2026-02"}}',
    );

    // Choosing an entity asks for its report alone.
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText(/^Billing entity/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Nordhost Partner GmbH" }));
    await waitFor(() =>
      expect(api.lastRequest(m.getUsageReport)).toMatchObject({
        query: { billingEntityId: nordhost.id },
      }),
    );
    expect(api.lastRequest(m.listStoredUsageReports)).toMatchObject({
      billingEntityId: nordhost.id,
    });
  });

  it("shows a reseller's staff their own report without the entity picker", async () => {
    const api = cannedApi(
      signedIn(anOwner({ email: "owner@nordhost.example", billingEntityId: nordhost.id })),
      ...lists(),
      answer(m.getUsageReport, { report: report(nordhost.id, nordhost.name) }),
    );
    renderApp("/usage-reports?entity=" + licensee.id, api);
    await tableRows();
    expect(screen.queryByLabelText(/^Billing entity/, { selector: "input" })).toBeNull();
    // The URL's entity is not sent for them: the server gives their own.
    // Nor are months, as the URL names none: the server's default period,
    // which the pickers show as its report says.
    expect(api.lastRequest(m.getUsageReport)).toMatchObject({
      query: { billingEntityId: "", fromMonth: "", toMonth: "" },
    });
    expect(screen.getByRole("button", { name: "From" })).toHaveTextContent("January 2026");
    expect(screen.getByRole("button", { name: "To" })).toHaveTextContent("February 2026");
  });

  it("opens a stored month with its stored figures, CSV and PDF, until the live report is asked for", async () => {
    const storedContent = create(UsageReportSchema, {
      billingEntityId: nordhost.id,
      billingEntityName: nordhost.name,
      fromMonth: "2026-02",
      toMonth: "2026-02",
      currency: "EUR",
      totals: figures({ netRevenueCents: 12345n }),
      organizations: [
        {
          organizationId: "org_01deich00000000000000001",
          organizationName: "Deichblick (damals)",
          billingEntityId: nordhost.id,
          billingEntityName: nordhost.name,
          figures: figures({ netRevenueCents: 12345n }),
        },
      ],
      months: [{ month: "2026-02", figures: figures({ netRevenueCents: 12345n }) }],
      generateTime: stored.generateTime,
    });
    const api = cannedApi(
      signedIn(anOwner()),
      ...lists(),
      answer(m.getUsageReport, { report: report() }),
      answerWith(m.getStoredUsageReport, (req) => {
        if (req.id !== stored.id) throw new Error("unknown stored report " + req.id);
        return { stored, report: storedContent };
      }),
      answerWith(m.renderUsageReportPdf, () => ({
        content: new TextEncoder().encode("%PDF-1.7"),
        fileName: "usage-report-2026-02.pdf",
      })),
    );
    URL.createObjectURL = vi.fn(() => "blob:test/1");
    URL.revokeObjectURL = vi.fn();
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(() => undefined);
    renderApp("/usage-reports", api);
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Stored monthly reports" });
    const liveCalls = api.requests(m.getUsageReport).length;
    await user.click(await within(table).findByText("February 2026"));

    // The stored figures, as they were computed, with a note saying so.
    const note = await screen.findByTestId("stored-note");
    expect(note).toHaveTextContent("Stored report: February 2026 · Nordhost Partner GmbH");
    expect(note).toHaveTextContent(/Stored on .*2026/);
    await waitFor(() => expect(screen.getByTestId("total-revenue")).toHaveTextContent("€123.45"));
    const orgs = screen.getByRole("table", { name: "Usage by organization" });
    await within(orgs).findByText("Deichblick (damals)");
    expect(orgs.querySelectorAll("tr[data-row]")).toHaveLength(1);
    expect(api.lastRequest(m.getStoredUsageReport)).toMatchObject({ id: stored.id });
    expect(api.requests(m.getUsageReport)).toHaveLength(liveCalls);

    // The CSV and the PDF are the stored report's.
    const csv = screen.getByRole("link", { name: "Export CSV" });
    expect(decodeURIComponent(csv.getAttribute("href") ?? "")).toContain(
      `ListUsageReportRows.csv?request={"storedReportId":"${stored.id}"}`,
    );
    await user.click(screen.getByRole("button", { name: "PDF" }));
    await user.click(await screen.findByRole("menuitem", { name: "English" }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.lastRequest(m.renderUsageReportPdf)).toMatchObject({
      language: "en",
      report: { case: "storedReportId", value: stored.id },
    });

    // The live report of the month, on request.
    await user.click(screen.getByRole("button", { name: "Show the live report" }));
    await waitFor(() =>
      expect(api.lastRequest(m.getUsageReport)).toMatchObject({
        query: { billingEntityId: nordhost.id, fromMonth: "2026-02", toMonth: "2026-02" },
      }),
    );
    expect(screen.queryByTestId("stored-note")).toBeNull();
    vi.restoreAllMocks();
  });

  describe("the PDF", () => {
    const saved: { download: string; type: string }[] = [];
    beforeEach(() => {
      saved.length = 0;
      URL.createObjectURL = vi.fn(() => "blob:test/1");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        const blob = vi.mocked(URL.createObjectURL).mock.calls.at(-1)![0] as Blob;
        saved.push({ download: this.download, type: blob.type });
      });
    });
    afterEach(() => vi.restoreAllMocks());

    it("is downloaded in the language asked for, under the server's file name", async () => {
      const api = cannedApi(
        signedIn(anOwner()),
        ...lists(),
        answer(m.getUsageReport, { report: report() }),
        answerWith(m.renderUsageReportPdf, (req) => ({
          content: new TextEncoder().encode("%PDF-1.7"),
          fileName: `Nutzungsbericht-${req.report.case === "query" ? req.report.value.fromMonth : ""}.pdf`,
        })),
      );
      renderApp("/usage-reports?from=2026-01&to=2026-02", api);
      await tableRows();
      const user = userEvent.setup();
      await user.click(screen.getByRole("button", { name: "PDF" }));
      await user.click(await screen.findByRole("menuitem", { name: "Deutsch" }));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(saved[0]).toEqual({
        download: "Nutzungsbericht-2026-01.pdf",
        type: "application/pdf",
      });
      expect(api.lastRequest(m.renderUsageReportPdf)).toMatchObject({
        language: "de",
        report: { case: "query", value: { fromMonth: "2026-01" } },
      });
    });
  });
});
