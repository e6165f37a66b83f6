import { describe, expect, it } from "vitest";
import { aJobRun } from "@/test/builders";
import { formatDuration } from "@/lib/format";
import { translate, type Locale } from "@/lib/i18n/i18n";
import { allTexts } from "@/test/texts";
import codes from "./codes.gen.json";
import { jobDescription, jobTitle, runSummary } from "@/components/jobs/texts";

// Each page loads its areas' texts; these tests check the texts of all areas.
const { en, de } = await allTexts();

// codes.gen.json lists the jobs the server registers and the summary codes
// each declares, with their values; the server's tests keep it current
// (server/internal/app, TestCodesTheSPAWords). A job or code added there
// fails here until it has its texts in both languages.

const languages = { en, de } as const;
/** The values a text fills in: `{name}` and `{name, plural, …}`. */
const valuesOf = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
const textOf = (locale: Locale, key: string) =>
  (languages[locale] as Record<string, string | undefined>)[key];

describe("every job the server registers", () => {
  it("is listed", () => {
    expect(codes.jobs.map((j) => j.name)).toContain("session-cleanup");
  });

  for (const job of codes.jobs) {
    it.each(["en", "de"] as const)(`${job.name} has a title and description in %s`, (locale) => {
      expect(textOf(locale, `jobs.job.${job.name}.title`)?.trim()).toBeTruthy();
      expect(textOf(locale, `jobs.job.${job.name}.description`)?.trim()).toBeTruthy();
    });

    for (const summary of job.summaries) {
      it.each(["en", "de"] as const)(
        `${job.name}'s summary ${summary.code} is worded in %s with exactly its values`,
        (locale) => {
          const text = textOf(locale, `jobs.summary.${summary.code}`);
          expect(text?.trim(), `jobs.summary.${summary.code}`).toBeTruthy();
          expect(valuesOf(text ?? "")).toEqual([...summary.params].sort());
        },
      );
    }
  }
});

const i18n = (locale: Locale) => ({
  t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params),
  formatDuration: (ms: number) => formatDuration(ms, locale),
});

describe("a run's summary", () => {
  const cleanup = (sessions: string, tokens: string, throttles: string) =>
    aJobRun({
      summary: `removed ${sessions} expired sessions, ${tokens} expired API tokens and ${throttles} sign-in throttles`,
      summaryCode: "sessions-removed",
      summaryParams: { sessions, tokens, throttles },
    });

  it("is worded in German with the language's plurals and digits", () => {
    expect(runSummary(i18n("de"), cleanup("1", "0", "1234"))).toBe(
      "1 abgelaufene Sitzung, 0 abgelaufene API-Tokens und 1.234 Anmeldesperren entfernt",
    );
    expect(runSummary(i18n("en"), cleanup("1", "0", "1234"))).toBe(
      "removed 1 expired session, 0 expired API tokens and 1,234 sign-in throttles",
    );
  });

  it("writes out durations in the language", () => {
    const sync = aJobRun({
      summaryCode: "servers-synced",
      summaryParams: {
        connections: "4",
        failed_connections: "1",
        servers: "1",
        containers: "12",
        samples: "13",
        duration_ms: "1500",
      },
    });
    expect(runSummary(i18n("de"), sync)).toBe(
      "4 Verbindungen synchronisiert (1 mit Fehlern): 1 Server, 12 Container, 13 Messwerte in 1,5 s",
    );
    expect(runSummary(i18n("en"), sync)).toBe(
      "synced 4 connections (1 failing): 1 server, 12 containers, 13 samples in 1.5 s",
    );
  });

  it("is left to the server's English when its code is unknown or missing", () => {
    expect(runSummary(i18n("de"), aJobRun({ summary: "did things" }))).toBeUndefined();
    expect(
      runSummary(i18n("de"), aJobRun({ summaryCode: "from-a-newer-server", summary: "x" })),
    ).toBeUndefined();
  });
});

describe("a job's title and description", () => {
  it("are the interface's, by the job's name, else the server's", () => {
    const t = i18n("de").t;
    const cleanup = { name: "session-cleanup", title: "Session Cleanup", description: "Removes" };
    expect(jobTitle(t, cleanup)).toBe("Sitzungsbereinigung");
    expect(jobDescription(t, cleanup)).toMatch(/^Entfernt abgelaufene/);
    const unknown = { name: "invoice-run", title: "Invoice Run", description: "Issues invoices." };
    expect(jobTitle(t, unknown)).toBe("Invoice Run");
    expect(jobDescription(t, unknown)).toBe("Issues invoices.");
  });
});
