import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { Code } from "@connectrpc/connect";
import { asConnectError, errorMessage, violationMessage } from "@/lib/api-errors";
import type { Locale } from "@/lib/i18n/i18n";

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The form's names of the request's fields, where they differ. */
const aliases: Record<string, string> = { unitPriceCents: "unitPrice" };

export interface PlacedErrors {
  /** Messages by the form's field path: "organizationId", "lines.0.description". */
  fields: Record<string, string>;
  /** What no field shows. */
  message: string | null;
}

/**
 * placeErrors puts the server's refusal of a manual invoice at the form's
 * fields. A line's field is named with its index in either way the server
 * writes it: as the subscript of "lines" (protovalidate) or in the name
 * ("lines[0].description"). A line's field without an index, and anything
 * the form has no field for, is said above the form.
 */
export function placeErrors(
  error: unknown,
  formFields: ReadonlySet<string>,
  locale: Locale,
): PlacedErrors {
  const err = asConnectError(error);
  const details = err.code === Code.InvalidArgument ? err.findDetails(ViolationsSchema) : [];
  const violations = details.flatMap((d) => d.violations);
  if (violations.length === 0) return { fields: {}, message: errorMessage(error, locale) };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const v of violations) {
    const parts: string[] = [];
    const names: string[] = [];
    for (const element of v.field?.elements ?? []) {
      const name = element.fieldName ?? "";
      const indexed = /^(.*)\[(\d+)\]$/.exec(name);
      const field = camel(indexed ? indexed[1]! : name);
      names.push(indexed ? indexed[1]! : name);
      parts.push(aliases[field] ?? field);
      if (indexed) parts.push(indexed[2]!);
      else if (element.subscript.case === "index") parts.push(String(element.subscript.value));
    }
    const message = violationMessage(
      { path: names, ruleId: v.ruleId ?? "", message: v.message ?? "" },
      locale,
    );
    const path = parts.join(".");
    if (formFields.has(path)) fields[path] ??= message;
    else unplaced.push(path ? `${path}: ${message}` : message);
  }
  return { fields, message: unplaced.length > 0 ? unplaced.join("\n") : null };
}
