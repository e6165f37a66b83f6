import type { RevenueMonth } from "@leitstand/sdk/leitstand/admin/v1/dashboard_service_pb.js";
import { intlLocale, type Locale } from "@/lib/format";

/**
 * How the dashboard's revenue reads: the months of the chart, its amounts in
 * whole currency units (the API sends cents), and the MRR's change.
 */

/** monthDate is the first day of a month (YYYY-MM) at midnight UTC, to be formatted in UTC. */
function monthDate(month: string): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

function formatIn(month: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return new Intl.DateTimeFormat(intlLocale[locale], { ...options, timeZone: "UTC" }).format(
    monthDate(month),
  );
}

/** monthLabel is a month on the chart's axis: "Nov 26" / "Nov. 26". */
export function monthLabel(month: string, locale: Locale): string {
  return formatIn(month, locale, { month: "short", year: "2-digit" });
}

/** monthName is a month in full, as the chart's tooltip heads it: "November 2026". */
export function monthName(month: string, locale: Locale): string {
  return formatIn(month, locale, { month: "long", year: "numeric" });
}

/** firstDay is a month's first day, as the MRR's change is measured from it: "1 Nov" / "1. Nov.". */
export function firstDay(month: string, locale: Locale): string {
  return formatIn(month, locale, { day: "numeric", month: "short" });
}

/** A month of the chart, its amounts in whole currency units. */
export interface RevenuePoint {
  month: string;
  mrr: number;
  invoiced: number;
}

/** minorUnits is how many minor units (cents) a currency's unit has: 100 for EUR. */
export function minorUnits(currency: string): number {
  const digits =
    new Intl.NumberFormat("en", {
      style: "currency",
      currency: currency.toUpperCase() || "EUR",
    }).resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/** revenuePoints are the chart's months, oldest first: cents become euros. */
export function revenuePoints(months: RevenueMonth[], currency: string): RevenuePoint[] {
  const unit = minorUnits(currency);
  return months.map((m) => ({
    month: m.month,
    mrr: Number(m.mrrCents) / unit,
    invoiced: Number(m.invoicedNetCents) / unit,
  }));
}

/** totalInvoiced sums the months' net invoiced, in cents. */
export function totalInvoiced(months: RevenueMonth[]): bigint {
  return months.reduce((sum, m) => sum + m.invoicedNetCents, 0n);
}

/** The MRR today against the first day of last month. */
export interface MrrChange {
  /** The month the change is measured from (YYYY-MM): its first day. */
  since: string;
  /** Today's MRR less that day's, in cents. */
  cents: bigint;
  /** The change as a share of that day's MRR; undefined when it was zero. */
  share: number | undefined;
}

/**
 * mrrChange compares today's MRR with the MRR on the first day of last
 * month (the months run oldest first, this month last, whose MRR is
 * today's); undefined when there is no last month.
 */
export function mrrChange(todayCents: bigint, months: RevenueMonth[]): MrrChange | undefined {
  const previous = months.at(-2);
  if (!previous) return undefined;
  const cents = todayCents - previous.mrrCents;
  const share = previous.mrrCents > 0n ? Number(cents) / Number(previous.mrrCents) : undefined;
  return { since: previous.month, cents, share };
}

/** formatChange writes a share with its sign: "+2.5%" / "+2,5 %", "-10%", "0%". */
export function formatChange(share: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale], {
    style: "percent",
    signDisplay: "exceptZero",
    maximumFractionDigits: 1,
  }).format(share);
}

/**
 * compactMoney writes an amount of whole currency units briefly, for a
 * chart's axis: "€12.5k", "1,2 Mio. €".
 */
export function compactMoney(amount: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale], {
    style: "currency",
    currency: currency.toUpperCase() || "EUR",
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(amount);
}
