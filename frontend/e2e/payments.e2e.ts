import { createHmac } from "node:crypto";
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

/** The texts of one column of the main table, by the column's position (1-based). */
const column = (page: Page, n: number) =>
  rows(page).locator(`td:nth-child(${n})`).allTextContents();

/** today is the browser's civil date, as the form fills in the value date. */
const today = (page: Page) =>
  page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });

describe("payments", () => {
  it("lists the demo's payments, filters them by method, and records a bank transfer that pays an overdue invoice", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Payments" }).click();
    await page.waitForURL("**/payments");
    await rows(page).first().waitFor();

    // The demo pays its invoices by bank, card and Mollie, and has payments
    // in every state: columns 4 and 5 are the method and the status.
    const methods = new Set(await column(page, 4));
    expect([...methods]).toEqual(expect.arrayContaining(["Bank transfer", "Stripe", "Mollie"]));
    const statuses = new Set(await column(page, 5));
    expect([...statuses]).toEqual(expect.arrayContaining(["Received"]));
    expect(
      ["Pending", "Failed", "Cancelled", "Refunded", "Reversed"].filter((s) => statuses.has(s))
        .length,
    ).toBeGreaterThanOrEqual(2);
    await screenshot(page, "payments-light");

    // Only bank transfers, and the URL says so.
    await page.locator('input[aria-label="Method"]').click();
    await page.getByRole("option", { name: "Bank transfer" }).click();
    await page.waitForURL(/method=BANK_TRANSFER/);
    await page.keyboard.press("Escape");
    await expect.poll(async () => [...new Set(await column(page, 4))]).toEqual(["Bank transfer"]);

    // An overdue invoice, from the invoices page.
    await nav(page).getByRole("link", { name: "Invoices" }).click();
    await page.waitForURL("**/invoices");
    await page.locator('input[aria-label="Status"]').click();
    await page.getByRole("option", { name: "Overdue" }).click();
    await page.waitForURL(/status=OVERDUE/);
    await page.keyboard.press("Escape");
    await expect.poll(async () => [...new Set(await column(page, 4))]).toEqual(["Overdue"]);
    const link = rows(page).first().locator("td:first-child a");
    const number = (await link.textContent()) ?? "";
    expect(number).toMatch(/^RE-\d{4}-\d{6}$/);
    await link.click();
    await page.waitForURL(/\/invoices\/inv_/);
    await page.getByRole("heading", { name: number }).waitFor();
    await page.getByText("Overdue", { exact: true }).first().waitFor();
    const open = (await page.getByTestId("invoice-open").textContent()) ?? "";
    expect(open).toMatch(/^€[\d,]+\.\d{2}$/);

    // A bank transfer of what is open, checked before it is recorded.
    await page.getByRole("button", { name: "Record payment" }).click();
    const dialog = page.getByRole("dialog", { name: `Record a payment for ${number}` });
    expect(await dialog.getByLabel("Bank transfer").isChecked()).toBe(true);
    expect(await dialog.getByLabel(/^Amount received/).inputValue()).toBe(
      open.replace(/[€,]/g, ""),
    );
    expect(await dialog.getByLabel(/^Value date/).inputValue()).toBe(await today(page));
    await dialog.getByLabel(/^Reference/).fill(`${number} Überweisung`);
    await expect
      .poll(() => dialog.getByTestId("record-outcome").textContent())
      .toBe("The invoice will then be paid.");
    await screenshot(page, "record-payment-light");
    await dialog.getByRole("button", { name: "Record payment" }).click();
    await dialog.waitFor({ state: "hidden" });

    // The invoice is paid, and the transfer is in its history.
    await page.getByText("Paid", { exact: true }).first().waitFor();
    await expect.poll(() => page.getByTestId("invoice-open").textContent()).toBe("€0.00");
    await page.getByRole("button", { name: "Record payment" }).waitFor({ state: "detached" });
    const transfer = rows(page).filter({ hasText: `${number} Überweisung` });
    await transfer.waitFor();
    expect(await transfer.textContent()).toContain("Bank transfer");
    expect(await transfer.textContent()).toContain("Received");
    expect(await transfer.textContent()).toContain(open);
    await screenshot(page, "invoice-payments-light");

    // Its page names the amount, the invoice and who recorded it, and offers its refund.
    await transfer.locator("td:first-child a").click();
    await page.waitForURL(/\/payments\/pay_/);
    await page.getByRole("heading", { name: `${open} for ${number}` }).waitFor();
    await page.locator("dd", { hasText: demo.owner }).waitFor();
    await page.getByRole("button", { name: "Refund" }).waitFor();
  });

  it("shows the demo statement's two credits waiting for staff on the bank statements page", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Payments" }).click();
    await page.waitForURL("**/payments");
    await page.getByRole("link", { name: "Bank statements" }).click();
    await page.waitForURL("**/payments/bank");
    await page.getByRole("heading", { name: "Bank statements" }).waitFor();

    // The demo's statement names two invoices in one credit and none in another.
    const waiting = page.getByRole("table", { name: "Waiting for assignment" });
    await waiting.locator("tr[data-row]").first().waitFor();
    expect(await waiting.locator("tr[data-row]").count()).toBe(2);
    await waiting.getByText("HEINZ BERGMANN").waitFor();
    await waiting.getByText(/^Sammelueberweisung RE-/).waitFor();
    expect(await waiting.getByRole("button", { name: /^Assign to invoice/ }).count()).toBe(2);

    const statements = page.getByRole("table", { name: "Imported statements" });
    await statements.getByText(/^kontoauszug-\d{4}-\d{2}-\d{2}\.xml$/).waitFor();
    await screenshot(page, "bank-statements-light");
  });

  it("asks Stripe for an invoice's payment and takes its webhook: the invoice is paid once, however often Stripe says so", async () => {
    const page = await pageFor(demo.owner);
    // The platform's Stripe keys, typed into the settings (a test key, so
    // its payments are in Stripe's test mode).
    const secret = "whsec_e2e_leitstand_0123456789";
    await page.goto(`${baseURL}/settings`);
    const stripe = page.getByRole("region", { name: "Stripe" });
    await stripe.getByRole("button", { name: /^(Set up keys|Change keys)$/ }).click();
    await stripe.getByLabel("Secret API key").fill("sk_test_e2e0123456789");
    await stripe.getByLabel("Webhook signing secret").fill(secret);
    await stripe.getByRole("button", { name: "Save keys" }).click();
    await stripe.getByText("Test mode").waitFor();
    const webhook = (await stripe.getByTestId("webhook-url").textContent())?.trim() ?? "";
    expect(webhook).toMatch(/\/webhooks\/stripe\/be_[0-9a-z]{26}$/);

    // An issued invoice of the licensee's, not yet due: the keys are the
    // licensee's, the resellers' invoices are paid into accounts of their own.
    await page.goto(`${baseURL}/invoices?status=ISSUED`);
    const own = rows(page)
      .filter({ hasText: /RE-\d{4}-\d{6}/ })
      .first();
    await own.waitFor();
    await own.locator("td a").first().click();
    await page.waitForURL(/\/invoices\/inv_/);
    const invoiceId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.getByRole("button", { name: "Request via Stripe" }).click();
    await page.getByText("Payment requested via Stripe").waitFor();
    const pending = rows(page).filter({ hasText: "Stripe" }).filter({ hasText: "Pending" });
    await pending.waitFor();

    // What the platform stored of it, as Stripe will report it.
    const listed = await page.request.post(
      `${baseURL}/leitstand.admin.v1.PaymentService/ListPayments`,
      {
        data: { invoiceId, methods: ["PAYMENT_METHOD_STRIPE"] },
        headers: { "Content-Type": "application/json", Origin: baseURL },
      },
    );
    expect(listed.ok()).toBe(true);
    const payment = (
      (await listed.json()) as {
        payments: {
          providerPaymentId: string;
          amountCents: string;
          currency: string;
          invoiceNumber: string;
        }[];
      }
    ).payments[0];
    if (!payment) throw new Error(`no Stripe payment of ${invoiceId} listed`);
    expect(payment.providerPaymentId).toMatch(/^pi_/);

    // Stripe's webhook, signed as Stripe signs it: the same event three
    // times, and once with a wrong signature, which changes nothing.
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      id: "evt_e2e_succeeded",
      object: "event",
      type: "payment_intent.succeeded",
      created: now,
      api_version: "2024-06-20",
      data: {
        object: {
          id: payment.providerPaymentId,
          object: "payment_intent",
          amount: Number(payment.amountCents),
          amount_received: Number(payment.amountCents),
          currency: payment.currency.toLowerCase(),
          status: "succeeded",
          metadata: { invoice_id: invoiceId, invoice_number: payment.invoiceNumber },
        },
      },
    });
    const sign = (key: string) =>
      `t=${now},v1=${createHmac("sha256", key).update(`${now}.${body}`).digest("hex")}`;
    const post = (signature: string) =>
      page.request.post(webhook, {
        data: body,
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      });
    expect((await post(sign("whsec_someone_else"))).status()).toBe(400);
    for (let i = 0; i < 3; i++) {
      expect((await post(sign(secret))).status()).toBe(200);
    }

    // The invoice is paid by that one payment.
    await page.reload();
    await page.getByText("Paid", { exact: true }).first().waitFor();
    await expect.poll(() => page.getByTestId("invoice-open").textContent()).toBe("€0.00");
    const received = rows(page).filter({ hasText: "Stripe" });
    expect(await received.count()).toBe(1);
    expect(await received.first().textContent()).toContain("Received");
    await screenshot(page, "invoice-paid-by-stripe-light");
  });
});
