import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The webhooks against the real binary and its demo data: the licensee's
// owner sees the demo's endpoints with their deliveries to the receiver on
// loopback, adds an endpoint where nothing listens, sends it a test event
// that fails, replays it, rotates its secret and deletes it.

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

describe("webhooks", () => {
  it("shows the demo's endpoints and their delivery log", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Webhooks" }).click();
    await page.waitForURL("**/webhooks");
    await rows(page).filter({ hasText: "Demo receiver: every event" }).waitFor();
    await rows(page).filter({ hasText: "Operations chat: service status and alerts" }).waitFor();
    const paused = rows(page).filter({ hasText: "ERP import (paused)" });
    await paused.getByText("Paused", { exact: true }).waitFor();
    await screenshot(page, "webhooks-light");

    await rows(page).filter({ hasText: "Demo receiver: every event" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/webhooks/whe_"));
    await page
      .getByRole("heading", { name: "Delivery log" })
      .waitFor()
      .catch(() => undefined);
    const delivered = rows(page).filter({ hasText: "Succeeded" });
    await delivered.first().waitFor();
    await expect(delivered.count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(rows(page).filter({ hasText: "Test event" }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, "webhook-detail-light");

    await delivered.first().click();
    const drawer = page.getByRole("dialog", { name: /^Delivery of / });
    await drawer.getByTestId("delivery-headers").waitFor();
    await drawer.getByTestId("delivery-payload").waitFor();
    await screenshot(page, "webhook-delivery-light");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    await page.context().close();
  });

  it("creates an endpoint, shows its secret once, sends a failing test, replays it, rotates the secret and deletes it", async () => {
    const page = await pageFor(demo.owner);
    const description = `Browser test ${Date.now().toString(36)}`;
    await page.goto(`${baseURL}/webhooks`);
    await rows(page).first().waitFor();

    await page.getByRole("button", { name: "New endpoint…" }).click();
    const create = page.getByRole("dialog", { name: "New webhook endpoint" });
    await create.getByLabel(/^URL/).fill("http://127.0.0.1:9/");
    await create.getByLabel(/^Description/).fill(description);
    await create.getByRole("checkbox", { name: /^Alert reported/ }).check();
    await screenshot(page, "webhook-new-light");
    await create.getByRole("button", { name: "Create endpoint" }).click();

    const shown = page.getByRole("dialog", { name: "Signing secret" });
    const secretBox = shown.getByTestId("webhook-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    await shown.getByText(/shown only this once/).waitFor();
    await screenshot(page, "webhook-secret-light");
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await shown.waitFor({ state: "hidden" });
    await page.waitForURL((url) => url.pathname.startsWith("/webhooks/whe_"));
    await page.getByText(description).first().waitFor();
    await page.getByText("Nothing delivered yet.").waitFor();
    // Once closed, the secret is not shown again.
    await expect(page.getByText(secret).count()).resolves.toBe(0);

    // Nothing listens on port 9: the test event fails, and waits for its retry.
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText(/^Test event not delivered: /).waitFor();
    const ping = rows(page).filter({ hasText: "Test event" });
    await ping.first().waitFor();
    await expect(ping.count()).resolves.toBe(1);
    await ping
      .first()
      .getByText(/Pending|Failed/)
      .waitFor();
    await screenshot(page, "webhook-test-failed-light");

    // Its error, in the drawer.
    await ping.first().click();
    const drawer = page.getByRole("dialog", { name: "Delivery of Test event" });
    await expect(drawer.getByTestId("delivery-error").textContent()).resolves.toBeTruthy();
    await screenshot(page, "webhook-delivery-failed-light");

    // Replay it from the drawer: a second delivery of the same event.
    await drawer.getByRole("button", { name: "Replay…" }).click();
    const replay = page.getByRole("dialog", { name: "Replay this delivery?" });
    await replay.getByRole("button", { name: "Replay", exact: true }).click();
    await replay.waitFor({ state: "hidden" });
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    await expect.poll(() => rows(page).filter({ hasText: "Test event" }).count()).toBe(2);

    // Rotate the secret: a new one, shown once, the old one valid for a day.
    const actions = page.getByRole("button", { name: /^Actions: http:\/\/127\.0\.0\.1:9/ });
    await actions.click();
    await page.getByRole("menuitem", { name: "Rotate secret…" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate the signing secret" });
    await expect(rotate.getByLabel(/^Overlap in hours/).inputValue()).resolves.toBe("24");
    await screenshot(page, "webhook-rotate-light");
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("dialog", { name: "Signing secret" });
    const next = (await rotated.getByTestId("webhook-secret").textContent())?.trim() ?? "";
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    await rotated.getByRole("button", { name: "I have stored it" }).click();
    await rotated.waitFor({ state: "hidden" });
    await page.getByText(/^Previous secret still valid until /).waitFor();

    // Delete it.
    await actions.click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const remove = page.getByRole("dialog", { name: "Delete this endpoint?" });
    await remove.getByRole("button", { name: "Delete endpoint" }).click();
    await page.waitForURL((url) => url.pathname === "/webhooks");
    await rows(page).first().waitFor();
    await expect.poll(() => rows(page).filter({ hasText: description }).count()).toBe(0);
    await page.context().close();
  });
});
