import { createContext, use, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import {
  formatBytes,
  formatBytesOf,
  formatDate,
  formatDateTime,
  formatDuration,
  formatExactTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRate,
  formatRelative,
  formatTime,
  browserTimeZone,
  saveTimeZone,
  savedTimeZone,
  zoneName,
  type Locale,
} from "@/lib/format";
import type { Dictionary } from "./dictionary";
import { areas, shell, type Area, type MessageKey } from "./messages";
import { formatPlurals } from "./plural";

export type { Locale } from "@/lib/format";
export type { Area, MessageKey } from "./messages";

export const locales: readonly Locale[] = ["en", "de"];
const storageKey = "leitstand.locale";

// The texts at hand, by language: the frame's from the start, each area's
// (in both languages, so that switching the language needs no fetch) once
// loadTexts has fetched it.
const texts: Record<Locale, Partial<Record<MessageKey, string>>> = { en: {}, de: {} };
function add(d: Dictionary) {
  for (const locale of locales) Object.assign(texts[locale], d[locale]);
}
Object.values(shell).forEach(add);

const loading = new Map<Area, Promise<void>>();
const loaded = new Set<Area>();

function loadArea(area: Area): Promise<void> {
  let done = loading.get(area);
  if (!done) {
    done = areas[area]().then((d: Dictionary) => {
      add(d);
      loaded.add(area);
    });
    // A fetch that failed (a dropped connection, a deployment that replaced
    // the chunk) is tried again on the next call, as a retried route is.
    done.catch(() => loading.delete(area));
    loading.set(area, done);
  }
  return done;
}

/**
 * loadTexts fetches the dictionaries of areas, each once. A route whose
 * page shows an area's texts awaits it in its loader, so the page never
 * renders a key in place of its text.
 */
export async function loadTexts(...names: Area[]): Promise<void> {
  await Promise.all(names.map(loadArea));
}

/**
 * useTexts suspends a component until the dictionaries of areas are there:
 * for a part that appears without a navigation (the layout's second-factor
 * setup, once the server starts to require it), where no loader runs.
 */
export function useTexts(...names: Area[]): void {
  for (const name of names) if (!loaded.has(name)) use(loadArea(name));
}

export type MessageParams = Record<string, string | number>;

/**
 * translate looks a key up for a locale, words counts by the language's
 * plural rules (`{n, plural, one {# run} other {# runs}}`, see plural.ts) and
 * fills in `{name}` placeholders.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  let text = texts[locale][key] ?? texts.en[key] ?? key;
  if (!params) return text;
  if (text.includes(", plural,")) text = formatPlurals(text, locale, params);
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/**
 * isMessageKey says whether the interface has a text under key: for keys
 * made from a code the server sends (a job's name, a summary's code), which
 * a newer server may send before the interface knows it. Only the texts
 * loaded so far count: a page asks about its own areas' keys, which its
 * route has loaded.
 */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(texts.en, key);
}

/** detectLocale picks the saved choice, else the browser's first supported language. */
export function detectLocale(): Locale {
  const saved = window.localStorage.getItem(storageKey);
  if (saved === "en" || saved === "de") return saved;
  for (const language of navigator.languages ?? [navigator.language]) {
    const base = language.toLowerCase().split("-")[0];
    if (base === "de" || base === "en") return base;
  }
  return "en";
}

// The locale outside React (the global error handler shows notifications).
let activeLocale: Locale = "en";
export function currentLocale(): Locale {
  return activeLocale;
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
  formatDate: (date: Date) => string;
  formatDateTime: (date: Date, withSeconds?: boolean) => string;
  formatRelative: (date: Date) => string;
  /** The moment to the second with its zone: "14 Mar 2026, 09:30:05 CET". */
  formatExactTime: (date: Date) => string;
  /** The time of day to the minute: "09:30". */
  formatTime: (date: Date) => string;
  /** The display zone's short name at a moment: "CET", "UTC". */
  zoneName: (date: Date) => string;
  /** The zone dates and times are shown in (an IANA name). */
  timeZone: string;
  /** The zone picked in this browser; "" when the browser's own is used. */
  savedTimeZone: string;
  /** setTimeZone picks the display zone; "" goes back to the browser's. */
  setTimeZone: (zone: string) => void;
  formatNumber: (value: number | bigint) => string;
  formatMoney: (cents: bigint | number, currency: string) => string;
  formatDuration: (ms: number) => string;
  formatPercent: (share: number) => string;
  formatBytes: (bytes: number | bigint) => string;
  formatBytesOf: (used: number | bigint, total: number | bigint) => string;
  formatRate: (bytesPerSecond: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  children,
  initialLocale,
}: {
  children: ReactNode;
  initialLocale?: Locale;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? detectLocale());
  useEffect(() => {
    activeLocale = locale;
    document.documentElement.lang = locale;
  }, [locale]);

  const [saved, setSaved] = useState<string>(() => savedTimeZone());
  const timeZone = saved || browserTimeZone();
  const setTimeZone = useCallback((zone: string) => {
    saveTimeZone(zone);
    setSaved(savedTimeZone());
  }, []);

  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(storageKey, next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      formatDate: (date) => formatDate(date, locale, timeZone),
      formatDateTime: (date, withSeconds) => formatDateTime(date, locale, withSeconds, timeZone),
      formatRelative: (date) => formatRelative(date, locale),
      formatExactTime: (date) => formatExactTime(date, locale, timeZone),
      formatTime: (date) => formatTime(date, locale, timeZone),
      zoneName: (date) => zoneName(date, locale, timeZone),
      timeZone,
      savedTimeZone: saved,
      setTimeZone,
      formatNumber: (value) => formatNumber(value, locale),
      formatMoney: (cents, currency) => formatMoney(cents, currency, locale),
      formatDuration: (ms) => formatDuration(ms, locale),
      formatPercent: (share) => formatPercent(share, locale),
      formatBytes: (bytes) => formatBytes(bytes, locale),
      formatBytesOf: (used, total) => formatBytesOf(used, total, locale),
      formatRate: (rate) => formatRate(rate, locale),
    }),
    [locale, setLocale, timeZone, saved, setTimeZone],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside I18nProvider");
  return value;
}
