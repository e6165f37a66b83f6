import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// Saved views and the dashboard against the real binary: a view saved on
// the organizations list, with a filter, a sort and a column hidden, is
// applied in a fresh browser (another sign-in) and restores all three;
// shared, another of the licensee's staff applies it, a reseller's staff do
// not see it. A dashboard arranged in one browser is arranged in the next.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A browser of its own (no cookies, no storage), signed in as email. */
async function freshBrowser(email: string): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const headers = (page: Page) => page.locator("thead th").allTextContents();
const viewsMenu = (page: Page) => page.getByRole("group", { name: "Saved views" });

describe("saved views", () => {
  const name = `Suspended, newest first ${Date.now().toString(36)}`;

  it("saves a filtered, sorted view with a column hidden, and restores it in a new browser", async () => {
    const page = await freshBrowser(demo.owner);
    await page.goto(`${baseURL}/organizations?status=SUSPENDED&sort=created_desc`);
    await page.locator("tr[data-row]").first().waitFor();

    await page.getByRole("button", { name: "Columns" }).click();
    await page
      .getByRole("group", { name: "Shown columns" })
      .getByRole("checkbox", { name: "Workspaces" })
      .uncheck();
    await page.keyboard.press("Escape");
    await expect.poll(() => headers(page)).not.toContain("Workspaces");

    await page.getByRole("button", { name: "Views" }).click();
    await viewsMenu(page).getByText("Suspended customers").waitFor();
    await screenshot(page, "views-menu-light");
    await page.getByRole("button", { name: "Save the list as a view…" }).click();
    const dialog = page.getByRole("dialog", { name: "Save view" });
    await dialog.getByLabel(/^Name/).fill(name);
    await screenshot(page, "views-save-light");
    await dialog.getByRole("button", { name: "Save view" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.context().close();

    // Another browser: no address, no stored columns; the server has the view.
    const again = await freshBrowser(demo.owner);
    await again.goto(`${baseURL}/organizations`);
    await again.locator("tr[data-row]").first().waitFor();
    expect(await headers(again)).toContain("Workspaces");
    await again.getByRole("button", { name: "Views" }).click();
    await viewsMenu(again)
      .getByRole("button", { name: `Apply the view ${name}` })
      .click();
    await again.waitForURL(
      (url) =>
        url.searchParams.get("status") === "SUSPENDED" &&
        url.searchParams.get("sort") === "created_desc",
    );
    await expect.poll(() => headers(again)).not.toContain("Workspaces");
    // The filter shows the suspended organizations only.
    const statuses = await again.locator("tr[data-row]").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const row of statuses) expect(row).toContain("Suspended");
    await screenshot(again, "views-applied-light");

    // Shared with the team.
    await again.getByRole("button", { name: "Views" }).click();
    await viewsMenu(again)
      .getByRole("button", { name: `Change the view ${name}` })
      .click();
    const edit = again.getByRole("dialog", { name: "Change view" });
    await edit.getByRole("switch", { name: /Share with my team/ }).check();
    await edit.getByRole("checkbox", { name: /current filters/ }).uncheck();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "hidden" });
    await again.context().close();
  });

  it("shows the shared view to the licensee's other staff, and not to a reseller's", async () => {
    const operator = await freshBrowser(demo.operator);
    await operator.goto(`${baseURL}/organizations`);
    await operator.locator("tr[data-row]").first().waitFor();
    await operator.getByRole("button", { name: "Views" }).click();
    const menu = viewsMenu(operator);
    await menu.getByRole("button", { name: `Apply the view ${name}` }).waitFor();
    // The demo owner's private view is theirs alone.
    expect(await menu.getByText("Suspended customers", { exact: true }).count()).toBe(0);
    expect(await menu.getByRole("button", { name: `Delete the view ${name}` }).count()).toBe(0);
    await screenshot(operator, "views-team-light");
    await menu.getByRole("button", { name: `Apply the view ${name}` }).click();
    await operator.waitForURL((url) => url.searchParams.get("status") === "SUSPENDED");
    await expect.poll(() => headers(operator)).not.toContain("Workspaces");
    await operator.context().close();

    const reseller = await freshBrowser("owner@nordhost.leitstand.test");
    await reseller.goto(`${baseURL}/organizations`);
    await reseller.locator("tr[data-row]").first().waitFor();
    await reseller.getByRole("button", { name: "Views" }).click();
    await viewsMenu(reseller).getByText("No saved views of this list yet.").waitFor();
    expect(await viewsMenu(reseller).getByText(name).count()).toBe(0);
    await reseller.context().close();
  });
});

describe("saved views of the offers", () => {
  it("keeps the offers' state filter and a hidden column, and reopens them", async () => {
    const name = `All offers, no margin ${Date.now().toString(36)}`;
    const page = await freshBrowser(demo.owner);
    await page.goto(`${baseURL}/catalog/offers?state=all`);
    await page.locator("tr[data-row]").first().waitFor();
    await page.getByRole("button", { name: "Columns" }).click();
    await page
      .getByRole("group", { name: "Shown columns" })
      .getByRole("checkbox", { name: "Margin" })
      .uncheck();
    await page.keyboard.press("Escape");
    await expect.poll(() => headers(page)).not.toContain("Margin");
    await page.getByRole("button", { name: "Views" }).click();
    await page.getByRole("button", { name: "Save the list as a view…" }).click();
    const dialog = page.getByRole("dialog", { name: "Save view" });
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByRole("button", { name: "Save view" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.context().close();

    const again = await freshBrowser(demo.owner);
    await again.goto(`${baseURL}/catalog/offers`);
    await again.locator("tr[data-row]").first().waitFor();
    expect(await headers(again)).toContain("Margin");
    await again.getByRole("button", { name: "Views" }).click();
    await viewsMenu(again)
      .getByRole("button", { name: `Apply the view ${name}` })
      .click();
    await again.waitForURL((url) => url.searchParams.get("state") === "all");
    await expect.poll(() => headers(again)).not.toContain("Margin");
    await expect
      .poll(() => again.getByRole("radio", { name: "All offers" }).isChecked())
      .toBe(true);
    await screenshot(again, "views-offers-applied-light");
    await again.context().close();
  });
});

describe("dashboard", () => {
  it("keeps a widget hidden and one moved in the next browser", async () => {
    const page = await freshBrowser(demo.operator);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    const widgets = () =>
      page
        .locator("[data-testid=dashboard] [data-widget]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-widget")));
    await expect.poll(widgets).toContain("recent_changes");
    const before = await widgets();

    await page.getByRole("button", { name: "Customise" }).click();
    const panel = page.getByRole("region", { name: "Arrange your dashboard" });
    await panel.getByRole("switch", { name: "Show Key figures" }).uncheck();
    // By the keyboard: the button is focused and pressed.
    await panel.getByRole("button", { name: "Move Recent changes up" }).focus();
    await page.keyboard.press("Enter");
    await screenshot(page, "dashboard-customise-light");
    await panel.getByRole("button", { name: "Save arrangement" }).click();
    await panel.waitFor({ state: "hidden" });
    await expect.poll(widgets).not.toContain("key_figures");
    const arranged = await widgets();
    expect(arranged).not.toEqual(before.filter((w) => w !== "key_figures"));
    await page.context().close();

    const again = await freshBrowser(demo.operator);
    await again.getByRole("heading", { name: "Dashboard" }).waitFor();
    const kept = () =>
      again
        .locator("[data-testid=dashboard] [data-widget]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-widget")));
    await expect.poll(kept).toEqual(arranged);
    await screenshot(again, "dashboard-arranged-light");

    // Back to the default, for the other tests of the demo.
    await again.getByRole("button", { name: "Customise" }).click();
    await again.getByRole("button", { name: "Reset to default" }).click();
    await expect.poll(kept).toEqual(before);
    await again.context().close();
  });
});
