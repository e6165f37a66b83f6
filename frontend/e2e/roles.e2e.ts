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

async function pageFor(email?: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });

describe("what each role sees", () => {
  it("an owner sees every section and every control", async () => {
    const page = await pageFor(demo.owner);
    // The start page is the overview; the organizations are one click away.
    await nav(page).getByRole("link", { name: "Organizations" }).click();
    await page.waitForURL("**/organizations");
    for (const item of ["Organizations", "Members", "Roles", "Jobs", "Audit log", "Settings"]) {
      await nav(page).getByRole("link", { name: item }).waitFor();
    }
    await expect(page.getByTestId("caller-role").textContent()).resolves.toBe("Owner");
    await page.getByRole("button", { name: "New organization" }).waitFor();

    await nav(page).getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { name: "Members" }).waitFor();
    await page.getByRole("searchbox", { name: "Search" }).fill("operator@demo");
    await page.getByRole("button", { name: "Actions: Oskar Operator" }).click();
    await page.getByRole("menuitem", { name: "Change platform role" }).waitFor();
    await page.getByRole("menuitem", { name: "Grant permission" }).waitFor();
    await page.getByRole("menuitem", { name: "Disable sign-in" }).waitFor();
    await page.context().close();
  });

  it("an operator manages members but not roles or permissions", async () => {
    const page = await pageFor(demo.operator);
    // The start page is the overview; the organizations are one click away.
    await nav(page).getByRole("link", { name: "Organizations" }).click();
    await page.waitForURL("**/organizations");
    await page.getByRole("button", { name: "New organization" }).waitFor();
    await expect(page.getByTestId("caller-role").textContent()).resolves.toBe("Operator");
    await nav(page).getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { name: "Members" }).waitFor();
    await page.getByRole("searchbox", { name: "Search" }).fill("developer@demo");
    await page.getByRole("button", { name: "Actions: Dana Developer" }).click();
    await page.getByRole("menuitem", { name: "Disable sign-in" }).waitFor();
    await expect(
      page.getByRole("menuitem", { name: "Change platform role" }).count(),
    ).resolves.toBe(0);
    await expect(page.getByRole("menuitem", { name: "Grant permission" }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("a developer sees the same pages without any control that changes data", async () => {
    const page = await pageFor(demo.developer);
    // The start page is the overview; the organizations are one click away.
    await nav(page).getByRole("link", { name: "Organizations" }).click();
    await page.waitForURL("**/organizations");
    await expect(page.getByTestId("caller-role").textContent()).resolves.toBe("Developer");
    await page.locator("tr[data-row]").first().waitFor();
    await expect(page.getByRole("button", { name: "New organization" }).count()).resolves.toBe(0);

    await page.locator("tr[data-row]").first().click();
    await page.getByRole("tab", { name: /Overview/ }).waitFor();
    await expect(page.getByRole("button", { name: "Edit" }).count()).resolves.toBe(0);
    await page.getByRole("tab", { name: /Members/ }).click();
    await page.locator("tr[data-row]").first().waitFor();
    await expect(page.getByRole("button", { name: /^Actions:/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Add member" }).count()).resolves.toBe(0);

    await nav(page).getByRole("link", { name: "Members" }).click();
    await page.locator("tr[data-row]").first().waitFor();
    await expect(page.getByRole("button", { name: /^Actions:/ }).count()).resolves.toBe(0);

    await nav(page).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    // No API tokens entry either: developers cannot manage tokens.
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).waitFor();
    await expect(page.getByRole("menuitem", { name: "API tokens" }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("an owner grants an extra permission and disables a member, each with a reason", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/members?q=developer%40demo");
    const actions = page.getByRole("button", { name: "Actions: Dana Developer" });
    await actions.click();
    await page.getByRole("menuitem", { name: "Grant permission" }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Permission/).click();
    await page.getByRole("option", { name: "Change organizations" }).click();
    await dialog.getByLabel(/Reason/).fill("covers support this week");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "hidden" });

    await page.getByRole("link", { name: "Dana Developer" }).click();
    await page.getByText("Change organizations").waitFor();
    await page.getByText("covers support this week", { exact: false }).first().waitFor();

    await page.goto("/members?q=user%40demo");
    await page.getByRole("button", { name: "Actions: Uwe User" }).click();
    await page.getByRole("menuitem", { name: "Disable sign-in" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(/Reason/).fill("account under review");
    await dialog.getByRole("button", { name: "Disable sign-in" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.locator("tr[data-row]", { hasText: "Uwe User" }).getByText("Disabled").waitFor();

    await page.getByRole("button", { name: "Actions: Uwe User" }).click();
    await page.getByRole("menuitem", { name: "Enable sign-in" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(/Reason/).fill("review finished");
    await dialog.getByRole("button", { name: "Enable sign-in" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.locator("tr[data-row]", { hasText: "Uwe User" }).getByText("Enabled").waitFor();
    await page.context().close();
  });

  it("a user sees the no-access page and can sign out", async () => {
    const page = await pageFor(demo.user);
    await page.getByRole("heading", { name: "No access to the administration panel" }).waitFor();
    await screenshot(page, "no-access-light");
    await expect(nav(page).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in?reason=signed-out");
    await page.context().close();
  });

  it("a revoked session sends the user back to sign-in with a message", async () => {
    const page = await pageFor(demo.operator);
    await nav(page).getByRole("link", { name: "Organizations" }).click();
    await page.locator("tr[data-row]").first().waitFor();
    await page.context().clearCookies();
    await nav(page).getByRole("link", { name: "Members" }).click();
    await page.waitForURL("**/sign-in**");
    await page.getByText("Your session has ended. Please sign in again.").waitFor();
    await page.context().close();
  });
});

describe("the roles page", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`shows what each role may do (${scheme} theme)`, async () => {
      const page = await pageFor(demo.operator, scheme);
      await nav(page).getByRole("link", { name: "Roles" }).click();
      await page.waitForURL("**/roles");
      const matrix = page.getByRole("table", { name: "Permissions of each role" });
      const row = matrix.locator("tr", {
        has: page.getByRole("rowheader", { name: /^Run jobs now/ }),
      });
      await row.waitFor();
      const cells = (await row.locator("td").allTextContents()).map((text) =>
        text.includes("Not granted") ? "no" : "yes",
      );
      // Owner, Operator, Developer, User.
      expect(cells).toEqual(["yes", "yes", "no", "no"]);
      await matrix.getByText("Owner").first().waitFor();
      await screenshot(page, `roles-${scheme}`);
      await page.context().close();
    });
  }
});

describe("screenshots", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`of the main pages in the ${scheme} theme`, async () => {
      const page = await pageFor(undefined, scheme);
      await page.goto("/sign-in");
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      await screenshot(page, `sign-in-${scheme}`);

      await signIn(page, demo.owner);
      await nav(page).getByRole("link", { name: "Organizations" }).click();
      await page.locator("tr[data-row]").nth(5).waitFor();
      await screenshot(page, `organizations-${scheme}`);

      await page.locator("tr[data-row]").nth(1).click();
      await page.getByTestId("billing-address").waitFor();
      await screenshot(page, `organization-detail-${scheme}`);

      // A change, so that the audit log shows one with its reason.
      await page.getByRole("button", { name: "Edit" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Postal code").fill(scheme === "light" ? "10117" : "10119");
      await dialog
        .getByLabel("Reason (optional)")
        .fill("Postal code corrected after a customer call");
      await screenshot(page, `organization-edit-${scheme}`);
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await dialog.waitFor({ state: "hidden" });

      await page.getByRole("tab", { name: /Members/ }).click();
      await page.locator("tr[data-row]").first().waitFor();
      await screenshot(page, `organization-members-${scheme}`);

      await nav(page).getByRole("link", { name: "Members" }).click();
      await page.locator("tr[data-row]").nth(3).waitFor();
      await screenshot(page, `members-${scheme}`);

      await page.getByRole("searchbox", { name: "Search" }).fill("owner@demo");
      await page.getByRole("link", { name: "Olivia Owner" }).click();
      await page.getByRole("heading", { name: "Recent activity" }).waitFor();
      await screenshot(page, `member-detail-${scheme}`);

      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("menuitem", { name: "API tokens" }).click();
      await page.getByRole("button", { name: "Create token" }).click();
      await page.getByRole("dialog").getByLabel("Name").fill("billing export");
      await page.getByRole("dialog").getByRole("button", { name: "Create token" }).click();
      await page.getByTestId("token-secret").waitFor();
      await screenshot(page, `api-token-created-${scheme}`);
      await page.getByRole("button", { name: "Close" }).click();

      await nav(page).getByRole("link", { name: "Audit log" }).click();
      await page.getByRole("heading", { name: "Audit log" }).waitFor();
      await page.waitForLoadState("networkidle");
      await screenshot(page, `audit-log-${scheme}`);

      // The same list in German, chosen in the account menu.
      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("menuitem", { name: "Deutsch" }).click();
      await page
        .getByRole("navigation", { name: "Hauptnavigation" })
        .getByRole("link", { name: "Organisationen" })
        .click();
      await page.locator("tr[data-row]").nth(5).waitFor();
      await screenshot(page, `organizations-de-${scheme}`);
      await page.context().close();
    });
  }
});
