import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The resellers against the real binary and its demo data: the licensee's
// owner creates a reseller of their own (the demo resellers stay as they
// are for the other tests), decides the two waiting sign-ups, and Nordhost's
// owner sees only Nordhost's world.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const nordhostOwner = "owner@nordhost.leitstand.test";

async function pageFor(email: string): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const rows = (page: Page) => page.locator("tr[data-row]");

/** decide opens a sign-up's row menu and confirms the action with the reason given. */
async function decide(page: Page, organization: string, action: string, reason: string) {
  const row = rows(page).filter({ hasText: organization });
  await row.getByRole("button", { name: `Actions: ${organization}` }).click();
  await page.getByRole("menuitem", { name: `${action}…` }).click();
  const dialog = page.getByRole("dialog", { name: `${action} ${organization}?` });
  await dialog.waitFor();
  if (reason) await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
}

describe("resellers", () => {
  it("creates a reseller, grants a capability, shows its invoicing details, suspends and resumes it", async () => {
    const page = await pageFor(demo.owner);
    const run = Date.now().toString(36);
    const name = `Probehost ${run} GmbH`;
    const handle = `probe-${run}`;

    await nav(page).getByRole("link", { name: "Billing entities" }).click();
    await page.waitForURL("**/billing-entities");
    await rows(page).filter({ hasText: "Nordhost Partner GmbH" }).waitFor();
    await expect(rows(page).filter({ hasText: "Südcloud Reseller AG" }).count()).resolves.toBe(1);
    await screenshot(page, "billing-entities-light");

    await page.getByRole("button", { name: "New reseller…" }).click();
    const create = page.getByRole("dialog", { name: "New reseller…" });
    await create.getByLabel(/^Name/).fill(name);
    await create.getByLabel(/^Sign-up handle/).fill(handle);
    await create.getByRole("checkbox", { name: /^Manage customers/ }).check();
    await create.getByLabel(/^Reason/).fill("Browser test");
    await screenshot(page, "billing-entity-new-light");
    await create.getByRole("button", { name: "Create reseller" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/billing-entities/be_"));
    await page.getByRole("heading", { name }).waitFor();

    // Grant a second capability.
    await page.getByRole("button", { name: "Edit…" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await edit.getByRole("checkbox", { name: /^Issue invoices/ }).check();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "hidden" });
    await page.getByText("Issue invoices").first().waitFor();
    await page.getByText("Manage customers").first().waitFor();
    await screenshot(page, "billing-entity-detail-light");

    // Its invoicing details are the settings' sections, for this reseller.
    await page.getByRole("tab", { name: "Invoicing" }).click();
    await page.getByRole("heading", { name: "Company" }).waitFor();
    await screenshot(page, "billing-entity-invoicing-light");

    // Suspend it with a reason, and resume it.
    await page.getByRole("button", { name: `Actions: ${name}` }).click();
    await page.getByRole("menuitem", { name: "Suspend…" }).click();
    const suspend = page.getByRole("dialog", { name: `Suspend ${name}?` });
    await suspend.getByLabel(/^Reason/).fill("Browser test: suspended");
    await screenshot(page, "billing-entity-suspend-light");
    await suspend.getByRole("button", { name: "Suspend reseller" }).click();
    await suspend.waitFor({ state: "hidden" });
    await page.getByText("Suspended: its staff cannot sign in.").waitFor();
    await page.getByRole("button", { name: "Resume…" }).click();
    const resume = page.getByRole("dialog", { name: `Resume ${name}?` });
    await resume.getByLabel(/^Reason/).fill("Browser test: resumed");
    await resume.getByRole("button", { name: "Resume reseller" }).click();
    await resume.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: `Actions: ${name}` }).waitFor();
    await page.context().close();
  });

  it("approves the licensee's waiting sign-up and rejects Nordhost's with a reason", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Sign-ups" }).click();
    await page.waitForURL("**/organizations/signups");
    await rows(page).filter({ hasText: "Bergwacht IT Services" }).waitFor();
    await rows(page).filter({ hasText: "Deichgraf Webdesign" }).waitFor();
    await screenshot(page, "signups-light");

    await decide(page, "Bergwacht IT Services", "Approve", "");
    await rows(page).filter({ hasText: "Bergwacht IT Services" }).waitFor({ state: "detached" });

    const reason = "We could not confirm a business address; please sign up again with one.";
    const row = rows(page).filter({ hasText: "Deichgraf Webdesign" });
    await row.getByRole("button", { name: "Actions: Deichgraf Webdesign" }).click();
    await page.getByRole("menuitem", { name: "Reject…" }).click();
    const dialog = page.getByRole("dialog", { name: "Reject Deichgraf Webdesign?" });
    await dialog.getByText(/The applicant reads this reason in the portal/).waitFor();
    await dialog.getByLabel(/^Reason/).fill(reason);
    await screenshot(page, "signup-reject-light");
    await dialog.getByRole("button", { name: "Reject", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });

    // Decided: under Rejected with the reason, under Approved the other.
    await page.locator('label[for$="-REJECTED"]').click();
    await page.waitForURL((url) => url.search.includes("state=REJECTED"));
    await rows(page)
      .filter({ hasText: "Deichgraf Webdesign" })
      .filter({ hasText: reason })
      .waitFor();
    await page.locator('label[for$="-APPROVED"]').click();
    await rows(page).filter({ hasText: "Bergwacht IT Services" }).waitFor();
    await screenshot(page, "signups-approved-light");

    // The approved organization opens from its row.
    await rows(page).filter({ hasText: "Bergwacht IT Services" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/organizations/org_"));
    await page.getByRole("heading", { name: "Bergwacht IT Services" }).waitFor();
    await page.context().close();
  });

  it("shows Nordhost's owner only Nordhost", async () => {
    // A licensee's connection, to look for in the reseller's view.
    const licensee = await pageFor(demo.owner);
    await licensee.goto("/connections");
    await rows(licensee).first().waitFor();
    const connection = ((await rows(licensee).first().locator("td").first().textContent()) ?? "")
      .trim()
      .split("\n")[0]!;
    expect(connection).not.toBe("");
    await licensee.context().close();

    const page = await pageFor(nordhostOwner);
    await nav(page).getByRole("link", { name: "Billing entities" }).click();
    await page.waitForURL("**/billing-entities");
    await rows(page).first().waitFor();
    await expect(rows(page).count()).resolves.toBe(1);
    await expect(rows(page).first().textContent()).resolves.toContain("Nordhost Partner GmbH");
    await expect(page.getByRole("button", { name: "New reseller…" }).count()).resolves.toBe(0);
    await screenshot(page, "billing-entities-reseller-light");

    // Their own page, without the licensee's actions.
    await rows(page).first().click();
    await page.getByRole("heading", { name: "Nordhost Partner GmbH" }).waitFor();
    await page.getByText("Only the licensee's owners change a reseller.").waitFor();
    await expect(page.getByRole("button", { name: "Edit…" }).count()).resolves.toBe(0);

    // The platform's connections are not theirs.
    const connectionsLink = nav(page).getByRole("link", { name: "Connections" });
    if ((await connectionsLink.count()) > 0) {
      await page.goto("/connections");
      await page.getByRole("heading", { name: "Connections" }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await expect(page.getByText(connection, { exact: true }).count()).resolves.toBe(0);
    }
    await screenshot(page, "connections-reseller-light");

    // Südcloud's customer is neither in the list nor in the search.
    await page.goto("/organizations?q=Neckarwerk");
    await page.getByRole("heading", { name: "Organizations" }).first().waitFor();
    await page.waitForLoadState("networkidle");
    await expect(rows(page).filter({ hasText: "Neckarwerk" }).count()).resolves.toBe(0);
    await page.goto("/organizations");
    await rows(page).first().waitFor();
    await page.keyboard.press("/");
    await page.getByPlaceholder("Search organizations, members, servers…").fill("Neckarwerk");
    await page.getByLabel("Search results").getByText("Nothing found").waitFor();
    await screenshot(page, "search-reseller-light");
    await page.context().close();
  });
});
