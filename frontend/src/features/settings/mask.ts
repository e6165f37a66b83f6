/** snake writes a camelCase field name as the proto field name: postalCode -> postal_code. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function at(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : v),
      value,
    );
}

/** comparable writes a value as JSON, int64 fields (bigint, e.g. a fee in cents) as their digits. */
function comparable(value: unknown): string | undefined {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * changedPaths lists the update_mask paths of the fields that differ between
 * two versions of a settings section: each field is compared on its own, so
 * the mask names exactly the changed ones ("company.address.city", not
 * "company"). Fields are given as camelCase paths inside the section.
 */
export function changedPaths(
  section: string,
  fields: readonly string[],
  before: object,
  after: object,
): string[] {
  return fields
    .filter((path) => comparable(at(before, path)) !== comparable(at(after, path)))
    .map((path) => `${section}.${path.split(".").map(snake).join(".")}`);
}

/** fieldId is the id of the input of a settings field, by its proto path: "bank.iban" -> "settings-bank-iban". */
export function fieldId(path: string): string {
  return `settings-${path.replace(/\./g, "-")}`;
}
