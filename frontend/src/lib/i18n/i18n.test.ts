import { afterEach, describe, expect, it, vi } from "vitest";
import { de } from "./de";
import { en } from "./en";
import { detectLocale, translate } from "./i18n";

describe("i18n", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("has a German text for every English key, none left empty", () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(de)) expect(text, key).not.toBe("");
  });

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
