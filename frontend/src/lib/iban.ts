/**
 * Bank account identifiers: the IBAN (ISO 13616) with its check digits and
 * its country's length, and the BIC (ISO 9362). The server checks them too;
 * these catch a typo while it is typed.
 */

/** The length of an IBAN in each country that issues them (the SEPA area and beyond). */
export const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** normalizeIban removes spaces (and dashes) and upper-cases: "de89 3704…" -> "DE893704…". */
export function normalizeIban(value: string): string {
  return value.replace(/[\s-]+/g, "").toUpperCase();
}

/** formatIban writes an IBAN in groups of four: "DE89 3704 0044 0532 0130 00". */
export function formatIban(value: string): string {
  return normalizeIban(value)
    .replace(/(.{4})/g, "$1 ")
    .trim();
}

/** mod97 computes the remainder of the IBAN's rearranged number by 97, digit by digit. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** What is wrong with an IBAN: its form, its length for the country, or its check digits. */
export type IbanProblem =
  { kind: "format" } | { kind: "length"; country: string; length: number } | { kind: "checksum" };

/**
 * ibanProblem tells what is wrong with an IBAN, or null when it is valid.
 * Spaces are allowed. Countries outside the table are checked for their form
 * and check digits only.
 */
export function ibanProblem(value: string): IbanProblem | null {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) {
    const country = iban.slice(0, 2);
    const length = ibanLengths[country];
    if (length !== undefined && /^[A-Z]{2}\d{2}[A-Z0-9]*$/.test(iban)) {
      return { kind: "length", country, length };
    }
    return { kind: "format" };
  }
  const country = iban.slice(0, 2);
  const length = ibanLengths[country];
  if (length !== undefined && iban.length !== length) return { kind: "length", country, length };
  if (mod97(iban) !== 1) return { kind: "checksum" };
  return null;
}

export function isValidIban(value: string): boolean {
  return ibanProblem(value) === null;
}

/** isValidBic checks the form of a BIC: bank, country, location and an optional branch. */
export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value.trim().toUpperCase());
}
