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

async function pageFor(email: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const section = (page: Page, name: string) => page.getByRole("region", { name });

async function openSettings(page: Page) {
  await nav(page).getByRole("link", { name: "Settings" }).click();
  await page.waitForURL("**/settings");
  await section(page, "Bank account").getByLabel("IBAN").waitFor();
}

// Valid values, each different from the demo data, so that saving changes something.
const iban = { typed: "de02 1203 0000 0000 2020 51", shown: "DE02 1203 0000 0000 2020 51" };
const vatIds = ["DE123456788", "DE136695976"];

describe("settings", () => {
  it("checks the IBAN at the field, then saves IBAN and VAT ID for good", async () => {
    const page = await pageFor(demo.owner);
    await openSettings(page);
    // The demo's logo, which its invoices print, is shown with the company.
    const logo = section(page, "Company").getByRole("img", { name: "The company's logo" });
    await logo.waitFor();
    await expect(
      logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).resolves.toBe(true);

    const bank = section(page, "Bank account");
    const ibanInput = bank.getByLabel("IBAN");

    // A typo is caught at the field before anything is sent.
    await ibanInput.fill("DE89 3704 0044 0532 0130 01");
    await bank.getByLabel("BIC").click();
    await bank.getByText("The check digits do not match. Please look for a typo.").waitFor();
    await expect(ibanInput.getAttribute("aria-invalid")).resolves.toBe("true");
    await screenshot(page, "settings-iban-error-light");

    await ibanInput.fill(iban.typed);
    await bank.getByLabel("BIC").fill("BYLADEM1001");
    await bank.getByLabel("Reason (optional)").fill("new house bank");
    await bank.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Bank account saved").waitFor();
    await expect(ibanInput.inputValue()).resolves.toBe(iban.shown);

    const tax = section(page, "Tax");
    const vatInput = tax.getByLabel("VAT ID");
    const vatId = (await vatInput.inputValue()) === vatIds[0] ? vatIds[1]! : vatIds[0]!;
    await vatInput.fill(vatId);
    await tax.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Tax saved").waitFor();

    // What was saved is what the server sends after a reload.
    await page.reload();
    await section(page, "Bank account").getByLabel("IBAN").waitFor();
    await expect(section(page, "Bank account").getByLabel("IBAN").inputValue()).resolves.toBe(
      iban.shown,
    );
    await expect(section(page, "Bank account").getByLabel("BIC").inputValue()).resolves.toBe(
      "BYLADEM1001",
    );
    await expect(section(page, "Tax").getByLabel("VAT ID").inputValue()).resolves.toBe(vatId);
    await screenshot(page, "settings-light");
    await page.context().close();
  });

  it("shows the server's verdict on a VAT ID at the field", async () => {
    const page = await pageFor(demo.owner);
    await openSettings(page);
    const tax = section(page, "Tax");
    const vatInput = tax.getByLabel("VAT ID");
    // The right form, but the wrong check digit: the server finds it.
    await vatInput.fill("DE136695975");
    await tax.getByRole("button", { name: "Save changes" }).click();
    await page.waitForFunction(
      () => document.getElementById("settings-tax-vat_id")?.getAttribute("aria-invalid") === "true",
    );
    await expect(page.getByText("Tax saved").count()).resolves.toBe(0);
    await page.context().close();
  });

  it("a developer sees the settings read-only", async () => {
    const page = await pageFor(demo.developer);
    await openSettings(page);
    await page.getByText("You can see the settings. Only owners can change them.").waitFor();
    await expect(page.getByRole("button", { name: "Save changes" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Add managing director" }).count()).resolves.toBe(
      0,
    );
    await expect(
      section(page, "Bank account").getByLabel("IBAN").getAttribute("readonly"),
    ).resolves.not.toBeNull();
    await expect(
      section(page, "Company").getByLabel("Registered name").getAttribute("readonly"),
    ).resolves.not.toBeNull();
    await screenshot(page, "settings-read-only-light");
    await page.context().close();
  });

  it("takes a screenshot in the dark theme", async () => {
    const page = await pageFor(demo.owner, "dark");
    await openSettings(page);
    await screenshot(page, "settings-dark");
    await page.context().close();
  });
});
