import type { Browser } from "playwright-core";
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

describe("errors a person can act on", () => {
  it("says a record named by a malformed id in the address does not exist", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, demo.owner);

    // The server refuses "xyz" as an id (invalid_argument); the page says
    // what it says of an unknown one, in the layout.
    await page.goto(`${baseURL}/organizations/xyz`);
    await page.getByText("This organization does not exist or you may not see it.").waitFor();
    await expect(page.getByText(/regex|invalid/i).count()).resolves.toBe(0);
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
    await expect(page.title()).resolves.toBe("Organizations · Leitstand");
    await screenshot(page, "malformed-id-not-found-light");

    await page.goto(`${baseURL}/servers/srv_bad`);
    await page.getByText("This server does not exist or you may not see it.").waitFor();
    await expect(page.getByText(/regex|invalid/i).count()).resolves.toBe(0);
    await context.close();
  });

  it("looks right in dark theme and in German", async () => {
    for (const [name, options, locale, text] of [
      [
        "malformed-id-not-found-dark",
        { colorScheme: "dark" as const },
        "en",
        "This organization does not exist or you may not see it.",
      ],
      [
        "malformed-id-not-found-de",
        {},
        "de",
        "Diese Organisation gibt es nicht, oder Sie dürfen sie nicht sehen.",
      ],
    ] as const) {
      const context = await newContext(browser, baseURL, options);
      const page = await context.newPage();
      await signIn(page, demo.owner);
      await page.evaluate((l) => window.localStorage.setItem("leitstand.locale", l), locale);
      await page.goto(`${baseURL}/organizations/xyz`);
      await page.getByText(text).waitFor();
      await screenshot(page, name);
      await context.close();
    }
  });
});
