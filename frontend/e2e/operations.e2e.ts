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
const rows = (page: Page, name: string) =>
  page.getByRole("table", { name, exact: true }).locator("tr[data-row]");
/** A choice of a segmented control (its radio input is hidden behind the label). */
const segment = (page: Page, label: string) =>
  page.locator(".mantine-SegmentedControl-label", { hasText: new RegExp(`^${label}$`) });

const template = "Browsertest checklist";

describe("operations", () => {
  it("works an alert into an order with a process, the timer and recorded time", async () => {
    const page = await pageFor(demo.owner);

    // A template with two steps.
    await nav(page).getByRole("link", { name: "Process templates" }).click();
    await page.waitForURL("**/templates");
    await rows(page, "Process templates").filter({ hasText: "Onboarding" }).waitFor();
    await page.getByRole("button", { name: "New template" }).click();
    const form = page.getByRole("dialog", { name: "New process template" });
    await form.getByLabel(/^Name/).fill(template);
    await form.getByLabel("Step 1", { exact: true }).fill("Call the customer back");
    await form.getByRole("button", { name: "Add step" }).click();
    await form.getByLabel("Step 2", { exact: true }).fill("Write down what was done");
    await screenshot(page, "template-new-light");
    await form.getByRole("button", { name: "New template" }).click();
    await page.getByText(`Template ${template} created.`).waitFor();
    await rows(page, "Process templates")
      .filter({ hasText: template })
      .getByText("2 steps")
      .waitFor();
    await screenshot(page, "templates-light");

    // The queue: open alerts, newest first.
    await nav(page).getByRole("link", { name: "Alerts" }).click();
    await page.waitForURL("**/alerts");
    await rows(page, "Alerts").first().waitFor();
    await page.goto(`${baseURL}/alerts?status=OPEN`);
    const open = rows(page, "Alerts");
    await open.first().waitFor();
    await expect
      .poll(
        async () =>
          (await open.count()) > 2 &&
          (await open.locator('[data-alert-status="OPEN"]').count()) === (await open.count()),
      )
      .toBe(true);
    await screenshot(page, "alerts-light");

    // Acknowledge one without a service: it leaves the open queue.
    const plain = open.filter({ hasNot: page.locator("[data-service]") }).first();
    const plainId = await plain.locator("[data-alert]").getAttribute("data-alert");
    await plain.getByRole("button", { name: /^Actions: / }).click();
    await page.getByRole("menuitem", { name: "Acknowledge" }).click();
    const ack = page.getByRole("dialog", { name: /^Acknowledge the alert/ });
    await ack.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText("Alert acknowledged.").waitFor();
    await page.locator(`[data-alert="${plainId}"]`).waitFor({ state: "detached" });

    // Turn one about a service into an order, which opens.
    const about = open.filter({ has: page.locator("[data-service]") }).first();
    const alertId = await about.locator("[data-alert]").getAttribute("data-alert");
    await about.getByRole("button", { name: /^Actions: / }).click();
    await page.getByRole("menuitem", { name: "Create order" }).click();
    const create = page.getByRole("dialog", { name: /^Create a support order/ });
    await create.getByRole("button", { name: "Create order" }).click();
    await page.waitForURL(/\/orders\/ord_[0-9a-z]{26}$/);
    const orderPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: /^#\d+ / }).waitFor();

    // A process from the new template; ticking a step moves its progress.
    await page.getByRole("button", { name: "Add process" }).click();
    const add = page.getByRole("dialog", { name: "Add a process" });
    await add.getByLabel(/^Template/).click();
    await page.getByRole("option", { name: `${template} (2 steps)` }).click();
    await add.getByRole("button", { name: "Add process" }).click();
    const card = page.getByRole("group", { name: template });
    await card.getByTestId("progress").getByText("0/2").waitFor();
    await card.getByText("Call the customer back").click();
    await card.getByTestId("progress").getByText("1/2").waitFor();
    await card.getByText(/^owner@demo\.leitstand\.test, /).waitFor();

    // The timer runs and stops (rounded up to a minute), and time by hand.
    await page.getByRole("button", { name: "Start timer" }).click();
    await page
      .getByTestId("timer-running")
      .getByText(/Your timer runs: 0:00:\d\d/)
      .waitFor();
    await page.getByRole("table", { name: "Time" }).getByText("Running").waitFor();
    await screenshot(page, "order-timer-light");
    await page.getByRole("button", { name: "Stop timer" }).click();
    await page.getByText("Timer stopped: 0:01 recorded.").waitFor();
    await page.getByRole("button", { name: "Start timer" }).waitFor();

    await page.getByRole("button", { name: "Record time" }).click();
    const time = page.getByRole("dialog", { name: "Record time" });
    await time.getByLabel(/^Time worked/).fill("1:30");
    await time.getByLabel("What was done").fill("Browsertest: call with the customer");
    await time.getByRole("button", { name: "Record time" }).click();
    await page.getByText("Time recorded.").waitFor();
    const entries = rows(page, "Time");
    await entries
      .filter({ hasText: "Browsertest: call with the customer" })
      .getByText("1:30")
      .waitFor();
    await expect.poll(() => entries.count()).toBe(2);
    await page
      .getByTestId("unbilled")
      .getByText(/^Unbilled billable time: \d+:\d\d$/)
      .waitFor();
    await page.getByRole("heading", { name: "Processes" }).scrollIntoViewIfNeeded();
    await screenshot(page, "order-work-light");

    // The service's page lists the alert, linked to the order.
    await page.locator('a[href^="/services/svc_"]').first().click();
    await page.waitForURL(/\/services\/svc_/);
    const panel = page.getByTestId("service-alerts");
    const row = panel.locator(`[data-alert="${alertId}"]`).locator("xpath=ancestor::tr");
    await row.locator(`a[href="${orderPath}"]`).waitFor();
    await row.locator('[data-alert-status="ACKNOWLEDGED"]').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, "service-alerts-light");
    await page.getByRole("link", { name: "Show all in Alerts" }).click();
    await page.waitForURL(/\/alerts\?service=svc_/);
    await page.locator(`[data-alert="${alertId}"]`).waitFor();
    await page.context().close();
  });

  it("marks feedback reviewed under the unreviewed filter", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Feedback" }).click();
    await page.waitForURL("**/feedback");
    await segment(page, "Unreviewed").click();
    await page.waitForURL(/reviewed=no/);
    const list = rows(page, "Feedback");
    await list.first().waitFor();
    await expect
      .poll(
        async () =>
          (await list.locator("[data-reviewed]").count()) === 0 && (await list.count()) > 0,
      )
      .toBe(true);
    const before = await list.count();
    await screenshot(page, "feedback-light");

    const first = list.first();
    const text = (await first.locator("td").nth(1).textContent()) ?? "";
    await first.getByRole("button", { name: /^Mark reviewed: / }).click();
    const dialog = page.getByRole("dialog", { name: /^Review feedback of / });
    await dialog.getByLabel("Note").fill("Browsertest: passed on to the product team.");
    await dialog.getByRole("button", { name: "Mark reviewed" }).click();
    await page.getByText("Feedback marked reviewed.").waitFor();
    await expect.poll(() => list.count()).toBe(before - 1);

    // Under Reviewed, with the note.
    await segment(page, "Reviewed").click();
    await page.waitForURL(/reviewed=yes/);
    await list
      .filter({ hasText: "Browsertest: passed on to the product team." })
      .filter({ hasText: text.slice(0, 30) })
      .first()
      .waitFor();
    await page.context().close();
  });
});
