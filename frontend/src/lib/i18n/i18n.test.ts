import { afterEach, describe, expect, it, vi } from "vitest";
import { allDictionaries } from "@/test/texts";
import type { Dictionary } from "./dictionary";
import { detectLocale, isMessageKey, translate, type MessageKey } from "./i18n";
import { areas, shell } from "./messages";

const dictionaries = await allDictionaries();
const byArea = Object.entries(dictionaries);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every dictionary module of a feature or of the shared components, found by its file name.
const modules = import.meta.glob<Record<string, Dictionary>>(
  ["/src/features/*/i18n.ts", "/src/components/i18n.ts", "/src/components/*/i18n.ts"],
  { eager: true },
);

describe("the dictionaries", () => {
  it("include every feature's and the shared components' dictionary", () => {
    const composed = new Set<Dictionary>(Object.values(dictionaries));
    expect(Object.keys(modules).length).toBeGreaterThan(1);
    for (const [file, exports] of Object.entries(modules)) {
      for (const [name, dictionary] of Object.entries(exports)) {
        expect(composed.has(dictionary), `${file}: ${name} is not in messages.ts`).toBe(true);
      }
    }
  });

  it("are each either in the first load or fetched, not both", () => {
    const names = [...Object.keys(shell), ...Object.keys(areas)];
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(dictionaries).sort()).toEqual([...names].sort());
  });

  it.each(byArea)("%s has a German text for every English key, none left empty", (_, d) => {
    expect(Object.keys(d.de).sort()).toEqual(Object.keys(d.en).sort());
    for (const texts of [d.en, d.de]) {
      for (const [key, text] of Object.entries(texts)) expect(text.trim(), key).not.toBe("");
    }
  });

  it.each(byArea)("%s fills in the same values in both languages", (_, d) => {
    for (const [key, text] of Object.entries(d.en)) {
      expect(placeholders(d.de[key] ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("give each key in one dictionary only", () => {
    const owners = new Map<string, string[]>();
    for (const [area, d] of byArea) {
      for (const key of new Set([...Object.keys(d.en), ...Object.keys(d.de)])) {
        owners.set(key, [...(owners.get(key) ?? []), area]);
      }
    }
    const duplicates = [...owners].filter(([, inAreas]) => inAreas.length > 1);
    expect(duplicates).toEqual([]);
  });

  it("translate every key, once loaded, to its own dictionary's text", () => {
    for (const [area, d] of byArea) {
      for (const locale of ["en", "de"] as const) {
        for (const [key, text] of Object.entries(d[locale])) {
          expect(isMessageKey(key), `${area}: ${key}`).toBe(true);
          expect(translate(locale, key as MessageKey), `${area}: ${key}`).toBe(text);
        }
      }
    }
  });
});

describe("loading an area's texts", () => {
  it("adds them in both languages; the frame's are there from the start", async () => {
    vi.resetModules();
    const fresh = await import("./i18n");
    expect(fresh.translate("de", "common.showing", { shown: 50, total: 120 })).toBe(
      "50 von 120 angezeigt",
    );
    expect(fresh.isMessageKey("orgs.total")).toBe(false);
    await fresh.loadTexts("organizations");
    expect(fresh.isMessageKey("orgs.total")).toBe(true);
    expect(fresh.translate("en", "orgs.total", { total: 3 })).toBe("3 organizations");
    expect(fresh.translate("de", "orgs.total", { total: 3 })).toBe("3 Organisationen");
  });
});

describe("i18n", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("fills in placeholders", () => {
    expect(translate("de", "orgs.total", { total: "1.234" })).toBe("1.234 Organisationen");
    expect(translate("en", "common.showing", { shown: 50, total: 120 })).toBe("Showing 50 of 120");
  });

  it("picks the browser's language, and the saved choice over it", () => {
    vi.stubGlobal("navigator", { languages: ["de-AT", "en"], language: "de-AT" });
    expect(detectLocale()).toBe("de");
    vi.stubGlobal("navigator", { languages: ["fr-FR"], language: "fr-FR" });
    expect(detectLocale()).toBe("en");
    window.localStorage.setItem("leitstand.locale", "de");
    expect(detectLocale()).toBe("de");
  });
});
