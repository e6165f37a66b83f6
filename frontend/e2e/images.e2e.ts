import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The images against the real binary and its demo data: the licensee's
// owner sees every billing entity's images with their owner and shares,
// creates one, shares it with Nordhost and stops sharing it; Nordhost's
// owner sees its own and those shared with it, not the licensee's others
// nor Südcloud's, and an unshared image's address finds nothing.

const baseURL = inject("baseURL");
const nordhostOwner = "owner@nordhost.leitstand.test";
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

/** The id of the demo image named name, read as the licensee's owner. */
let windowsURL = "";

describe("images", () => {
  it("lists every entity's images for the licensee, and filters them in the URL", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Images" }).click();
    await page.waitForURL("**/images");
    const debian = rows(page).filter({ hasText: "Debian 12" });
    await debian.waitFor();
    await expect(debian.textContent()).resolves.toMatch(
      /Nordhost Partner GmbH, Südcloud Reseller AG/,
    );
    await rows(page).filter({ hasText: "Nordhost Mailcow" }).waitFor();
    await rows(page).filter({ hasText: "Plesk Obsidian 18" }).waitFor();
    await expect(
      rows(page).filter({ hasText: "Windows Server 2022" }).textContent(),
    ).resolves.toMatch(/Not shared/);
    await screenshot(page, "images-light");

    await page.getByRole("combobox", { name: "Kind" }).click();
    await page.getByRole("option", { name: "Application" }).click();
    await page.waitForURL(/kind=APPLICATION/);
    await rows(page).filter({ hasText: "GitLab CE 17" }).waitFor();
    await rows(page).filter({ hasText: "Debian 12" }).waitFor({ state: "detached" });

    await page.goto(`${baseURL}/images`);
    await rows(page).filter({ hasText: "Windows Server 2022" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/images/img_"));
    windowsURL = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: "Windows Server 2022" }).waitFor();
    await page.context().close();
  });

  it("creates an image, shares it with Nordhost and stops sharing it", async () => {
    const page = await pageFor(demo.owner);
    const name = `Alpine ${Date.now().toString(36)}`;
    await page.goto(`${baseURL}/images`);
    await rows(page).first().waitFor();

    await page.getByRole("button", { name: "New image…" }).click();
    const create = page.getByRole("dialog", { name: "New image" });
    await create.getByLabel(/^Name/).fill(name);
    await create.getByLabel(/^Operating system/).fill("Alpine Linux");
    await create.getByLabel(/^Version/).fill("3.20.3");
    await create.getByLabel(/^Size/).fill("58");
    await create
      .getByLabel(/^Source/)
      .fill("http://dl-cdn.alpinelinux.org/alpine/v3.20/alpine.qcow2");
    await create.getByRole("button", { name: "Create image" }).click();
    // Plain http is refused at the field, and nothing is made.
    await create.getByText(/An https URL or an OCI reference such as/).waitFor();
    await create.getByLabel(/^Source/).fill("docker.io/library/alpine:3.20.3");
    await screenshot(page, "image-new-light");
    await create.getByRole("button", { name: "Create image" }).click();

    await page.waitForURL((url) => url.pathname.startsWith("/images/img_"));
    await page.getByRole("heading", { name }).waitFor();
    await page.getByText("This image is not shared with any billing entity.").waitFor();

    await page.getByRole("combobox", { name: "Share with" }).click();
    await page.getByRole("option", { name: "Nordhost Partner GmbH" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const sharing = page.getByRole("table", { name: "Sharing" });
    await sharing.getByText("Nordhost Partner GmbH").waitFor();
    await screenshot(page, "image-detail-light");

    await page.getByRole("button", { name: "Stop sharing with Nordhost Partner GmbH" }).click();
    await page.getByText("This image is not shared with any billing entity.").waitFor();

    await page.getByRole("button", { name: `Actions: ${name}` }).click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete image" });
    await confirm.getByRole("button", { name: "Delete image" }).click();
    await page.waitForURL((url) => url.pathname === "/images");
    await rows(page).first().waitFor();
    await expect.poll(() => rows(page).filter({ hasText: name }).count()).toBe(0);
    await page.context().close();
  });

  it("shows Nordhost its own images and those shared with it, and nothing else", async () => {
    const page = await pageFor(nordhostOwner);
    await nav(page).getByRole("link", { name: "Images" }).click();
    await page.waitForURL("**/images");
    await rows(page).filter({ hasText: "Nordhost Mailcow" }).waitFor();
    for (const shared of ["Debian 12", "Ubuntu 24.04 LTS", "Nextcloud 29"]) {
      await expect(rows(page).filter({ hasText: shared }).textContent()).resolves.toMatch(
        /Shared with you/,
      );
    }
    await expect(rows(page).count()).resolves.toBe(4);
    await expect(rows(page).filter({ hasText: "Windows Server 2022" }).count()).resolves.toBe(0);
    await expect(rows(page).filter({ hasText: "Plesk Obsidian 18" }).count()).resolves.toBe(0);
    await expect(page.getByRole("combobox", { name: "Owner" }).count()).resolves.toBe(0);
    await screenshot(page, "images-reseller-light");

    await rows(page).filter({ hasText: "Debian 12" }).click();
    await page.getByRole("heading", { name: "Debian 12" }).waitFor();
    await page.getByText(/shares this image with you/).waitFor();
    await expect(page.getByRole("button", { name: "Edit…" }).count()).resolves.toBe(0);
    await expect(page.getByRole("combobox", { name: "Share with" }).count()).resolves.toBe(0);
    await screenshot(page, "image-shared-reseller-light");

    expect(windowsURL).toMatch(/^\/images\/img_/);
    await page.goto(`${baseURL}${windowsURL}`);
    await page.getByText("This image does not exist, or it is not shared with you.").waitFor();
    await page.context().close();
  });
});
