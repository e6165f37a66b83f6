import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openFirstOrganization(): Promise<string> {
  const context = await newContext(browser, baseURL);
  page = await context.newPage();
  await signIn(page, demo.owner);
  await page.goto("/organizations");
  const row = page.locator("tr[data-row]").first();
  const name = (await row.locator("a").first().textContent()) ?? "";
  await row.click();
  await page.getByTestId("billing-address").waitFor();
  return name;
}

describe("organizations", () => {
  it("edits the billing address and finds the change in the audit log", async () => {
    await openFirstOrganization();
    const city = `Teststadt ${Date.now() % 100000}`;
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("City").fill(city);
    await dialog.getByLabel("Street and number").fill("Am Markt 7");
    await dialog.getByLabel("Reason (optional)").fill("customer moved");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect(page.getByTestId("billing-address").textContent()).resolves.toContain(city);

    // The organization's audit events, newest first.
    await page.getByRole("link", { name: "Show in audit log" }).click();
    await page.waitForURL("**/audit?targetId=org_*");
    const event = page.locator("tr[data-row]", { hasText: "Changed organization" }).first();
    await event.waitFor();
    await expect(event.textContent()).resolves.toContain("customer moved");
    await event.click();
    const drawer = page.getByRole("dialog");
    // The changed field under its label, not its path.
    await drawer.getByText("Billing address › City").waitFor();
    await drawer.getByText(city).waitFor();
    await screenshot(page, "audit-event-diff-light");
    await page.context().close();
  });

  it("shows the server's field error at the field", async () => {
    await openFirstOrganization();
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    const email = dialog.getByLabel("Billing e-mail");
    await email.fill("not-an-address");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.getByText("Enter a valid e-mail address.").waitFor();
    await expect(email.getAttribute("aria-invalid")).resolves.toBe("true");

    // An empty name is caught before it is sent.
    await email.fill("billing@example.com");
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.getByText("This field is required.").waitFor();
    await screenshot(page, "organization-field-error-light");
    await page.context().close();
  });

  it("keeps the list's filters in the URL", async () => {
    const context = await newContext(browser, baseURL);
    page = await context.newPage();
    await signIn(page, demo.owner);
    await page.goto("/organizations?status=SUSPENDED&sort=created_desc");
    await page.locator("tr[data-row]").first().waitFor();
    const statuses = await page.locator("tr[data-row] td:nth-child(2)").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["Suspended"]));
    await page.getByRole("searchbox", { name: "Search" }).fill("zz-no-such-organization");
    await page.waitForURL("**q=zz-no-such-organization**");
    await page.getByText("Nothing matches these filters.").waitFor();
    await page.context().close();
  });

  it("creates an organization with a workspace and manages its members", async () => {
    const context = await newContext(browser, baseURL);
    page = await context.newPage();
    await signIn(page, demo.operator);
    await page.goto("/organizations");
    const name = `Nordwind Test ${Date.now() % 100000}`;

    await page.getByRole("button", { name: "New organization" }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await dialog.getByLabel("Billing e-mail").fill("rechnung@nordwind.example");
    await dialog.getByLabel("City").fill("Kiel");
    await dialog.getByLabel("Country").fill("Germany");
    await page.getByRole("option", { name: "Germany" }).click();
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.getByRole("heading", { name }).waitFor();

    await page.getByRole("tab", { name: /Workspaces/ }).click();
    await page.getByRole("button", { name: "New workspace" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Name" }).fill("Production");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.locator("tr[data-row]", { hasText: "Production" }).waitFor();

    await page.getByRole("tab", { name: /Members/ }).click();
    await page.getByRole("button", { name: "Add member" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("E-mail address").fill(`kim.${Date.now() % 100000}@nordwind.example`);
    await dialog.getByLabel("Display name").fill("Kim Nordwind");
    await dialog.getByRole("button", { name: "Add member" }).click();
    const row = page.locator("tr[data-row]", { hasText: "Kim Nordwind" });
    await row.waitFor();

    await row.getByRole("button", { name: "Actions: Kim Nordwind" }).click();
    await page.getByRole("menuitem", { name: "Change role" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(/New role/).click();
    await page.getByRole("option", { name: "Admin" }).click();
    await dialog.getByRole("button", { name: "Confirm" }).click();
    // The API requires a reason: the dialog asks for it before calling.
    await dialog.getByText("Please give a reason.").waitFor();
    await dialog.getByLabel(/Reason/).fill("account contact");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Admin").waitFor();

    await row.getByRole("button", { name: "Actions: Kim Nordwind" }).click();
    await page.getByRole("menuitem", { name: "Remove from organization" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(/Reason/).fill("left the company");
    await dialog.getByRole("button", { name: "Remove from organization" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.waitFor({ state: "detached" });
    await page.context().close();
  });

  it("puts a member of the organization into a workspace and takes them out again", async () => {
    await openFirstOrganization();
    await page.getByRole("tab", { name: /Workspaces/ }).click();
    await page.getByTestId("workspace-visibility-hint").waitFor();
    const row = page.locator("tr[data-row]").first();
    const workspace = ((await row.locator("td").first().textContent()) ?? "").trim();

    await row.getByRole("button", { name: `Add a member: ${workspace}` }).click();
    const dialog = page.getByRole("dialog", { name: `Add a member to ${workspace}` });
    await dialog.getByLabel(/Member of the organization/).click();
    const option = page.getByRole("option").first();
    const name = ((await option.locator("p").first().textContent()) ?? "").trim();
    expect(name).not.toBe("");
    await option.click();
    await dialog.getByLabel("Reason (optional)").fill("works in this workspace");
    await screenshot(page, "workspace-add-member-light");
    await dialog.getByRole("button", { name: "Add to workspace" }).click();
    await dialog.waitFor({ state: "hidden" });
    const remove = row.getByRole("button", { name: `Remove ${name} from ${workspace}` });
    await remove.waitFor();
    await expect(row.getByTestId("workspace-members").textContent()).resolves.toContain(name);
    await screenshot(page, "workspace-members-light");

    await remove.click();
    const confirm = page.getByRole("dialog", { name: `Remove ${name} from ${workspace}?` });
    await confirm.getByRole("button", { name: "Remove from workspace" }).click();
    await confirm.waitFor({ state: "hidden" });
    await remove.waitFor({ state: "detached" });
    await expect(row.getByTestId("workspace-members").textContent()).resolves.not.toContain(name);
    await page.context().close();
  });
});
