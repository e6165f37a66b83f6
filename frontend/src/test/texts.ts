import type { Dictionary } from "@/lib/i18n/dictionary";
import { loadTexts, type Area, type MessageKey } from "@/lib/i18n/i18n";
import { areas, shell } from "@/lib/i18n/messages";

/**
 * allDictionaries fetches every area's dictionary (as the routes do, each
 * for its pages) and returns them with the frame's, by area: for tests that
 * check texts across areas, which no page loads all at once.
 */
export async function allDictionaries(): Promise<Record<string, Dictionary>> {
  const names = Object.keys(areas) as Area[];
  await loadTexts(...names);
  const fetched = await Promise.all(names.map(async (name) => [name, await areas[name]()]));
  return { ...shell, ...Object.fromEntries(fetched) };
}

/** allTexts is every text of the interface, by language and key. */
export async function allTexts(): Promise<Record<"en" | "de", Record<MessageKey, string>>> {
  const dictionaries = Object.values(await allDictionaries());
  const compose = (locale: "en" | "de") =>
    Object.assign({}, ...dictionaries.map((d) => d[locale])) as Record<MessageKey, string>;
  return { en: compose("en"), de: compose("de") };
}
