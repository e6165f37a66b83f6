import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  // The organizations every test below finds by the prefix.
  const page = await pageFor();
  for (const name of [longName, ...others]) await createOrganization(page, name);
  await page.context().close();
});
afterAll(async () => {
  await browser?.close();
});

// A name as long as operators meet in the wild, with spaces and without:
// 120 characters in all.
const prefix = "Tabellenprobe";
const longName = `${prefix} ${"Rechenzentrumsbetriebsgesellschaft ".repeat(3)}`.padEnd(120, "x");
const others = [`${prefix} Beta GmbH`, `${prefix} Gamma AG`];

async function pageFor(
  options: { colorScheme?: "light" | "dark"; locale?: string; width?: number } = {},
): Promise<Page> {
  const context = await newContext(browser, baseURL, options);
  const page = await context.newPage();
  if (options.width) await page.setViewportSize({ width: options.width, height: 844 });
  await signIn(page, demo.owner);
  return page;
}

/** createOrganization creates an organization over the API with the page's session. */
async function createOrganization(page: Page, name: string) {
  const res = await page.request.post(
    "/leitstand.admin.v1.OrganizationService/CreateOrganization",
    {
      headers: { "Content-Type": "application/json" },
      data: {
        name,
        billingAddress: {
          line1: "Hauptstraße 1",
          postalCode: "10115",
          city: "Berlin",
          countryCode: "DE",
        },
      },
    },
  );
  expect(res.status(), await res.text()).toBe(200);
}

const rows = (page: Page) => page.locator("tr[data-row]");

/** The page scrolls sideways when its content is wider than the window. */
const pageOverflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe("tables", () => {
  it("cuts a long name with an ellipsis, shows it whole on hover, and keeps the badge whole", async () => {
    const page = await pageFor();
    await page.goto(`/organizations?q=${encodeURIComponent(longName)}`);
    const row = rows(page).filter({ hasText: prefix }).first();
    await row.waitFor();
    expect(longName).toHaveLength(120);

    const link = row.getByRole("link", { name: longName });
    const cut = await link.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(cut.scroll, "the name is cut").toBeGreaterThan(cut.client);
    // The status badge is inside its cell and the window, not squeezed or wrapped.
    const badge = row.locator(".mantine-Badge-root").first();
    const fits = await badge.evaluate((el) => {
      const b = el.getBoundingClientRect();
      const cell = el.closest("td")!.getBoundingClientRect();
      const label = el.querySelector(".mantine-Badge-label") as HTMLElement;
      return {
        inCell: b.left >= cell.left - 0.5 && b.right <= cell.right + 0.5,
        inWindow: b.right <= window.innerWidth,
        whole: label.scrollWidth <= label.clientWidth + 0.5,
        oneLine: b.height < 30,
      };
    });
    expect(fits).toEqual({ inCell: true, inWindow: true, whole: true, oneLine: true });
    expect(await pageOverflows(page), "list overflows").toBe(false);

    await link.hover();
    await expect(page.getByRole("tooltip").textContent()).resolves.toBe(longName);

    // The same name in the detail page's header.
    await link.click();
    const title = page.getByRole("heading", { level: 1 });
    await title.waitFor();
    // The header's actions come in with the page's data: the title is cut
    // once the layout has settled.
    await expect
      .poll(
        () => title.locator("[data-truncated]").evaluate((el) => el.scrollWidth > el.clientWidth),
        {
          message: "title is cut",
          timeout: 5000,
        },
      )
      .toBe(true);
    expect(await pageOverflows(page), "detail overflows").toBe(false);
    await expect(page.getByTestId("record-id").textContent()).resolves.toMatch(/^org_/);
    await page.context().close();
  });

  it("exports the filtered list as CSV, every matching row with a header", async () => {
    const page = await pageFor();
    await page.goto(`/organizations?q=${prefix}`);
    await expect.poll(() => rows(page).count()).toBe(3);
    await expect(page.getByTestId("list-count").textContent()).resolves.toBe("3 organizations");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^organizations-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), "utf8")
      .trimEnd()
      .split("\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 4)).toEqual(["id", "name", "legal_name", "status"]);
    const names = lines.slice(1).map((line) => line.split(",")[1]);
    expect(names.sort()).toEqual([longName, ...others].sort());
    await page.context().close();
  });

  it("closes a side panel with the browser's Back", async () => {
    const page = await pageFor();
    await page.goto("/containers");
    await rows(page).first().waitFor();
    await rows(page).first().click();
    await page.waitForURL(/container=ctr_/);
    const drawer = page.getByRole("dialog");
    await drawer.waitFor();

    // A reload opens the same panel again.
    await page.reload();
    await page.getByRole("dialog").waitFor();

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes("container="));
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe("/containers");
    await rows(page).first().waitFor();
    await page.context().close();
  });

  it("sorts servers by CPU on the server, highest first", async () => {
    const page = await pageFor();
    await page.goto("/servers");
    await rows(page).first().waitFor();
    await page.getByRole("button", { name: "CPU", exact: true }).click();
    await page.waitForURL(/sort=cpu_desc/);
    await expect
      .poll(() => page.getByRole("columnheader", { name: "CPU" }).getAttribute("aria-sort"), {
        timeout: 15_000,
      })
      .toBe("descending");
    const cpu = async () =>
      rows(page)
        .locator('[role="progressbar"][aria-label^="CPU: "]')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute("aria-valuenow"))));
    // The rows follow once the sorted page has arrived.
    const descending = (values: number[]) =>
      values.length > 1 && values.every((v, i) => i === 0 || values[i - 1]! >= v);
    await expect.poll(async () => descending(await cpu()), { timeout: 15_000 }).toBe(true);
    const values = await cpu();
    expect(values[0]).toBeGreaterThan(values[values.length - 1]!);
    await screenshot(page, "tables-servers-by-cpu");
    await page.context().close();
  });

  it("looks right: light, dark, German and on a phone", async () => {
    for (const [name, options, locale] of [
      ["tables-organizations-light", {}, "en"],
      ["tables-organizations-dark", { colorScheme: "dark" as const }, "en"],
      ["tables-organizations-de", {}, "de"],
      ["tables-organizations-390", { width: 390 }, "en"],
    ] as const) {
      const page = await pageFor(options);
      // The language is the one chosen in the account menu, kept in the browser.
      await page.evaluate((l) => window.localStorage.setItem("leitstand.locale", l), locale);
      await page.goto(`/organizations?q=${prefix}`);
      await rows(page).nth(2).waitFor();
      expect(await pageOverflows(page), name).toBe(false);
      await screenshot(page, name);
      await page.context().close();
    }
    const page = await pageFor({ width: 390 });
    await page.goto(`/organizations?q=${encodeURIComponent(longName)}`);
    await rows(page).first().getByRole("link").click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await pageOverflows(page), "detail at 390 px").toBe(false);
    await screenshot(page, "tables-organization-detail-390");
    await page.context().close();
  });
});
