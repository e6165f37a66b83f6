import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The global search against the real binary and its demo data: the tests
// find what to search for through the pages (an IP address, an id) and
// open it from the search with Enter alone.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function pageFor(
  email: string,
  options: { colorScheme?: "light" | "dark" } = {},
): Promise<Page> {
  const context = await newContext(browser, baseURL, options);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const searchBox = (page: Page) => page.getByPlaceholder("Search organizations, members, servers…");
const results = (page: Page) => page.getByLabel("Search results");

describe("global search", () => {
  it("finds a server by its IP address and opens it with Enter", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/servers");
    // A server with an IPv4 address, from the list's address column.
    const rows = page.getByRole("table", { name: "Servers", exact: true }).locator("tr[data-row]");
    await rows.first().waitFor();
    const [name, ip] = await rows.evaluateAll((trs, pattern) => {
      for (const tr of trs) {
        const address = [...tr.querySelectorAll("td")]
          .map((td) => td.textContent?.trim() ?? "")
          .find((t) => new RegExp(pattern).test(t));
        if (address) return [tr.querySelector("a")?.textContent?.trim() ?? "", address];
      }
      return ["", ""];
    }, ipv4.source);
    expect(ip).not.toBe("");

    // "/" opens the search anywhere but in a text field.
    await page.goto("/organizations");
    await page.locator("tr[data-row]").first().waitFor();
    await page.keyboard.press("/");
    await searchBox(page).fill(ip);
    const hit = results(page).getByRole("group", { name: "Servers" }).locator("[data-action]", {
      hasText: name,
    });
    await hit.waitFor();
    await expect(hit.textContent()).resolves.toContain(ip);
    // The best hit is selected: the exact address.
    await page.waitForFunction(
      (n) => document.querySelector("[data-action][data-selected]")?.textContent?.includes(n),
      name,
    );
    await screenshot(page, "global-search-ip-light");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname.startsWith("/servers/srv_"));
    await page.getByRole("heading", { name }).first().waitFor();
    await page.context().close();
  });

  it("opens the organization whose id is pasted, with Enter", async () => {
    const page = await pageFor(demo.operator);
    await page.goto("/organizations");
    const row = page.locator("tr[data-row]").first();
    const name = ((await row.locator("a").first().textContent()) ?? "").trim();
    await row.click();
    await page.waitForURL("**/organizations/org_*");
    const id = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(id).toMatch(/^org_[0-9a-z]{26}$/);

    // Cmd/Ctrl+K opens the search; a pasted id finds exactly its object.
    await page.goto("/audit");
    await page.locator("tr[data-row]").first().waitFor();
    await page.keyboard.press("ControlOrMeta+k");
    await searchBox(page).fill(`  ${id} `);
    const hits = results(page).locator("[data-action]");
    await hits.filter({ hasText: name }).waitFor();
    expect(await hits.count()).toBe(1);
    await page.waitForFunction(
      () => document.querySelector("[data-action][data-selected]") !== null,
    );
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/organizations/${id}`);
    await page.getByRole("heading", { name }).first().waitFor();
    await page.context().close();
  });

  it("finds a reseller's own image and opens it; another reseller does not find it", async () => {
    const page = await pageFor("owner@nordhost.leitstand.test");
    await page.goto("/organizations");
    await page.locator("tr[data-row]").first().waitFor();
    await page.keyboard.press("/");
    await searchBox(page).fill("mailcow");
    const images = results(page).getByRole("group", { name: "Images" });
    await images.locator("[data-action]", { hasText: "Nordhost Mailcow" }).waitFor();
    await page.waitForFunction(
      () => document.querySelector("[data-action][data-selected]") !== null,
    );
    await screenshot(page, "global-search-image-light");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname.startsWith("/images/img_"));
    await page.getByRole("heading", { name: "Nordhost Mailcow" }).first().waitFor();
    await page.context().close();

    // Südcloud's owner does not find Nordhost's image.
    const other = await pageFor("owner@suedcloud.leitstand.test");
    await other.goto("/organizations");
    await other.locator("tr[data-row]").first().waitFor();
    await other.keyboard.press("/");
    await searchBox(other).fill("mailcow");
    await results(other).getByText("Nothing found").waitFor();
    await other.context().close();
  });

  it("looks right in dark theme and in German", async () => {
    for (const [name, options, locale] of [
      ["global-search-dark", { colorScheme: "dark" as const }, "en"],
      ["global-search-de", {}, "de"],
    ] as const) {
      const page = await pageFor(demo.owner, options);
      await page.evaluate((l) => window.localStorage.setItem("leitstand.locale", l), locale);
      await page.goto("/organizations");
      await page.locator("tr[data-row]").first().waitFor();
      await page.keyboard.press("ControlOrMeta+k");
      // The search box in either language: the field that took the focus.
      const box = page.locator("input:focus");
      await box.waitFor();
      await box.fill("alpen");
      await page.locator("[data-action][data-selected]").waitFor();
      await screenshot(page, name);
      await page.context().close();
    }
  });
});
