import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// Switches a demo Proxmox connection to monitoring only and back, so that the
// other specs, sharing the binary, find it as the demo seeded it.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const rows = (page: Page) =>
  page.getByRole("table", { name: "Connections", exact: true }).locator("tr[data-row]");

/** The value shown under a label of the connection's details. */
const detail = (page: Page, label: string) =>
  page
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator("dd");

async function setMonitoringOnly(page: Page, name: string, on: boolean) {
  await page.goto("/connections");
  const row = rows(page).filter({ has: page.getByRole("link", { name, exact: true }) });
  await row.getByRole("button", { name: `Actions: ${name}` }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  const checkbox = dialog.getByLabel("Monitoring only");
  expect(await checkbox.isChecked()).toBe(!on);
  await checkbox.setChecked(on);
  if (on) await screenshot(page, "connection-monitoring-only-light");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByText("Connection updated").first().waitFor();
}

describe("monitoring-only connections", () => {
  it("switches a Proxmox connection to monitoring only; its page says so", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, demo.owner);
    await page.goto("/connections");
    const proxmox = rows(page).filter({ hasText: "Proxmox" }).first();
    await proxmox.waitFor();
    const link = proxmox.getByRole("link").first();
    const name = ((await link.textContent()) ?? "").trim();
    expect(name).not.toBe("");

    await setMonitoringOnly(page, name, true);
    try {
      await rows(page).getByRole("link", { name, exact: true }).click();
      await page.waitForURL(/\/connections\/conn_/);
      await page.getByRole("heading", { name, exact: true }).waitFor();
      await expect.poll(() => detail(page, "Monitoring only").textContent()).toBe("Yes");
      await screenshot(page, "connection-detail-monitoring-only-light");
    } finally {
      await setMonitoringOnly(page, name, false);
    }
    await context.close();
  });
});
