import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";
import { startServer, type RunningServer } from "./server";

// The actions of an account's row on Usage & billing, against the real
// binary: a tier change refused without TIERS_CHANGE and made with it, a
// reverse trial that reverts once the clock has passed its day (a server of
// its own, started again 32 days ahead), and the offline billing of a
// managed account. The demo's accounts change with the day it is seeded on:
// the tests pick theirs by what the page shows.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function pageFor(email: string, base = baseURL): Promise<Page> {
  const context = await newContext(browser, base, { colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const rows = (page: Page) => page.locator("tr[data-row]");

/** api calls a method of the admin API as the page's signed-in user, over Connect's JSON. */
async function api<T>(
  page: Page,
  method: string,
  body: object = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, body }) => {
      const res = await fetch(`/leitstand.admin.v1.${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", "connect-protocol-version": "1" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    { method, body },
  );
}

interface Plan {
  id: string;
  name: string;
  rank?: number;
  retired?: boolean;
}

/** The plans one may move to, the highest tier last. */
async function plans(page: Page): Promise<Plan[]> {
  const { body } = await api<{ plans: Plan[] }>(page, "PlanService/ListPlans", { pageSize: 500 });
  return body.plans.filter((p) => !p.retired).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
}

/** An account's row: its name, its organization's page and its id. */
async function accountOf(row: Locator) {
  const link = row.locator("td:first-child a").first();
  const name = (await link.textContent()) ?? "";
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/organizations\/org_[0-9a-z]{26}$/);
  return { name, href, id: href.split("/").pop()! };
}

/** The row of one account, found by its name. */
async function rowOf(page: Page, name: string): Promise<Locator> {
  await page.goto(`/accounts?q=${encodeURIComponent(name)}`);
  const row = rows(page).filter({ has: page.getByRole("link", { name, exact: true }) });
  await row.waitFor();
  return row;
}

/** Opens an action of an account's row menu and returns its dialog. */
async function openAction(page: Page, row: Locator, name: string, item: string, title: string) {
  await row.getByRole("button", { name: `Actions: ${name}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  return dialog;
}

/** The effect the server computed for exactly the dialog's inputs. */
async function currentEffect(dialog: Locator) {
  const preview = dialog.locator("[data-testid='effect-preview'][data-current]");
  await preview.waitFor();
  return {
    next: (await preview.locator("[data-effect='next']").textContent()) ?? "",
    mrr: (await preview.locator("[data-effect='mrr']").textContent()) ?? "",
  };
}

/** The due date of an invoice, as the pages write it, read through the API. */
async function invoiceDue(page: Page, number: string): Promise<string> {
  const { body } = await api<{ invoices: { number: string; dueDate: string }[] }>(
    page,
    "InvoiceService/ListInvoices",
    { query: number },
  );
  const due = body.invoices.find((i) => i.number === number)?.dueDate ?? "";
  const [y, m, d] = due.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

describe("account actions", () => {
  it("refuses a tier change without TIERS_CHANGE and schedules one with it, previewed", async () => {
    // An operator does not hold TIERS_CHANGE: no Change plan… on the row…
    const operator = await pageFor(demo.operator);
    await operator.goto("/accounts?class=PAYING");
    const row = rows(operator).last();
    await row.waitFor();
    const account = await accountOf(row);
    await row.getByRole("button", { name: `Actions: ${account.name}` }).click();
    await operator.getByRole("menuitem", { name: "Discount…" }).waitFor();
    await expect(operator.getByRole("menuitem", { name: "Change plan…" }).count()).resolves.toBe(0);
    await operator.keyboard.press("Escape");

    // …and the API refuses the move itself.
    const choices = await plans(operator);
    const refused = await api<{ code: string }>(operator, "ContractService/ScheduleTransition", {
      organizationId: account.id,
      planId: choices[0]!.id,
      reason: "e2e: not allowed",
      preview: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("permission_denied");
    await operator.context().close();

    // The owner holds it: the same account, its move previewed, then scheduled.
    const owner = await pageFor(demo.owner);
    const ownRow = await rowOf(owner, account.name);
    const dialog = await openAction(
      owner,
      ownRow,
      account.name,
      "Change plan…",
      `Change the plan of ${account.name}`,
    );
    await dialog.getByRole("combobox", { name: /^New plan/ }).click();
    const option = owner.getByRole("option").first();
    const planLabel = (await option.textContent()) ?? "";
    const plan = planLabel.split(" · ")[0]!;
    await option.click();
    expect(await dialog.getByRole("combobox", { name: /^Takes effect on/ }).inputValue()).toMatch(
      /^Next billing date \(\d{1,2} \w{3} \d{4}\)$/,
    );
    await dialog.getByLabel("Reason").fill("e2e: needs another tier");
    const effect = await currentEffect(dialog);
    expect(effect.next).toMatch(/^(Next invoice \(on \d{1,2} \w{3} \d{4}\):€|No next invoice)/);
    expect(effect.mrr).toMatch(/^MRR \(from \d{1,2} \w{3} \d{4}\):-?€[\d,]+\.\d{2} → /);
    await screenshot(owner, "account-change-plan-light");
    await dialog.getByRole("button", { name: "Schedule plan change" }).click();
    await dialog.waitFor({ state: "hidden" });
    await owner.getByText(new RegExp(`^Plan change to ${plan} scheduled for `)).waitFor();

    // The organization's Contract tab shows the scheduled move with its reason.
    await owner.goto(`${account.href}?tab=contract`);
    const scheduled = owner.getByTestId("scheduled-transition");
    await scheduled.waitFor();
    expect(await scheduled.textContent()).toContain(`Moves to ${plan} on `);
    expect(await scheduled.textContent()).toContain("e2e: needs another tier");
    await screenshot(owner, "account-change-plan-scheduled-light");
    await owner.context().close();
  });

  it("grants a reverse trial that reverts once the clock has passed its day", async () => {
    // A server of its own: it is stopped and started again, 32 days ahead.
    const dataDir = mkdtempSync(join(tmpdir(), "leitstand-e2e-trial-"));
    let server: RunningServer | undefined;
    try {
      server = await startServer({ dataDir });
      let page = await pageFor(demo.owner, server.baseURL);

      // A paying account below the top tier (the top one has nothing to try).
      const top = (await plans(page)).at(-1)!;
      await page.goto("/accounts?class=PAYING");
      await rows(page).first().waitFor();
      const row = rows(page)
        .filter({ hasNot: page.locator("td:nth-child(3)", { hasText: top.name }) })
        .filter({ hasText: "Active" })
        .first();
      const account = await accountOf(row);
      const dialog = await openAction(
        page,
        row,
        account.name,
        "Reverse trial…",
        `Reverse trial for ${account.name}`,
      );
      await dialog.getByLabel("Reason").fill("e2e: wants to try the top tier");
      const effect = await currentEffect(dialog);
      // The invoices stay on its own plan: the MRR does not move.
      expect(effect.mrr).toMatch(/\(€0\.00\)$/);
      await screenshot(page, "account-reverse-trial-light");
      await dialog.getByRole("button", { name: "Grant reverse trial" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByText(new RegExp(`^Reverse trial of ${top.name} granted until `)).waitFor();

      // The account is TRIAL now, and its menu offers to end the trial instead.
      let trialRow = await rowOf(page, account.name);
      await expect
        .poll(() => trialRow.locator("[data-class]").getAttribute("data-class"))
        .toBe("TRIAL");
      await trialRow.getByRole("button", { name: `Actions: ${account.name}` }).click();
      await page.getByRole("menuitem", { name: "End trial…" }).waitFor();
      await expect(page.getByRole("menuitem", { name: "Reverse trial…" }).count()).resolves.toBe(0);
      await page.keyboard.press("Escape");
      const listed = await api<{ accounts: { trial?: { id: string } }[] }>(
        page,
        "AccountService/ListAccounts",
        { query: account.name },
      );
      const trialId = listed.body.accounts[0]?.trial?.id ?? "";
      expect(trialId).toMatch(/^trl_[0-9a-z]{26}$/);
      await page.context().close();

      // The same data, 32 days later: the trial's month is over.
      await server.stop();
      server = await startServer({ dataDir, args: ["--clock-offset", "768h"] });
      page = await pageFor(demo.owner, server.baseURL);

      // The trial-reverts job reverts it: hourly, and at start where it missed a slot it
      // had run for before; the demo's jobs ran by hand, so it is run now from the Jobs page.
      const events = async () => {
        const { body } = await api<{ auditEvents?: { action: string }[] }>(
          page,
          "AuditService/ListAuditEvents",
          { pageSize: 50, filter: { targetId: trialId } },
        );
        return (body.auditEvents ?? []).map((e) => e.action);
      };
      const revertedBy = (actions: string[]) => actions.some((a) => a.includes("trial_reverts"));
      if (!revertedBy(await events())) {
        await page.goto("/jobs");
        await page.getByRole("button", { name: "Run now: Trial Reverts" }).click();
        const run = page.getByRole("dialog", { name: "Run Trial Reverts now?" });
        await run.getByLabel("Reason (optional)").fill("e2e: the trial's month is over");
        await screenshot(page, "account-trial-reverts-run-light");
        await run.getByRole("button", { name: "Run now" }).click();
        await run.waitFor({ state: "hidden" });
      }
      await expect.poll(async () => revertedBy(await events()), { timeout: 30_000 }).toBe(true);

      // The rollup shows it on its own plan again…
      trialRow = await rowOf(page, account.name);
      await expect
        .poll(() => trialRow.locator("[data-class]").getAttribute("data-class"))
        .not.toBe("TRIAL");
      await trialRow.getByRole("button", { name: `Actions: ${account.name}` }).click();
      await page.getByRole("menuitem", { name: "Reverse trial…" }).waitFor();
      await page.keyboard.press("Escape");
      await screenshot(page, "account-trial-reverted-light");

      // Its history: the month of the trial was TRIAL, this one is not.
      await trialRow.getByRole("button", { name: `12-month history of ${account.name}` }).click();
      const drawer = page.getByRole("dialog", { name: `12-month history of ${account.name}` });
      const months = drawer.locator("tr[data-month]");
      await months.first().waitFor();
      const classes = await months.locator("td:nth-child(2)").allTextContents();
      expect(classes.at(-1)).not.toBe("Trial");
      expect(classes.at(-2)).toBe("Trial");
      await screenshot(page, "account-trial-reverted-history-light");

      // …and the audit trail has the trial granted, then reverted by the job.
      await page.goto(`/audit?targetId=${trialId}`);
      await expect.poll(() => rows(page).count()).toBe(2);
      const trail = (await rows(page).allTextContents()).join("\n");
      expect(trail).toMatch(/Granted reverse trial/);
      expect(trail).toMatch(/Job: trial reverts/);
      await screenshot(page, "account-trial-reverted-audit-light");
      await page.context().close();
    } finally {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 360_000);

  it("bills a managed account offline: an invoice issued, then marked paid", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/accounts?class=PAYING");
    const first = rows(page).first();
    await first.waitFor();
    const account = await accountOf(rows(page).nth(1));
    let row = await rowOf(page, account.name);

    // Managed, by the demo's owner.
    let dialog = await openAction(
      page,
      row,
      account.name,
      "Managed billing…",
      `Managed billing of ${account.name}`,
    );
    await dialog.getByRole("radio", { name: /^Managed: billed offline/ }).check();
    await dialog.getByRole("combobox", { name: /^Account manager/ }).click();
    const manager = page.getByRole("option", { name: new RegExp(`\\(${demo.owner}\\)$`) });
    const managerName = ((await manager.textContent()) ?? "").replace(/ \(.*\)$/, "");
    await manager.click();
    await dialog.getByLabel("Reason").fill("e2e: pays by invoice only");
    await screenshot(page, "account-managed-billing-light");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${account.name} is billed offline, managed by ${managerName}.`).waitFor();

    // The row says so, with its manager.
    await expect.poll(() => row.locator("[data-class]").getAttribute("data-class")).toBe("MANAGED");
    await row.getByRole("link", { name: `Manager: ${managerName}` }).waitFor();
    // The menu's button kept the focus at the table's right end: back to its start.
    await row.locator("td").first().scrollIntoViewIfNeeded();
    await screenshot(page, "account-managed-row-light");

    // Its menu: the offline billing after the account's own actions.
    await row.getByRole("button", { name: `Actions: ${account.name}` }).click();
    const menu = page.getByRole("menu");
    await menu.getByRole("menuitem", { name: "Issue invoice…" }).waitFor();
    expect(await menu.getByRole("menuitem").allTextContents()).toEqual(
      expect.arrayContaining(["Managed billing…", "Issue invoice…", "Payment link…", "Mark paid…"]),
    );
    await screenshot(page, "account-actions-menu-light");
    await page.keyboard.press("Escape");

    // An invoice issued from the row, its totals the server's.
    dialog = await openAction(
      page,
      row,
      account.name,
      "Issue invoice…",
      `Issue an invoice to ${account.name}`,
    );
    const line = dialog.getByRole("group", { name: "Line 1" });
    await line.getByLabel(/^Description/).fill("Betreuung (e2e)");
    await line.getByLabel(/^Unit price/).fill("120");
    await dialog.getByLabel("Reason").fill("e2e: managed, billed offline");
    const totals = dialog.getByTestId("invoice-totals");
    await totals.waitFor();
    await expect.poll(() => totals.textContent()).toMatch(/Gross \(amount due\)€[\d,]+\.\d{2}/);
    const gross = /Gross \(amount due\)(€[\d,]+\.\d{2})/.exec(
      (await totals.textContent()) ?? "",
    )![1]!;
    await screenshot(page, "account-issue-invoice-light");
    await dialog.getByRole("button", { name: "Issue invoice" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Under the number range of the account's billing entity: the licensee's
    // RE-, or a reseller's own.
    const issued = page.getByText(/^[A-Z]+-\d{4}-\d{6} issued\.$/);
    await issued.waitFor();
    const number = ((await issued.textContent()) ?? "").replace(" issued.", "");

    // Marked paid: the latest open invoice is the one issued, its amount what is open.
    row = await rowOf(page, account.name);
    dialog = await openAction(
      page,
      row,
      account.name,
      "Mark paid…",
      `Record a payment from ${account.name}`,
    );
    const invoice = dialog.getByRole("combobox", { name: /^Invoice/ });
    await invoice.waitFor();
    expect(await invoice.inputValue()).toBe(
      `${number} · ${gross} open · due ${await invoiceDue(page, number)}`,
    );
    expect(await dialog.getByRole("textbox", { name: /^Amount received/ }).inputValue()).toBe(
      gross.replace(/[€,]/g, ""),
    );
    await dialog.getByRole("textbox", { name: /^Reference/ }).fill(number);
    await dialog.getByLabel("Reason").fill("e2e: transfer received");
    await dialog
      .locator("[data-testid='record-outcome'][data-outcome='paid']:not([data-stale])")
      .waitFor();
    await screenshot(page, "account-mark-paid-light");
    await dialog.getByRole("button", { name: "Record payment" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`Payment of ${gross} recorded for ${number}.`).waitFor();

    // The invoice is paid.
    await page.goto(`/invoices?q=${number}`);
    const invoiceRow = rows(page).filter({ hasText: number });
    await invoiceRow.getByText("Paid", { exact: true }).waitFor();
    await invoiceRow.getByRole("link", { name: number }).click();
    await page.waitForURL(/\/invoices\/inv_[0-9a-z]{26}$/);
    // Its status badge: PAID.
    await page.locator("[data-status='2']").first().waitFor();
    await screenshot(page, "account-managed-invoice-paid-light");
    await page.context().close();
  });

  it("offers a workspace's own actions: a discount for it, previewed, and another admin", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/accounts?class=PAYING");
    await rows(page).first().waitFor();
    // An account with workspaces (the first of the list is left to the discount of accounts.e2e).
    const row = rows(page).nth(2);
    const account = await accountOf(row);
    await row.getByRole("button", { name: `Show the workspaces of ${account.name}` }).click();
    const workspaces = page.getByRole("region", { name: `Workspaces of ${account.name}` });
    const workspace = workspaces.locator("tr[data-workspace]").first();
    await workspace.waitFor();
    const name = (await workspace.locator("td").first().textContent()) ?? "";
    const menu = workspace.getByRole("button", { name: `Actions: ${name} of ${account.name}` });

    // A discount for the workspace, of a kind for people.
    await menu.click();
    await page.getByRole("menuitem", { name: "Discount…" }).click();
    let dialog = page.getByRole("dialog", {
      name: `Discount for workspace ${name} of ${account.name}`,
    });
    await dialog.waitFor();
    expect(await dialog.getByRole("combobox", { name: /^Applies to/ }).inputValue()).toBe(
      `Workspace ${name}`,
    );
    await dialog.getByRole("combobox", { name: /^Kind/ }).click();
    expect(await page.getByRole("option").allTextContents()).toEqual([
      expect.stringMatching(/^Scholarship/),
      expect.stringMatching(/^Staff/),
      expect.stringMatching(/^Trial/),
    ]);
    await page.getByRole("option", { name: /^Staff/ }).click();
    await dialog.getByRole("textbox", { name: "Percentage" }).fill("10");
    await dialog.getByLabel("Reason").fill("e2e: a trainee's workspace");
    const effect = await currentEffect(dialog);
    expect(effect.mrr).toMatch(/^MRR:€/);
    await screenshot(page, "account-workspace-discount-light");
    await dialog.getByRole("button", { name: "Grant discount" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Discount Mitarbeiter granted.").waitFor();

    // Another admin, from the organization's members.
    await menu.click();
    await page.getByRole("menuitem", { name: "Change admin…" }).click();
    dialog = page.getByRole("dialog", {
      name: `Change the administrator of ${name} (${account.name})`,
    });
    await dialog.getByRole("combobox", { name: /^New administrator/ }).click();
    await page.getByRole("option").first().waitFor();
    await screenshot(page, "account-workspace-admin-light");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.context().close();
  });
});
