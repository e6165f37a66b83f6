import type { UptimeDay } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { intlLocale, type Locale } from "@/lib/format";

/** The parts of a day the uptime chart stacks, bottom up. */
export const uptimeSeries = ["online", "disruption", "incident", "unmeasured"] as const;
export type UptimeSeries = (typeof uptimeSeries)[number];

/** One bar of the uptime chart: a UTC day, its parts in hours, and its availability. */
export type UptimeBar = { date: string; label: string; availability: number | undefined } & Record<
  UptimeSeries,
  number
>;

const hours = (seconds: bigint) => Number(seconds) / 3600;

/**
 * dayLabel names a UTC day (YYYY-MM-DD) short, in the interface's language:
 * "3 Dec" / "3. Dez.". The day is the server's UTC day, so it is formatted
 * in UTC, never moved into the browser's zone.
 */
export function dayLabel(date: string, locale: Locale): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(day);
}

/** uptimeBars turns the days of GetServiceUptime into the chart's bars, oldest first. */
export function uptimeBars(days: UptimeDay[], locale: Locale): UptimeBar[] {
  return days.map((d) => ({
    date: d.date,
    label: dayLabel(d.date, locale),
    online: hours(d.onlineSeconds),
    disruption: hours(d.disruptionSeconds),
    incident: hours(d.incidentSeconds),
    unmeasured: hours(d.unmeasuredSeconds),
    availability: d.availability,
  }));
}

/**
 * formatAvailability writes an availability (0 to 1) as a percentage with
 * two decimals, "99.87 %", or "—" where nothing was measured. It is
 * rounded down: a service down for a few seconds is not shown as 100.00 %.
 */
export function formatAvailability(availability: number | undefined, locale: Locale): string {
  if (availability === undefined || Number.isNaN(availability)) return "—";
  // The epsilon keeps a float just under a boundary (0.9987 as 0.99869…) on it.
  const percent = Math.floor(Math.min(1, Math.max(0, availability)) * 10000 + 1e-6) / 100;
  const number = new Intl.NumberFormat(intlLocale[locale], {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(percent);
  return `${number} %`;
}
