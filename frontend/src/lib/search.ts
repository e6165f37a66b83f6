/** A month in the URL, YYYY-MM, or empty. */
export const urlMonth = /^(\d{4}-(0[1-9]|1[0-2]))?$/;

/** parseList reads a list filter of the URL ("A,B") into the known names, in their order. */
export function parseList<T extends string>(value: string, names: readonly T[]): T[] {
  const given = value.split(",").map((s) => s.trim().toUpperCase());
  return names.filter((n) => given.includes(n));
}
