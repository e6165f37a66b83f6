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

/** cancelScheduled cancels the organization's scheduled plan change, with a reason. */
async function cancelScheduled(page: Page, reason: string) {
  const scheduled = page.getByTestId("scheduled-transition");
  await scheduled.getByRole("button", { name: "Cancel plan change" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Cancel plan change" }).click();
  await dialog.waitFor({ state: "hidden" });
  await scheduled.waitFor({ state: "hidden" });
}

describe("contracts", () => {
  it("sets a custom hourly rate, schedules a plan change for the next billing date and cancels it", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/organizations");
    await page.locator("tr[data-row]").first().click();
    await page.waitForURL("**/organizations/org_*");
    await page.getByRole("tab", { name: "Contract" }).click();
    await page.waitForURL("**tab=contract");
    await page.getByTestId("contract-plan").waitFor();
    await expect(page.getByTestId("contract-plan").textContent()).resolves.toMatch(
      /^\w+ · Version \d+$/,
    );
    // The next invoice as the contract makes it: lines and the amount due.
    const next = page.getByTestId("next-invoice");
    await next.waitFor();
    await next.getByText("Gross (amount due)").waitFor();
    await page.getByRole("link", { name: "More on the Invoices tab" }).waitFor();

    // One change at a time: a change the demo scheduled goes first.
    if (await page.getByTestId("scheduled-transition").isVisible()) {
      await cancelScheduled(page, "cleared for the test");
    }

    // A custom hourly rate, marked as such beside the plan's.
    await page.getByRole("button", { name: "Custom terms", exact: true }).click();
    let dialog = page.getByRole("dialog");
    const override = dialog.getByRole("checkbox", { name: "Override: Hourly rate" });
    if (!(await override.isChecked())) await override.check();
    await dialog.getByRole("textbox", { name: "Hourly rate" }).fill("72.50");
    await dialog.getByLabel("Reason").fill("framework contract 2027");
    await dialog.getByRole("button", { name: "Save custom terms" }).click();
    await dialog.waitFor({ state: "hidden" });
    const rate = page.locator('[data-term="hourlyRateCents"][data-custom]');
    await rate.getByText("€72.50").waitFor();
    await expect(rate.textContent()).resolves.toContain("custom");
    await expect(page.getByTestId("custom-terms-reason").textContent()).resolves.toContain(
      "framework contract 2027",
    );

    // A plan change on the next billing date (the date the dialog offers first).
    await page.getByRole("button", { name: "Change plan" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: "New plan" }).click();
    const option = page.getByRole("option").first();
    const planName = ((await option.textContent()) ?? "").split(" · ")[0]!;
    await option.click();
    // The dialog offers the next billing date first: "Next billing date (12 Dec 2026)".
    const offered = await dialog.getByRole("combobox", { name: "Takes effect on" }).inputValue();
    const date = /\((.+)\)/.exec(offered)?.[1] ?? offered;
    expect(date).not.toBe("");
    await dialog.getByTestId("fee-comparison").waitFor();
    await dialog.getByLabel("Reason").fill("more storage needed");
    await screenshot(page, "contract-change-plan-light");
    await dialog.getByRole("button", { name: "Schedule plan change" }).click();
    await dialog.waitFor({ state: "hidden" });
    const scheduled = page.getByTestId("scheduled-transition");
    await scheduled.getByText(`Moves to ${planName} on ${date}`).waitFor();
    await page.locator('tr[data-row] [data-status="SCHEDULED"]').first().waitFor();
    await screenshot(page, "contract-light");

    await cancelScheduled(page, "customer changed their mind");
    await page.locator('tr[data-row] [data-status="CANCELLED"]').first().waitFor();
    await page.getByRole("button", { name: "Change plan" }).waitFor();
    await page.context().close();
  });

  it("grants an organization a discount and ends it today with a reason", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/organizations?status=ACTIVE&sort=created_desc");
    await page.locator("tr[data-row]").first().click();
    await page.waitForURL("**/organizations/org_*");
    await page.getByRole("tab", { name: "Contract" }).click();
    await page.waitForURL("**tab=contract");
    const section = page.getByTestId("discounts");
    await section.waitFor();

    // 12.5 % off the whole organization from today until further notice.
    const name = `E2E-Rabatt ${Date.now()}`;
    await page.getByRole("button", { name: "Grant discount" }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Name" }).fill(name);
    await dialog.getByRole("textbox", { name: "Percentage" }).fill("12,5");
    await dialog.getByText("12.5% off").waitFor();
    await dialog.getByLabel("Reason").fill("browser test");
    await screenshot(page, "contract-grant-discount-light");
    await dialog.getByRole("button", { name: "Grant discount" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = section.locator("tr[data-row]", { hasText: name });
    await row.locator('[data-state="active"]').waitFor();
    await expect(row.textContent()).resolves.toContain("12.5%");
    await expect(row.textContent()).resolves.toContain("Whole organization");
    await expect(row.textContent()).resolves.toContain("further notice");

    // Ended today: today is its last day, invoices issued with it keep it.
    await row.getByRole("button", { name: `Actions: ${name}` }).click();
    await page.getByRole("menuitem", { name: "End discount" }).click();
    dialog = page.getByRole("dialog");
    const lastDay = await dialog.getByLabel("Last day it applies").inputValue();
    expect(lastDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.getByLabel("Reason").fill("customer moved to a higher plan");
    await dialog.getByRole("button", { name: "End discount" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Ended: customer moved to a higher plan").waitFor();
    await expect(row.textContent()).resolves.not.toContain("further notice");
    await screenshot(page, "contract-discounts-light");
    await page.context().close();
  });
});
