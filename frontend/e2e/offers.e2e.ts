import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// Offers and the wholesale report against the real binary and its demo
// data: Nordhost's owner offers one of the licensee's items it does not
// sell yet, sees its margin, changes its price and retires it, and sees
// its own entity's wholesale report; the licensee's owner sees both
// resellers' offers and reports.

const baseURL = inject("baseURL");
const nordhostOwner = "owner@nordhost.leitstand.test";
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

/** cents reads "€24.90" as 2490. */
const cents = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);

describe("offers", () => {
  it("lets a reseller offer a licensee's item, reprice it and retire it", async () => {
    const page = await pageFor(nordhostOwner);
    await nav(page).getByRole("link", { name: "Offers" }).click();
    await page.waitForURL("**/catalog/offers");
    await rows(page).filter({ hasText: "Nextcloud S" }).waitFor();
    await rows(page).filter({ hasText: "Managed Mail" }).waitFor();
    // A reseller sees its own offers only: no column naming whose they are.
    await expect(page.getByRole("columnheader", { name: "Reseller" }).count()).resolves.toBe(0);
    await screenshot(page, "offers-reseller-light");

    await page.getByRole("button", { name: "New offer…" }).click();
    const create = page.getByRole("dialog", { name: "New offer" });
    await create.getByLabel(/^Item/).click();
    // Its own item is not offered: it sells that one directly.
    await expect(page.getByRole("option", { name: /Website-Check/ }).count()).resolves.toBe(0);
    await page.getByRole("option", { name: /^PostgreSQL M · / }).click();
    await create.getByLabel(/^Price per month/).fill("79.90");
    await create.getByLabel(/^Minimum term/).fill("12");
    await create.getByLabel(/^Notice period/).fill("30");
    await create.getByLabel(/^Description/).fill("PostgreSQL with backups, run from Kiel");
    const listText = (await create.getByTestId("offer-list-price").textContent()) ?? "";
    const listPrice = cents(listText.split(":")[1] ?? "");
    expect(listPrice).toBeGreaterThan(0);
    await screenshot(page, "offer-new-light");
    await create.getByRole("button", { name: "Create offer" }).click();
    await create.waitFor({ state: "hidden" });

    // The new offer opens beside the list.
    const drawer = page.getByRole("dialog", { name: "PostgreSQL M" });
    await drawer.getByText("Licensee price").waitFor();
    await drawer.getByText("12 months minimum · 30 days' notice").waitFor();
    const row = rows(page).filter({ hasText: "PostgreSQL M" });
    await expect(row.locator("[data-margin]").getAttribute("data-margin")).resolves.toBe(
      String(7990 - listPrice),
    );
    await screenshot(page, "offer-drawer-light");

    await drawer.getByRole("button", { name: "Edit…" }).click();
    const edit = page.getByRole("dialog", { name: "Edit the offer of PostgreSQL M" });
    await edit.getByLabel(/^Price per month/).fill("84.90");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "hidden" });
    await expect
      .poll(() => row.locator("[data-margin]").getAttribute("data-margin"))
      .toBe(String(8490 - listPrice));
    await drawer.getByText("€84.90").waitFor();

    await drawer.getByRole("button", { name: "Retire…" }).click();
    const retire = page.getByRole("dialog", { name: "Retire the offer of PostgreSQL M?" });
    await retire.getByLabel(/^Reason/).fill("Browser test: no longer sold");
    await retire.getByRole("button", { name: "Retire offer" }).click();
    await retire.waitFor({ state: "hidden" });
    await drawer.getByText(/^Retired on /).waitFor();
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    // Retired offers leave the list of those in force.
    await expect.poll(() => row.count()).toBe(0);
    await page.locator("label", { hasText: "All offers" }).click();
    await row.getByText(/^Retired on /).waitFor();
    await page.context().close();
  });

  it("shows a reseller its own wholesale report", async () => {
    const page = await pageFor(nordhostOwner);
    await nav(page).getByRole("link", { name: "Wholesale" }).click();
    await page.waitForURL("**/billing-entities/wholesale");
    const totals = page.getByRole("region", { name: "Totals per reseller" });
    await totals.locator("tr[data-row]").first().waitFor();
    await expect(totals.locator("tr[data-row]").count()).resolves.toBe(1);
    await totals.getByText(/Nordhost/).waitFor();
    await expect(totals.getByText(/Südcloud/).count()).resolves.toBe(0);
    const lines = page.getByRole("region", { name: "By customer and item" });
    await lines.locator("tr[data-row]").first().waitFor();
    await screenshot(page, "wholesale-reseller-light");
    await page.context().close();
  });

  it("shows the licensee every reseller's offers and wholesale report", async () => {
    const page = await pageFor(demo.owner);
    await page.goto(`${baseURL}/billing-entities`);
    await page.getByRole("link", { name: "Wholesale report" }).click();
    await page.waitForURL("**/billing-entities/wholesale");
    const totals = page.getByRole("region", { name: "Totals per reseller" });
    await totals
      .locator("tr[data-row]")
      .filter({ hasText: /Nordhost/ })
      .waitFor();
    await totals
      .locator("tr[data-row]")
      .filter({ hasText: /Südcloud/ })
      .waitFor();
    const lines = page.getByRole("region", { name: "By customer and item" });
    await lines.locator("tr[data-row]").first().waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^wholesale-\d{4}-\d{2}_\d{4}-\d{2}\.csv$/);
    await screenshot(page, "wholesale-licensee-light");

    await nav(page).getByRole("link", { name: "Offers" }).click();
    await page.waitForURL("**/catalog/offers");
    await rows(page)
      .filter({ hasText: /Nordhost/ })
      .first()
      .waitFor();
    await rows(page)
      .filter({ hasText: /Südcloud/ })
      .first()
      .waitFor();
    await rows(page).filter({ hasText: "Vaultwarden" }).waitFor();
    await screenshot(page, "offers-licensee-light");

    // The catalog names each item's seller; the reseller's own item among them.
    await nav(page).getByRole("link", { name: "Catalog" }).click();
    await page.waitForURL("**/catalog");
    await rows(page).filter({ hasText: "Nordhost Website-Check" }).waitFor();
    await screenshot(page, "catalog-owners-light");
    await page.context().close();
  });
});
