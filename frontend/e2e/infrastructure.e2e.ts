import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// The demo seed connects to simulators of every provider kind inside the
// binary and imports most of their machines. The tests find their servers,
// connections and containers through the pages rather than by name.

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
const table = (page: Page, name: string) => page.getByRole("table", { name, exact: true });
const rows = (page: Page, name: string) => table(page, name).locator("tr[data-row]");

async function openServers(page: Page) {
  await nav(page).getByRole("link", { name: "Servers" }).click();
  await page.waitForURL("**/servers");
  await rows(page, "Servers").first().waitFor();
}

/** The health states of the rows shown, from their badges. */
async function healthOfRows(page: Page): Promise<string[]> {
  return rows(page, "Servers")
    .locator("[data-health]")
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-health") ?? ""));
}

describe("servers", () => {
  it("lists servers with health and usage, and filters by health", async () => {
    const page = await pageFor(demo.owner);
    await openServers(page);
    const list = rows(page, "Servers");
    expect(await list.count()).toBeGreaterThan(10);
    // Every row has a health badge and usage bars (empty ones for servers without figures).
    expect((await healthOfRows(page)).every((h) => h !== "")).toBe(true);
    expect(await list.first().getByRole("progressbar").count()).toBe(3);
    const withUsage = list.filter({ hasText: / \/ .*iB/ });
    expect(await withUsage.count()).toBeGreaterThan(0);
    await page.getByRole("group", { name: "Health summary" }).waitFor();
    await screenshot(page, "servers-light");

    // A health count of the summary filters the list by that state.
    const summary = page.getByRole("group", { name: "Health summary" });
    let picked = "";
    for (const [state, label] of [
      ["HEALTHY", "Healthy"],
      ["WARNING", "Warning"],
      ["CRITICAL", "Critical"],
    ] as const) {
      const tile = summary.getByRole("button", { name: new RegExp(`^${label}: [1-9]`) });
      if ((await tile.count()) > 0) {
        await tile.click();
        picked = state;
        break;
      }
    }
    expect(picked).not.toBe("");
    await page.waitForURL(`**/servers?health=${picked}`);
    await expect
      .poll(async () => new Set(await healthOfRows(page)), { timeout: 10_000 })
      .toEqual(new Set([picked]));
    await page.context().close();
  });

  it("opens a Proxmox host: its VMs, charts over 24 h, events and containers", async () => {
    const page = await pageFor(demo.owner);
    await page.goto("/servers?provider=PROXMOX");
    await rows(page, "Servers").first().waitFor();
    // A VM names the host it runs on: that host has children.
    const vm = rows(page, "Servers").filter({ hasText: / on / }).first();
    // The line under the VM's name: "VM on <host>".
    const runsOn = (await vm.locator("td").first().locator("a + div").textContent()) ?? "";
    const host = runsOn.split(" on ")[1]?.trim() ?? "";
    expect(host).not.toBe("");
    await table(page, "Servers").getByRole("link", { name: host, exact: true }).click();
    await page.waitForURL(/\/servers\/srv_/);
    await page.getByRole("heading", { name: host }).waitFor();
    const tree = page.getByTestId("server-tree");
    await tree.getByText(/\d+ servers run on it/).waitFor();
    expect(await tree.getByRole("link").count()).toBeGreaterThan(0);

    await page.locator("label", { hasText: "24 h" }).click();
    await page.waitForURL("**range=24h**");
    const cpu = page.getByTestId("chart-cpu");
    await cpu
      .locator(".recharts-line path, path.recharts-curve")
      .first()
      .waitFor({ timeout: 20_000 });
    // Ten-minute buckets over 24 h (145 slots when the window starts mid-bucket).
    expect(Number(await cpu.getAttribute("data-points"))).toBeGreaterThanOrEqual(144);
    await page.getByTestId("chart-network").locator("svg").first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, "server-detail-light");

    await page.getByRole("tab", { name: "Events" }).click();
    await rows(page, "Events").first().waitFor();
    expect(await rows(page, "Events").count()).toBeGreaterThan(0);

    await page.getByRole("tab", { name: /^Containers/ }).click();
    await table(page, "Containers").waitFor();
    await page.context().close();
  });
});

describe("connections", () => {
  it("tests a connection: reachable, authenticated, authorized", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Connections" }).click();
    await page.waitForURL("**/connections");
    const list = rows(page, "Connections");
    await list.first().waitFor();
    // Each of the four kinds.
    for (const kind of ["Proxmox", "Hetzner", "Beszel", "Docker"]) {
      expect(await list.filter({ hasText: kind }).count()).toBeGreaterThan(0);
    }
    await screenshot(page, "connections-light");

    const proxmox = list.filter({ hasText: "Proxmox" }).first();
    await proxmox.getByRole("button", { name: /^Actions: / }).click();
    await page.getByRole("menuitem", { name: "Test" }).click();
    const dialog = page.getByRole("dialog", { name: /^Test / });
    const result = dialog.getByTestId("test-result");
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute("data-ok")).toBe("true");
    for (const step of ["Reachable", "Authenticated", "Authorized"]) {
      expect(await dialog.getByTestId(`step-${step}`).getAttribute("data-state")).toBe("passed");
    }
    await screenshot(page, "connection-test-light");
    await dialog.getByRole("button", { name: "Close" }).click();
    await proxmox.getByText("Healthy").waitFor();
    await page.context().close();
  });

  it("imports a server from the Hetzner connection; it appears in the servers list", async () => {
    const page = await pageFor(demo.operator);
    await page.goto("/connections");
    const hetzner = rows(page, "Connections").filter({ hasText: "Hetzner" }).first();
    await hetzner.waitFor();
    await hetzner.getByRole("button", { name: /^Actions: / }).click();
    await page.getByRole("menuitem", { name: "Import servers" }).click();
    const dialog = page.getByRole("dialog", { name: /^Import servers from / });
    const machines = dialog.getByRole("table", { name: "Machines not linked yet" });
    await machines.waitFor({ timeout: 20_000 });
    const first = machines.locator("tr[data-row]").first();
    const checkbox = first.getByRole("checkbox");
    const name = (await checkbox.getAttribute("aria-label")) ?? "";
    expect(name).not.toBe("");
    await checkbox.check();
    await screenshot(page, "import-servers-light");
    await dialog.getByRole("button", { name: "Import 1" }).click();
    const imported = dialog.getByTestId("imported-servers");
    await imported.getByRole("link", { name, exact: true }).waitFor();
    await page
      .getByText(/servers? imported from/)
      .first()
      .waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();

    await page.goto(`/servers?q=${encodeURIComponent(name)}`);
    await table(page, "Servers").getByRole("link", { name, exact: true }).waitFor();
    await page.context().close();
  });
});

describe("containers", () => {
  it("stops a running Docker container with a reason and starts it again", async () => {
    const page = await pageFor(demo.owner);
    await nav(page).getByRole("link", { name: "Containers" }).click();
    await page.waitForURL("**/containers");
    const list = rows(page, "Containers");
    await list.first().waitFor();
    await screenshot(page, "containers-light");

    // A running container that Docker controls.
    const candidates = list.filter({ hasText: "Docker" }).filter({
      has: page.locator('[data-status="RUNNING"]'),
    });
    expect(await candidates.count()).toBeGreaterThan(0);
    const actions = candidates.first().getByRole("button", { name: /^Actions: / });
    const label = ((await actions.getAttribute("aria-label")) ?? "").replace(/^Actions: /, "");
    const [, name, server] = label.match(/^(.*) \((.*)\)$/) ?? [];
    expect(name).toBeTruthy();
    const row = () =>
      rows(page, "Containers").filter({
        has: page.getByRole("button", { name: `Actions: ${label}`, exact: true }),
      });

    await actions.click();
    await page.getByRole("menuitem", { name: "Stop" }).click();
    const stop = page.getByRole("dialog", { name: `Stop ${name} on ${server}?` });
    await stop.getByLabel("Reason (optional)").fill("end-to-end test");
    await screenshot(page, "container-stop-light");
    await stop.getByRole("button", { name: "Stop" }).click();
    await stop.waitFor({ state: "hidden", timeout: 20_000 });
    const done = page.getByRole("alert").filter({ hasText: `${name} stopped; its status is now:` });
    await done.waitFor();
    // Out of the way of the menu, which may open over it.
    await done.locator(".mantine-Notification-closeButton").click();
    await expect
      .poll(() => row().locator("[data-status]").first().getAttribute("data-status"))
      .not.toBe("RUNNING");

    await row()
      .getByRole("button", { name: `Actions: ${label}` })
      .click();
    await page.getByRole("menuitem", { name: "Start" }).click();
    const start = page.getByRole("dialog", { name: `Start ${name} on ${server}?` });
    await start.getByRole("button", { name: "Start" }).click();
    await start.waitFor({ state: "hidden", timeout: 20_000 });
    await expect
      .poll(() => row().locator("[data-status]").first().getAttribute("data-status"))
      .toBe("RUNNING");

    // Its details show the usage history.
    await row().getByText(name!, { exact: true }).click();
    const drawer = page.getByRole("dialog", { name: `${name} on ${server}` });
    await drawer.getByTestId("chart-cpu").waitFor({ timeout: 20_000 });
    await screenshot(page, "container-detail-light");
    await page.context().close();
  });
});

describe("permissions", () => {
  it("shows a developer no New server and no container actions", async () => {
    const page = await pageFor(demo.developer);
    await openServers(page);
    await expect(page.getByRole("button", { name: "New server" }).count()).resolves.toBe(0);
    await page.goto("/containers");
    await rows(page, "Containers").first().waitFor();
    await expect(page.getByRole("button", { name: /^Actions:/ }).count()).resolves.toBe(0);
    await page.goto("/connections");
    await rows(page, "Connections").first().waitFor();
    await expect(page.getByRole("button", { name: "New connection" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Actions:/ }).count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe("dark theme", () => {
  it("takes screenshots of the infrastructure pages", async () => {
    const page = await pageFor(demo.owner, "dark");
    await openServers(page);
    await screenshot(page, "servers-dark");
    await rows(page, "Servers").first().getByRole("link").first().click();
    await page.waitForURL(/\/servers\/srv_/);
    await page.getByTestId("chart-cpu").waitFor({ timeout: 20_000 });
    await screenshot(page, "server-detail-dark");
    await page.goto("/containers");
    await rows(page, "Containers").first().waitFor();
    await screenshot(page, "containers-dark");
    await page.goto("/connections");
    await rows(page, "Connections").first().waitFor();
    await screenshot(page, "connections-dark");
    await page.context().close();
  });
});
