import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The start page against the demo data: its sections, the key figures and
// the revenue, the ways from a tile to its list, the time axes of a server's
// charts, and the pages in the dark theme, in German and on a phone.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Options {
  colorScheme?: "light" | "dark";
  locale?: string;
  width?: number;
}

async function pageFor(email: string, options: Options = {}): Promise<Page> {
  const context = await newContext(browser, baseURL, options);
  const page = await context.newPage();
  if (options.width) await page.setViewportSize({ width: options.width, height: 844 });
  await signIn(page, email);
  return page;
}

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const rows = (page: Page, name: string | RegExp) =>
  page.getByRole("table", { name, exact: true }).locator("tr[data-row]");

/** Waits for every section of the owner's start page to have loaded. */
async function overviewLoaded(page: Page) {
  await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
  // The revenue, the top customers, and the four sections of the operations.
  await page.locator("[data-testid^='overview-'][aria-busy='false']").nth(5).waitFor();
  await page.getByTestId("health-count").first().waitFor();
  await page.getByTestId("kpi-value").first().waitFor();
}

// Intl separates amount and currency with a no-break space; compare with plain spaces.
const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

/** Opens the first Proxmox host's page with its charts over 24 h, and waits for them. */
async function openServerCharts(page: Page) {
  await page.goto("/servers?provider=PROXMOX");
  const first = rows(page, /^Servers?$/).first();
  await first.waitFor();
  await first.locator("a").first().click();
  await page.waitForURL(/\/servers\/srv_/);
  const url = new URL(page.url());
  url.searchParams.set("range", "24h");
  await page.goto(url.pathname + url.search);
  await page
    .getByTestId("chart-cpu")
    .locator(".recharts-line path, path.recharts-curve")
    .first()
    .waitFor({ timeout: 20_000 });
  await page.getByTestId("chart-network").locator("svg").first().waitFor();
  await page.waitForTimeout(500);
}

/** The labels of a chart's time axis. */
const timeLabels = (page: Page, chart: string) =>
  page
    .getByTestId(`chart-${chart}`)
    .locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")
    .allTextContents();

describe("the start page", () => {
  it("shows the sections with the demo data and leads from a health count to the servers", async () => {
    const page = await pageFor(demo.owner);
    expect(new URL(page.url()).pathname).toBe("/");
    await overviewLoaded(page);

    const servers = section(page, "Servers by health");
    const counts = (await servers.getByTestId("health-count").allTextContents()).map(Number);
    expect(counts).toHaveLength(4);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // Every section is there, with either its entries or its all-clear.
    for (const [name, allClear] of [
      ["Failing syncs", "Every connection synced at its last attempt."],
      ["Recent failed job runs", "No job run has failed recently."],
    ] as const) {
      const s = section(page, name);
      const shown = (await s.getByRole("listitem").count()) + (await s.getByText(allClear).count());
      expect(shown, name).toBeGreaterThan(0);
    }
    expect(await section(page, "Recent changes").getByRole("listitem").count()).toBeGreaterThan(0);
    await screenshot(page, "overview-light");

    // The first state with servers opens the list filtered by it.
    const tiles = servers.getByRole("link", { name: /^Open the list of/ });
    let picked = "";
    for (let i = 0; i < 4; i++) {
      if (counts[i]! > 0) {
        picked = (await tiles.nth(i).getAttribute("data-health")) ?? "";
        await tiles.nth(i).click();
        break;
      }
    }
    expect(picked).not.toBe("");
    await page.waitForURL(`**/servers?health=${picked}`);
    await rows(page, "Servers").first().waitFor();
    await expect
      .poll(
        async () =>
          new Set(
            await rows(page, "Servers")
              .locator("[data-health]")
              .evaluateAll((els) => els.map((el) => el.getAttribute("data-health"))),
          ),
        { timeout: 10_000 },
      )
      .toEqual(new Set([picked]));
    await page.context().close();
  });
});

describe("the dashboard", () => {
  it("shows the owner's MRR and top customers, and opens the organizations from their tile", async () => {
    const page = await pageFor(demo.owner);
    await overviewLoaded(page);
    const figures = section(page, "Key figures");

    // The MRR today in euros, to the cent (the demo's amounts move with the date).
    const mrr = figures.getByRole("link", { name: /^MRR: / });
    expect(await mrr.getAttribute("href")).toBe("/invoices");
    expect(plain(await mrr.getByTestId("kpi-value").textContent())).toMatch(
      /^€\d{1,3}(,\d{3})*\.\d{2}$/,
    );
    expect(await figures.getByText(/^\d+ paying organizations?$/).count()).toBe(1);

    // The top customers: up to ten, each opening its organization, with euro amounts.
    // Not data-row: that marks the rows of a page's list, which other
    // tests wait for after leaving the start page.
    const customers = page
      .getByRole("table", { name: "Top customers", exact: true })
      .locator("tr[data-customer]");
    await customers.first().waitFor();
    const count = await customers.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(10);
    const first = customers.first();
    expect(await first.getByRole("link").getAttribute("href")).toMatch(/^\/organizations\/org_/);
    for (const amount of await first
      .locator("td")
      .allTextContents()
      .then((t) => t.slice(1))) {
      expect(plain(amount)).toMatch(/^-?€\d{1,3}(,\d{3})*\.\d{2}$/);
    }

    // The chart draws the months' bars and the MRR's line.
    const chart = page.getByTestId("chart-revenue");
    expect(await chart.getAttribute("data-points")).toBe("12");
    await chart.locator("path.recharts-curve").first().waitFor();
    await screenshot(page, "dashboard-light");

    // The organizations tile opens the list of all organizations.
    const organizations = figures.getByRole("link", { name: /^Organizations: \d/ });
    const total = Number(
      ((await organizations.getByTestId("kpi-value").textContent()) ?? "").replace(/\D/g, ""),
    );
    expect(total).toBeGreaterThan(0);
    await organizations.click();
    await page.waitForURL(
      (url) => url.pathname === "/organizations" && !url.searchParams.has("status"),
    );
    await rows(page, "Organizations").first().waitFor();
    await page.context().close();
  });
});

describe("a server's charts", () => {
  it("have time ticks at round hours of the display zone over a day", async () => {
    const page = await pageFor(demo.owner);
    await openServerCharts(page);
    const labels = await timeLabels(page, "cpu");
    expect(labels.length).toBeGreaterThanOrEqual(3);
    // Every 3 hours on the clock (Europe/Berlin), a date at midnight.
    for (const label of labels) {
      expect(label).toMatch(/^(\d{2}):00$|^\d{1,2} \w{3}$/);
      const hour = /^(\d{2}):00$/.exec(label)?.[1];
      if (hour) expect(Number(hour) % 3).toBe(0);
    }
    // The headline figures say what they are.
    await page.getByTestId("chart-cpu").getByText("average over the range").waitFor();
    await screenshot(page, "server-charts-light");
    await page.context().close();
  });
});

describe("dark theme and German", () => {
  it("shows the start page and the charts in the dark theme", async () => {
    const page = await pageFor(demo.owner, { colorScheme: "dark" });
    await overviewLoaded(page);
    await screenshot(page, "overview-dark");
    await page.goto("/servers");
    await rows(page, "Servers").first().waitFor();
    await screenshot(page, "servers-badges-dark");
    await openServerCharts(page);
    await screenshot(page, "server-charts-dark");
    await page.context().close();
  });

  it("shows the start page and the charts in German", async () => {
    const page = await pageFor(demo.owner);
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Deutsch" }).click();
    await overviewLoaded(page);
    await section(page, "Server nach Zustand").waitFor();
    await screenshot(page, "overview-de");
    await openServerCharts(page);
    await page.getByTestId("chart-cpu").getByText("Mittel über den Zeitraum").waitFor();
    await screenshot(page, "server-charts-de");
    await page.context().close();
  });
});

describe("on a phone (390 px)", () => {
  it("lists servers by name and health, and fits the start page", async () => {
    const page = await pageFor(demo.owner, { width: 390 });
    await overviewLoaded(page);
    await screenshot(page, "overview-390");

    await page.goto("/servers");
    const first = rows(page, "Servers").first();
    await first.waitFor();
    // The name and the health are on screen; the other columns are not.
    const name = first.locator("td").first().locator("a");
    const health = first.locator("[data-health]");
    await expect.poll(() => health.isVisible()).toBe(true);
    const box = await health.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    expect(await name.isVisible()).toBe(true);
    expect(await first.getByRole("progressbar").count()).toBe(0);
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, "servers-390");

    await openServerCharts(page);
    await page.getByTestId("chart-cpu").scrollIntoViewIfNeeded();
    await screenshot(page, "server-charts-390");
    await page.context().close();
  });
});
