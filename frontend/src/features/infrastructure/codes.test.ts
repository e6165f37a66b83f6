import { create } from "@bufbuild/protobuf";
import {
  HealthReasonSchema,
  ServerSchema,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { describe, expect, it } from "vitest";
import { translate, type Locale } from "@/lib/i18n/i18n";
import { de, en } from "@/lib/i18n/messages";
import codes from "./codes.gen.json";
import { healthReasons, serverStatus } from "./texts";

// codes.gen.json lists the codes of health reasons and of a connection's
// health that the server declares, with their values; the server's tests
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
  ];
  it("is listed", () => {
    expect(cases.map((c) => c.key)).toContain("servers.reason.cpu-high");
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
