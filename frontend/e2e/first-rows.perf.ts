import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo, launch, newContext, signIn } from "./browser";
import { seed, startServer, type RunningServer } from "./server";

const organizations = 10_000;
const budgetMs = 1000;

let browser: Browser;
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "leitstand-perf-"));
  await seed(dataDir, ["--demo", "--orgs", String(organizations)]);
  server = await startServer({ dataDir });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`organizations page with ${organizations} organizations`, () => {
  it(`shows its first rows, timed from navigation start (budget ${budgetMs} ms)`, async () => {
    const context = await newContext(browser, server.baseURL);
    const page = await context.newPage();
    await signIn(page, demo.owner);
    await page.locator("tr[data-row]").first().waitFor();

    // Record when the first row appears, relative to the navigation's start.
    const recordFirstRow = () => {
      const w = window as unknown as { __firstRow?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector("tr[data-row]")) {
          w.__firstRow = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    };
    await context.addInitScript(recordFirstRow);

    // Cold starts: new browser contexts (empty HTTP cache) with the session cookie.
    const storageState = await context.storageState();
    const coldTimings: number[] = [];
    for (let run = 0; run < 2; run++) {
      const cold = await browser.newContext({
        baseURL: server.baseURL,
        viewport: { width: 1440, height: 900 },
        storageState,
      });
      await cold.addInitScript(recordFirstRow);
      const coldPage = await cold.newPage();
      await coldPage.goto("/organizations");
      await coldPage.locator("tr[data-row]").first().waitFor();
      coldTimings.push(
        await coldPage.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow),
      );
      await cold.close();
    }
    // The better of two, so that one hiccup of a busy machine does not decide.
    const coldMs = Math.min(...coldTimings);

    // Then with the browser's cache warm.
    const timings: number[] = [];
    for (let run = 0; run < 3; run++) {
      const fresh = await context.newPage();
      await fresh.goto("/organizations");
      await fresh.locator("tr[data-row]").first().waitFor();
      const ms = await fresh.evaluate(
        () => (window as unknown as { __firstRow: number }).__firstRow,
      );
      const total = await fresh.evaluate(
        () =>
          performance
            .getEntriesByType("resource")
            .filter((e) => e.name.includes("ListOrganizations")).length,
      );
      expect(total).toBeGreaterThan(0);
      timings.push(ms);
      await fresh.close();
    }
    const text = await page
      .locator("main")
      .getByText(/organizations$/)
      .first()
      .textContent();
    const median = [...timings].sort((a, b) => a - b)[1]!;
    console.log(
      `first rows of ${text?.trim()} (navigation start to first row visible): cold cache ${coldTimings.map((t) => `${Math.round(t)} ms`).join(", ")}; warm cache ${timings.map((t) => `${Math.round(t)} ms`).join(", ")}`,
    );
    // A measurement, not a pass/fail test: a busy machine must not fail the
    // build. The budget is reported next to the figures.
    const verdict = (ms: number) => (ms < budgetMs ? "met" : "MISSED");
    console.log(
      `budget ${budgetMs} ms: cold (best of two) ${Math.round(coldMs)} ms ${verdict(coldMs)}; warm (median) ${Math.round(median)} ms ${verdict(median)}`,
    );
    await context.close();
  });
});
