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

/** The revenue classes of the rows (their badges: a managed account names its manager below). */
const classesOf = (page: Page) =>
  rows(page).locator("td:nth-child(2) [data-class]").allTextContents();

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
    const classes = await classesOf(page);
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
    await expect.poll(async () => [...new Set(await classesOf(page))]).toEqual(["Paying"]);
    // The totals count the accounts that match: no class but the paying.
    await expect.poll(() => totals.getByTestId("count-TRIAL").textContent()).toBe("Trial0");

    // A reload shows the same view.
    await page.reload();
    await rows(page).first().waitFor();
    expect(new URL(page.url()).searchParams.get("class")).toBe("PAYING");
    expect(await page.getByRole("checkbox", { name: "Paying" }).isChecked()).toBe(true);
    expect([...new Set(await classesOf(page))]).toEqual(["Paying"]);

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

  it("shows the accounts at risk, the hard-blocked first with their reason", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "At-risk" }).click();
    await page.waitForURL("**/accounts/at-risk");
    await page.getByRole("heading", { name: "At-risk accounts" }).waitFor();
    await rows(page).first().waitFor();

    // The counts of each risk; the demo has accounts on the free tier with more members than it allows.
    const counts = page.getByRole("group", { name: "Accounts by risk" });
    const blocked = Number(
      ((await counts.getByTestId("risk-count-HARD_BLOCKED").textContent()) ?? "").replace(
        /\D/g,
        "",
      ),
    );
    expect(blocked).toBeGreaterThan(0);

    // The most urgent first: the hard-blocked accounts lead, each with its reason in words.
    const first = rows(page).first();
    expect(await first.locator("[data-risk]").first().getAttribute("data-risk")).toBe(
      "HARD_BLOCKED",
    );
    expect(await first.locator("[data-reason]").first().textContent()).toMatch(
      /^Hard-blocked: \d[\d,]* of \d[\d,]* users \(\d[\d,]*%\)$/,
    );
    const urgent = await rows(page)
      .locator("[data-risk]")
      .evaluateAll((badges) => badges.map((b) => b.getAttribute("data-risk")));
    const order = ["HARD_BLOCKED", "AT_CAP", "OVERDUE", "APPROACHING_CAP", "DOWNGRADED"];
    const ranks = urgent.map((risk) => order.indexOf(risk ?? ""));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.slice(0, Math.min(blocked, ranks.length)).every((r) => r === 0)).toBe(true);
    // Only At-risk is marked in the navigation.
    expect(
      await nav(page).getByRole("link", { name: "At-risk" }).getAttribute("data-active"),
    ).not.toBeNull();
    const billing = nav(page).getByRole("link", { name: "Usage & billing" });
    expect(await billing.getAttribute("data-active")).toBeNull();
    expect(await billing.getAttribute("aria-current")).toBeNull();
    await screenshot(page, "accounts-at-risk-light");

    // A lower threshold counts more accounts approaching a cap (the demo has some from 20 %), and the URL keeps it.
    const approaching = async () =>
      Number(
        ((await counts.getByTestId("risk-count-APPROACHING_CAP").textContent()) ?? "").replace(
          /\D/g,
          "",
        ),
      );
    const before = await approaching();
    await page.getByRole("textbox", { name: "Approaching a cap from" }).fill("20");
    await page.waitForURL(/approaching=20/);
    await expect.poll(approaching).toBeGreaterThan(before);
    await page.context().close();
  });

  it("grants a discount whose preview matches the next invoice afterwards", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/accounts?class=PAYING");
    await rows(page).first().waitFor();

    // A paying account with a next invoice.
    const row = rows(page)
      .filter({ has: page.locator("[data-next-invoice]") })
      .first();
    await row.waitFor();
    const link = row.locator("td:first-child a").first();
    const name = (await link.textContent()) ?? "";
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/organizations\/org_[0-9a-z]{26}$/);

    await row.getByRole("button", { name: `Actions: ${name}` }).click();
    await page.getByRole("menuitem", { name: "Discount…" }).click();
    const dialog = page.getByRole("dialog", { name: `Discount for ${name}` });
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: /^Kind/ }).click();
    await page.getByRole("option", { name: /^Scholarship/ }).click();
    expect(await dialog.getByRole("textbox", { name: "Name" }).inputValue()).toBe("Stipendium");
    await dialog.getByRole("textbox", { name: "Percentage" }).fill("20");
    // The reason last: the preview is asked once, for exactly these values.
    await dialog.getByLabel("Reason").fill("e2e scholarship");

    // The effect of exactly these inputs, as the server computed it.
    const next = dialog.locator(
      "[data-testid='effect-preview'][data-current] [data-effect='next']",
    );
    const after = next.locator("[data-after]");
    await after.waitFor();
    const before = (await next.locator("[data-before]").textContent()) ?? "";
    const expected = (await after.textContent()) ?? "";
    expect(expected).toMatch(/^€[\d,]+\.\d{2}$/);
    expect(expected).not.toBe(before);
    expect(await next.textContent()).toMatch(/^Next invoice \(on \d{1,2} \w{3} \d{4}\):/);
    expect(await dialog.locator("[data-effect='mrr']").textContent()).toMatch(/^MRR:€/);
    await screenshot(page, "account-discount-light");
    await dialog.getByRole("button", { name: "Grant discount" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Discount Stipendium granted.").waitFor();

    // The list shows the account anew: its next invoice is the preview's.
    await expect
      .poll(() =>
        rows(page)
          .filter({ has: page.locator(`td:first-child a[href="${href}"]`) })
          .locator("[data-next-invoice]")
          .textContent(),
      )
      .toBe(expected);

    // The organization's next invoice, as its Invoices tab previews it, is the same.
    await page.goto(`${href}?tab=invoices`);
    const gross = page.getByTestId("next-invoice").locator('[data-total="gross"] td').last();
    await gross.waitFor();
    expect(await gross.textContent()).toBe(expected);
    await page.context().close();
  });
});
