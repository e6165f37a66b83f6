import { intlLocale, zoneName, type Locale } from "@/lib/format";
import { translate } from "@/lib/i18n/i18n";

/** A field of a cron expression that names one value, e.g. "5"; not "*", "*\/5", "1-5" or "1,3". */
function single(field: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(field)) return undefined;
  const value = Number(field);
  return value >= min && value <= max ? value : undefined;
}

const weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** The day of the week a cron field names (0 and 7 are Sunday; SUN…SAT are allowed). */
function weekday(field: string): number | undefined {
  const named = weekdayNames.indexOf(field.toUpperCase());
  if (named >= 0) return named;
  const value = single(field, 0, 7);
  return value === undefined ? undefined : value % 7;
}

const pad = (n: number) => String(n).padStart(2, "0");

const englishSuffixes: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };

/** ordinal writes a day of the month as an ordinal: 1st, 22nd / 1., 22. */
export function ordinal(n: number, locale: Locale): string {
  if (locale === "de") return `${n}.`;
  const rule = new Intl.PluralRules(intlLocale[locale], { type: "ordinal" }).select(n);
  return `${n}${englishSuffixes[rule] ?? "th"}`;
}

/** Where a schedule is to be shown in another zone than UTC, its next run there. */
export interface ScheduleZone {
  /** The IANA zone to describe the schedule in. */
  timeZone: string;
  /** The schedule's next run: the zone's offset and date at that moment apply. */
  next: Date;
}

/** The wall-clock parts of a moment in a zone. */
function zoned(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    day: "numeric",
    weekday: "short",
    timeZoneName: "short",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return {
    hour: Number(part("hour")),
    minute: Number(part("minute")),
    day: Number(part("day")),
    weekday: weekdayNames.indexOf(part("weekday").toUpperCase()),
  };
}

/**
 * describeSchedule says in words when a cron expression (minute hour
 * day-of-month month day-of-week, in UTC) runs: "0 2 * * *" is "Daily at
 * 02:00 UTC". It knows the common forms (every minute, hourly, daily, weekly
 * on one day, monthly on one day) and returns any other expression as it is.
 * Given a zone and the next run, the times are those of that zone, labelled
 * with its name ("Daily at 03:00 CET"); a monthly day that the zone moves to
 * another day stays in UTC.
 */
export function describeSchedule(expression: string, locale: Locale, zone?: ScheduleZone): string {
  const inUTC = describeIn(expression, locale);
  if (!zone || zone.timeZone === "UTC") return inUTC;
  return describeIn(expression, locale, zone) ?? inUTC;
}

function describeIn(expression: string, locale: Locale): string;
function describeIn(expression: string, locale: Locale, zone: ScheduleZone): string | undefined;
function describeIn(expression: string, locale: Locale, zone?: ScheduleZone): string | undefined {
  const raw = expression.trim();
  const fields = raw.split(/\s+/);
  if (fields.length !== 5) return raw;
  const [minuteField, hourField, dayField, monthField, weekdayField] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (monthField !== "*") return raw;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(locale, key, params);

  if (fields.every((f) => f === "*")) return t("schedule.everyMinute");

  const minute = single(minuteField, 0, 59);
  if (minute === undefined) return raw;
  const local = zone ? zoned(zone.next, zone.timeZone) : undefined;
  const label = zone ? zoneName(zone.next, locale, zone.timeZone) : "UTC";

  if (hourField === "*") {
    return dayField === "*" && weekdayField === "*"
      ? t("schedule.hourly", { minute: pad(local?.minute ?? minute), zone: label })
      : raw;
  }
  const hour = single(hourField, 0, 23);
  if (hour === undefined) return raw;
  const time = local ? `${pad(local.hour)}:${pad(local.minute)}` : `${pad(hour)}:${pad(minute)}`;

  if (dayField === "*" && weekdayField === "*") return t("schedule.daily", { time, zone: label });
  if (dayField === "*") {
    const day = local ? local.weekday : weekday(weekdayField);
    if (day === undefined || day < 0) return raw;
    return t("schedule.weekly", {
      weekday: t(`schedule.weekday.${day}` as Parameters<typeof translate>[1]),
      time,
      zone: label,
    });
  }
  if (weekdayField === "*") {
    const day = single(dayField, 1, 31);
    if (day === undefined) return raw;
    if (local && local.day !== day) return undefined;
    return t("schedule.monthly", { day: ordinal(day, locale), time, zone: label });
  }
  return raw;
}
