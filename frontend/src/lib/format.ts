/** The languages of the interface. */
export type Locale = "en" | "de";

/** The BCP 47 tag Intl formats with for each interface language. */
export const intlLocale: Record<Locale, string> = {
  en: "en-GB",
  de: "de-DE",
};

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * formatMoney formats an amount of minor units (cents) of a currency for the
 * locale: 123456 EUR is "1.234,56 €" in German and "€1,234.56" in English.
 * The amount is converted to a decimal string, not a float, so large amounts
 * stay exact.
 */
export function formatMoney(cents: bigint | number, currency: string, locale: Locale): string {
  const format = moneyFormat(locale, currency.toUpperCase());
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const value = typeof cents === "bigint" ? cents : BigInt(Math.round(cents));
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const fraction = digits > 0 ? `.${abs.slice(abs.length - digits)}` : "";
  const decimal = `${negative ? "-" : ""}${whole}${fraction}`;
  // Intl.NumberFormat formats decimal strings exactly (ES2023).
  return format.format(decimal as unknown as number);
}

/** formatNumber formats an integer or decimal for the locale: 1.234 / 1,234. */
export function formatNumber(value: number | bigint, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale]).format(value);
}

// The display time zone: an IANA name the user picked (kept in this
// browser), else the browser's own. Dates and times are formatted in it.

const timeZoneKey = "leitstand.timeZone";

/** browserTimeZone is the zone the browser runs in, e.g. "Europe/Berlin". */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** isTimeZone says whether Intl knows an IANA zone name. */
export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** savedTimeZone is the zone picked in this browser; "" when none is (the browser's is used). */
export function savedTimeZone(): string {
  try {
    const saved = window.localStorage.getItem(timeZoneKey) ?? "";
    return isTimeZone(saved) ? saved : "";
  } catch {
    return "";
  }
}

/** saveTimeZone keeps the picked zone in this browser; "" goes back to the browser's. */
export function saveTimeZone(zone: string): void {
  if (zone && isTimeZone(zone)) window.localStorage.setItem(timeZoneKey, zone);
  else window.localStorage.removeItem(timeZoneKey);
}

/** displayTimeZone is the zone times are shown in: the saved one, else the browser's. */
export function displayTimeZone(): string {
  return savedTimeZone() || browserTimeZone();
}

/** formatMonth names a month, YYYY-MM: "January 2027" / "Januar 2027", or short "Jan 27". */
export function formatMonth(month: string, locale: Locale, short = false): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    month: short ? "short" : "long",
    year: short ? "2-digit" : "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** thisMonth is the month it is now in the display time zone, YYYY-MM. */
export function thisMonth(timeZone: string = displayTimeZone(), now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    timeZone,
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

/** timeZones lists the zones Intl knows, for a picker (UTC first). */
export function timeZones(): string[] {
  const known =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...known.filter((z) => z !== "UTC")];
}

/**
 * zoneName names a zone briefly as it is at a moment: "CET" / "MEZ",
 * "GMT+5:30", "UTC".
 */
export function zoneName(date: Date, locale: Locale, timeZone = displayTimeZone()): string {
  const parts = new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone,
    timeZoneName: "short",
  }).formatToParts(date);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** formatDate formats the calendar day: 21.11.2026 / 21 Nov 2026. */
export function formatDate(date: Date, locale: Locale, timeZone = displayTimeZone()): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeZone }).format(
    date,
  );
}

/**
 * civilDate reads a calendar day without a time ("2026-04-14", a billing
 * date, a contract's start) as noon UTC of that day, so that formatting it
 * in "UTC" shows that very day whatever the display zone.
 */
export function civilDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** formatCivilDate formats a calendar day without a time: 14.04.2026 / 14 Apr 2026. */
export function formatCivilDate(day: string, locale: Locale): string {
  const date = civilDate(day);
  return Number.isNaN(date.getTime()) ? day : formatDate(date, locale, "UTC");
}

/**
 * todayIn is today's date (YYYY-MM-DD) in a time zone (an organization's
 * billing calendar), the browser's if it is not one.
 */
export function todayIn(zone: string, now = new Date()): string {
  const format = (timeZone?: string) =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
  try {
    return format(zone || undefined);
  } catch {
    return format();
  }
}

/** The fields of a moment on a zone's clock, and the zone's offset from UTC then (ms). */
function wallClock(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? "0");
  const fields = {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
  };
  const asUTC = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    part("second"),
  );
  return { ...fields, offset: asUTC - Math.floor(ms / 1000) * 1000 };
}

/**
 * zonedDateTime reads a date and time as a zone's clock shows it
 * ("2026-12-04T09:30", what a datetime-local input holds) into the moment it
 * is; null when it is not one. A time the clock skips (spring forward) is
 * read with the offset before the change; one it shows twice, as the first.
 */
export function zonedDateTime(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const asUTC = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUTC)) return null;
  // The zone's offset a little before and after: the first that reads back
  // to the same clock time wins (the earlier moment where it shows twice).
  const offsets = [
    wallClock(asUTC - 86_400_000, timeZone).offset,
    wallClock(asUTC + 86_400_000, timeZone).offset,
  ];
  for (const offset of [...new Set(offsets)].sort((a, b) => b - a)) {
    const candidate = asUTC - offset;
    const back = wallClock(candidate, timeZone);
    if (back.hour === hour && back.minute === minute && back.day === day)
      return new Date(candidate);
  }
  return new Date(asUTC - offsets[0]!);
}

/** localDateTime writes a moment as a zone's clock shows it, as a datetime-local input holds it: "2026-12-04T09:30". */
export function localDateTime(date: Date, timeZone: string): string {
  const c = wallClock(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** formatDateTime formats day and time to the minute in the display time zone. */
export function formatDateTime(
  date: Date,
  locale: Locale,
  withSeconds = false,
  timeZone = displayTimeZone(),
): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "medium",
    timeStyle: withSeconds ? "medium" : "short",
    timeZone,
  }).format(date);
}

/**
 * formatExactTime formats a moment to the second with its zone, for the
 * hover of a relative time: "14 Mar 2026, 09:30:05 CET" / "14. März 2026,
 * 09:30:05 MEZ".
 */
export function formatExactTime(date: Date, locale: Locale, timeZone = displayTimeZone()): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(date);
}

/** formatTime formats the time of day to the minute: "09:30". */
export function formatTime(date: Date, locale: Locale, timeZone = displayTimeZone()): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** formatRelative says how long ago (or from now) a moment is: "vor 3 Tagen" / "3 days ago". */
export function formatRelative(date: Date, locale: Locale, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale[locale], { numeric: "auto" });
  for (const [unit, size] of relativeUnits) {
    if (Math.abs(seconds) >= size || unit === "second") {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(0, "second");
}

/**
 * formatDuration writes a duration of milliseconds briefly, with SI units
 * both languages share: "1.5 ms", "350 ms", "1.2 s" / "1,2 s", "3 min 5 s",
 * "2 h 10 min".
 */
export function formatDuration(ms: number, locale: Locale): string {
  const value = Math.max(0, ms);
  if (value < 10 && value !== Math.round(value)) {
    const format = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 1 });
    return `${format.format(value)} ms`;
  }
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) {
    const seconds = value / 1000;
    const format = new Intl.NumberFormat(intlLocale[locale], {
      maximumFractionDigits: seconds < 10 ? 1 : 0,
    });
    return `${format.format(seconds)} s`;
  }
  const totalSeconds = Math.round(value / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes > 0
    ? `${formatNumber(hours, locale)} h ${minutes} min`
    : `${formatNumber(hours, locale)} h`;
}

/** formatPercent writes a share from 0 to 1 as a whole percentage: 0.974 -> "97 %" / "97%". */
export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale], {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);
}

const byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;
const rateUnits = ["B/s", "kB/s", "MB/s", "GB/s", "TB/s"] as const;

/** scaled picks the largest unit the value reaches (or the given one) and formats it with up to one decimal. */
function scaled(
  value: number,
  step: number,
  units: readonly string[],
  locale: Locale,
  unit?: number,
) {
  const abs = Math.abs(value);
  let index = unit ?? 0;
  if (unit === undefined) {
    while (index < units.length - 1 && abs >= step ** (index + 1) * 0.9995) index += 1;
  }
  const amount = value / step ** index;
  const digits = index === 0 || Math.abs(amount) >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: digits }).format(
    amount,
  );
  return { text, unit: units[index], index };
}

/**
 * formatBytes writes a size in binary units, as operating systems report
 * memory and disks: 1536 -> "1.5 KiB" / "1,5 KiB", 8 GiB -> "8 GiB".
 */
export function formatBytes(bytes: number | bigint, locale: Locale): string {
  const { text, unit } = scaled(Number(bytes), 1024, byteUnits, locale);
  return `${text} ${unit}`;
}

/**
 * formatBytesOf writes how much of a total is used, both in the total's
 * unit: (3.2 GiB, 8 GiB) -> "3.2 / 8 GiB".
 */
export function formatBytesOf(
  used: number | bigint,
  total: number | bigint,
  locale: Locale,
): string {
  const whole = scaled(Number(total), 1024, byteUnits, locale);
  const part = scaled(Number(used), 1024, byteUnits, locale, whole.index);
  return `${part.text} / ${whole.text} ${whole.unit}`;
}

const gigabyte = 1e9;

function gigabytes(bytes: number | bigint, locale: Locale, digits: number): string {
  return new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: digits }).format(
    Number(bytes) / gigabyte,
  );
}

/** The decimals a figure in GB keeps: two below 1 GB, one below 100 GB, none above. */
function gigabyteDigits(bytes: number | bigint): number {
  const value = Math.abs(Number(bytes)) / gigabyte;
  return value < 1 ? 2 : value < 100 ? 1 : 0;
}

/**
 * formatGigabytes writes a size in decimal gigabytes (10^9 bytes), as the
 * plans' storage and traffic caps are counted and billed: 12_345_678_901 ->
 * "12.3 GB" / "12,3 GB", 250_000_000 -> "0.25 GB".
 */
export function formatGigabytes(bytes: number | bigint, locale: Locale): string {
  return `${gigabytes(bytes, locale, gigabyteDigits(bytes))} GB`;
}

/**
 * formatGigabytesOf writes how much of a cap is used, both in decimal
 * gigabytes with the cap's decimals: (12.3 GB, 50 GB) -> "12.3 / 50 GB".
 */
export function formatGigabytesOf(
  used: number | bigint,
  cap: number | bigint,
  locale: Locale,
): string {
  const [part, whole] = gigabytesOf(used, cap, locale);
  return `${part} / ${whole} GB`;
}

/**
 * gigabytesOf writes a use and its cap as numbers of decimal gigabytes
 * with the same decimals, for a sentence to name the unit:
 * (1.3 GB, 1 GB) -> ["1.3", "1"].
 */
export function gigabytesOf(
  used: number | bigint,
  cap: number | bigint,
  locale: Locale,
): [string, string] {
  const digits = Math.max(gigabyteDigits(used), gigabyteDigits(cap));
  return [gigabytes(used, locale, digits), gigabytes(cap, locale, digits)];
}

/**
 * formatRate writes a data rate in decimal units, as network tools do:
 * 1500 -> "1.5 kB/s", 12_400_000 -> "12.4 MB/s".
 */
export function formatRate(bytesPerSecond: number, locale: Locale): string {
  const { text, unit } = scaled(Math.max(0, bytesPerSecond), 1000, rateUnits, locale);
  return `${text} ${unit}`;
}

/** usageShare is the share used of a total from 0 to 1 (0 when the total is unknown). */
export function usageShare(used: number | bigint, total: number | bigint): number {
  const t = Number(total);
  if (!(t > 0)) return 0;
  return Math.min(1, Math.max(0, Number(used) / t));
}

/** countryName names a country by its two-letter code: "DE" -> "Germany" / "Deutschland". */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale[locale]], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
