/**
 * Percentages as people type and read them: up to two decimals ("10",
 * "12.5", "12,75"), which the API keeps in basis points (1000 is 10 %): a
 * discount, a partner's commission.
 */
import type { Locale } from "@/lib/format";

/** The most a percentage in basis points may be: 100 %. */
export const maxBasisPoints = 10000;

/**
 * parsePercent reads a percentage typed with up to two decimals, a point or
 * a comma, and an optional "%" into basis points, exactly ("12.5" is 1250);
 * null when it is no such number or not above 0 % (at least 0 % with
 * `zero`) and at most 100 %.
 */
export function parsePercent(text: string, { zero = false } = {}): number | null {
  const s = text.replace(/\s|%/g, "");
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const basisPoints = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return basisPoints >= (zero ? 0 : 1) && basisPoints <= maxBasisPoints ? basisPoints : null;
}

/** percentText shows basis points as a percentage: "10%", "12.5%" (en), "10 %", "12,5 %" (de). */
export function percentText(basisPoints: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    basisPoints / 10000,
  );
}

/** percentInput writes basis points as the form shows them: "12.5" (en) or "12,5" (de). */
export function percentInput(basisPoints: number, locale: Locale): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  if (rest === 0) return String(whole);
  const decimals = String(rest).padStart(2, "0").replace(/0$/, "");
  return `${whole}${locale === "de" ? "," : "."}${decimals}`;
}
