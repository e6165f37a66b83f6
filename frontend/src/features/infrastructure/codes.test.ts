import { create } from "@bufbuild/protobuf";
import { ContainerSchema } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  HealthReasonSchema,
  ServerEventSchema,
  ServerSchema,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { describe, expect, it } from "vitest";
import { translate, type Locale } from "@/lib/i18n/i18n";
import { allTexts } from "@/test/texts";
import codes from "./codes.gen.json";
import { controlUnavailable, eventWording, healthReasons, serverStatus } from "./texts";

// Each page loads its areas' texts; these tests check the texts of all areas.
const { en, de } = await allTexts();

// codes.gen.json lists the codes of health reasons, a connection's health,
// server events and why a container cannot be controlled that the server
// declares, with their values; the server's tests
// keep it current (server/internal/app, TestCodesTheSPAWords). A code added
// there fails here until it has its texts in both languages.

const languages = { en, de } as const;
const valuesOf = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
const textOf = (locale: Locale, key: string) =>
  (languages[locale] as Record<string, string | undefined>)[key];

describe("every code the server declares", () => {
  const cases = [
    ...codes.healthReasons.map((c) => ({ ...c, key: `servers.reason.${c.code}` })),
    ...codes.connectionHealth.map((c) => ({ ...c, key: `connections.healthCode.${c.code}` })),
    // An event's error and reason are shown beside its text, as they are.
    ...codes.serverEvents.map((c) => ({
      ...c,
      params: c.params.filter((p) => !codes.serverEventAsIs.includes(p)),
      key: `servers.event.${c.code}`,
    })),
    ...codes.controlUnavailable.map((c) => ({ ...c, key: `containers.unavailable.${c.code}` })),
  ];
  it("is listed", () => {
    const keys = cases.map((c) => c.key);
    expect(keys).toContain("servers.reason.cpu-high");
    expect(keys).toContain("servers.event.container-restarted-by-engine");
    expect(keys).toContain("containers.unavailable.monitoring-only");
    expect(codes.serverEventAsIs).toEqual(["error", "reason"]);
  });
  for (const c of cases) {
    it.each(["en", "de"] as const)(`${c.key} is worded in %s with exactly its values`, (locale) => {
      const text = textOf(locale, c.key);
      expect(text?.trim(), c.key).toBeTruthy();
      expect(valuesOf(text ?? "")).toEqual([...c.params].sort());
    });
  }
});

describe("a server's health reasons", () => {
  const t =
    (locale: Locale) =>
    (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
      translate(locale, key, params);
  const server = create(ServerSchema, {
    healthReasons: [
      "status stopped",
      "disk /var 95 % ≥ 90 %",
      "sync failed 1 times in a row",
      "warp drive offline",
    ],
    healthReasonDetails: [
      create(HealthReasonSchema, {
        code: "down",
        params: { status: "stopped" },
        text: "status stopped",
      }),
      create(HealthReasonSchema, {
        code: "disk-high",
        params: { percent: "95", threshold: "90", filesystem: "/var" },
        text: "disk /var 95 % ≥ 90 %",
      }),
      create(HealthReasonSchema, {
        code: "sync-failing",
        params: { failures: "1" },
        text: "sync failed 1 times in a row",
      }),
      create(HealthReasonSchema, { code: "warp-drive", text: "warp drive offline" }),
    ],
  });

  it("are worded in German by their codes, with the status word and plurals", () => {
    expect(healthReasons(t("de"), server)).toEqual([
      { text: "Status: Gestoppt", english: false },
      { text: "Festplatte /var 95 % ≥ 90 %", english: false },
      { text: "Sync 1 Mal in Folge fehlgeschlagen", english: false },
      // A code this interface does not know yet keeps the server's English, marked.
      { text: "warp drive offline", english: true },
    ]);
    expect(
      healthReasons(t("en"), server)
        .map((r) => r.text)
        .slice(0, 3),
    ).toEqual(["Status: Stopped", "Disk /var 95 % ≥ 90 %", "Sync failed 1 time in a row"]);
  });

  it("are the server's English, marked, when it sends no codes", () => {
    const old = create(ServerSchema, { healthReasons: ["status stopped"] });
    expect(healthReasons(t("de"), old)).toEqual([{ text: "status stopped", english: true }]);
  });

  it("name the whole disk when no filesystem is named", () => {
    const whole = create(ServerSchema, {
      healthReasons: ["disk 82 % ≥ 80 %"],
      healthReasonDetails: [
        create(HealthReasonSchema, {
          code: "disk-high",
          params: { percent: "82", threshold: "80", filesystem: "" },
        }),
      ],
    });
    expect(healthReasons(t("de"), whole)[0]?.text).toBe("Festplatte 82 % ≥ 80 %");
  });
});

describe("a server's status", () => {
  it("is the provider's word in the interface's language, else the word itself", () => {
    const tde = (key: Parameters<typeof translate>[1]) => translate("de", key);
    expect(serverStatus(tde, "running")).toBe("Läuft");
    expect(serverStatus(tde, "Stopped")).toBe("Gestoppt");
    expect(serverStatus(tde, "hibernating")).toBe("hibernating");
  });
});

describe("a server's events", () => {
  const tde = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate("de", key, params);
  const event = (messageCode: string, messageParams: Record<string, string>, message = "") =>
    create(ServerEventSchema, { messageCode, messageParams, message });

  it("are worded in German by their codes, with status words and plurals", () => {
    const said = [
      event("container-restarted-by-engine", { container: "nginx", restarts: "3" }),
      event("container-status-changed", { container: "nginx", from: "RUNNING", to: "EXITED" }),
      event("status-changed", { from: "running", to: "stopped", connection: "pve" }),
      event("moved", { from: "", to: "node2", connection: "pve" }),
      event("container-appeared", { container: "db", image: "" }),
      event("sync-recovered", { failures: "1" }),
      event("linked", { connection: "pve", external_id: "0101" }),
    ].map((e) => eventWording(tde, e).text);
    expect(said).toEqual([
      "Container nginx wurde von seiner Engine neu gestartet (3 Neustarts bisher)",
      "Container nginx wechselte von „Läuft“ zu „Beendet“",
      "Status von „Läuft“ auf „Gestoppt“ geändert (pve)",
      "Von keinem Host nach node2 verschoben (pve)",
      "Container db aufgetaucht (Image unbekannt)",
      "Sync wieder in Ordnung nach 1 Fehlschlag",
      "Mit Verbindung pve verknüpft (ID 0101)",
    ]);
  });

  it("keep a provider's error and a person's reason apart from the wording", () => {
    expect(
      eventWording(
        tde,
        event(
          "sync-failed",
          { error: "pve: connection refused" },
          "Sync failed: pve: connection refused",
        ),
      ),
    ).toEqual({ text: "Sync fehlgeschlagen", english: false, error: "pve: connection refused" });
    expect(
      eventWording(tde, event("stopped-container", { container: "nginx", reason: "Wartung" })),
    ).toEqual({ text: "Container nginx gestoppt", english: false, reason: "Wartung" });
  });

  it("are the server's English, marked, without a code or with one this interface does not know", () => {
    const old = create(ServerEventSchema, { message: "Container nginx is gone" });
    expect(eventWording(tde, old)).toEqual({ text: "Container nginx is gone", english: true });
    expect(eventWording(tde, event("warp-drive", {}, "Warp drive engaged"))).toEqual({
      text: "Warp drive engaged",
      english: true,
    });
  });
});

describe("why a container cannot be controlled", () => {
  const tde = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate("de", key, params);
  it("is worded in German by its code, else the server's English", () => {
    const monitored = create(ContainerSchema, {
      controllable: false,
      controlUnavailableCode: "monitoring-provider",
      controlUnavailableParams: { source: "Beszel" },
      controlUnavailableReason: "Beszel only monitors containers; …",
    });
    expect(controlUnavailable(tde, monitored)?.text).toMatch(/^Beszel überwacht Container nur;/);
    const old = create(ContainerSchema, {
      controllable: false,
      controlUnavailableReason: "the container is gone",
    });
    expect(controlUnavailable(tde, old)).toEqual({ text: "the container is gone", english: true });
    expect(
      controlUnavailable(tde, create(ContainerSchema, { controllable: true })),
    ).toBeUndefined();
  });
});
