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

async function pageFor(email: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const jobsTable = (page: Page) => page.getByRole("table", { name: "Jobs" });

async function openJobs(page: Page) {
  await nav(page).getByRole("link", { name: "Jobs" }).click();
  await page.waitForURL("**/jobs");
  await jobsTable(page).getByRole("link", { name: "Session Cleanup" }).waitFor();
}

describe("jobs", () => {
  it("runs Session Cleanup now and shows the run with its summary in the history", async () => {
    const page = await pageFor(demo.owner);
    await openJobs(page);
    const row = jobsTable(page).locator("tr[data-row]", { hasText: "Session Cleanup" });
    // The schedule is shown in the browser's zone (Europe/Berlin here), labelled.
    await row.getByText(/Every hour at :00 \((CET|GMT\+1)\)/).waitFor();
    await jobsTable(page)
      .locator("tr[data-row]", { hasText: "Audit Verification" })
      // 02:00 UTC is 03:00 in Berlin in winter.
      .getByText(/Daily at 03:00 (CET|GMT\+1)/)
      .waitFor();
    await screenshot(page, "jobs-light");

    await page.getByRole("button", { name: "Run now: Session Cleanup" }).click();
    const dialog = page.getByRole("dialog", { name: "Run Session Cleanup now?" });
    await dialog.getByLabel("Reason (optional)").fill("end-to-end test");
    await screenshot(page, "job-run-now-light");
    await dialog.getByRole("button", { name: "Run now" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Session Cleanup started").waitFor();

    // The job's page: the manual run appears in its history and, polled
    // every 2 s while it runs, ends with its summary.
    await row.getByRole("link", { name: "Session Cleanup" }).click();
    await page.waitForURL("**/jobs/session-cleanup");
    await page.getByRole("heading", { name: "Session Cleanup" }).waitFor();
    const history = page.getByRole("table", { name: "Run history" });
    const run = history.locator("tr[data-row]", { hasText: "Manual" }).first();
    await run.getByText("Succeeded").waitFor({ timeout: 20_000 });
    await expect(run.textContent()).resolves.toMatch(/removed \d+ expired sessions/);
    await expect(run.textContent()).resolves.toContain(demo.owner);
    await page.getByTestId("history-summary").waitFor();
    await screenshot(page, "job-detail-light");

    await run.click();
    const drawer = page.getByRole("dialog", { name: "Run of Session Cleanup" });
    await drawer.getByText("Manual").waitFor();
    await expect(drawer.getByTestId("run-summary").textContent()).resolves.toMatch(
      /^removed \d+ expired sessions/,
    );
    await screenshot(page, "job-run-light");
    await page.context().close();
  });

  it("filters the runs by outcome", async () => {
    const page = await pageFor(demo.operator);
    await openJobs(page);
    const runs = page.getByRole("table", { name: "Recent runs" });
    await runs.locator("tr[data-row]").first().waitFor();
    await page.locator("label", { hasText: /^Succeeded$/ }).click();
    await page.waitForURL("**/jobs?outcome=SUCCEEDED");
    await runs.locator("tr[data-row]").first().waitFor();
    const outcomes = await runs.locator("tr[data-row] td:nth-child(6)").allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(["Succeeded"]));
    await page.context().close();
  });

  it("shows a developer the jobs without Run now", async () => {
    const page = await pageFor(demo.developer);
    await openJobs(page);
    await page.getByRole("table", { name: "Recent runs" }).waitFor();
    await expect(page.getByRole("button", { name: /^Run now/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("takes screenshots in the dark theme", async () => {
    const page = await pageFor(demo.owner, "dark");
    await openJobs(page);
    await screenshot(page, "jobs-dark");
    await jobsTable(page).getByRole("link", { name: "Audit Verification" }).click();
    await page.getByRole("heading", { name: "Audit Verification" }).waitFor();
    await page.getByTestId("history-summary").waitFor();
    await page.locator("label", { hasText: "7 days" }).click();
    await page.waitForURL("**range=7d**");
    await page.waitForLoadState("networkidle");
    await screenshot(page, "job-detail-dark");
    await page.context().close();
  });
});
