import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  // The operator signs in, so that the trail holds an action of theirs.
  const context = await newContext(browser, baseURL);
  await signIn(await context.newPage(), demo.operator);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
});

const looks = [
  { name: "light", colorScheme: "light", german: false },
  { name: "dark", colorScheme: "dark", german: false },
  { name: "de", colorScheme: "light", german: true },
] as const;

/** Switches the interface to German in the account menu. */
async function speakGerman(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Deutsch" }).click();
  await page.getByRole("navigation", { name: "Hauptnavigation" }).waitFor();
}

describe("the audit log", () => {
  for (const look of looks) {
    it(`narrows the log to an actor picked by name, and links to an event (${look.name})`, async () => {
      const context = await newContext(browser, baseURL, { colorScheme: look.colorScheme });
      const page = await context.newPage();
      await signIn(page, demo.owner);
      if (look.german) await speakGerman(page);
      const text = look.german
        ? {
            log: "Audit-Log",
            actor: "Akteur",
            signedIn: "Angemeldet",
            event: /Audit-Ereignis Nr\./,
          }
        : { log: "Audit log", actor: "Actor", signedIn: "Signed in", event: /Audit event #/ };

      await page
        .getByRole("navigation", { name: look.german ? "Hauptnavigation" : "Main navigation" })
        .getByRole("link", { name: text.log })
        .click();
      await page.getByRole("heading", { name: text.log }).waitFor();
      await page.locator("tr[data-row]").first().waitFor();

      // Part of the operator's name finds them; picking them narrows the log.
      await page
        .getByLabel(text.actor, { exact: true })
        .and(page.locator("input"))
        .first()
        .fill("Oska");
      await page
        .getByRole("option", { name: "Oskar Operator (operator@demo.leitstand.test)" })
        .click();
      await page.waitForURL(/actorId=usr_/);
      await page.waitForLoadState("networkidle");
      const rows = page.locator("tr[data-row]");
      await rows.first().waitFor();
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        await expect(rows.nth(i).textContent()).resolves.toContain("operator@demo.leitstand.test");
      }
      // Readable actions, and the object by its name, linked to its page.
      const signedInRow = rows.filter({ hasText: text.signedIn }).first();
      await signedInRow.waitFor();
      const link = signedInRow.getByRole("link", { name: "Oskar Operator" });
      await expect(link.getAttribute("href")).resolves.toMatch(/^\/members\/usr_/);
      await expect(page.locator("tr[data-row] code").count()).resolves.toBe(0);
      await screenshot(page, `audit-log-actor-${look.name}`);

      // An event opens into the URL and opens again from it.
      await signedInRow.locator("td").first().click();
      const drawer = page.getByRole("dialog", { name: text.event });
      await drawer.waitFor();
      await page.waitForURL(/event=aud_/);
      const url = page.url();
      const title = await drawer.getByRole("heading").first().textContent();
      await page.reload();
      await page.getByRole("dialog", { name: text.event }).waitFor();
      expect(page.url()).toBe(url);
      await expect(
        page.getByRole("dialog", { name: text.event }).getByRole("heading").first().textContent(),
      ).resolves.toBe(title);
      await expect(
        page.getByRole("dialog").getByRole("link", { name: "Oskar Operator" }).count(),
      ).resolves.toBe(1);
      await screenshot(page, `audit-event-${look.name}`);
      await context.close();
    });
  }
});
