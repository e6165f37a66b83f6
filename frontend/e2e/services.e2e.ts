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

/** scrollToHeading brings a section's title to the top of the window, for a screenshot of the section. */
async function scrollToHeading(page: Page, name: string) {
  await page.getByRole("heading", { name, exact: true }).evaluate((heading) => {
    heading.scrollIntoView({ block: "start" });
    // Below the fixed header.
    window.scrollBy(0, -90);
  });
}

const rows = (page: Page, name: string) =>
  page.getByRole("table", { name, exact: true }).locator("tr[data-row]");

/**
 * runningDockerContainers names the running containers Docker controls, as
 * "name (server)" labels of their row actions, from the containers page.
 */
async function runningDockerContainers(page: Page): Promise<{ name: string; server: string }[]> {
  await page.goto(`${baseURL}/containers?status=RUNNING`);
  const list = rows(page, "Containers");
  await list.first().waitFor();
  const found: { name: string; server: string }[] = [];
  for (const row of await list.filter({ hasText: "Docker" }).all()) {
    const label = await row.getByRole("button", { name: /^Actions: / }).getAttribute("aria-label");
    const [, name, server] = (label ?? "").replace(/^Actions: /, "").match(/^(.*) \((.*)\)$/) ?? [];
    if (name && server) found.push({ name, server });
  }
  return found;
}

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

  it("links a running Docker container as primary, stops the service and starts it again", async () => {
    expect(bookedPath).not.toBe("");
    const page = await pageFor(demo.operator);
    const candidates = await runningDockerContainers(page);
    expect(candidates.length).toBeGreaterThan(0);
    await page.goto(`${baseURL}${bookedPath}`);
    await page.getByRole("heading", { name: "Nextcloud Browsertest" }).waitFor();
    // Nothing linked yet: no primary container, nothing to control.
    await page.locator('header [data-health="UNKNOWN"], [data-health="UNKNOWN"]').first().waitFor();
    await expect(
      page.getByRole("button", { name: "Stop", exact: true }).isDisabled(),
    ).resolves.toBe(true);

    // A container another service holds already is refused with the server's
    // reason; the next one is tried.
    let linked: { name: string; server: string } | undefined;
    for (const candidate of candidates.slice(0, 5)) {
      await page.getByRole("button", { name: "Link container" }).click();
      const dialog = page.getByRole("dialog", {
        name: "Link a container to Nextcloud Browsertest",
      });
      await dialog.waitFor();
      await dialog.getByLabel(/^Container/).fill(candidate.name);
      await page
        .getByRole("option", { name: `${candidate.name} · ${candidate.server}`, exact: true })
        .click();
      await expect(dialog.getByRole("switch", { name: /Primary/ }).isChecked()).resolves.toBe(true);
      await screenshot(page, "service-link-container-light");
      await dialog.getByRole("button", { name: "Link container" }).click();
      const outcome = await Promise.race([
        dialog.waitFor({ state: "hidden" }).then(() => "linked" as const),
        dialog
          .getByRole("alert")
          .waitFor()
          .then(() => "refused" as const),
      ]);
      if (outcome === "linked") {
        linked = candidate;
        break;
      }
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await page
        .getByRole("button", { name: "Discard" })
        .click()
        .catch(() => undefined);
      await dialog.waitFor({ state: "hidden" });
    }
    expect(linked).toBeDefined();
    const row = rows(page, "Containers").filter({ hasText: linked!.name });
    await row.waitFor();
    await row.getByText("Primary").waitFor();
    await row.locator('[data-status="RUNNING"]').waitFor();
    await page
      .getByTestId("logbook")
      .getByText(/^Container .* linked as primary/)
      .first()
      .waitFor();

    // Stop: a reason is required; the status follows at once.
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    const stop = page.getByRole("dialog", { name: "Stop Nextcloud Browsertest" });
    await stop.getByRole("button", { name: "Stop", exact: true }).click();
    await stop.getByText("Please give a reason.").waitFor();
    await stop.getByLabel("Reason").fill("Browser test: planned stop");
    await stop.getByRole("button", { name: "Stop", exact: true }).click();
    await stop.waitFor({ state: "hidden", timeout: 20_000 });
    await page
      .locator('header [data-status="INCIDENT"], [data-status="INCIDENT"]')
      .first()
      .waitFor();
    await page
      .getByTestId("logbook")
      .getByText(/^Service stopped/)
      .first()
      .waitFor();
    await page
      .getByTestId("status-history")
      .getByText(/→ Incident/)
      .first()
      .waitFor();
    await expect
      .poll(() => row.locator("[data-status]").first().getAttribute("data-status"))
      .not.toBe("RUNNING");
    // The containers and the uptime chart below them.
    await page
      .getByTestId("chart-uptime")
      .locator(".recharts-bar-rectangle")
      .first()
      .waitFor({ state: "attached" });
    await scrollToHeading(page, "Containers");
    await screenshot(page, "service-containers-light");

    // Started again, so the container runs for the tests after this one.
    await page.getByRole("button", { name: "Start", exact: true }).click();
    const start = page.getByRole("dialog", { name: "Start Nextcloud Browsertest" });
    await start.getByLabel("Reason").fill("Browser test: started again");
    await start.getByRole("button", { name: "Start", exact: true }).click();
    await start.waitFor({ state: "hidden", timeout: 20_000 });
    await page
      .getByTestId("logbook")
      .getByText(/^Service started/)
      .first()
      .waitFor();
    await expect
      .poll(() => row.locator("[data-status]").first().getAttribute("data-status"))
      .toBe("RUNNING");
    await page.context().close();
  });

  it("shows a service's uptime per day over the days chosen", async () => {
    const page = await pageFor(demo.operator);
    // The health filter lives in the URL.
    await page.goto(`${baseURL}/services?health=DOWN`);
    await page.getByText("Containers down").first().waitFor();
    await expect(page.locator('tbody [data-health="HEALTHY"]').count()).resolves.toBe(0);

    // A demo service with a past: the demo writes thirty days of status history.
    await page.goto(`${baseURL}/services?status=ONLINE`);
    await page.getByRole("row").nth(1).click();
    await page.waitForURL(/\/services\/svc_/);
    const availability = page.getByTestId("availability");
    await expect.poll(() => availability.textContent()).toMatch(/^\d{1,3}\.\d{2} %$/);
    await page.getByTestId("chart-uptime").locator(".recharts-bar-rectangle").first().waitFor();
    await expect(page.getByTestId("chart-uptime").getAttribute("data-points")).resolves.toBe("30");
    await scrollToHeading(page, "Uptime");
    await screenshot(page, "service-uptime-light");
    await segment(page, "7 days").click();
    await expect.poll(() => page.getByTestId("chart-uptime").getAttribute("data-points")).toBe("7");
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
      "Start",
      "Stop",
      "Restart",
      "Link container",
    ]) {
      await expect(page.getByRole("button", { name, exact: true }).count()).resolves.toBe(0);
    }
    // The linked container is listed, without a way to change or unlink it.
    const containers = rows(page, "Containers");
    await containers.first().waitFor();
    await expect(containers.getByRole("button", { name: /^Actions: / }).count()).resolves.toBe(0);
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
