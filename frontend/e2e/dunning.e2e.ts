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

/** The texts of one column of the main table, by the column's position (1-based). */
const column = (page: Page, n: number) =>
  rows(page).locator(`td:nth-child(${n})`).allTextContents();

/** The ids of the organizations the links of a table's cells lead to, each once, in order. */
async function organizationIds(page: Page, cells: string): Promise<string[]> {
  const hrefs = await page
    .locator(cells)
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const ids = hrefs.map((h) => /\/organizations\/(org_[0-9a-z]+)/.exec(h)?.[1] ?? "");
  return [...new Set(ids.filter((id) => id !== ""))];
}

/** A day (YYYY-MM-DD) some days after today, in the browser's calendar (Europe/Berlin, as the demo issuer's). */
const daysFromNow = (page: Page, days: number) =>
  page.evaluate((n) => {
    const day = new Date();
    day.setDate(day.getDate() + n);
    const pad = (v: number) => String(v).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  }, days);

/** What an organization's dunning panel shows once it is in: its overdue invoices and whether it is on hold. */
async function dunningOf(page: Page, organizationId: string) {
  await page.goto(`/organizations/${organizationId}?tab=payments`);
  const panel = page.getByTestId("dunning-panel");
  const invoices = panel.getByRole("table", { name: "Overdue invoices" }).locator("tr[data-row]");
  await invoices.first().or(panel.getByTestId("dunning-invoices-empty")).waitFor();
  return {
    overdue: await invoices.count(),
    held: (await panel.getByTestId("dunning-hold").count()) > 0,
  };
}

describe("dunning", () => {
  it("lists the demo's notices of several levels and downloads a notice's letter", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Payments" }).click();
    await page.waitForURL("**/payments");
    await page.getByRole("link", { name: "Dunning" }).click();
    await page.waitForURL("**/payments/dunning");
    await page.getByRole("heading", { name: "Dunning" }).waitFor();
    await rows(page).first().waitFor();

    // The demo has sent notices of several levels; column 3 is the level.
    const levels = new Set(await column(page, 3));
    expect(
      ["Payment reminder", "1st notice", "2nd notice"].filter((l) => levels.has(l)).length,
    ).toBeGreaterThanOrEqual(2);
    // Each notice names its invoice, and one a fee billed on an invoice of its own.
    expect(await column(page, 2)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RE-\d{4}-\d{6}$/)]),
    );
    expect(
      await rows(page)
        .getByRole("link", { name: /^Fee invoice RE-/ })
        .count(),
    ).toBeGreaterThan(0);
    await screenshot(page, "dunning-light");

    // A sent notice's letter, as it was sent.
    const sent = rows(page)
      .filter({ has: page.locator('[data-status="2"]') })
      .first();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      sent.getByRole("button", { name: /^PDF: / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const letter = await readFile(await download.path());
    expect(letter.subarray(0, 4).toString("latin1")).toBe("%PDF");

    // Only second notices, and the URL says so.
    await page.locator('input[aria-label="Level"]').click();
    await page.getByRole("option", { name: "2nd notice" }).click();
    await page.waitForURL(/level=SECOND_NOTICE/);
    await page.keyboard.press("Escape");
    await expect
      .poll(async () => [...new Set(await column(page, 3))])
      .toEqual(expect.arrayContaining(["2nd notice"]));
    await expect.poll(async () => new Set(await column(page, 3)).size).toBe(1);
  });

  it("holds an organization's dunning with a reason, shows the hold, and releases it", async () => {
    const page = await pageFor(demo.owner);

    // The organizations the demo chased, then those with an overdue invoice.
    await page.goto("/payments/dunning");
    await rows(page).first().waitFor();
    const chased = await organizationIds(page, "tr[data-row] td:nth-child(1) a");
    await page.goto("/invoices?status=OVERDUE");
    await rows(page).first().or(page.getByText("Nothing matches these filters.")).waitFor();
    const overdue = await organizationIds(page, 'tr[data-row] a[href^="/organizations/"]');
    const candidates = [...new Set([...chased, ...overdue])];
    expect(candidates.length).toBeGreaterThan(0);

    // One with overdue invoices, preferably not on hold already.
    let chosen = "";
    let fallback = "";
    for (const id of candidates) {
      const { overdue: count, held } = await dunningOf(page, id);
      if (count === 0) continue;
      if (!held) {
        chosen = id;
        break;
      }
      fallback ||= id;
    }
    chosen ||= fallback;
    expect(chosen, "no demo organization has an overdue invoice").not.toBe("");
    if (!page.url().includes(chosen)) await dunningOf(page, chosen);
    const panel = page.getByTestId("dunning-panel");
    await panel
      .getByRole("table", { name: "Overdue invoices" })
      .locator("tr[data-row]")
      .first()
      .waitFor();

    // Held until a day two weeks from now, for a payment plan.
    const reason = `Ratenzahlung vereinbart (Browsertest ${Date.now() % 100000})`;
    await page.getByRole("button", { name: /^(Hold dunning|Change hold)$/ }).click();
    const dialog = page.getByRole("dialog", { name: /^(Hold dunning|Change the hold)$/ });
    await dialog.getByLabel(/^Last day/).fill(await daysFromNow(page, 14));
    await dialog.getByLabel(/^Reason/).fill(reason);
    await dialog.getByRole("button", { name: /^(Hold dunning|Change hold)$/ }).click();
    await dialog.waitFor({ state: "hidden" });
    const hold = page.getByTestId("dunning-hold");
    await hold.getByText(reason, { exact: true }).waitFor();
    expect(await hold.textContent()).toMatch(/On hold until \d{1,2} \w{3,4} \d{4}/);
    // The demo's own hold, changed, may still name who set it first.
    if (chosen !== fallback) expect(await hold.textContent()).toContain(`Set by ${demo.owner}`);
    await screenshot(page, "dunning-hold-light");

    // Released with a reason: dunning goes on.
    await page.getByRole("button", { name: "Release hold" }).click();
    const release = page.getByRole("dialog", { name: "Release the hold?" });
    await release.getByLabel(/^Reason/).fill("Vereinbarung beendet (Browsertest)");
    await release.getByRole("button", { name: "Release hold" }).click();
    await release.waitFor({ state: "hidden" });
    await hold.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Hold dunning" }).waitFor();
  });
});
