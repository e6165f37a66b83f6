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

// A small icon of our own: a rounded square with a ring.
const icon = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#7048e8"/><circle cx="32" cy="32" r="14" fill="none" stroke="#fff" stroke-width="6"/></svg>`,
);
const scripted = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="8" height="8"/></svg>`,
);

describe("catalog", () => {
  it("adds an item with an uploaded icon and takes it off sale", async () => {
    const page = await pageFor(demo.operator);
    await nav(page).getByRole("link", { name: "Catalog" }).click();
    await page.waitForURL("**/catalog");
    // The demo catalog, with its icons and prices.
    await page.getByText("Nextcloud M", { exact: true }).waitFor();
    await page.getByText("€89.00").first().waitFor();
    await screenshot(page, "catalog-light");

    await page.getByRole("button", { name: "New item" }).click();
    const dialog = page.getByRole("dialog", { name: "New catalog item" });
    await dialog.waitFor();

    // An SVG that would run a script is refused, with the server's reason.
    const chooser = page.waitForEvent("filechooser");
    await dialog.getByTestId("icon-upload").click();
    await (
      await chooser
    ).setFiles({ name: "icon.svg", mimeType: "image/svg+xml", buffer: scripted });
    await dialog.getByRole("alert").getByText("event handler").waitFor();
    await screenshot(page, "catalog-icon-refused-light");

    const chooser2 = page.waitForEvent("filechooser");
    await dialog.getByTestId("icon-upload").click();
    await (await chooser2).setFiles({ name: "icon.svg", mimeType: "image/svg+xml", buffer: icon });
    await dialog.getByRole("button", { name: "Replace" }).waitFor();

    await dialog.getByLabel("Name").fill("Collabora Online M");
    await dialog.getByLabel(/^Size/).click();
    await page.getByRole("option", { name: "M — medium" }).click();
    await dialog
      .getByLabel("Description")
      .fill("Office documents in the browser for a department.");
    await dialog.getByLabel("Monthly price (EUR, net)").fill("49.50");
    await dialog.getByLabel("Estimated storage (GB)").fill("50");
    await screenshot(page, "catalog-form-light");
    await dialog.getByRole("button", { name: "New item" }).click();
    await page.getByText("Collabora Online M added to the catalog.").waitFor();

    const row = page.getByRole("row").filter({ hasText: "Collabora Online M" });
    await row.getByText("€49.50").waitFor();
    const img = row.locator("img");
    await expect(img.getAttribute("src")).resolves.toMatch(
      /^\/files\/catalog-icons\/[0-9a-f]{64}\.svg$/,
    );
    // The icon is served.
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
      .toBeGreaterThan(0);

    // Off sale, and the filter in the URL finds it among the items not bookable.
    const toggle = row.getByRole("switch", { name: "Bookable: Collabora Online M" });
    await expect(toggle.isChecked()).resolves.toBe(true);
    await row.locator(".mantine-Switch-track").click();
    await page.getByText("Collabora Online M can no longer be booked.").waitFor();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await page.goto(`${baseURL}/catalog?bookable=no&q=collabora`);
    await page.getByRole("row").filter({ hasText: "Collabora Online M" }).waitFor();
    await screenshot(page, "catalog-not-bookable-light");
    await page.context().close();
  });

  it("shows a developer the catalog without anything to change", async () => {
    const page = await pageFor(demo.developer);
    await nav(page).getByRole("link", { name: "Catalog" }).click();
    await page.getByText("Nextcloud M", { exact: true }).waitFor();
    await expect(page.getByRole("button", { name: "New item" }).count()).resolves.toBe(0);
    const toggle = page.getByRole("switch", { name: "Bookable: Nextcloud M" });
    await expect(toggle.isDisabled()).resolves.toBe(true);
    await page.context().close();
  });
});
