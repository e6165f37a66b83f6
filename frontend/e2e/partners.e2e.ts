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
const rows = (page: Page) => page.locator("tr[data-row]");

/** call calls a procedure of the admin API (Connect's JSON) as the page's signed-in user. */
async function call<T>(page: Page, method: string, body: object = {}): Promise<T> {
  return page.evaluate(
    async ({ method, body }) => {
      const res = await fetch(`/leitstand.admin.v1.${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", "connect-protocol-version": "1" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, body },
  );
}

/** cents reads an amount as the page shows it ("€1,234.50", "-€9.90") in cents. */
function cents(text: string): number {
  const negative = text.trim().startsWith("-");
  const digits = text.replace(/[^\d]/g, "");
  return (negative ? -1 : 1) * Number(digits || "0");
}

describe("partners", () => {
  it("opens a partner's ledger and records a payout of what it is owed", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Partners" }).click();
    await page.waitForURL("**/accounts/partners");
    await page.getByRole("heading", { name: "Partners" }).waitFor();
    await rows(page).first().waitFor();
    await screenshot(page, "partners-light");

    // A partner that is owed something.
    const owed = rows(page)
      .filter({ has: page.locator("[data-amount='balance']:not(:text-is('€0.00'))") })
      .first();
    await owed.waitFor();
    const link = owed.locator("td:first-child a").first();
    const name = (await link.textContent()) ?? "";
    const balance = cents((await owed.locator("[data-amount='balance']").textContent()) ?? "");
    expect(balance).toBeGreaterThan(0);
    await link.click();
    await page.waitForURL(/\/accounts\/partners\/org_[0-9a-z]{26}$/);
    await page.getByRole("heading", { name }).waitFor();
    expect(cents((await page.getByTestId("sum-balance").textContent()) ?? "")).toBe(balance);

    // Its ledger: commissions on paid invoices, each with its invoice.
    await page.getByRole("tab", { name: "Ledger" }).click();
    await page.waitForURL(/tab=ledger/);
    await rows(page).first().waitFor();
    const kinds = await rows(page)
      .locator("[data-kind]")
      .evaluateAll((badges) => badges.map((b) => b.getAttribute("data-kind")));
    expect(kinds).toContain("COMMISSION");
    const commission = rows(page)
      .filter({ has: page.locator("[data-kind='COMMISSION']") })
      .first();
    expect(await commission.locator("a[data-invoice]").getAttribute("href")).toMatch(
      /^\/invoices\/inv_[0-9a-z]{26}$/,
    );
    expect(await commission.locator("[data-amount]").textContent()).toMatch(/^\+€[\d,]+\.\d{2}$/);
    const lines = await rows(page).count();
    await screenshot(page, "partner-ledger-light");

    // A payout of the whole balance (the dialog's default).
    await page.getByRole("button", { name: "Record payout…" }).click();
    const dialog = page.getByRole("dialog", { name: `Payout to ${name}` });
    await dialog.waitFor();
    const amount = dialog.getByRole("textbox", { name: /^Amount/ });
    expect(cents(await amount.inputValue())).toBe(balance);
    const reference = `GS-E2E-${Date.now()}`;
    await dialog.getByRole("textbox", { name: "Reference" }).fill(reference);
    await dialog.getByRole("textbox", { name: "Note" }).fill("Commissions so far (e2e)");
    await screenshot(page, "partner-payout-light");
    await dialog.getByRole("button", { name: "Record payout" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`to ${name} recorded.`).waitFor();

    // The payout in the ledger, the latest first, and nothing owed.
    await expect.poll(() => rows(page).count()).toBe(lines + 1);
    const payout = rows(page).first();
    expect(await payout.locator("[data-kind]").getAttribute("data-kind")).toBe("PAYOUT");
    expect(await payout.textContent()).toContain(`Reference: ${reference}`);
    expect(cents((await payout.locator("[data-amount]").textContent()) ?? "")).toBe(-balance);
    await expect
      .poll(async () => cents((await page.getByTestId("sum-balance").textContent()) ?? ""))
      .toBe(0);
    expect(await page.getByRole("button", { name: "Record payout…" }).isDisabled()).toBe(true);
    await screenshot(page, "partner-ledger-paid-light");
    await page.context().close();
  });

  it("records which partner referred an account; it is among the partner's referrals", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/accounts?class=PAYING");
    await rows(page).first().waitFor();
    const { partners } = await call<{ partners?: { organizationId: string; name: string }[] }>(
      page,
      "PartnerService/ListPartners",
    );
    const partner = partners?.[0];
    expect(partner, "a demo partner").toBeDefined();
    const { referrals } = await call<{ referrals?: { organizationId: string }[] }>(
      page,
      "PartnerService/ListReferrals",
      { partnerId: partner!.organizationId },
    );
    const taken = new Set([
      partner!.organizationId,
      ...(referrals ?? []).map((r) => r.organizationId),
    ]);

    // An account the partner did not refer (nor the partner itself).
    const links = rows(page).locator("td:first-child a");
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => !taken.has(h.split("/").pop() ?? ""));
    expect(href, "an account the partner did not refer").toBeDefined();
    const row = rows(page).filter({ has: page.locator(`a[href="${href}"]`) });
    const name = (await row.locator("td:first-child a").first().textContent()) ?? "";

    await row.getByRole("button", { name: `Actions: ${name}` }).click();
    await page.getByRole("menuitem", { name: "Referred by…" }).click();
    const dialog = page.getByRole("dialog", { name: `Referral of ${name}` });
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: "Referred by" }).click();
    await page.getByRole("option", { name: partner!.name, exact: true }).click();
    await dialog.getByLabel(/^Reason/).fill("Came through the partner (e2e)");
    await screenshot(page, "account-referral-light");
    await dialog.getByRole("button", { name: "Save referral" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${name} was referred by ${partner!.name}.`).waitFor();

    // The partner's referrals show it.
    await page.goto(`/accounts/partners/${partner!.organizationId}`);
    await page.getByRole("heading", { name: partner!.name }).waitFor();
    await rows(page)
      .filter({ has: page.locator(`a[href="${href}"]`) })
      .waitFor();
    await expect
      .poll(() => page.getByRole("tab", { name: /^Referrals/ }).textContent())
      .toBe(`Referrals (${(referrals ?? []).length + 1})`);
    await screenshot(page, "partner-referrals-light");
    await page.context().close();
  });
});
