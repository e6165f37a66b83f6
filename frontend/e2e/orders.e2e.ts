import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;
// The order the operator works on, for the developer's visit.
let orderPath = "";

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

/** A choice of a segmented control (its radio input is hidden behind the label). */
const segment = (page: Page, label: string) =>
  page.locator(".mantine-SegmentedControl-label", { hasText: new RegExp(`^${label}$`) });

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const rows = (page: Page) => page.locator("tr[data-row]");

describe("orders", () => {
  it("filters overdue orders, starts work on one and answers the customer", async () => {
    const page = await pageFor(demo.operator);
    await nav(page).getByRole("link", { name: "Orders" }).click();
    await page.waitForURL("**/orders");
    // The demo's orders, in every status.
    await rows(page).first().waitFor();
    await page.locator('[data-status="DONE"]').first().waitFor();
    await page.locator('[data-status="WAITING_FOR_CUSTOMER"]').first().waitFor();
    await screenshot(page, "orders-light");

    // Overdue only: the filter lives in the URL, and every row is marked.
    await page
      .locator(".mantine-Switch-root", { hasText: "Overdue only" })
      .locator(".mantine-Switch-track")
      .click();
    await page.waitForURL(/overdue=true/);
    await expect
      .poll(async () => {
        const all = await rows(page).count();
        const marked = await rows(page).locator("[data-overdue]").count();
        return all > 0 && all === marked;
      })
      .toBe(true);
    await screenshot(page, "orders-overdue-light");

    // An overdue order the demo left OPEN.
    const open = rows(page)
      .filter({ has: page.locator('[data-status="OPEN"]') })
      .first();
    await open.getByRole("link").click();
    await page.waitForURL(/\/orders\/ord_[0-9a-z]{26}$/);
    orderPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: /^#\d+ / }).waitFor();
    await page.locator("[data-overdue]").first().waitFor();
    await page.getByTestId("comments").or(page.getByText("No comments yet.")).waitFor();
    await screenshot(page, "order-detail-light");

    await page.getByRole("button", { name: "Start work" }).click();
    const move = page.getByRole("dialog", { name: /: In progress$/ });
    await move.waitFor();
    await move.getByRole("button", { name: "Start work" }).click();
    await page.getByText(/is now In progress\.$/).waitFor();
    await page.locator('[data-status="IN_PROGRESS"]').first().waitFor();
    // The status change is written to the thread, worded.
    const thread = page.getByTestId("comments");
    await thread.getByText("Status changed from Open to In progress").waitFor();

    await page.getByLabel("Comment").fill("We are on it and restart the service tonight at 22:00.");
    await segment(page, "Customer and staff").click();
    await page.getByRole("button", { name: "Add comment" }).click();
    await page.getByText("Comment added.").waitFor();
    const comment = thread
      .locator('[data-visibility="CUSTOMER"]')
      .filter({ hasText: "restart the service tonight at 22:00" });
    await comment.waitFor();
    await comment.getByText("Customer", { exact: true }).waitFor();
    await screenshot(page, "order-detail-commented-light");

    // The organization's page lists it on its Orders tab.
    const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    await page.locator('a[href^="/organizations/org_"]').first().click();
    await page.waitForURL(/\/organizations\/org_/);
    await page.getByRole("tab", { name: "Orders" }).click();
    await page
      .getByRole("row")
      .filter({ hasText: title.replace(/^#\d+ /, "") })
      .first()
      .waitFor();
    await screenshot(page, "organization-orders-light");
    await page.context().close();
  });

  it("opens an order with a due date, which its page shows", async () => {
    const page = await pageFor(demo.operator);
    await page.goto(`${baseURL}/orders`);
    await page.getByRole("button", { name: "New order" }).click();
    const dialog = page.getByRole("dialog", { name: "New order" });
    await dialog.waitFor();
    await dialog.getByLabel(/^Organization/).click();
    await page.getByRole("option").first().click();
    await dialog.getByLabel(/^Title/).fill("Browsertest: raise the mail quota");
    await dialog.getByLabel(/^Kind/).click();
    await page.getByRole("option", { name: "Change" }).click();
    await dialog.getByLabel(/^Priority/).click();
    await page.getByRole("option", { name: "High" }).click();
    // The 20th of the month the picker opens at (days are named "20 December 2026").
    await dialog.getByLabel("Due date").click();
    await page.getByRole("button", { name: /^20 [A-Z][a-z]+ \d{4}$/ }).click();
    await screenshot(page, "order-new-light");
    await dialog.getByRole("button", { name: "New order" }).click();

    await page.waitForURL(/\/orders\/ord_[0-9a-z]{26}$/);
    await page.getByRole("heading", { name: /^#\d+ Browsertest: raise the mail quota$/ }).waitFor();
    await page.locator('[data-status="OPEN"]').first().waitFor();
    await page.locator('[data-priority="HIGH"]').first().waitFor();
    await page.getByText(/^20 [A-Z][a-z]{2} \d{4}$/).waitFor();
    await page.context().close();
  });

  it("shows a developer orders without anything to change", async () => {
    const page = await pageFor(demo.developer);
    await nav(page).getByRole("link", { name: "Orders" }).click();
    await rows(page).first().waitFor();
    await expect(page.getByRole("button", { name: "New order" }).count()).resolves.toBe(0);
    expect(orderPath).not.toBe("");
    await page.goto(`${baseURL}${orderPath}`);
    await page.getByRole("heading", { name: /^#\d+ / }).waitFor();
    await page.getByTestId("comments").waitFor();
    for (const name of ["Start work", "Back to open", "Mark done", "Edit", "Add comment"]) {
      await expect(page.getByRole("button", { name, exact: true }).count()).resolves.toBe(0);
    }
    await page.context().close();
  });
});
