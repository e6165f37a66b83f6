import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, screenshot, signIn } from "./browser";

// An operator who works in German sees no English from the server: job
// titles, descriptions and run summaries, health reasons, status words, a
// server's events and a connection's health are worded from the codes the
// API sends. The test reads what the API says in English (with the page's
// own session) and looks for each of those texts on the German pages.

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** api calls a method of the admin API as the page's signed-in user, over Connect's JSON. */
async function api<T>(page: Page, method: string, body: object = {}): Promise<T> {
  return page.evaluate(
    async ({ method, body }) => {
      const res = await fetch(`/leitstand.admin.v1.${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", "connect-protocol-version": "1" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, body },
  );
}

interface Job {
  name: string;
  title: string;
  description: string;
}
interface JobRun {
  summary?: string;
  summaryCode?: string;
}
interface Server {
  id: string;
  name: string;
  status?: string;
  healthReasons?: string[];
  healthReasonDetails?: { code?: string }[];
}
interface ServerEvent {
  message: string;
  messageCode?: string;
  messageParams?: Record<string, string>;
}
interface Connection {
  id: string;
  name: string;
  healthCode?: string;
  healthMessage?: string;
}

async function germanPage(colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme });
  const page = await context.newPage();
  await signIn(page, demo.owner);
  // The language is chosen in the account menu, as an operator does.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Deutsch" }).click();
  await page.getByRole("navigation", { name: "Hauptnavigation" }).waitFor();
  return page;
}

/** The text of the page's main area. */
const mainText = (page: Page) => page.locator("main").innerText();

/** expectNone fails for each English text of the API that the page shows. */
async function expectNone(page: Page, english: string[]) {
  const text = await mainText(page);
  const shown = english.filter((e) => e.trim() !== "" && text.includes(e));
  expect(shown, `English texts of the API on ${page.url()}`).toEqual([]);
}

describe("the panel in German", () => {
  it("words jobs, runs, servers, connections and members in German", async () => {
    const page = await germanPage();

    // Jobs: titles and descriptions by the job's name.
    const { jobs } = await api<{ jobs: Job[] }>(page, "JobService/ListJobs");
    expect(jobs.length).toBeGreaterThan(3);
    await page.goto("/jobs");
    const jobsTable = page.getByRole("table", { name: "Jobs" });
    await jobsTable.getByRole("link", { name: "Sitzungsbereinigung" }).waitFor();
    await jobsTable.getByText("Server-Sync", { exact: true }).waitFor();
    await page
      .getByRole("table", { name: "Letzte Läufe" })
      .locator("tr[data-row]")
      .first()
      .waitFor();
    await expectNone(page, [...jobs.map((j) => j.title), ...jobs.map((j) => j.description)]);
    // The longer German words still fit: each run button is whole in its cell.
    const clipped = await jobsTable.getByRole("button", { name: /Jetzt ausführen/ }).evaluateAll(
      (buttons) =>
        buttons.filter((b) => {
          const cell = b.closest("td")!.getBoundingClientRect();
          const own = b.getBoundingClientRect();
          return own.left < cell.left || own.right > cell.right;
        }).length,
    );
    expect(clipped).toBe(0);
    await screenshot(page, "jobs-de-light");

    // A job's page with its runs: summaries by their codes, with plurals.
    const { jobRuns } = await api<{ jobRuns: JobRun[] }>(page, "JobService/ListJobRuns", {
      jobName: "server-sync",
      pageSize: 50,
    });
    const summaries = jobRuns.map((r) => r.summary ?? "").filter(Boolean);
    expect(summaries.length).toBeGreaterThan(0);
    expect(jobRuns.every((r) => !r.summary || r.summaryCode === "servers-synced")).toBe(true);
    await page.goto("/jobs/server-sync");
    await page.getByRole("heading", { name: "Server-Sync" }).waitFor();
    const history = page.getByRole("table", { name: "Läufe" });
    await history
      .getByText(/Verbindungen? synchronisiert/)
      .first()
      .waitFor();
    await expectNone(page, summaries);
    await history.locator("tr[data-row]").first().click();
    const drawer = page.getByRole("dialog", { name: "Lauf von Server-Sync" });
    await expect(drawer.getByTestId("run-summary").innerText()).resolves.toMatch(
      /^\d+ Verbindungen? synchronisiert \(\d+ mit Fehlern\)/,
    );
    await screenshot(page, "job-run-de-light");
    await page.keyboard.press("Escape");

    // Servers: status words and health reasons by their codes.
    const { servers } = await api<{ servers: Server[] }>(page, "ServerService/ListServers", {
      pageSize: 500,
    });
    const reasons = servers.flatMap((s) => s.healthReasons ?? []);
    expect(reasons.length).toBeGreaterThan(0);
    expect(
      servers.every((s) => (s.healthReasonDetails ?? []).every((r) => (r.code ?? "") !== "")),
    ).toBe(true);
    await page.goto("/servers");
    await page
      .getByRole("table", { name: "Server", exact: true })
      .locator("tr[data-row]")
      .first()
      .waitFor();
    await expectNone(page, reasons);
    await screenshot(page, "servers-de-light");

    const sick = servers.find((s) => (s.healthReasons ?? []).length > 0 && s.status);
    expect(sick, "a server with health reasons and a status").toBeDefined();
    await page.goto(`/servers/${sick!.id}`);
    const reasonList = page.getByTestId("health-reasons");
    await reasonList.waitFor();
    // Every reason is worded here, none quoted from the server.
    expect(await reasonList.locator("[data-server-text]").count()).toBe(0);
    expect(await reasonList.locator("p").count()).toBe(sick!.healthReasons!.length);
    await expectNone(page, sick!.healthReasons!);
    // The provider's word for its state is not shown as it came.
    expect(await page.locator("main").getByText(sick!.status!, { exact: true }).count()).toBe(0);
    await screenshot(page, "server-detail-de-light");

    // A server's events: worded by their codes, a provider's answer quoted.
    let events: ServerEvent[] = [];
    let withEvents: Server | undefined;
    for (const s of servers.slice(0, 12)) {
      const answer = await api<{ events?: ServerEvent[] }>(page, "ServerService/ListServerEvents", {
        serverId: s.id,
        pageSize: 20,
      });
      if ((answer.events ?? []).length > events.length) {
        [events, withEvents] = [answer.events ?? [], s];
      }
    }
    expect(events.length, "a server with events").toBeGreaterThan(1);
    expect(events.filter((e) => !e.messageCode)).toEqual([]);
    await page.goto(`/servers/${withEvents!.id}?tab=events`);
    const eventsTable = page.getByRole("table", { name: "Ereignisse" });
    await eventsTable.locator("tr[data-row]").first().waitFor();
    await expectNone(
      page,
      events.map((e) => e.message),
    );
    // The server's own work is by "System", not by an address "system".
    expect(await eventsTable.getByText("system", { exact: true }).count()).toBe(0);
    // Only a provider's answer inside an event is quoted from the server.
    const quoted = await eventsTable.locator("[data-server-text] [lang=en]").allInnerTexts();
    const answers = events.map((e) => e.messageParams?.error ?? "").filter(Boolean);
    expect(quoted.filter((q) => !answers.includes(q))).toEqual([]);
    await screenshot(page, "server-events-de-light");

    // A connection: what its last sync found, by its code.
    const { connections } = await api<{ connections: Connection[] }>(
      page,
      "ConnectionService/ListConnections",
    );
    const synced = connections.find((c) => c.healthCode === "synced");
    expect(synced, "a synced connection").toBeDefined();
    await page.goto(`/connections/${synced!.id}`);
    await page.getByText(/^Synchronisiert: Der Anbieter meldet \d+ Maschinen?/).waitFor();
    await expectNone(page, [synced!.healthMessage ?? ""]);
    await screenshot(page, "connection-detail-de-light");

    // Members: the same word for a state in the list and its filter.
    await page.goto("/members");
    const members = page.getByRole("table", { name: "Mitglieder" });
    await members.locator("tr[data-row]").first().waitFor();
    await page.getByRole("radio", { name: "Gesperrt", exact: true }).waitFor({ state: "attached" });
    await page
      .locator("label")
      .filter({ hasText: /^Aktiv$/ })
      .click();
    await page.waitForURL(/state=enabled/);
    await members.getByText("Aktiv", { exact: true }).first().waitFor();
    await expectNone(page, ["Enabled", "Disabled", "Erlaubt"]);
    await screenshot(page, "members-de-light");
    await page.context().close();
  });

  it("shows a job's page in German in the dark theme", async () => {
    const page = await germanPage("dark");
    await page.goto("/jobs/session-cleanup");
    await page.getByRole("heading", { name: "Sitzungsbereinigung" }).waitFor();
    await page.getByRole("table", { name: "Läufe" }).locator("tr[data-row]").first().waitFor();
    await screenshot(page, "job-detail-de-dark");
    await page.context().close();
  });
});
