/**
 * Discounts as people type and read them: a percentage with up to two
 * decimals ("10", "12.5", "12,75"), which the API keeps in basis points
 * (1000 is 10 %).
 */
import type { Locale } from "@/lib/i18n/i18n";

/** The most a discount takes off: 100 %. */
export const maxBasisPoints = 10000;

/**
 * parsePercent reads a percentage typed with up to two decimals, a point or
 * a comma, and an optional "%" into basis points, exactly ("12.5" is 1250);
 * null when it is no such number or not above 0 % and at most 100 %.
 */
export function parsePercent(text: string): number | null {
  const s = text.replace(/\s|%/g, "");
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const basisPoints = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return basisPoints >= 1 && basisPoints <= maxBasisPoints ? basisPoints : null;
}

/** percentText shows basis points as a percentage: "10%", "12.5%" (en), "10 %", "12,5 %" (de). */
export function percentText(basisPoints: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    basisPoints / 10000,
  );
}
