import { formatDate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/i18n";

/**
 * formatDueDate formats a due date ("2026-03-14"), a calendar day without
 * a time: read and shown in UTC, so that no time zone moves it a day.
 */
export function formatDueDate(day: string, locale: Locale): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : formatDate(date, locale, "UTC");
}
