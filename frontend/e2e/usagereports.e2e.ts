import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The usage reports against the real binary and its demo data: the
// licensee's owner reports on every billing entity, with the months the
// demo stored; Nordhost's owner on Nordhost's customers alone; Südcloud,
// which may not see usage reports, has no such page.

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
const reportRows = (page: Page) =>
  page.getByRole("table", { name: "Usage by organization" }).locator("tr[data-row]");
const storedRows = (page: Page) =>
  page.getByRole("table", { name: "Stored monthly reports" }).locator("tr[data-row]");

describe("usage reports", () => {
  it("shows the licensee every entity's organizations, the stored months, and the PDF", async () => {
    const page = await pageFor(demo.owner);
    await page.setViewportSize({ width: 1440, height: 1100 });
    await nav(page).getByRole("link", { name: "Usage reports" }).click();
    await page.waitForURL("**/usage-reports");
    await reportRows(page).first().waitFor();
    // All entities: the licensee's customers beside Nordhost's.
    await reportRows(page).filter({ hasText: "Nordhost Partner GmbH" }).first().waitFor();
    await reportRows(page).filter({ hasText: "Leitstand" }).first().waitFor();
    await page.getByTestId("chart-usage-revenue").waitFor();
    await storedRows(page).first().waitFor();
    await screenshot(page, "usage-reports-light");

    // One entity: the URL says which, and only its organizations remain.
    await page
      .getByLabel(/^Billing entity/)
      .first()
      .click();
    await page.getByRole("option", { name: "Nordhost Partner GmbH" }).click();
    await page.waitForURL(/entity=be_/);
    await expect
      .poll(async () =>
        (await reportRows(page).allTextContents()).every(
          (t) => t.includes("Alsterblick") || !t.includes("Leitstand"),
        ),
      )
      .toBe(true);

    // The PDF is a PDF.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "PDF" }).click();
    await page.getByRole("menuitem", { name: "English" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^usage-report-\d{4}-\d{2}-\d{4}-\d{2}\.pdf$/);
    await page.context().close();
  });

  it("shows Nordhost's owner only Nordhost's organizations", async () => {
    const page = await pageFor("owner@nordhost.leitstand.test");
    await nav(page).getByRole("link", { name: "Usage reports" }).click();
    await page.waitForURL("**/usage-reports");
    await reportRows(page).first().waitFor();
    await expect(page.getByLabel(/^Billing entity/).count()).resolves.toBe(0);
    const names = await reportRows(page).locator("td:first-child").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect([
        "Fischmarkt Digital",
        "Speicherstadt Logistik",
        "Elbtunnel Medien",
        "Alsterblick Immobilien",
        "Deichgraf Webdesign",
      ]).toContain(name);
    }
    await storedRows(page).first().waitFor();
    await screenshot(page, "usage-reports-nordhost-light");

    // A stored month opens with its stored figures, and its PDF is that
    // month's.
    await storedRows(page).first().click();
    await page.waitForURL(/stored=urep_/);
    await page
      .getByTestId("stored-note")
      .getByText(/^Stored on /)
      .waitFor();
    await reportRows(page).first().waitFor();
    await screenshot(page, "usage-reports-stored-light");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "PDF" }).click();
    await page.getByRole("menuitem", { name: "Deutsch" }).click();
    expect((await download).suggestedFilename()).toMatch(/^Nutzungsbericht-\d{4}-\d{2}\.pdf$/);
    await page.getByRole("button", { name: "Show the live report" }).click();
    await expect.poll(() => page.getByTestId("stored-note").count()).toBe(0);
    await page.context().close();
  });

  it("has no page for Südcloud's owner, whose entity may not see usage reports", async () => {
    const page = await pageFor("owner@suedcloud.leitstand.test");
    await nav(page).getByRole("link").first().waitFor();
    await expect(nav(page).getByRole("link", { name: "Usage reports" }).count()).resolves.toBe(0);
    await page.goto(`${baseURL}/usage-reports`);
    await expect.poll(() => reportRows(page).count()).toBe(0);
    await page.context().close();
  });
});
