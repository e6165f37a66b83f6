export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  /** The field's path, e.g. "billing_address.city". */
  path: string;
  before?: string;
  after?: string;
  kind: DiffKind;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function parse(text: string): Json | undefined {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** flatten turns nested objects into dotted paths; arrays and scalars are leaves. */
function flatten(value: Json | undefined, prefix: string, out: Map<string, string>): void {
  if (value === undefined) return;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, "{}");
    for (const key of keys) flatten(value[key], prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix || "(value)", typeof value === "string" ? value : JSON.stringify(value));
}

/**
 * diffJson compares an audit event's before and after JSON field by field,
 * keeping the order of the fields as they first appear.
 */
export function diffJson(beforeJson: string, afterJson: string): DiffRow[] {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  flatten(parse(beforeJson), "", before);
  flatten(parse(afterJson), "", after);
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  return paths.map((path) => {
    const b = before.get(path);
    const a = after.get(path);
    const kind: DiffKind =
      b === undefined ? "added" : a === undefined ? "removed" : a === b ? "unchanged" : "changed";
    return { path, before: b, after: a, kind };
  });
}
