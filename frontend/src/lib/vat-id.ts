/** normalizeVatId removes spaces, dots and dashes and upper-cases: "de 136 695 976" -> "DE136695976". */
export function normalizeVatId(value: string): string {
  return value.replace(/[\s.-]+/g, "").toUpperCase();
}

/**
 * vatIdProblem checks the basic form of a VAT identification number: a
 * two-letter country code and 2 to 12 letters or digits; a German one is DE
 * and nine digits. It returns null when the form is right. The server also
 * checks each country's format and the German check digit.
 */
export function vatIdProblem(value: string): "format" | "germanFormat" | null {
  const vatId = normalizeVatId(value);
  if (!/^[A-Z]{2}[A-Z0-9]{2,12}$/.test(vatId)) return "format";
  if (vatId.startsWith("DE") && !/^DE\d{9}$/.test(vatId)) return "germanFormat";
  return null;
}
