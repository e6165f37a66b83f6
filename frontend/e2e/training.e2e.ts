import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
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

async function pageFor(email: string): Promise<Page> {
  const context = await newContext(browser, baseURL, { colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const rows = (page: Page) => page.locator("tr[data-row]");

/** call calls a procedure of the admin API (Connect's JSON) as the page's signed-in user. */
async function call<T>(page: Page, method: string, body: object = {}): Promise<T> {
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

/** A moment as the clock of Europe/Berlin (the browser's zone) shows it, as a datetime-local input takes it. */
function berlinClock(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

/** pick opens a select and takes its first option (or the one named), returning the option's text. */
async function pick(page: Page, select: Locator, name?: string): Promise<string> {
  await select.click();
  const option = name
    ? page.getByRole("option", { name, exact: true })
    : page.getByRole("option").first();
  await option.waitFor();
  const text = (await option.textContent()) ?? "";
  await option.click();
  return text;
}

describe("training", () => {
  it("schedules a session, fills it and its waitlist, moves one up, completes it and hands out certificates", async () => {
    const page = await pageFor(demo.owner);
    const run = Date.now().toString(36);
    const people = ["Alma", "Bruno", "Carla"].map((first) => ({
      name: `${first} Probe ${run}`,
      email: `${first.toLowerCase()}.${run}@e2e.example`,
    }));
    const [alma, bruno, carla] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];

    // The sessions, upcoming by default.
    await nav(page).getByRole("link", { name: "Sessions" }).click();
    await page.waitForURL("**/training");
    await page.getByRole("heading", { name: "Training sessions" }).waitFor();
    await rows(page).first().waitFor();
    await screenshot(page, "training-sessions-light");

    // A session of two seats, begun a few minutes ago, so that it can be completed now.
    await page.getByRole("button", { name: "Schedule session…" }).click();
    const schedule = page.getByRole("dialog", { name: "Schedule a session" });
    await schedule.waitFor();
    const course = await pick(page, schedule.getByRole("combobox", { name: /^Course/ }));
    await schedule.getByLabel(/^Start/).fill(berlinClock(new Date(Date.now() - 10 * 60_000)));
    await schedule.getByRole("textbox", { name: /^Seats/ }).fill("2");
    await schedule
      .getByRole("textbox", { name: /^Link to the online session/ })
      .fill(`https://meet.example.com/e2e-${run}`);
    await pick(page, schedule.getByRole("combobox", { name: /^Trainer/ }));
    await screenshot(page, "training-schedule-light");
    await schedule.getByRole("button", { name: "Schedule session" }).click();
    await page.waitForURL(/\/training\/sessions\/tse_[0-9a-z]{26}$/);
    await page.getByRole("heading", { name: course }).waitFor();
    const sessionId = page.url().split("/").pop()!;

    // Two people get the seats, the third goes on the waitlist.
    let organization = "";
    for (const person of people) {
      await page.getByRole("button", { name: "Register attendee…" }).click();
      const dialog = page.getByRole("dialog", { name: `Register for ${course}` });
      await dialog.waitFor();
      organization = await pick(
        page,
        dialog.getByRole("combobox", { name: /^Organization/ }),
        organization || undefined,
      );
      await dialog.getByText("Someone without a login", { exact: true }).click();
      await dialog.getByRole("textbox", { name: /^Name/ }).fill(person.name);
      await dialog.getByRole("textbox", { name: /^E-mail address/ }).fill(person.email);
      if (person === carla) await screenshot(page, "training-register-light");
      await dialog.getByRole("button", { name: "Register" }).click();
      await dialog.waitFor({ state: "hidden" });
    }
    await page
      .getByText(`All seats are taken: ${carla.name} is on the waitlist (position 1).`)
      .waitFor();
    const row = (person: { email: string }) =>
      rows(page).filter({ has: page.locator(`[data-person="${person.email}"]`) });
    const status = (person: { email: string }) =>
      row(person).locator("[data-status]").first().textContent();
    await expect.poll(() => status(alma)).toBe("Confirmed");
    await expect.poll(() => status(bruno)).toBe("Confirmed");
    await expect.poll(() => status(carla)).toBe("Waitlisted (position 1)");
    expect(await page.locator("[data-capacity]").first().getAttribute("data-capacity")).toBe("2/2");
    await screenshot(page, "training-session-full-light");

    // Alma cannot come: Carla moves up into her seat.
    await row(alma)
      .getByRole("button", { name: `Actions: ${alma.name}` })
      .click();
    await page.getByRole("menuitem", { name: "Cancel registration…" }).click();
    const cancel = page.getByRole("dialog", { name: `Cancel the registration of ${alma.name}?` });
    await cancel.getByLabel(/^Reason/).fill("Cannot attend (e2e)");
    await cancel.getByRole("button", { name: "Cancel registration" }).click();
    await cancel.waitFor({ state: "hidden" });
    await page.getByText(`${carla.name} moved up from the waitlist and has a seat now.`).waitFor();
    await expect.poll(() => status(carla)).toBe("Confirmed");
    await expect.poll(() => status(alma)).toBe("Cancelled");

    // Bruno and Carla were there.
    for (const person of [bruno, carla]) {
      const marks = page.getByRole("group", { name: `Attendance of ${person.name}` });
      await marks.getByRole("button", { name: "Present" }).click();
      await expect
        .poll(() => marks.getByRole("button", { name: "Present" }).getAttribute("aria-pressed"))
        .toBe("true");
    }
    await screenshot(page, "training-session-attendance-light");

    // Completing grants both their licences.
    await page.getByRole("button", { name: "Complete", exact: true }).click();
    const complete = page.getByRole("dialog", { name: `Complete ${course}?` });
    await complete.getByText(/2 of 2 confirmed attendees are marked present/).waitFor();
    await complete.getByRole("button", { name: "Complete" }).click();
    await complete.waitFor({ state: "hidden" });
    await page.getByText("The session is completed: 2 licences granted.").waitFor();
    await expect.poll(() => page.getByTestId("licences-granted").textContent()).toBe("2");
    await row(bruno).getByRole("link", { name: "Licence" }).waitFor();
    await screenshot(page, "training-session-completed-light");

    // The licences, found by the people's names; a certificate is a PDF.
    await nav(page).getByRole("link", { name: "Licences" }).click();
    await page.getByRole("heading", { name: "Licences" }).waitFor();
    await page.getByRole("searchbox", { name: "Search" }).fill(run);
    await expect.poll(() => rows(page).count()).toBe(2);
    const licence = rows(page).filter({ hasText: bruno.name });
    expect(await licence.locator("[data-state]").textContent()).toBe("Valid");
    await screenshot(page, "training-licences-light");
    await licence
      .getByRole("button", { name: `Actions: Licence of ${bruno.name} for ${course}` })
      .click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "Certificate (German)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");

    // The organization's Training tab shows them too.
    const { licences } = await call<{ licences?: { organizationId: string; sessionId: string }[] }>(
      page,
      "TrainingService/ListLicences",
      { person: run },
    );
    expect(licences?.every((l) => l.sessionId === sessionId)).toBe(true);
    await page.goto(`/organizations/${licences![0]!.organizationId}?tab=training`);
    await page.getByRole("tab", { name: "Training" }).waitFor();
    await page.getByText(bruno.name).first().waitFor();
    await page.getByText(alma.name).first().waitFor();
    await screenshot(page, "organization-training-light");
    await page.context().close();
  }, 240_000);
});
