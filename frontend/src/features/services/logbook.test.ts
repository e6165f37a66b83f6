import { create } from "@bufbuild/protobuf";
import {
  LogbookEntrySchema,
  ServiceHealth,
  ServiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { describe, expect, it } from "vitest";
import { formatDateTime, formatMoney } from "@/lib/format";
import { translate, type Locale } from "@/lib/i18n/i18n";
import { allTexts } from "@/test/texts";
import codes from "./codes.gen.json";
import { logbookText } from "./logbook";
import { servicesFilter, servicesSearchSchema } from "./search";
import { settableStatuses, statusName, statusTone } from "./status";

// Each page loads its areas' texts; these tests check the texts of all areas.
const { en, de } = await allTexts();

const i18n = (locale: Locale) => ({
  t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params),
  formatMoney: (cents: bigint | number, currency: string) => formatMoney(cents, currency, locale),
  formatDateTime: (date: Date) => formatDateTime(date, locale, false, "UTC"),
});

// codes.gen.json lists the codes of the logbook entries the server writes
// itself; the server's tests keep it current (TestCodesTheSPAWords). A code
// added there fails here until it has its texts in both languages.
describe("every logbook code the server declares", () => {
  it("is listed", () => {
    expect(codes.logbook.map((c) => c.code)).toContain("status-changed");
    expect(codes.logbookAsIs).toEqual(["reason"]);
  });
  for (const c of codes.logbook) {
    it.each([
      ["en", en],
      ["de", de],
    ] as const)(`${c.code} is worded in %s`, (_, texts) => {
      expect(
        (texts as Record<string, string>)[`services.logbook.code.${c.code}`]?.trim(),
      ).toBeTruthy();
    });
  }
});

describe("a logbook entry", () => {
  const entry = (code: string, params: Record<string, string>, text = "English") =>
    create(LogbookEntrySchema, { code, params, text });

  it("words a status change in the interface's language, the reason as it was written", () => {
    const e = entry("status-changed", {
      from: "ONLINE",
      to: "MAINTENANCE",
      reason: "Update auf 31",
    });
    expect(logbookText(i18n("de"), e)).toEqual({
      text: "Status von Online auf Wartung geändert",
      reason: "Update auf 31",
      english: false,
    });
  });

  it("words what the containers did, naming them", () => {
    expect(
      logbookText(
        i18n("de"),
        entry("service-action", {
          action: "stop",
          succeeded: "app",
          failed: "db",
          reason: "Umzug",
        }),
      ),
    ).toEqual({
      text: "Service gestoppt: app; fehlgeschlagen: db",
      reason: "Umzug",
      english: false,
    });
    expect(
      logbookText(
        i18n("en"),
        entry("container-linked", {
          container: "app",
          server: "web-01",
          role: "DATABASE",
          primary: "true",
        }),
      ).text,
    ).toBe("Container app on web-01 linked as primary database container");
    expect(
      logbookText(
        i18n("en"),
        entry("status-followed", {
          from: "ONLINE",
          to: "DISRUPTION",
          primaries: "2",
          healthy: "1",
          running: "2",
        }),
      ).text,
    ).toBe(
      "Status changed from Online to Disruption by the containers' health: 1 of 2 primary containers healthy, 2 running",
    );
    expect(logbookText(i18n("en"), entry("decommissioned", { stopped: "app" })).text).toBe(
      "Decommissioned; all containers unlinked; stopped app",
    );
  });

  it("words prices from cents in the locale's way", () => {
    const e = entry("price-changed", {
      from_cents: "8900",
      to_cents: "7900",
      currency: "EUR",
      reason: "Rabatt",
    });
    const en = logbookText(i18n("en"), e).text;
    expect(en).toContain("89.00");
    expect(en).toContain("79.00");
    expect(logbookText(i18n("de"), e).text).toContain("89,00");
  });

  it("words a booking and a decommission date", () => {
    expect(
      logbookText(
        i18n("en"),
        entry("service-booked", { item: "Nextcloud M", price_cents: "8900", currency: "EUR" }),
      ).text,
    ).toMatch(/^Booked Nextcloud M at €?89\.00/);
    const scheduled = logbookText(
      i18n("en"),
      entry("decommission-scheduled", { time: "2026-04-13T09:30:00Z", reason: "ends" }),
    );
    expect(scheduled.text).toContain("2026");
    expect(scheduled.reason).toBe("ends");
  });

  it("words a revealed credential with who revealed it, the reason beside it", () => {
    const e = entry("credential-revealed", {
      name: "admin login",
      by: "owner@example.com",
      reason: "customer lost it",
    });
    expect(logbookText(i18n("de"), e)).toEqual({
      text: "Zugangsdaten „admin login“ angezeigt von owner@example.com",
      reason: "customer lost it",
      english: false,
    });
  });

  it("shows what people wrote as they wrote it, and an unknown code as the server wrote it", () => {
    expect(logbookText(i18n("de"), entry("", {}, "<b>not markup</b>"))).toEqual({
      text: "<b>not markup</b>",
      reason: "",
      english: false,
    });
    expect(logbookText(i18n("de"), entry("a-newer-code", {}, "Something new"))).toEqual({
      text: "Something new",
      reason: "",
      english: true,
    });
  });
});

describe("service statuses", () => {
  it("are set by hand except DECOMMISSIONED, each with a tone", () => {
    expect(settableStatuses).not.toContain("DECOMMISSIONED");
    expect(settableStatuses).toHaveLength(6);
    expect(statusTone[statusName(ServiceStatus.INCIDENT)]).toBe("critical");
    expect(statusName(99 as ServiceStatus)).toBe("UNSPECIFIED");
  });
});

describe("the services' filters in the URL", () => {
  it("reads statuses, healths, a server and an organization, and drops what is not one", () => {
    const search = servicesSearchSchema.parse({
      q: " cloud ",
      status: "MAINTENANCE,BOGUS,INCIDENT",
      health: "down,DEGRADED,UNSPECIFIED",
      server: "srv_01kaj5m8d0e6xv1ks8wq6a5j0p",
      org: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
    });
    expect(servicesFilter(search)).toEqual({
      query: "cloud",
      organizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
      statuses: [ServiceStatus.MAINTENANCE, ServiceStatus.INCIDENT],
      serverId: "srv_01kaj5m8d0e6xv1ks8wq6a5j0p",
      healths: [ServiceHealth.DEGRADED, ServiceHealth.DOWN],
    });
    expect(
      servicesSearchSchema.parse({ org: "not an id", server: "web-01", sort: "price" }),
    ).toMatchObject({
      org: "",
      server: "",
      sort: "name",
    });
  });
});
