import type { MessageParams } from "./i18n";

/**
 * codedParams turns the values of a coded text (a run's summary, a health
 * reason, a connection's health), which the API sends as strings, into what
 * its message needs: whole numbers as numbers (for plurals and the locale's
 * digits), durations (names ending in _ms) written out when a formatter is
 * given, anything else as it is.
 */
export function codedParams(
  params: Record<string, string>,
  formatDuration?: (ms: number) => string,
): MessageParams {
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (formatDuration && name.endsWith("_ms") && /^\d+$/.test(value)) {
      out[name] = formatDuration(Number(value));
    } else if (/^-?\d+$/.test(value)) out[name] = Number(value);
    else out[name] = value;
  }
  return out;
}
