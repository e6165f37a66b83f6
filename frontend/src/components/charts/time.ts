/**
 * Time axes of the charts: ticks at round times of the display time zone
 * (every 10 minutes over an hour, every 3 hours over a day, every day over
 * a week or a month) and their labels. Pure functions, so the rules are
 * tested without a chart.
 */
import { intlLocale, type Locale } from "@/lib/format";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The steps a time axis may have, shortest first. Each divides a day evenly. */
const steps = [
  minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
];

/**
 * tickStep picks the step of a time axis over a span: the shortest round
 * step that gives at most maxTicks ticks. Spans longer than maxTicks days get
 * a tick every day (the chart leaves out labels that do not fit, keeping a
 * regular stride).
 */
export function tickStep(spanMs: number, maxTicks = 8): number {
  return steps.find((s) => spanMs / s <= maxTicks) ?? day;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(time: number, timeZone: string): WallClock {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    partsFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(time)).map((p) => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

/** The zone's offset from UTC at a moment, in ms (CET: +1 h). */
function offsetAt(time: number, timeZone: string): number {
  const w = wallClock(time, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(time / minute) * minute;
}

/**
 * The moment a wall-clock time (given as if it were UTC) has in the zone.
 * A time that a change to summer time skips maps to the moment after.
 */
function fromWallClock(naive: number, timeZone: string): number {
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}

/**
 * timeTicks lists the ticks of a time axis from start to end (both
 * inclusive, in ms): multiples of the step on the wall clock of the time
 * zone (03:00, 06:00, …; each midnight for a day), so they stay round across
 * a change to or from summer time.
 */
export function timeTicks(start: number, end: number, step: number, timeZone: string): number[] {
  if (!(end > start) || !(step > 0)) return [];
  const w = wallClock(start, timeZone);
  const ticks: number[] = [];
  const add = (naive: number) => {
    const time = fromWallClock(naive, timeZone);
    if (time >= start && time <= end && time !== ticks.at(-1)) ticks.push(time);
    return time;
  };
  if (step >= day) {
    const days = Math.round(step / day);
    for (let i = 0; ; i += days) {
      const naive = Date.UTC(w.year, w.month - 1, w.day + i);
      if (add(naive) > end) break;
    }
    return ticks;
  }
  // The day's own multiples of the step, day after day (a day with a change
  // of summer time has one tick more or less, never a shifted one).
  for (let d = 0; ; d++) {
    const dayStart = Date.UTC(w.year, w.month - 1, w.day + d);
    if (fromWallClock(dayStart, timeZone) > end) break;
    const first = d === 0 ? Math.floor((w.hour * hour + w.minute * minute) / step) * step : 0;
    for (let offset = first; offset < day; offset += step) add(dayStart + offset);
  }
  return ticks;
}

/**
 * tickFormatter labels the ticks of an axis in the display time zone: the
 * time of day for steps under a day, with the date at midnight ("21 Nov"),
 * and the date for steps of a day or more.
 */
export function tickFormatter(step: number, locale: Locale, timeZone: string) {
  const dateFormat = new Intl.DateTimeFormat(intlLocale[locale], {
    day: "numeric",
    month: "short",
    timeZone,
  });
  const timeFormat = new Intl.DateTimeFormat(intlLocale[locale], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  return (time: number) => {
    if (step >= day) return dateFormat.format(new Date(time));
    const w = wallClock(time, timeZone);
    return w.hour === 0 && w.minute === 0
      ? dateFormat.format(new Date(time))
      : timeFormat.format(new Date(time));
  };
}
