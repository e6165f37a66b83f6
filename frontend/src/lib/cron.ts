import { intlLocale, type Locale } from "@/lib/format";
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

/**
 * describeSchedule says in words when a cron expression (minute hour
 * day-of-month month day-of-week, in UTC) runs: "0 2 * * *" is "Daily at
 * 02:00 UTC". It knows the common forms (every minute, hourly, daily, weekly
 * on one day, monthly on one day) and returns any other expression as it is.
 */
export function describeSchedule(expression: string, locale: Locale): string {
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

  if (hourField === "*") {
    return dayField === "*" && weekdayField === "*"
      ? t("schedule.hourly", { minute: pad(minute) })
      : raw;
  }
  const hour = single(hourField, 0, 23);
  if (hour === undefined) return raw;
  const time = `${pad(hour)}:${pad(minute)}`;

  if (dayField === "*" && weekdayField === "*") return t("schedule.daily", { time });
  if (dayField === "*") {
    const day = weekday(weekdayField);
    if (day === undefined) return raw;
    return t("schedule.weekly", {
      weekday: t(`schedule.weekday.${day}` as Parameters<typeof translate>[1]),
      time,
    });
  }
  if (weekdayField === "*") {
    const day = single(dayField, 1, 31);
    if (day === undefined) return raw;
    return t("schedule.monthly", { day: ordinal(day, locale), time });
  }
  return raw;
}
