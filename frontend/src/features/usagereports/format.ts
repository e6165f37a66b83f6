import { intlLocale, type Locale } from "@/lib/format";

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

/** hours writes minutes as hours with one decimal, as a number. */
export function hoursOf(minutes: bigint): number {
  return Math.round(Number(minutes) / 6) / 10;
}
