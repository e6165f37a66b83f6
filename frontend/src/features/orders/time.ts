/** formatMinutes shows minutes as hours and minutes, h:mm (90 → "1:30"). */
export function formatMinutes(minutes: number | bigint): string {
  const m = Math.max(0, Math.round(Number(minutes)));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/**
 * parseDuration reads what staff type for time worked: "1:30" (h:mm), "90"
 * (minutes), "1.5" or "1,5" (hours); null when it is none of these or not
 * 1 minute to 24 hours, which the API accepts.
 */
export function parseDuration(text: string): number | null {
  const value = text.trim();
  let minutes: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2}):([0-5]\d)$/.exec(value))) {
    minutes = Number(match[1]) * 60 + Number(match[2]);
  } else if (/^\d{1,4}$/.test(value)) {
    minutes = Number(value);
  } else if ((match = /^(\d{1,2})[.,](\d{1,2})$/.exec(value))) {
    minutes = Math.round(Number(`${match[1]}.${match[2]}`) * 60);
  } else {
    return null;
  }
  return minutes >= 1 && minutes <= 1440 ? minutes : null;
}

/** formatElapsed shows a running timer's time since it started, h:mm:ss. */
export function formatElapsed(start: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - start.getTime()) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/** isoDay is a day as the API writes it, YYYY-MM-DD, in the browser's calendar. */
export function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** progress is how far a process got: its steps done, of all. */
export function progress(steps: readonly { doneTime?: unknown }[]): {
  done: number;
  total: number;
} {
  return { done: steps.filter((s) => s.doneTime !== undefined).length, total: steps.length };
}

/** moveItem moves the item at index by delta places (−1 up, +1 down); out of range changes nothing. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}
