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

/** call calls a procedure of the API (Connect's JSON) as the page's signed-in user. */
async function call<T>(page: Page, procedure: string, body: object = {}): Promise<T> {
  return page.evaluate(
    async ({ procedure, body }) => {
      const res = await fetch(`/${procedure}`, {
        method: "POST",
        headers: { "content-type": "application/json", "connect-protocol-version": "1" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${procedure}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { procedure, body },
  );
}

interface MyOrganization {
  id: string;
  name: string;
  role?: string;
}

/**
 * askForUpgrade has the demo customer ask for the next higher tier of an
 * organization it administers, through the portal API, as a customer's
 * front end would: for a demo that has no request waiting.
 */
async function askForUpgrade(): Promise<void> {
  const page = await pageFor(demo.user);
  const me = await call<{ organizations?: MyOrganization[] }>(
    page,
    "leitstand.portal.v1.AccountService/GetMe",
  );
  const administered = (me.organizations ?? []).filter(
    (o) => o.role === "ORGANIZATION_ROLE_OWNER" || o.role === "ORGANIZATION_ROLE_ADMIN",
  );
  for (const organization of administered) {
    // One request of an organization waits at a time: one waiting will do.
    const { upgradeRequests } = await call<{ upgradeRequests?: { status?: string }[] }>(
      page,
      "leitstand.portal.v1.UpgradeService/ListUpgradeRequests",
      { organizationId: organization.id },
    );
    if ((upgradeRequests ?? []).some((r) => r.status === "UPGRADE_REQUEST_STATUS_PENDING")) {
      await page.context().close();
      return;
    }
    const { options } = await call<{ options?: { planId: string }[] }>(
      page,
      "leitstand.portal.v1.UpgradeService/ListUpgradeOptions",
      { organizationId: organization.id },
    );
    const option = options?.[0];
    if (!option) continue;
    await call(page, "leitstand.portal.v1.UpgradeService/RequestUpgrade", {
      organizationId: organization.id,
      planId: option.planId,
      message: "We grow: please move us up a tier (e2e).",
    });
    await page.context().close();
    return;
  }
  await page.context().close();
  throw new Error("the demo customer administers no organization with a higher tier to ask for");
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const rows = (page: Page) => page.locator("tr[data-row]");

describe("upgrade requests", () => {
  it("approves a pending request with the server's preview; it leaves the queue and the organization's plan change is scheduled", async () => {
    const page = await pageFor(demo.owner);
    // Usage & billing says how many wait, when some do (the demo's do).
    await nav(page).getByRole("link", { name: "Usage & billing" }).click();
    await page.waitForURL("**/accounts");
    await rows(page).first().waitFor();
    const waiting = page.getByTestId("pending-upgrades");
    if (
      await waiting.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      )
    ) {
      expect(await waiting.textContent()).toMatch(/^\d+ upgrade requests? waits?$/);
      await screenshot(page, "accounts-pending-upgrades-light");
    }

    await nav(page).getByRole("link", { name: "Upgrade requests" }).click();
    await page.waitForURL("**/accounts/upgrades");
    await page.getByRole("heading", { name: "Upgrade requests" }).waitFor();
    // The queue, or that none waits.
    await rows(page).first().or(page.getByText("No upgrade request waits.")).waitFor();
    if ((await rows(page).count()) === 0) {
      await askForUpgrade();
      await page.reload();
    }
    await rows(page).first().waitFor();
    await screenshot(page, "upgrade-requests-light");

    // The oldest request: its organization and the tier it asks for.
    const row = rows(page).first();
    const link = row.locator("td:first-child a").first();
    const organization = (await link.textContent()) ?? "";
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/organizations\/org_[0-9a-z]{26}$/);
    const plan = (await row.locator("[data-tier-change] [data-to]").textContent()) ?? "";
    expect(plan).not.toBe("");
    const queued = await rows(page).count();

    await row.getByRole("button", { name: `Actions: ${organization}` }).click();
    await page.getByRole("menuitem", { name: "Approve…" }).click();
    const dialog = page.getByRole("dialog", { name: `Approve ${plan} for ${organization}` });
    await dialog.waitFor();
    // From the next billing date (the dialog's default), the caps at once.
    const start = dialog.getByRole("combobox", { name: /^Pays the new tier from/ });
    await expect.poll(() => start.inputValue()).toMatch(/\(the next billing date\)$/);
    const date = (await start.inputValue()).replace(" (the next billing date)", "");
    await dialog.getByRole("checkbox", { name: /caps at once/ }).check();
    await dialog.getByLabel(/^Note/).fill("Welcome to the higher tier (e2e).");

    // The effect of exactly these inputs, as the server computed it.
    const preview = dialog.locator("[data-testid='upgrade-preview'][data-current]");
    const mrr = preview.locator("[data-effect='mrr']");
    await mrr.locator("[data-after]").waitFor();
    expect(await mrr.textContent()).toMatch(/^MRR:€[\d,]+\.\d{2} → €[\d,]+\.\d{2}/);
    expect(await preview.locator("[data-effect='next']").textContent()).toMatch(
      /^(Next invoice \(on \d{1,2} \w{3} \d{4}\):|No next invoice)/,
    );
    await screenshot(page, "upgrade-approve-light");
    await dialog.getByRole("button", { name: "Approve upgrade" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${organization} moves to ${plan} on ${date}.`).waitFor();

    // It leaves the queue.
    await expect
      .poll(() =>
        rows(page)
          .filter({ has: page.locator(`a[href="${href}"]`) })
          .count(),
      )
      .toBe(0);
    expect(await rows(page).count()).toBe(queued - 1);

    // Among the approved ones, with the decision.
    await page.locator("label", { hasText: /^Approved$/ }).click();
    await page.waitForURL(/status=APPROVED/);
    const approved = rows(page)
      .filter({ has: page.locator(`a[href="${href}"]`) })
      .first();
    await approved.waitFor();
    expect(await approved.locator("[data-decision]").textContent()).toContain(
      `Caps at once, price from ${date}`,
    );
    await screenshot(page, "upgrade-requests-approved-light");

    // The organization's Contract tab shows the plan change it scheduled.
    await page.goto(`${href}?tab=contract`);
    const scheduled = page.getByTestId("scheduled-transition");
    await scheduled.getByText(`Moves to ${plan} on ${date}`).waitFor();
    expect(await scheduled.textContent()).toContain("Welcome to the higher tier (e2e).");
    await screenshot(page, "upgrade-scheduled-contract-light");
    await page.context().close();
  });
});
