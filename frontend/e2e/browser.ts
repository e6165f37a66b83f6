import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

// Debian's Chromium; playwright-core never downloads a browser.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** cspViolations are the Content-Security-Policy violations pages reported. */
export const cspViolations: string[] = [];

export const screenshotDir = join(import.meta.dirname, "../screenshots");

export const password = "leitstand-demo";
export const demo = {
  owner: "owner@demo.leitstand.test",
  operator: "operator@demo.leitstand.test",
  developer: "developer@demo.leitstand.test",
  user: "user@demo.leitstand.test",
} as const;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { colorScheme?: "light" | "dark"; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    locale: options.locale ?? "en-GB",
    timezoneId: "Europe/Berlin",
  });
  context.setDefaultTimeout(15_000);
  // The server's Content-Security-Policy must never stop the SPA: every
  // violation a page reports fails the test that caused it (e2e/csp.ts).
  context.on("page", (page) =>
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy")) {
        cspViolations.push(`${page.url()}: ${message.text()}`);
      }
    }),
  );
  return context;
}

/** signIn signs in through the form and waits for the panel (or the no-access page). */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

/** screenshot saves a full-page PNG into frontend/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let fonts and transitions settle, and close passing notifications.
  await page.evaluate(() => document.fonts.ready);
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) {
    await close.click().catch(() => undefined);
  }
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

export async function visible(page: Page, selector: Parameters<Page["locator"]>[0]) {
  await page.locator(selector).first().waitFor({ state: "visible" });
  return true;
}

export { expect };
