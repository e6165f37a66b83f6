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

describe("plans", () => {
  it("changes a plan's monthly fee with a reason, which writes its next version", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Plans" }).click();
    await page.waitForURL("**/plans");
    // The demo's plans, by rank.
    await rows(page).nth(3).waitFor();
    await expect
      .poll(() => rows(page).locator("td:first-child a").allTextContents())
      .toEqual(["Free", "Basis", "Premium", "Enterprise"]);
    const basisRow = rows(page).filter({ hasText: "Basis" });
    await basisRow.getByText("€29.00").waitFor();
    await basisRow.getByText("v2").waitFor();
    await screenshot(page, "plans-light");

    await basisRow.getByRole("link", { name: "Basis" }).click();
    await page.waitForURL(/\/plans\/pln_/);
    const versions = page.getByTestId("versions");
    await versions.getByRole("group", { name: "Version 2" }).waitFor();
    await versions.getByRole("group", { name: "Version 1" }).waitFor();
    await versions.getByText("Preisanpassung zum 1. Januar").waitFor();
    const change = versions.getByRole("group", { name: "Version 2" }).locator("[data-changed]");
    await expect.poll(() => change.textContent()).toContain("€25.00 → €29.00");
    await screenshot(page, "plan-light");

    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit Basis" });
    await dialog.waitFor();
    await dialog.getByLabel(/^Monthly fee/).fill("34.90");
    await dialog.getByText("Changed terms are saved as version 3").waitFor();
    // The reason is asked for before anything is sent.
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.getByText("Say why the terms change").waitFor();
    await dialog.getByLabel(/^Reason/).fill("Mehr Leistung ab 1. Juli");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Basis saved with its terms as version 3.").waitFor();
    await dialog.waitFor({ state: "hidden" });

    const v3 = versions.getByRole("group", { name: "Version 3" });
    await v3.waitFor();
    await v3.getByText("Mehr Leistung ab 1. Juli").waitFor();
    await v3.getByText(demo.owner, { exact: false }).waitFor();
    await expect.poll(() => v3.locator("[data-changed]").textContent()).toContain("€34.90");
    await page.getByRole("heading", { name: "Current terms (version 3)" }).waitFor();
    await screenshot(page, "plan-version-3-light");

    // The list shows the new terms.
    await page.getByRole("link", { name: "Plans" }).first().click();
    await page.waitForURL("**/plans");
    const updated = rows(page).filter({ hasText: "Basis" });
    await updated.getByText("€34.90").waitFor();
    await updated.getByText("v3").waitFor();
  });

  it("shows a developer the plans in German without write controls", async () => {
    const page = await pageFor(demo.developer);
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Deutsch" }).click();
    await page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Tarife" })
      .click();
    await page.getByRole("heading", { name: "Tarife" }).waitFor();
    await rows(page).filter({ hasText: "Enterprise" }).getByText("keine Obergrenze").waitFor();
    expect(await page.getByRole("button", { name: "Neuer Tarif" }).count()).toBe(0);
    await rows(page).filter({ hasText: "Premium" }).getByRole("link", { name: "Premium" }).click();
    await page.getByRole("heading", { name: /Aktuelle Konditionen/ }).waitFor();
    expect(await page.getByRole("button", { name: "Bearbeiten" }).count()).toBe(0);
    await screenshot(page, "plan-de-light");
  });
});
