/**
 * Prices as people type and read them: euros with cents (the API keeps
 * cents).
 */

/**
 * parsePrice reads a price typed in euros ("89", "89.9", "89,90", "1.234,50",
 * "1,234.50") into cents; null when it is not a price.
 */
export function parsePrice(text: string): bigint | null {
  const s = text.replace(/[\s€]/g, "");
  if (!/^\d[\d.,]*$/.test(s)) return null;
  // The last separator followed by one or two digits is the decimal one;
  // the others group thousands.
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = (m[1] ?? "").replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole)) return null;
  const cents = (m[2] ?? "").padEnd(2, "0");
  return BigInt(whole) * 100n + BigInt(cents || "0");
}

/** priceInput writes cents as the form shows them: "89.90" (en) or "89,90" (de). */
export function priceInput(cents: bigint, locale: "en" | "de"): string {
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, "0");
  return `${whole}${locale === "de" ? "," : "."}${rest}`;
}
