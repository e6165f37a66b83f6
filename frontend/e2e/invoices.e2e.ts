import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function pageFor(email: string): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const rows = (page: Page) => page.locator("tr[data-row]");

describe("invoices", () => {
  it("bills an organization, shows an invoice with its PDF, cancels it, and issues a manual invoice", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Organizations" }).click();
    await page.waitForURL("**/organizations");
    await page.getByRole("link", { name: "Allgäuer Käserei" }).click();
    await page.waitForURL(/\/organizations\/org_/);
    await page.getByRole("tab", { name: "Invoices" }).click();
    await page.getByTestId("next-invoice").waitFor();

    // Bill now: the demo's settings are complete. What the billing run of
    // the server's start billed already is not billed again, so either
    // invoices are issued or nothing was due.
    await page.getByRole("button", { name: "Bill now" }).click();
    const dialog = page.getByRole("dialog", { name: "Bill this organization now?" });
    await dialog.getByRole("button", { name: "Bill now" }).click();
    await page
      .getByText(/invoices? issued: RE-|Nothing was due: no invoice issued\./)
      .first()
      .waitFor();
    await dialog.waitFor({ state: "hidden" });
    await rows(page).first().waitFor();
    await screenshot(page, "organization-invoices-light");

    // The latest invoice: its lines and the PDF as issued.
    const number = (await rows(page).first().locator("td:first-child a").textContent()) ?? "";
    expect(number).toMatch(/^RE-\d{4}-\d{6}$/);
    await rows(page).first().locator("td:first-child a").click();
    await page.waitForURL(/\/invoices\/inv_/);
    await page.getByRole("heading", { name: number }).waitFor();
    await page.getByTestId("invoice-lines").locator("tbody tr").first().waitFor();
    await expect
      .poll(() => page.getByTestId("invoice-lines").locator("tbody tr").count())
      .toBeGreaterThan(0);
    const frame = page.getByTitle(`PDF of ${number}`);
    await frame.waitFor();
    expect(await frame.getAttribute("src")).toMatch(/^blob:http/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: `Download ${number}.pdf` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    await expect
      .poll(() => page.getByTestId("invoice-sha256").textContent())
      .toMatch(/[0-9a-f]{64}/);
    await screenshot(page, "invoice-light");

    // Cancelled with a reason, by a cancellation invoice that names it.
    await page.getByRole("button", { name: "Cancel invoice" }).click();
    const cancel = page.getByRole("dialog", { name: `Cancel ${number}` });
    await cancel.getByLabel(/^Reason/).fill("Doppelt berechnet");
    await cancel.getByRole("button", { name: "Cancel invoice" }).click();
    await cancel.waitFor({ state: "hidden" });
    const cancels = page.getByTestId("cancels");
    await cancels.getByRole("link", { name: number }).waitFor();
    await page.getByText("Cancellation invoice", { exact: true }).first().waitFor();
    await page.getByText("Doppelt berechnet", { exact: true }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).first().textContent()).not.toBe(number);
    await expect
      .poll(() => page.getByTestId("invoice-totals").locator('[data-total="gross"]').textContent())
      .toContain("-€");
    // The invoice it cancels says by which.
    await cancels.getByRole("link", { name: number }).click();
    await page.getByRole("heading", { name: number }).waitFor();
    await page.getByTestId("cancelled-by").waitFor();
    await page.getByText("Cancelled", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Cancel invoice" }).waitFor({ state: "detached" });

    // A manual invoice of two lines, with the server's totals before issuing.
    await nav(page).getByRole("link", { name: "Invoices" }).click();
    await page.waitForURL("**/invoices");
    await page.getByRole("link", { name: "New manual invoice" }).click();
    await page.waitForURL("**/invoices/new");
    await page
      .getByLabel(/^Organization/)
      .first()
      .fill("Allgäuer");
    await page.getByRole("option", { name: "Allgäuer Käserei" }).click();
    const line1 = page.getByRole("group", { name: "Line 1" });
    await line1.getByLabel("Description").fill("Migration der Mailboxen");
    await line1.getByLabel("Quantity").fill("2");
    await line1.getByLabel("Unit price (€)").fill("95");
    await page.getByRole("button", { name: "Add line" }).click();
    const line2 = page.getByRole("group", { name: "Line 2" });
    await line2.getByLabel("Description").fill("Einrichtung");
    await line2.getByLabel("Unit price (€)").fill("19.99");
    const totals = page.getByTestId("invoice-totals");
    // 2 × 95,00 € + 19,99 € = 209,99 € net, 39,90 € VAT at 19 %.
    await expect
      .poll(() => totals.locator('[data-total="net"]').textContent())
      .toContain("€209.99");
    await expect
      .poll(() => totals.locator('[data-total="gross"]').textContent())
      .toContain("€249.89");
    await expect.poll(() => page.getByTestId("line-net-1").textContent()).toBe("€190.00");
    await screenshot(page, "manual-invoice-light");
    await page.getByRole("button", { name: "Issue invoice" }).click();
    await page.waitForURL(/\/invoices\/inv_/);
    await page.getByRole("heading", { name: /^RE-\d{4}-\d{6}$/ }).waitFor();
    const lines = page.getByTestId("invoice-lines");
    await lines.getByText("Migration der Mailboxen").waitFor();
    await lines.getByText("Einrichtung").waitFor();
    await expect
      .poll(() => page.getByTestId("invoice-totals").locator('[data-total="gross"]').textContent())
      .toContain("€249.89");
  });

  it("downloads an invoice as XRechnung and as a ZUGFeRD PDF, and says they were made", async () => {
    const page = await pageFor(demo.owner);
    await page.goto(`${baseURL}/invoices?status=PAID`);
    await rows(page).first().waitFor();
    await rows(page).first().locator("td a").first().click();
    await page.waitForURL(/\/invoices\/inv_/);
    const section = page.getByTestId("e-invoice");
    await section.waitFor();
    // The demo's invoices keep the rules of every format.
    const made = section.getByTestId("e-invoices-made");
    expect(await made.textContent()).toMatch(
      /ZUGFeRD PDF: Valid EN 16931 · .*XRechnung \(CII\): Valid EN 16931 \+ XRechnung 3\.0 · .*XRechnung \(UBL\): Valid EN 16931 \+ XRechnung 3\.0 · /,
    );

    const [xml] = await Promise.all([
      page.waitForEvent("download"),
      section.getByRole("button", { name: /^XRechnung \(UBL\)/ }).click(),
    ]);
    expect(xml.suggestedFilename()).toMatch(/-xrechnung-ubl\.xml$/);
    const ubl = (await readFile(await xml.path())).toString("utf8");
    expect(ubl).toContain("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");

    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      section.getByRole("button", { name: /^ZUGFeRD PDF/ }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/-zugferd\.pdf$/);
    const hybrid = await readFile(await pdf.path());
    expect(hybrid.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(hybrid.includes("factur-x.xml")).toBe(true);

    // Both are listed as made, with the rules kept.
    await expect
      .poll(() => made.textContent())
      .toMatch(/XRechnung \(UBL\): Valid .*· made .*EN 16931 rules/);
    await expect
      .poll(() => made.textContent())
      .toMatch(/ZUGFeRD PDF: Valid .*· made .*EN 16931 rules/);
    expect(await section.getByRole("alert").count()).toBe(0);
  });
});
