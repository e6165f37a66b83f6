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

/** The texts of one column of the main table, by the column's position (1-based). */
const column = (page: Page, n: number) =>
  rows(page).locator(`td:nth-child(${n})`).allTextContents();

const revenueClasses = ["Trial", "Managed", "Paying", "Comped"];

// The demo's figures change with the day it is seeded on: the test checks
// what the page shows and how it reads, not the amounts.
describe("usage and billing", () => {
  it("lists this month's accounts with their revenue classes, keeps a class filter over a reload, and opens an account's twelve months", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Usage & billing" }).click();
    await page.waitForURL("**/accounts");
    await page.getByRole("heading", { name: "Usage & billing" }).waitFor();
    await rows(page).first().waitFor();

    // Every account has a revenue class (column 2); the demo has paying customers.
    const classes = await column(page, 2);
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(revenueClasses).toContain(c);
    expect(classes).toContain("Paying");
    // Users are a count, or a count of a cap ("3 / 4").
    for (const users of await column(page, 4)) expect(users).toMatch(/^\d[\d,]*( \/ \d[\d,]*)?/);

    // This month's totals: the MRR at its end is a forecast.
    const totals = page.getByRole("region", { name: "Totals of the month" });
    await expect
      .poll(() => totals.getByTestId("total-mrrEnd").textContent())
      .toMatch(/^MRR at the end \(forecast\)-?€[\d,]+\.\d{2}/);
    expect(await totals.getByTestId("total-invoiced").textContent()).toMatch(/€[\d,]+\.\d{2}/);
    await screenshot(page, "accounts-light");

    // Only the paying accounts, and the URL says so.
    await page
      .getByRole("group", { name: "Revenue class", exact: true })
      .getByText("Paying", { exact: true })
      .click();
    await page.waitForURL(/class=PAYING/);
    await expect.poll(async () => [...new Set(await column(page, 2))]).toEqual(["Paying"]);
    // The totals count the accounts that match: no class but the paying.
    await expect.poll(() => totals.getByTestId("count-TRIAL").textContent()).toBe("Trial0");

    // A reload shows the same view.
    await page.reload();
    await rows(page).first().waitFor();
    expect(new URL(page.url()).searchParams.get("class")).toBe("PAYING");
    expect(await page.getByRole("checkbox", { name: "Paying" }).isChecked()).toBe(true);
    expect([...new Set(await column(page, 2))]).toEqual(["Paying"]);

    // One account's last twelve months, beside the list.
    const first = rows(page).first();
    const name = (await first.locator("td:first-child a").first().textContent()) ?? "";
    expect(name).not.toBe("");
    await first.getByRole("button", { name: `12-month history of ${name}` }).click();
    const drawer = page.getByRole("dialog", { name: `12-month history of ${name}` });
    await drawer.waitFor();
    await page.waitForURL(/history=org_[0-9a-z]{26}/);
    const months = drawer.locator("tr[data-month]");
    await months.first().waitFor();
    const count = await months.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(12);
    for (const month of await months.locator("td:first-child").allTextContents()) {
      expect(month).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    }
    // The last month is this one, where the account is paying.
    expect(await months.last().locator("td:nth-child(2)").textContent()).toBe("Paying");
    await drawer.getByTestId("chart-account-history").waitFor();
    await screenshot(page, "account-history-light");
  });
});
