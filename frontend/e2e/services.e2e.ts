import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;
// The service the operator books, for the developer's visit.
let bookedPath = "";

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

/** A choice of a segmented control (its radio input is hidden behind the label). */
const segment = (page: Page, label: string) =>
  page.locator(".mantine-SegmentedControl-label", { hasText: new RegExp(`^${label}$`) });

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });

describe("services", () => {
  it("books an item, sets a status with a reason and shows the history and logbook follow", async () => {
    const page = await pageFor(demo.operator);
    await nav(page).getByRole("link", { name: "Services" }).click();
    await page.waitForURL("**/services");
    // The demo's services, with their status badges.
    await page.getByRole("row").nth(1).waitFor();
    await page.locator('[data-status="MAINTENANCE"]').first().waitFor();
    await screenshot(page, "services-light");

    // The status filter lives in the URL.
    await page.goto(`${baseURL}/services?status=DISRUPTION`);
    await page.locator('[data-status="DISRUPTION"]').first().waitFor();
    await expect(page.locator('[data-status="ONLINE"]').count()).resolves.toBe(0);

    await page.goto(`${baseURL}/services`);
    await page.getByRole("button", { name: "Book service" }).click();
    const dialog = page.getByRole("dialog", { name: "Book a service" });
    await dialog.waitFor();
    await dialog.getByLabel(/^Organization/).click();
    await page.getByRole("option").first().click();
    await dialog.getByLabel(/^Workspace/).click();
    await page.getByRole("option").first().click();
    await dialog.getByLabel(/^Catalog item/).click();
    await page.getByRole("option", { name: /^Nextcloud S ·/ }).click();
    await dialog.getByLabel(/^Name/).fill("Nextcloud Browsertest");
    await screenshot(page, "services-book-light");
    await dialog.getByRole("button", { name: "Book service" }).click();

    await page.waitForURL(/\/services\/svc_[0-9a-z]{26}$/);
    bookedPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: "Nextcloud Browsertest" }).waitFor();
    await page
      .locator('header [data-status="PROVISIONING"], [data-status="PROVISIONING"]')
      .first()
      .waitFor();
    await page.getByText("€29.00 a month", { exact: true }).waitFor();

    // Set the status, with the reason the customer reads.
    await page.getByRole("button", { name: "Set status" }).click();
    const status = page.getByRole("dialog", { name: "Set the status of Nextcloud Browsertest" });
    await status.waitFor();
    await status.getByLabel("Reason").fill("Set up and handed over to the customer");
    await status.getByRole("button", { name: "Set status" }).click();
    await page.getByText("Status of Nextcloud Browsertest set.").waitFor();

    const history = page.getByTestId("status-history");
    await history.getByText("Provisioning → Online").waitFor();
    await history.getByText("Set up and handed over to the customer").waitFor();
    const logbook = page.getByTestId("logbook");
    await logbook.getByText("Status changed from Provisioning to Online").waitFor();
    await logbook.getByText("Booked Nextcloud S at €29.00 a month").waitFor();
    // Internal entries only: the status change is the customer's.
    await segment(page, "Internal").click();
    await expect
      .poll(() => logbook.getByText("Status changed from Provisioning to Online").count())
      .toBe(0);
    await segment(page, "All").click();
    await logbook.getByText("Status changed from Provisioning to Online").waitFor();

    // Notes: Markdown shown as text, never as markup.
    await page.getByRole("button", { name: "Edit notes" }).click();
    await page
      .getByRole("textbox", { name: "Technical notes" })
      .fill("## Setup\n\n<b>LDAP</b> off");
    await segment(page, "Preview").click();
    await page.getByTestId("notes").getByText("<b>LDAP</b> off", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Notes saved.").waitFor();
    await expect(page.getByTestId("notes").locator("b").count()).resolves.toBe(0);
    await screenshot(page, "service-detail-light");

    // The organization's page lists it on its Services tab.
    await page.locator('a[href^="/organizations/org_"]').first().click();
    await page.waitForURL(/\/organizations\/org_/);
    await page.getByRole("tab", { name: "Services" }).click();
    await page.getByRole("row").filter({ hasText: "Nextcloud Browsertest" }).waitFor();
    await screenshot(page, "organization-services-light");
    await page.context().close();
  });

  it("lets an owner set a credential and reveal it once, with a reason", async () => {
    expect(bookedPath).not.toBe("");
    const page = await pageFor(demo.owner);
    await page.goto(`${baseURL}${bookedPath}`);
    await page.getByRole("heading", { name: "Nextcloud Browsertest" }).waitFor();
    await page.getByRole("button", { name: "Set credential" }).click();
    const set = page.getByRole("dialog", { name: "Set a credential of Nextcloud Browsertest" });
    await set.waitFor();
    await set.getByLabel(/^Name/).fill("admin login");
    const value = set.getByLabel(/^Value/);
    await expect(value.getAttribute("type")).resolves.toBe("password");
    await value.fill("Tr0ub4dor&3 browser");
    await set.getByRole("button", { name: "Set credential" }).click();
    await page.getByText("Credential “admin login” saved").waitFor();
    const list = page.getByTestId("credentials");
    await list.getByText("admin login").waitFor();
    await expect(page.getByText("Tr0ub4dor&3 browser").count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Reveal: admin login" }).click();
    const reveal = page.getByRole("dialog", { name: "Reveal “admin login”" });
    await reveal.getByLabel("Reason").fill("Customer asked for the admin login");
    await reveal.getByRole("button", { name: "Reveal", exact: true }).click();
    await reveal.getByTestId("credential-value").getByText("Tr0ub4dor&3 browser").waitFor();
    await screenshot(page, "service-credential-revealed-light");
    await reveal.getByRole("button", { name: "Close", exact: true }).click();
    await reveal.waitFor({ state: "hidden" });
    await expect(page.getByText("Tr0ub4dor&3 browser").count()).resolves.toBe(0);
    // The reveal is in the internal logbook, with who and why.
    await page
      .getByTestId("logbook")
      .getByText(`Credential “admin login” revealed by ${demo.owner}`)
      .waitFor();
    await page.context().close();
  });

  it("shows a developer services without anything to change", async () => {
    const page = await pageFor(demo.developer);
    await nav(page).getByRole("link", { name: "Services" }).click();
    await page.getByRole("row").nth(1).waitFor();
    await expect(page.getByRole("button", { name: "Book service" }).count()).resolves.toBe(0);
    expect(bookedPath).not.toBe("");
    await page.goto(`${baseURL}${bookedPath}`);
    await page.getByRole("heading", { name: "Nextcloud Browsertest" }).waitFor();
    await page.getByTestId("logbook").waitFor();
    for (const name of [
      "Set status",
      "Edit",
      "Edit notes",
      "Add entry",
      "Schedule decommission",
      "Set credential",
    ]) {
      await expect(page.getByRole("button", { name, exact: true }).count()).resolves.toBe(0);
    }
    // The owner's credential is listed by name, without a way to reveal it.
    await page.getByTestId("credentials").getByText("admin login").waitFor();
    await expect(page.getByRole("button", { name: /^Reveal/ }).count()).resolves.toBe(0);
    await screenshot(page, "service-detail-developer-light");
    await page.context().close();
  });

  it("speaks German on the list and a service's page", async () => {
    const context = await newContext(browser, baseURL, { colorScheme: "dark" });
    const page = await context.newPage();
    await signIn(page, demo.operator);
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Deutsch" }).click();
    await page.getByRole("navigation", { name: "Hauptnavigation" }).waitFor();
    await page.goto(`${baseURL}/services?status=MAINTENANCE,DISRUPTION`);
    await page.locator('[data-status="MAINTENANCE"]').first().waitFor();
    await page.getByText("Wartung").first().waitFor();
    await screenshot(page, "services-dark-de");
    await page.getByRole("row").nth(1).click();
    await page.getByText("Statusverlauf").waitFor();
    await page
      .getByTestId("logbook")
      .getByText(/Status von .* geändert/)
      .first()
      .waitFor();
    await screenshot(page, "service-detail-dark-de");
    await context.close();
  });
});
