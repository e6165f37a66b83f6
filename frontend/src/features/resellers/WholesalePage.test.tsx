import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { aLicensee, anOwner, aReseller } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";
import { monthsCovered, wholesaleCsv, wholesaleInput } from "./wholesale";

const m = BillingEntityService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const suedcloud = aReseller({ id: "be_01suedcloud00000000000001", name: "Südcloud GmbH" });

const report = {
  periodStart: "2026-11-01",
  periodEnd: "2026-12-01",
  currency: "EUR",
  totals: [
    {
      billingEntityId: nordhost.id,
      billingEntityName: nordhost.name,
      wholesaleCents: 10000n,
      resaleCents: 14000n,
    },
    {
      billingEntityId: suedcloud.id,
      billingEntityName: suedcloud.name,
      wholesaleCents: 5000n,
      resaleCents: 4500n,
    },
  ],
  rows: [
    {
      billingEntityId: nordhost.id,
      organizationId: "org_01deichgraf0000000000001",
      organizationName: "Deichgraf Webdesign",
      catalogItemId: "cat_01nextcloudm0000000000001",
      catalogItemName: "Nextcloud M",
      services: 2,
      wholesaleCents: 10000n,
      resaleCents: 14000n,
    },
    {
      billingEntityId: suedcloud.id,
      organizationId: "org_01alpenblick000000000001",
      organizationName: 'Alpenblick, "Hotel"',
      catalogItemId: "cat_01vaultwarden000000000001",
      catalogItemName: "Vaultwarden",
      services: 1,
      wholesaleCents: 5000n,
      resaleCents: 4500n,
    },
  ],
};

const regionRows = (name: string) =>
  within(screen.getByRole("region", { name })).getAllByRole("row").slice(1);

describe("the wholesale report", () => {
  const saved: { download: string; text: Promise<string> }[] = [];
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = vi.fn(() => "blob:test/1");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      const blob = vi.mocked(URL.createObjectURL).mock.calls.at(-1)![0] as Blob;
      saved.push({ download: this.download, text: blob.text() });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("shows the server's month's totals per reseller and the lines per customer and item", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listBillingEntities, { billingEntities: [licensee, nordhost, suedcloud] }),
      answer(m.getWholesaleReport, report),
    );
    renderApp("/billing-entities/wholesale", api);
    await screen.findByText("Deichgraf Webdesign");
    const totals = regionRows("Totals per reseller");
    expect(totals).toHaveLength(2);
    expect(totals[0]).toHaveTextContent(nordhost.name);
    expect(totals[0]).toHaveTextContent("€100.00");
    expect(totals[0]).toHaveTextContent("€140.00");
    expect(totals[0]).toHaveTextContent("€40.00");
    expect(totals[1]).toHaveTextContent("-€5.00");
    const lines = regionRows("By customer and item");
    expect(lines[0]).toHaveTextContent(nordhost.name);
    expect(lines[0]).toHaveTextContent("Nextcloud M");
    expect(lines[0]).toHaveTextContent("2");
    expect(lines[1]).toHaveTextContent("Vaultwarden");
    // The report's saved views, and the column menu of its lines.
    expect(screen.getByRole("button", { name: "Views" })).toBeVisible();
    expect(await screen.findByRole("button", { name: "Columns" })).toBeVisible();
    // No months in the URL: none asked for, and the pickers show the
    // month the server says it covered.
    expect(api.lastRequest(m.getWholesaleReport)).toMatchObject({
      firstMonth: "",
      lastMonth: "",
      billingEntityId: "",
    });
    expect(screen.getByRole("button", { name: "From" })).toHaveTextContent("November 2026");
    expect(screen.getByRole("button", { name: "To" })).toHaveTextContent("November 2026");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(saved).toHaveLength(1);
    expect(saved[0]?.download).toBe("wholesale-2026-11_2026-11.csv");
    const csv = await saved[0]!.text;
    expect(csv.split("\r\n")[1]).toBe(
      `${nordhost.name},Deichgraf Webdesign,Nextcloud M,2,100.00,140.00,40.00,EUR`,
    );
  });

  it("reads the months and the reseller from the URL", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listBillingEntities, { billingEntities: [licensee, nordhost, suedcloud] }),
      answer(m.getWholesaleReport, { ...report, totals: report.totals.slice(0, 1) }),
    );
    renderApp(`/billing-entities/wholesale?from=2026-09&to=2026-11&entity=${nordhost.id}`, api);
    await screen.findByText("Deichgraf Webdesign");
    await waitFor(() =>
      expect(api.lastRequest(m.getWholesaleReport)).toMatchObject({
        firstMonth: "2026-09",
        lastMonth: "2026-11",
        billingEntityId: nordhost.id,
      }),
    );
  });

  it("shows a reseller's staff their own entity's report without the reseller column", async () => {
    const api = cannedApi(
      signedIn(anOwner({ billingEntityId: nordhost.id })),
      answer(m.listBillingEntities, { billingEntities: [nordhost] }),
      answer(m.getWholesaleReport, {
        ...report,
        totals: report.totals.slice(0, 1),
        rows: report.rows.slice(0, 1),
      }),
    );
    renderApp("/billing-entities/wholesale", api);
    await screen.findByText("Deichgraf Webdesign");
    expect(regionRows("Totals per reseller")).toHaveLength(1);
    const lines = screen.getByRole("region", { name: "By customer and item" });
    expect(within(lines).queryByRole("columnheader", { name: "Reseller" })).toBeNull();
    expect(screen.queryByRole("combobox", { name: "Reseller" })).toBeNull();
  });

  it("speaks German", async () => {
    renderApp(
      "/billing-entities/wholesale",
      cannedApi(
        signedIn(anOwner()),
        answer(m.listBillingEntities, { billingEntities: [licensee, nordhost] }),
        answer(m.getWholesaleReport, report),
      ),
      "de",
    );
    await screen.findByText("Deichgraf Webdesign");
    expect(screen.getByRole("region", { name: "Summen je Wiederverkäufer" })).toBeVisible();
    expect(screen.getByRole("button", { name: "CSV herunterladen" })).toBeVisible();
  });
});

describe("the wholesale report's request and file", () => {
  it("reads a range given backwards forwards, one month alone as that month, and leaves none to the server", () => {
    expect(wholesaleInput({ from: "2026-11", to: "2026-09", entity: "" })).toEqual({
      firstMonth: "2026-09",
      lastMonth: "2026-11",
      billingEntityId: "",
    });
    expect(wholesaleInput({ from: "", to: "", entity: "" })).toMatchObject({
      firstMonth: "",
      lastMonth: "",
    });
    expect(wholesaleInput({ from: "2026-10", to: "", entity: "" })).toMatchObject({
      firstMonth: "2026-10",
      lastMonth: "2026-10",
    });
  });

  it("reads the months covered from the period the server answers", () => {
    expect(monthsCovered({ periodStart: "2026-11-01", periodEnd: "2026-12-01" })).toEqual({
      first: "2026-11",
      last: "2026-11",
    });
    expect(monthsCovered({ periodStart: "2026-11-01", periodEnd: "2027-02-01" })).toEqual({
      first: "2026-11",
      last: "2027-01",
    });
    expect(monthsCovered({ periodStart: "", periodEnd: "" })).toBeUndefined();
  });

  it("quotes names with commas and quotes", () => {
    const csv = wholesaleCsv(report as never);
    expect(csv).toContain('"Alpenblick, ""Hotel"""');
    expect(csv).toContain(",50.00,45.00,-5.00,EUR");
  });
});
